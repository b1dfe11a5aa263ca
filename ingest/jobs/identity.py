"""Stable identity of feed records: source + kind + external id -> our record, with a hash.

The content hash of a record (after its ids are made stable) lets a re-run skip a record the
feed has not changed without loading it from the store.
"""
import hashlib
import json
from dataclasses import dataclass, fields

from sqlalchemy import select, update

from directory.store.fresh import insert_rows
from ingest.models import SourceRecord


def content_hash(data):
    """Return a hex SHA-256 of an HSDS dict, independent of key order."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_identities(session, source, kind, external_ids):
    """Return {external_id: SourceRecord} for those of `external_ids` seen before."""
    if not external_ids:
        return {}
    query = select(SourceRecord).where(SourceRecord.source == source,
                                       SourceRecord.kind == kind,
                                       SourceRecord.external_id.in_(sorted(external_ids)))
    return {row.external_id: row for row in session.scalars(query)}


@dataclass
class NewIdentity:
    """A SourceRecord this batch creates, held as a plain object until `write_new` inserts it.

    Building and flushing an ORM object per feed record cost more than the record's own
    plain-row insert; nothing reads these back through the session within the batch.
    """

    source: str
    kind: str
    external_id: str
    record_id: str | None = None
    content_hash: str | None = None
    last_seen_run_id: int | None = None
    address_key: str | None = None
    phone_key: str | None = None
    id = None  # assigned by the database


COLUMNS = tuple(column.name for column in fields(NewIdentity))   # what write_new inserts


def remember(session, known, *, source, kind, external_id, record_id, digest, keys, run_id,
             new=None):
    """Create or update the SourceRecord of one feed record; return it.

    With a `new` list, a new identity is a NewIdentity appended to it (see `write_new`).
    """
    row = known.get(external_id)
    if row is None:
        if new is None:
            row = SourceRecord(source=source, kind=kind, external_id=external_id)
            session.add(row)
        else:
            row = NewIdentity(source, kind, external_id)
            new.append(row)
        known[external_id] = row
    row.record_id = record_id
    row.content_hash = digest
    row.address_key, row.phone_key = keys
    row.last_seen_run_id = run_id
    return row


def write_new(session, new):
    """Insert the NewIdentity rows in the session's transaction, and empty the list."""
    insert_rows(session.connection(), SourceRecord.__table__,
                [{name: getattr(row, name) for name in COLUMNS} for row in new])
    new.clear()


def mark_seen(session, rows, run_id):
    """Record that these unchanged SourceRecords were in the feed of run `run_id`."""
    ids = [row.id for row in rows if row.last_seen_run_id != run_id]
    if ids:
        # The ORM-enabled UPDATE also refreshes the rows held in the session.
        session.execute(update(SourceRecord).where(SourceRecord.id.in_(ids))
                        .values(last_seen_run_id=run_id))


def forget_content(session, source, record_ids):
    """Clear the hashes of records we changed ourselves, so the feed's next copy is written."""
    if record_ids:
        session.execute(update(SourceRecord).where(SourceRecord.source == source,
                                                   SourceRecord.record_id.in_(record_ids))
                        .values(content_hash=None))
