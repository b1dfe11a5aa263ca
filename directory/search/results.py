"""Shape matcher results for people: the service, where, how far, why, how to reach it."""
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from directory.store.models import Location, Service, ServiceAtLocation


def response_body(session, response):
    """Return the JSON body of POST /match for a matcher MatchResponse."""
    contacts = contact_details(session, [r.document for r in response.results])
    return {
        "results": [result_body(r, contacts) for r in response.results],
        "total_feasible": response.total_feasible,
        "relaxed": list(response.relaxed),
    }


def result_body(result, contacts):
    """Return one result: service, site, distance, score, fit and when it was confirmed."""
    doc = result.document
    return {
        "service": {
            "id": doc["service_id"], "name": doc["name"],
            "organization": {"id": doc["organization_id"], "name": doc["organization_name"]},
            "description": doc.get("description") or "",
            "contact": contacts.get(doc["id"], {"phone": None, "email": None, "url": None}),
        },
        "service_at_location_id": doc.get("service_at_location_id"),
        "location": None if doc.get("location_id") is None else {
            "id": doc["location_id"], "name": doc.get("location_name"),
            "address": doc.get("address"),
            "latitude": doc.get("latitude"), "longitude": doc.get("longitude"),
        },
        "distance_km": None if result.distance_km is None else round(result.distance_km, 2),
        "score": round(result.score, 4),
        "covers": list(result.covers),
        "fit": {"met": list(result.fit.met), "unknown": list(result.fit.unknown),
                "relaxed": list(result.fit.relaxed)},
        "last_confirmed": result.last_confirmed,
    }


def contact_details(session, documents):
    """Return {document id: {phone, email, url}} from the store, nearest record first."""
    service_ids = {doc["service_id"] for doc in documents}
    if not service_ids:
        return {}
    query = select(Service).where(Service.id.in_(sorted(service_ids))).options(
        selectinload(Service.phones), selectinload(Service.organization),
        selectinload(Service.service_at_locations).options(
            selectinload(ServiceAtLocation.phones),
            selectinload(ServiceAtLocation.location).selectinload(Location.phones)))
    services = {s.id: s for s in session.scalars(query)}
    found = {}
    for doc in documents:
        service = services.get(doc["service_id"])
        if service is not None:
            site = next((s for s in service.service_at_locations
                         if s.id == doc.get("service_at_location_id")), None)
            found[doc["id"]] = _contact(service, site)
    return found


def _contact(service, site):
    phones = []
    if site is not None:
        phones += list(site.phones) + list(site.location.phones if site.location else [])
    phones += list(service.phones)
    organization = service.organization
    return {
        "phone": phones[0].number if phones else None,
        "email": service.email or organization.email,
        "url": service.url or organization.website,
    }
