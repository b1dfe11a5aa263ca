"""Load a service or organization with its whole nested tree in a fixed number of queries."""
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from . import nested as spec
from .ids import is_uuid
from .models import Organization, Service, ServiceAtLocation


def tree_options(model):
    """Return selectinload chains for every collection and inline record under `model`."""
    options = []
    for child in spec.children(model):
        options.append(_chain(getattr(model, child.key), child.model))
    for nest in spec.nested(model):
        options.append(_chain(getattr(model, nest.key), nest.model))
    return options


def _chain(attribute, target):
    loader = selectinload(attribute)
    inner = tree_options(target)
    return loader.options(*inner) if inner else loader


def service_query_options():
    """Eager-loading options for a service as HSDS shows it (with organization and program)."""
    return tree_options(Service) + [selectinload(Service.organization),
                                    selectinload(Service.program)]


def organization_query_options():
    """Eager-loading options for an organization and everything it owns except services."""
    return tree_options(Organization)


def load_service(session, service_id):
    """Return the service with its nested records loaded, or None when unknown."""
    if not is_uuid(service_id):
        return None
    query = select(Service).where(Service.id == service_id).options(*service_query_options())
    return session.scalars(query).one_or_none()


def load_organization(session, organization_id):
    """Return the organization with its nested records loaded, or None when unknown."""
    if not is_uuid(organization_id):
        return None
    query = (select(Organization).where(Organization.id == organization_id)
             .options(*organization_query_options()))
    return session.scalars(query).one_or_none()


def services_at_locations(session, location_ids):
    """Return the services delivered at any of the given locations."""
    if not location_ids:
        return []
    query = (select(Service).join(ServiceAtLocation)
             .where(ServiceAtLocation.location_id.in_(sorted(location_ids))).distinct())
    return list(session.scalars(query))
