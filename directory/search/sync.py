"""Drain the search outbox into the index: re-project each queued service from the store.

Delivery is at-least-once and idempotent. Outbox rows are read in id order, the services they
name are projected from the store as it is *now*, the documents are indexed (stale sites and
removed/inactive services deleted), and only then are exactly those outbox rows deleted. A
crash anywhere before the delete leaves the rows for the next drain, which redoes the same
work with the same result. Rows are deleted by id, never by range: an id below the highest
seen may belong to a transaction that had not committed yet.

Who drains is decided in `directory.search.worker` (one writer process, lock files).
"""
import logging

from sqlalchemy import delete, select

from directory.search.models import SearchOutbox
from directory.search.projection import TermTree, iter_documents, load_services, project
from matcher.backends.base import CandidateQuery

log = logging.getLogger(__name__)

LOOKUP_LIMIT = 10_000   # Elasticsearch's default result window
DELETE_CHUNK = 500      # ids per DELETE ... IN (...), well under every driver's limit


def drain(session, backend, batch=500) -> int:
    """Index every queued service, batch by batch; return the outbox rows processed."""
    total = 0
    while True:
        session.expire_all()  # another process changed the store: never project a stale copy
        query = select(SearchOutbox.id, SearchOutbox.service_id).order_by(SearchOutbox.id)
        rows = session.execute(query.limit(batch)).all()
        if not rows:
            session.rollback()
            return total
        service_ids = list(dict.fromkeys(row.service_id for row in rows))
        documents = documents_of(session, service_ids)
        # End the read transaction before writing: SQLite refuses to upgrade a stale snapshot.
        session.rollback()
        replace_services(backend, service_ids, documents)
        session.execute(delete(SearchOutbox).where(SearchOutbox.id.in_([r.id for r in rows])))
        session.commit()
        total += len(rows)


def documents_of(session, service_ids):
    """Return the current documents of these services (none for deleted or inactive ones)."""
    terms = TermTree(session)
    documents = []
    for service in load_services(session, service_ids):
        documents.extend(project(service, terms))
    return documents


def replace_services(backend, service_ids, documents):
    """Make the index hold exactly `documents` for these services, without an empty moment."""
    fresh = {doc["id"] for doc in documents}
    indexed, overflow = _indexed_ids(backend, service_ids)
    for service_id in overflow:
        backend.delete_service(service_id)  # too many sites to list: clear, then re-add
    if documents:
        backend.index(documents)
    stale = indexed - fresh
    if stale:
        backend.delete(sorted(stale))


def _indexed_ids(backend, service_ids):
    """Return (document ids now indexed for the services, services too large to list)."""
    found, overflow = set(), []
    step = 100
    for start in range(0, len(service_ids), step):
        chunk = tuple(service_ids[start:start + step])
        query = CandidateQuery(service_ids=chunk, active_only=False, limit=LOOKUP_LIMIT)
        hits = backend.candidates(query)
        if len(hits) >= LOOKUP_LIMIT:
            overflow.extend(chunk)
            continue
        found.update(hit.document["id"] for hit in hits)
    return found, overflow


def rebuild(session, backend, batch=500) -> int:
    """Replace the whole index with a fresh projection of the store; return documents.

    Outbox rows already committed when the rebuild starts describe changes the fresh
    projection includes, so they are deleted afterwards (by id, as in `drain`); rows queued
    meanwhile stay for the next drain.
    """
    covered = session.scalars(select(SearchOutbox.id)).all()
    session.rollback()
    count = backend.rebuild(iter_documents(session, batch=batch))
    session.rollback()
    for start in range(0, len(covered), DELETE_CHUNK):
        chunk = covered[start:start + DELETE_CHUNK]
        session.execute(delete(SearchOutbox).where(SearchOutbox.id.in_(chunk)))
    session.commit()
    log.info("search index rebuilt: %d documents", count)
    return count
