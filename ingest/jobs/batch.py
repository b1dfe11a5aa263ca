"""Write one batch of feed items: rejects, unchanged skips, merges, saves and links.

Everything a batch does is in the caller's transaction; the runner commits it together with
the run's counters, so a batch is either wholly in the store or not at all.
"""
from collections import Counter, defaultdict

from directory.errors import InvalidInput
from directory.store.bulk import BulkSaver
from directory.store.models import Organization, Service
from directory.taxonomy import save_feed_term
from ingest.models import IngestReject
from ingest.sources import Reject

from . import dedupe
from .geocode import geocode_missing
from .identity import load_identities, mark_seen, remember, write_new

MODELS = {"organization": Organization, "service": Service}


def describe(error):
    """Return a one-line reason from an InvalidInput: its message and each field's errors."""
    fields = "; ".join(f"{name}: {', '.join(map(str, problems))}"
                       for name, problems in (error.errors or {}).items())
    return f"{error} ({fields})" if fields else str(error)


class BatchWriter:
    """Writes batches of one source's items for one run and counts what happened."""

    def __init__(self, session, run_id, source_name, *, actor, geocoder):
        self.session, self.run_id, self.source = session, run_id, source_name
        self.actor, self.geocoder = actor, geocoder
        self.counts = Counter()
        self.service_keys = dedupe.ServiceKeys(session)
        self.terms_written = set()
        self.saver = None  # the current batch's BulkSaver
        self.new_identities = []  # NewIdentity rows of the current batch, not yet inserted

    def write(self, items):
        """Write a batch of Prepared records and Rejects (organizations before services)."""
        by_kind = defaultdict(list)
        for item in items:
            self.counts["read"] += 1
            if isinstance(item, Reject):
                self.reject(item.file, item.line, item.external_id, item.reason)
            else:
                by_kind[item.record.kind].append(item)
        for kind in ("organization", "service"):
            if by_kind[kind]:
                self._records(kind, by_kind[kind])

    def reject(self, file, line, external_id, reason):
        """Record a row that was not imported."""
        self.session.add(IngestReject(run_id=self.run_id, file=file, line=line,
                                      external_id=external_id, reason=reason))
        self.counts["rejected"] += 1

    def _records(self, kind, items):
        known = load_identities(self.session, self.source, kind,
                                {item.record.external_id for item in items})
        fresh, seen = [], []
        for item in items:
            record, data, digest = item.record, item.data, item.digest
            row = known.get(record.external_id)
            if row is not None and row.content_hash == digest:
                seen.append(row)
                self.counts["merged" if row.record_id != data["id"] else "unchanged"] += 1
            else:
                fresh.append(item)
        mark_seen(self.session, seen, self.run_id)
        if fresh:
            self._write_fresh(kind, fresh, known)

    def _write_fresh(self, kind, fresh, known):
        if kind == "service":
            self.service_keys.prime([item.data for item in fresh])
        # One saver per batch: existing rows load in one query per table, one flush at the end.
        self.saver = BulkSaver(self.session, actor=self.actor, core_inserts=True)
        self.saver.prefetch(MODELS[kind], [item.data for item in fresh])
        keys = {item.record.external_id: self._keys(kind, item.data) for item in fresh}
        matches = defaultdict(list)
        for row in dedupe.find_matches(self.session, kind,
                                       [key for pair in keys.values() for key in pair]):
            for key in (row.address_key, row.phone_key):
                if key:
                    matches[key].append(row)
        for item in fresh:
            external_id = item.record.external_id
            found = [row for key in keys[external_id] if key for row in matches[key]
                     if row.external_id != external_id or row.source != self.source]
            row = self._write_one(kind, item, keys[external_id], found, known)
            for key in (row.address_key, row.phone_key) if row is not None else ():
                if key:
                    matches[key].append(row)
        self.saver.finish()
        # The saver holds the batch's rows: let them go with the batch (tuning.between_batches).
        self.saver = None
        write_new(self.session, self.new_identities)

    def _keys(self, kind, data):
        if kind == "organization":
            return dedupe.organization_keys(data)
        return self.service_keys.keys(data)

    def _write_one(self, kind, item, keys, found, known):
        """Merge, or save and link, one new or changed record; return its SourceRecord."""
        record, data, digest = item.record, item.data, item.digest
        twin = next((row for row in found if row.source == self.source
                     and row.last_seen_run_id == self.run_id), None)
        if kind == "service" and twin is not None:
            # The feed lists this service twice: keep the first, point this id at it.
            self.counts["merged"] += 1
            dedupe.link(self.session, self.run_id, kind, data["id"], twin.record_id,
                        f"merged: same service as {self.source} record {twin.external_id}")
            return remember(self.session, known, source=self.source, kind=kind,
                            external_id=record.external_id, record_id=twin.record_id,
                            digest=digest, keys=(None, None), run_id=self.run_id,
                            new=self.new_identities)
        if not self._save(kind, item):
            return None
        for other in found[:1]:
            dedupe.link(self.session, self.run_id, kind, data["id"], other.record_id,
                        f"same organisation and address or phone as {other.source} "
                        f"record {other.external_id}")
        return remember(self.session, known, source=self.source, kind=kind,
                        external_id=record.external_id, record_id=data["id"],
                        digest=digest, keys=keys, run_id=self.run_id,
                        new=self.new_identities)

    def _save(self, kind, item):
        """Geocode, create the feed's own terms and save; reject the row when invalid."""
        record, data = item.record, item.data
        geocoded = geocode_missing(kind, data, self.geocoder)
        try:
            self._write_terms(item.terms)
            result = self.saver.save(MODELS[kind], data)
        except InvalidInput as error:
            # Validation runs before anything is flushed, so the batch stays clean.
            self.reject(record.file, record.line, record.external_id, describe(error))
            return False
        self.counts["geocoded"] += geocoded
        self.counts["created" if result.created else
                    "updated" if result.changed else "unchanged"] += 1
        return True

    def _write_terms(self, terms):
        new = [term for term in terms if term["id"] not in self.terms_written]
        for term in new:
            save_feed_term(self.session, term)
            self.terms_written.add(term["id"])
        if new:
            # The store validates with autoflush off: the terms must be in the database.
            self.session.flush()
