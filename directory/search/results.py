"""Shape matcher results for people: the service, where, how far, why, how to reach it."""
from sqlalchemy import bindparam, select, union_all

from directory.search import facts
from directory.store.models import Organization, Phone, Service


NO_CONTACT = {"phone": None, "email": None, "url": None}


def response_body(session, response):
    """Return the JSON body of POST /match for a matcher MatchResponse."""
    # Documents carry their contact details (projection._contact); those indexed by an
    # earlier release do not, until a rebuild or a change reindexes them: the store has them.
    contacts = contact_details(session, [r.document for r in response.results
                                         if "contact" not in r.document])
    return {
        "results": [result_body(r, contacts) for r in response.results],
        "total_feasible": response.total_feasible,
        "relaxed": list(response.relaxed),
    }


def result_body(result, contacts):
    """Return one result: service, site, distance, score, fit and when it was confirmed."""
    doc = result.document
    contact = doc["contact"] if "contact" in doc else contacts.get(doc["id"], NO_CONTACT)
    return {
        "service": {
            "id": doc["service_id"], "name": doc["name"],
            "organization": {"id": doc["organization_id"], "name": doc["organization_name"]},
            "description": doc.get("description") or "",
            "contact": contact,
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


# Built once: constructing these per request (and their IN lists) cost more than running them.
_SERVICES = (select(Service.id, Service.email, Service.url, Organization.email.label("org_email"),
                    Organization.website)
             .join(Organization, Organization.id == Service.organization_id, isouter=True)
             .where(Service.id.in_(bindparam("services", expanding=True))))
_PHONE_COLUMNS = (Phone.number, Phone.service_at_location_id, Phone.location_id,
                  Phone.service_id, Phone.id)
# One indexed select per owner kind: an OR of the three would scan the whole table.
_PHONES = select(union_all(
    select(*_PHONE_COLUMNS).where(Phone.service_at_location_id.in_(
        bindparam("sites", expanding=True))),
    select(*_PHONE_COLUMNS).where(Phone.location_id.in_(bindparam("locations", expanding=True))),
    select(*_PHONE_COLUMNS).where(Phone.service_id.in_(bindparam("services", expanding=True)))
).subquery())


def contact_details(session, documents):
    """Return {document id: {phone, email, url}} from the store, nearest record first.

    facts.contact, as the projection chooses, for documents indexed without contact
    details. The site and location are the result's own, as its document names them. Plain
    column selects: loading ORM graphs here cost more than matching.
    """
    service_ids = sorted({doc["service_id"] for doc in documents})
    if not service_ids:
        return {}
    services = {row.id: row for row in session.execute(_SERVICES, {"services": service_ids})}
    site_ids = sorted({doc["service_at_location_id"] for doc in documents
                       if doc.get("service_at_location_id")})
    location_ids = sorted({doc["location_id"] for doc in documents if doc.get("location_id")})
    by_owner = {}
    phones = {row.id: row for row in session.execute(
        _PHONES, {"sites": site_ids, "locations": location_ids, "services": service_ids})}
    for phone in phones.values():
        for owner in (("site", phone.service_at_location_id), ("location", phone.location_id),
                      ("service", phone.service_id)):
            if owner[1] is not None:
                by_owner.setdefault(owner, []).append((phone.id, phone.number))
    found = {}
    for doc in documents:
        service = services.get(doc["service_id"])
        if service is None:
            continue
        groups = [by_owner.get(("site", doc.get("service_at_location_id")), ()),
                  by_owner.get(("location", doc.get("location_id")), ()),
                  by_owner.get(("service", service.id), ())]
        found[doc["id"]] = facts.contact(groups, service.email, service.url,
                                         service.org_email, service.website)
    return found
