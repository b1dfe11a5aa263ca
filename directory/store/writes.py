"""The store write API: save nested HSDS services and organizations, audited and idempotent.

Callers commit; a batch of saves is one transaction. Each save validates everything first
(InvalidInput, nothing flushed), then upserts, then writes one metadata row per change.
"""
from dataclasses import dataclass, field

from directory.errors import InvalidInput, NotFound

from .audit import Journal, write_metadata
from .models import SERVICE_STATUSES, Organization, Service, utcnow
from .reads import load_organization, load_service, services_at_locations
from .sync import apply_node, create
from .validate import clean_root


@dataclass
class SaveResult:
    """What a save did: the record, whether it was new, whether anything changed, and how."""

    record: object
    created: bool
    changed: bool
    changes: list = field(default_factory=list)


def save_service(session, data, *, actor, assured=False) -> SaveResult:
    """Create or update a service and its nested records from HSDS JSON.

    `assured=True` means a person confirmed the listing: assured_date becomes today, which
    alone does not count as a content change (last_modified stays).
    """
    _require_object(data, "service")
    now = utcnow()
    with session.no_autoflush:
        load_service(session, data.get("id"))
        node = clean_root(session, Service, data)
        journal = Journal()
        service, created = _upsert_root(session, journal, node)
        if journal.changes:
            _touch(session, service, journal.touched_locations, now)
        if assured and service.assured_date != now.date():
            journal.updated(service, "assured_date", service.assured_date, now.date())
            service.assured_date = now.date()
    return _finish(session, journal, service, created, actor=actor, now=now)


def save_organization(session, data, *, actor) -> SaveResult:
    """Create or update an organization, its locations and other nested records."""
    _require_object(data, "organization")
    now = utcnow()
    with session.no_autoflush:
        load_organization(session, data.get("id"))
        node = clean_root(session, Organization, data)
        journal = Journal()
        organization, created = _upsert_root(session, journal, node)
        _touch(session, None, journal.touched_locations, now)
    return _finish(session, journal, organization, created, actor=actor, now=now)


def set_service_status(session, service_id, status, actor) -> SaveResult:
    """Change only a service's status (for example when a feed drops it), audited."""
    if status not in SERVICE_STATUSES:
        raise InvalidInput("The service has invalid fields.",
                           errors={"status": ["must be one of: " + ", ".join(SERVICE_STATUSES)]})
    service = session.get(Service, service_id)
    if service is None:
        raise NotFound(f"No service with id {service_id}.")
    return save_service(session, {"id": service_id, "status": status}, actor=actor)


def _require_object(data, what):
    if not isinstance(data, dict):
        raise InvalidInput(f"The {what} must be a JSON object.",
                           errors={"_schema": ["must be an object"]})


def _upsert_root(session, journal, node):
    created = node.existing is None
    record = create(session, journal, node) if created else node.existing
    apply_node(session, journal, record, node)
    return record, created


def _touch(session, service, location_ids, now):
    """Stamp last_modified on the saved service and on every service at a changed location."""
    touched = services_at_locations(session, location_ids)
    if service is not None:
        touched.append(service)
    for record in touched:
        record.last_modified = now


def _finish(session, journal, record, created, *, actor, now):
    write_metadata(session, journal.changes, actor=actor, when=now)
    session.flush()
    return SaveResult(record, created, bool(journal.changes), list(journal.changes))
