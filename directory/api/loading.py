"""Eager-loading options so a page of up to PER_PAGE_MAX records costs a fixed number of queries."""
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from directory.store.models import (
    Contact,
    Location,
    Metadata,
    Organization,
    Phone,
    Service,
    ServiceAtLocation,
)


def _phones(path):
    return path.selectinload(Phone.languages)


def _contacts(path):
    return path.selectinload(Contact.phones).selectinload(Phone.languages)


def location_options(path):
    """Options loading everything `serialize.location_full` reads, below `path`."""
    return [
        path.selectinload(Location.languages),
        path.selectinload(Location.addresses),
        _contacts(path.selectinload(Location.contacts)),
        path.selectinload(Location.accessibility),
        _phones(path.selectinload(Location.phones)),
        path.selectinload(Location.schedules),
        path.selectinload(Location.attributes),
    ]


def service_list_options():
    """Options for list items: the service's organization and program."""
    return [joinedload(Service.organization), selectinload(Service.program)]


def service_at_location_nested_options(sal):
    """Options for a service-at-location path: its children and full location."""
    location = sal.joinedload(ServiceAtLocation.location)
    return [
        _phones(sal.selectinload(ServiceAtLocation.phones)),
        _contacts(sal.selectinload(ServiceAtLocation.contacts)),
        sal.selectinload(ServiceAtLocation.schedules),
        sal.selectinload(ServiceAtLocation.service_areas),
        sal.selectinload(ServiceAtLocation.attributes),
        location,
        *location_options(location),
    ]


def service_full_options():
    """Options for fully nested services (`serialize.service_full`)."""
    sal = selectinload(Service.service_at_locations)
    return [
        *service_list_options(),
        _phones(selectinload(Service.phones)),
        selectinload(Service.schedules),
        selectinload(Service.service_areas),
        selectinload(Service.languages),
        selectinload(Service.funding),
        selectinload(Service.cost_options),
        selectinload(Service.required_documents),
        _contacts(selectinload(Service.contacts)),
        selectinload(Service.capacities),
        selectinload(Service.attributes),
        *service_at_location_nested_options(sal),
    ]


def service_at_location_list_options():
    """Options for service-at-location list items: location, service, org, program."""
    service = joinedload(ServiceAtLocation.service)
    return [
        joinedload(ServiceAtLocation.location),
        service.joinedload(Service.organization),
        service.selectinload(Service.program),
    ]


def organization_full_options():
    """Options for fully nested organizations (`serialize.organization_full`)."""
    locations = selectinload(Organization.locations)
    return [
        selectinload(Organization.funding),
        _contacts(selectinload(Organization.contacts)),
        _phones(selectinload(Organization.phones)),
        locations,
        *location_options(locations),
        selectinload(Organization.programs),
        selectinload(Organization.organization_identifiers),
        selectinload(Organization.attributes),
    ]


def metadata_for(session, resource_ids):
    """Return {resource_id: [Metadata, ...]} for the given records, oldest first."""
    grouped = defaultdict(list)
    if not resource_ids:
        return grouped
    rows = session.scalars(
        select(Metadata)
        .where(Metadata.resource_id.in_(list(resource_ids)))
        .order_by(Metadata.last_action_date, Metadata.id)
    )
    for row in rows:
        grouped[row.resource_id].append(row)
    return grouped
