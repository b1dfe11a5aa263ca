"""Mark services a full feed no longer lists as inactive: audited, never deleted."""
from sqlalchemy import select

from directory.errors import NotFound
from directory.store.writes import set_service_status
from ingest.models import SourceRecord

from .identity import forget_content


def missing_services(session, source, run_id, limit):
    """Return up to `limit` ids of this source's services run `run_id` did not see."""
    seen = (select(SourceRecord.record_id)
            .where(SourceRecord.source == source, SourceRecord.kind == "service",
                   SourceRecord.last_seen_run_id == run_id))
    query = (select(SourceRecord.record_id).distinct()
             .where(SourceRecord.source == source, SourceRecord.kind == "service",
                    SourceRecord.content_hash.is_not(None),
                    SourceRecord.record_id.not_in(seen))
             .order_by(SourceRecord.record_id).limit(limit))
    return list(session.scalars(query))


def deactivate_missing(session, source, run_id, *, actor, batch_size=500, on_batch=None):
    """Set every missing service inactive, committing in batches; return how many changed."""
    count = 0
    # Each chunk loses its hashes below, so the next query returns the next chunk.
    while chunk := missing_services(session, source, run_id, batch_size):
        for record_id in chunk:
            try:
                result = set_service_status(session, record_id, "inactive", actor)
            except NotFound:
                continue  # removed from the store by hand: nothing left to deactivate
            count += result.changed
        # Should the feed list them again, their content must be written anew.
        forget_content(session, source, chunk)
        if on_batch:
            on_batch(count)
        session.commit()
    return count
