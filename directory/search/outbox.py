"""Transactional outbox: every store change enqueues its services in the same transaction.

An `after_flush` listener on every ORM session looks at what the flush wrote (new, changed
and deleted rows, with their old foreign keys too), works out which services' documents that
touches, and inserts `search_outbox` rows on the flush's own connection. So the outbox row
commits or rolls back together with the change: nothing is lost if the process dies after
committing, and nothing is queued for a change that never happened.
"""
from sqlalchemy import event, inspect, insert, select
from sqlalchemy.orm import Session

from directory.search.models import SearchOutbox
from directory.store import models as m

SERVICE, SITE, LOCATION, ORGANIZATION, TERM, PHONE = (
    "service", "site", "location", "organization", "term", "phone")
HERE = {"service_id": SERVICE, "service_at_location_id": SITE, "location_id": LOCATION}
# Which foreign keys of a changed row lead to the services whose documents it feeds.
REFS = {
    m.Service: {"id": SERVICE},
    m.ServiceAtLocation: {"service_id": SERVICE, "location_id": LOCATION},
    m.CostOption: {"service_id": SERVICE}, m.RequiredDocument: {"service_id": SERVICE},
    m.ServiceCapacity: {"service_id": SERVICE}, m.Funding: {"service_id": SERVICE},
    m.ServiceArea: {"service_id": SERVICE, "service_at_location_id": SITE},
    m.Schedule: HERE, m.Contact: HERE,
    m.Phone: dict(HERE, contact_id="contact"),
    m.Language: {"service_id": SERVICE, "location_id": LOCATION, "phone_id": PHONE},
    m.Location: {"id": LOCATION},
    m.Address: {"location_id": LOCATION}, m.Accessibility: {"location_id": LOCATION},
    m.Organization: {"id": ORGANIZATION},
    m.TaxonomyTerm: {"id": TERM},
}
LINKS = {"service": SERVICE, "service_at_location": SITE, "location": LOCATION,
         "organization": ORGANIZATION}
CHUNK = 500


def install():
    """Listen to every ORM session's flushes (idempotent)."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)


def _after_flush(session, _context):
    refs = _references(session)
    if not any(refs.values()):
        return
    connection = session.connection()
    services = _resolve(connection, refs) - _queued(session)
    if services:
        _queued(session).update(services)
        rows = [{"service_id": service_id, "enqueued_at": m.utcnow()}
                for service_id in sorted(services)]
        connection.execute(insert(SearchOutbox.__table__), rows)


def _queued(session):
    """Return the services already queued by the innermost open transaction.

    Keyed by the transaction object: when a savepoint rolls back, its rows vanish with it and
    the next transaction starts a fresh set, so a skip never loses a queued service.
    """
    transaction = session.get_nested_transaction() or session.get_transaction()
    key, queued = session.info.get("search_outbox_queued", (None, None))
    if key is not transaction:
        queued = set()
        session.info["search_outbox_queued"] = (transaction, queued)
    return queued


def _references(session):
    """Return {kind: ids} named by the rows this flush wrote, old and new values alike."""
    refs = {kind: set() for kind in (SERVICE, SITE, LOCATION, ORGANIZATION, TERM, PHONE,
                                     "contact")}
    changed = [obj for obj in session.dirty if session.is_modified(obj, include_collections=False)]
    # A new term has no attribute pointing at it yet; only edits to known terms matter.
    new = [obj for obj in session.new if not isinstance(obj, m.TaxonomyTerm)]
    for obj in [*new, *changed, *session.deleted]:
        state = inspect(obj)
        if isinstance(obj, m.Attribute):
            entity = LINKS.get(obj.link_entity)
            # Only the linked record's services change. Queueing every service that uses
            # the same term would re-index the whole directory on each save.
            if entity:
                refs[entity].update(_values(state, "link_id"))
            continue
        for column, kind in REFS.get(type(obj), {}).items():
            refs[kind].update(_values(state, column))
    return refs


def _values(state, column):
    history = state.attrs[column].history
    return {value for value in (*history.added, *history.unchanged, *history.deleted) if value}


def _resolve(connection, refs):
    """Return the ids of every service the references lead to."""
    services = set(refs[SERVICE])
    # Documents carry ancestor terms (ids and names), so a term's descendants count too.
    frontier = set(refs[TERM])
    while frontier:
        frontier = set(_scalars(connection, m.TaxonomyTerm.id, m.TaxonomyTerm.parent_id,
                                frontier)) - refs[TERM]
        refs[TERM] |= frontier
    # Terms and phones point at other records first; resolve those before sites and locations.
    for entity, link_id in _select(connection, m.Attribute.link_entity, m.Attribute.link_id,
                                   where=m.Attribute.taxonomy_term_id, ids=refs[TERM]):
        if LINKS.get(entity):
            refs[LINKS[entity]].add(link_id)
    refs[PHONE] |= set(_scalars(connection, m.Phone.id, m.Phone.contact_id, refs["contact"]))
    for table, kind in ((m.Phone, PHONE), (m.Contact, "contact")):
        keys = (table.service_id, table.service_at_location_id, table.location_id)
        for row in _select(connection, *keys, where=table.id, ids=refs[kind]):
            for key_kind, value in zip((SERVICE, SITE, LOCATION), row):
                refs[key_kind].add(value)
    services |= refs[SERVICE]
    sal = m.ServiceAtLocation
    services.update(_scalars(connection, sal.service_id, sal.id, refs[SITE]))
    services.update(_scalars(connection, sal.service_id, sal.location_id, refs[LOCATION]))
    services.update(_scalars(connection, m.Service.id, m.Service.organization_id,
                             refs[ORGANIZATION]))
    services.discard(None)
    return services


def _select(connection, *columns, where, ids):
    ids = sorted(value for value in ids if value)
    for start in range(0, len(ids), CHUNK):
        yield from connection.execute(
            select(*columns).where(where.in_(ids[start:start + CHUNK]))).all()


def _scalars(connection, column, where, ids):
    return [row[0] for row in _select(connection, column, where=where, ids=ids)]
