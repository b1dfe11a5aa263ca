"""The store write API: save nested HSDS services and organizations, audited and idempotent.

Callers commit; a batch of saves is one transaction. Each save validates everything first
(InvalidInput, nothing written), then upserts, then writes one metadata row per change.
A lone save is a batch of one (`directory.store.bulk`), so both follow the same rules.
"""
from directory.errors import InvalidInput, NotFound

from .bulk import BulkSaver, SaveResult, save_bulk
from .models import SERVICE_STATUSES, Organization, Service

__all__ = ["SaveResult", "save_service", "save_organization", "save_services_bulk",
           "save_organizations_bulk", "set_service_status"]


def save_service(session, data, *, actor, assured=False) -> SaveResult:
    """Create or update a service and its nested records from HSDS JSON.

    `assured=True` means a person confirmed the listing: assured_date becomes today, which
    alone does not count as a content change (last_modified stays).
    """
    return _save_one(session, Service, data, actor=actor, assured=assured)


def save_organization(session, data, *, actor) -> SaveResult:
    """Create or update an organization, its locations and other nested records."""
    return _save_one(session, Organization, data, actor=actor)


def save_services_bulk(session, records, *, actor, assured=False) -> list[SaveResult]:
    """Save many services in one pass; a refused record's SaveResult carries its error."""
    return save_bulk(session, Service, records, actor=actor, assured=assured)


def save_organizations_bulk(session, records, *, actor) -> list[SaveResult]:
    """Save many organizations in one pass; a refused record's SaveResult carries its error."""
    return save_bulk(session, Organization, records, actor=actor)


def set_service_status(session, service_id, status, actor) -> SaveResult:
    """Change only a service's status (for example when a feed drops it), audited."""
    if status not in SERVICE_STATUSES:
        raise InvalidInput("The service has invalid fields.",
                           errors={"status": ["must be one of: " + ", ".join(SERVICE_STATUSES)]})
    service = session.get(Service, service_id)
    if service is None:
        raise NotFound(f"No service with id {service_id}.")
    return save_service(session, {"id": service_id, "status": status}, actor=actor)


def _save_one(session, model, data, *, actor, assured=False):
    saver = BulkSaver(session, actor=actor)
    saver.prefetch(model, [data])
    result = saver.save(model, data, assured=assured)
    saver.finish()
    return result
