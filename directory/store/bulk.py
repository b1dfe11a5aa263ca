"""Save many services or organizations at once: the lone-save rules, set-based database work.

Each record is still checked and applied on its own and in order, with exactly the rules of
`save_service` / `save_organization` (a later record sees what an earlier one did, a bad
record is refused alone). What a batch shares is the database work: every row it may touch
is loaded up front in one query per table (`Prefetch`), the whole batch is flushed once
(inserts and updates go out as executemany per table), services at changed locations are
stamped with one query and the audit rows go out in one statement.
"""
from dataclasses import dataclass, field

from directory.errors import InvalidInput

from .audit import METADATA_COLUMNS, Journal, metadata_values, write_metadata
from .fresh import FreshRows, insert_values, ordered_ids, references_pending
from .models import Metadata, Service, utcnow
from .prefetch import Prefetch
from .reads import services_at_locations
from .sync import apply_node, create
from .validate import clean_tree


@dataclass
class SaveResult:
    """What a save did: the record, whether it was new, whether anything changed, and how.

    In a batch, a refused record has `error` (its InvalidInput) and no record.
    """

    record: object
    created: bool
    changed: bool
    changes: list = field(default_factory=list)
    error: InvalidInput | None = None


class BulkSaver:
    """One batch of saves in the caller's transaction: prefetch, save each, then finish.

    `core_inserts=True` (bulk feeds) writes brand-new trees as plain rows (`fresh`); their
    SaveResult then has no ORM record. Other callers keep getting ORM objects.
    """

    def __init__(self, session, *, actor, core_inserts=False):
        self.session, self.actor = session, actor
        self.lookup = Prefetch(session)
        self.now = utcnow()
        self.changes = []
        self.touched_locations = set()
        self.fresh = FreshRows(session, self.now) if core_inserts else None
        self.lookup.fresh = self.fresh
        self.orm_created = False

    def prefetch(self, model, records):
        """Load every existing row the records name (theirs and their children's)."""
        self.lookup.load(model, records)

    def save(self, model, data, *, assured=False):
        """Check and apply one record in memory; raise InvalidInput with nothing applied."""
        require_object(data, model.__tablename__)
        with self.session.no_autoflush:
            node, new = clean_tree(self.session, model, data, self.lookup)
            journal = Journal()
            if self.fresh is not None and new and not (
                    self.orm_created and references_pending(self.session, self.lookup, node)):
                self.fresh.add(node, journal)
                return self._noted(journal, None, created=True)
            created = node.existing is None
            record = create(self.session, journal, node) if created else node.existing
            apply_node(self.session, journal, record, node)
            if model is Service:
                self._stamp_service(journal, record, assured)
        self.lookup.remember(journal)
        # Only rows this saver created through the ORM can be pending (unflushed) here.
        self.orm_created = self.orm_created or bool(journal.created_records)
        return self._noted(journal, record, created)

    def _noted(self, journal, record, created):
        self.touched_locations |= journal.touched_locations
        self.changes.extend(journal.changes)
        return SaveResult(record, created, bool(journal.changes), list(journal.changes))

    def _stamp_service(self, journal, service, assured):
        """Set last_modified on content changes; assured_date (not a content change) on demand."""
        if journal.changes:
            service.last_modified = self.now
        if assured and service.assured_date != self.now.date():
            journal.updated(service, "assured_date", service.assured_date, self.now.date())
            service.assured_date = self.now.date()

    def finish(self):
        """Flush the batch, stamp services at changed locations and write the audit rows."""
        if self.fresh is not None:
            # Before the flush: ORM rows may reference buffered ones, never the reverse.
            self.fresh.write()
        self.session.flush()
        # After the flush, so services that joined a changed location in this batch count too.
        touched = services_at_locations(self.session, self.touched_locations)
        for service in touched:
            service.last_modified = self.now
        if self.fresh is not None:
            # Bulk feeds: plain rows straight to the driver (`insert_values`), several times
            # cheaper than the ORM's bulk insert of the same rows, in the same transaction.
            insert_values(self.session.connection(), Metadata.__table__, METADATA_COLUMNS,
                          metadata_values(self.changes, actor=self.actor, when=self.now,
                                          ids=ordered_ids(len(self.changes))))
        else:
            write_metadata(self.session, self.changes, actor=self.actor, when=self.now)
        if touched:
            self.session.flush()


def require_object(data, what):
    """Refuse input that is not a JSON object before looking at anything in it."""
    if not isinstance(data, dict):
        raise InvalidInput(f"The {what} must be a JSON object.",
                           errors={"_schema": ["must be an object"]})


def save_bulk(session, model, records, *, actor, assured=False):
    """Save records of one model as one batch; return a SaveResult per record, in order."""
    saver = BulkSaver(session, actor=actor)
    saver.prefetch(model, records)
    results = []
    for data in records:
        try:
            results.append(saver.save(model, data, assured=assured))
        except InvalidInput as error:
            results.append(SaveResult(None, False, False, error=error))
    saver.finish()
    return results
