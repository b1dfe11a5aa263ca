"""The audit trail: collect field-level changes during a save, then write HSDS metadata rows."""
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import insert

from .ids import new_id
from .models import Metadata
from .values import as_text

CREATE, UPDATE, DELETE = "create", "update", "delete"


class Change(NamedTuple):
    """One change to one record; becomes one metadata row.

    A named tuple (immutable, compared by value): a first feed run makes one per row it
    creates, and building a frozen dataclass cost several times as much.
    """

    resource_id: str
    resource_type: str
    action: str
    field_name: str = "*"
    previous_value: str = ""
    replacement_value: str = ""


@dataclass
class Journal:
    """The changes of one save, plus the locations they touched."""

    changes: list = field(default_factory=list)
    touched_locations: set = field(default_factory=set)
    # The records made and removed, so a batch can find them again without a query.
    created_records: list = field(default_factory=list)
    deleted_records: list = field(default_factory=list)
    _location_stack: list = field(default_factory=list)

    def record(self, change):
        """Add a change, remembering the location it happened under (if any)."""
        self.changes.append(change)
        if self._location_stack:
            self.touched_locations.add(self._location_stack[-1])

    def created(self, record):
        """Note that `record` was created."""
        self.created_records.append(record)
        self.record(Change(record.id, record.__tablename__, CREATE))

    def deleted(self, record):
        """Note that `record` was deleted."""
        self.deleted_records.append(record)
        self.record(Change(record.id, record.__tablename__, DELETE))

    def updated(self, record, name, old, new):
        """Note that one field of `record` went from `old` to `new`."""
        self.record(Change(record.id, record.__tablename__, UPDATE, name,
                           as_text(old), as_text(new)))

    def enter_location(self, location_id):
        """Attribute the following changes to a location (shared by services)."""
        self._location_stack.append(location_id)

    def leave_location(self):
        """Stop attributing changes to the innermost location."""
        self._location_stack.pop()


def write_metadata(session, changes, *, actor, when):
    """Insert one HSDS metadata row per change, all stamped `when` and `actor`.

    One executemany in the session's transaction: a batch's audit rows cost one statement.
    """
    rows = metadata_rows(changes, actor=actor, when=when)
    if rows:
        session.execute(insert(Metadata), rows)


METADATA_COLUMNS = ("id", "resource_id", "resource_type", "last_action_type", "field_name",
                    "previous_value", "replacement_value", "last_action_date", "updated_by")


def metadata_values(changes, *, actor, when, ids):
    """Return the metadata rows of `changes` as tuples in METADATA_COLUMNS order."""
    # A Change's fields are, in order, the columns from resource_id to replacement_value.
    return [(ident, *change, when, actor) for ident, change in zip(ids, changes)]


def metadata_rows(changes, *, actor, when, ids=None):
    """Return the metadata row dicts of `changes` (for callers that insert them their way).

    `ids` may give the rows' random ids (one per change); by default each gets `new_id()`.
    """
    ids = ids or [new_id() for _ in changes]
    return [dict(zip(METADATA_COLUMNS, values))
            for values in metadata_values(changes, actor=actor, when=when, ids=ids)]
