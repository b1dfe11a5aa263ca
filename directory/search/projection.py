"""Project the store into search documents: one per service-at-location, one per siteless service.

Per-site facts follow HSDS 3.1: a site's own schedules and service areas replace the
service-wide ones (hours fall back service -> site building hours); eligibility attributes on
the service, the service-at-location and the location all apply to that site's document.
Only active services are projected; anything else is absent from the index.
"""
from types import SimpleNamespace

from sqlalchemy import select

from directory.search import facts
from directory.store.ids import stable_id
from directory.store.models import (Accessibility, Address, Attribute, CostOption, Language,
                                    Location, Organization, Phone, Schedule, Service,
                                    ServiceArea, ServiceAtLocation, ServiceCapacity,
                                    TaxonomyTerm)
from directory.store.prefetch import CHUNK
from matcher import text as textmatch
from matcher import vocabulary
from matcher.geo import zip_timezone

PROFILE_TERMS = {stable_id("profile", code): code for code in vocabulary.TERMS}


class TermTree:
    """Taxonomy terms by id with their ancestors, cached for one projection run."""

    def __init__(self, session):
        self.session, self.cache = session, {}

    def lineage(self, term_id):
        """Return [(id, code, name)] for the term and every ancestor, nearest first."""
        found = []
        while term_id and term_id not in {item[0] for item in found}:
            if term_id not in self.cache:
                term = self.session.get(TaxonomyTerm, term_id)
                self.cache[term_id] = term and (term.code, term.name, term.parent_id)
            if self.cache[term_id] is None:
                break
            code, name, parent_id = self.cache[term_id]
            found.append((term_id, code, name))
            term_id = parent_id
        return found


def load_services(session, service_ids):
    """Load services with everything the projection reads, ordered by id, one select a table.

    Plain records (each column of the row as an attribute, each relationship the projection
    follows as a list sorted by id, as the models order them) instead of ORM objects:
    building, instrumenting and tracking those was most of a projection's time. They are
    read-only copies; nothing here is written back.
    """
    services = _records(session, Service, Service.id, service_ids)
    ids = [service.id for service in services]
    organizations = {row.id: row for row in _records(
        session, Organization, Organization.id, {s.organization_id for s in services})}
    sites = _records(session, ServiceAtLocation, ServiceAtLocation.service_id, ids)
    site_ids = [site.id for site in sites]
    locations = {row.id: row for row in _records(
        session, Location, Location.id, {site.location_id for site in sites})}
    location_ids = list(locations)
    attributes = _by(_records(session, Attribute, Attribute.link_id,
                              [*ids, *organizations, *site_ids, *location_ids]),
                     lambda row: (row.link_entity, row.link_id))

    def owned(model, column, owners):
        return _by(_records(session, model, column, owners), lambda row: getattr(row, column.key))

    for organization in organizations.values():
        organization.attributes = attributes.get(("organization", organization.id), [])
    for location, addresses, languages, accessibility, schedules, phones in _attach(
            locations.values(), owned(Address, Address.location_id, location_ids),
            owned(Language, Language.location_id, location_ids),
            owned(Accessibility, Accessibility.location_id, location_ids),
            owned(Schedule, Schedule.location_id, location_ids),
            owned(Phone, Phone.location_id, location_ids)):
        location.addresses, location.languages = addresses, languages
        location.accessibility, location.schedules = accessibility, schedules
        location.phones = phones
        location.attributes = attributes.get(("location", location.id), [])
    for site, schedules, areas, phones in _attach(
            sites, owned(Schedule, Schedule.service_at_location_id, site_ids),
            owned(ServiceArea, ServiceArea.service_at_location_id, site_ids),
            owned(Phone, Phone.service_at_location_id, site_ids)):
        site.schedules, site.service_areas, site.phones = schedules, areas, phones
        site.location = locations.get(site.location_id)
        site.attributes = attributes.get(("service_at_location", site.id), [])
    for service, schedules, languages, costs, areas, capacities, phones, at_sites in _attach(
            services, owned(Schedule, Schedule.service_id, ids),
            owned(Language, Language.service_id, ids),
            owned(CostOption, CostOption.service_id, ids),
            owned(ServiceArea, ServiceArea.service_id, ids),
            owned(ServiceCapacity, ServiceCapacity.service_id, ids),
            owned(Phone, Phone.service_id, ids),
            _by(sites, lambda row: row.service_id)):
        service.schedules, service.languages, service.cost_options = schedules, languages, costs
        service.service_areas, service.capacities, service.phones = areas, capacities, phones
        service.service_at_locations = at_sites
        service.organization = organizations.get(service.organization_id)
        service.attributes = attributes.get(("service", service.id), [])
    return services


def _records(session, model, column, values):
    """Return a model's rows whose `column` is one of `values`, as plain records by id."""
    values = sorted({value for value in values if value is not None})
    keys = [attribute.key for attribute in model.__mapper__.column_attrs]
    query = select(*(getattr(model, key).label(key) for key in keys))
    rows = [SimpleNamespace(**row._mapping)
            for start in range(0, len(values), CHUNK)
            for row in session.execute(query.where(column.in_(values[start:start + CHUNK])))]
    rows.sort(key=lambda row: row.id)
    return rows


def _by(rows, key):
    """Return {key(row): [rows]}, each list keeping the rows' order (by id)."""
    grouped = {}
    for row in rows:
        grouped.setdefault(key(row), []).append(row)
    return grouped


def _attach(owners, *groups):
    """Yield (owner, its list in each of `groups`), an empty list where it has none."""
    for owner in owners:
        yield (owner, *(group.get(owner.id, []) for group in groups))


def project(service, terms):
    """Return the documents of one service ([] unless it is active)."""
    if service.status != "active":
        return []
    if not service.service_at_locations:
        return [_document(service, None, terms)]
    return [_document(service, site, terms) for site in service.service_at_locations]


def iter_documents(session, batch=500):
    """Yield the documents of every active service, holding one batch in memory at a time."""
    terms, last = TermTree(session), ""
    while True:
        query = select(Service.id).where(Service.id > last, Service.status == "active")
        ids = session.scalars(query.order_by(Service.id).limit(batch)).all()
        if not ids:
            return
        # Plain records, not held by the session: memory stays one batch however many.
        for service in load_services(session, ids):
            yield from project(service, terms)
        last = ids[-1]


def _document(service, site, terms):
    location = site.location if site is not None else None
    attributes = list(service.attributes) + (
        list(site.attributes) + list(location.attributes) if site is not None else [])
    profile, categories = _split(attributes, terms)
    preferences = [a.value for a in service.organization.attributes
                   if PROFILE_TERMS.get(a.taxonomy_term_id) == "preference" and a.value]
    profile.setdefault("preference", []).extend(preferences)
    doc = {
        "id": site.id if site is not None else service.id, "service_id": service.id,
        "service_at_location_id": site.id if site is not None else None,
        "location_id": location.id if location is not None else None,
        "organization_id": service.organization_id,
        "organization_name": service.organization.name,
        "name": service.name, "description": service.description or "",
        "text": _text(service, categories), "status": service.status,
        "taxonomy_term_ids": sorted({term_id for term_id, _c, _n in categories}),
        "taxonomy_codes": sorted({code for _i, code, _n in categories if code}),
        "min_age": service.minimum_age, "max_age": service.maximum_age,
        "interpretation": bool((service.interpretation_services or "").strip()),
        "wait_time_days": service.wait_time_days,
        "capacity_available": sum(c.available for c in service.capacities)
        if service.capacities else None,
        "assured_date": service.assured_date.isoformat() if service.assured_date else None,
        "last_modified": service.last_modified.isoformat() if service.last_modified else None,
    }
    doc.update(facts.eligibility(profile))
    doc.update(facts.costs(service.cost_options))
    doc.update(_site_fields(service, site, location))
    doc["contact"] = _contact(service, site, location)
    # Precomputed once here so matching never re-folds and re-stems candidate text.
    doc["stems"] = textmatch.joined_stems(doc)
    return doc


def _split(attributes, terms):
    """Return ({profile code: [values]}, [(id, code, name)] of category terms + ancestors)."""
    profile, categories = {}, []
    for attribute in attributes:
        code = PROFILE_TERMS.get(attribute.taxonomy_term_id)
        if code is not None:
            if attribute.value is not None:
                profile.setdefault(code, []).append(attribute.value.strip())
        else:
            categories.extend(terms.lineage(attribute.taxonomy_term_id))
    return profile, categories


def _text(service, categories):
    names = [name for _i, _c, name in categories]  # ancestors too: "food" finds pantries
    parts = [service.name, service.alternate_name, service.description,
             service.organization.name, *dict.fromkeys(names),
             service.eligibility_description]
    return "\n".join(part for part in parts if part)


def _site_fields(service, site, location):
    wide_areas = [row for row in service.service_areas if row.service_at_location_id is None]
    own_schedules = list(site.schedules) if site is not None else []
    schedules = next((rows for rows in (own_schedules, service.schedules,
                                        location.schedules if location is not None else [])
                      if facts.weekly_hours(rows)), [])
    address = _address(location)
    zone = next((row.iana_timezone for row in [*schedules, *own_schedules, *service.schedules]
                 if row.iana_timezone), None)
    if zone is None and address is not None:
        zone = zip_timezone(address["postal_code"])
    language_rows = list(service.languages) + (list(location.languages) if location else [])
    return {
        "latitude": location.latitude if location is not None else None,
        "longitude": location.longitude if location is not None else None,
        "location_name": location.name if location is not None else None,
        "address": address,
        "service_areas": facts.service_areas(
            (list(site.service_areas) if site is not None else []) or wide_areas),
        "languages": facts.languages(language_rows),
        "accessibility": facts.accessibility(location.accessibility) if location else None,
        "timezone": zone,
        "hours": facts.weekly_hours(schedules),
    }


def _contact(service, site, location):
    """Return facts.contact of the service at this site.

    Kept in the document so a match shows it without reading the store: a changed phone,
    service or organization queues the document again (search.outbox).
    """
    groups = (site.phones if site is not None else (),
              location.phones if location is not None else (), service.phones)
    organization = service.organization
    return facts.contact([[(row.id, row.number) for row in rows] for rows in groups],
                         service.email, service.url, organization.email, organization.website)


def _address(location):
    if location is None or not location.addresses:
        return None
    rows = sorted(location.addresses, key=lambda row: row.address_type != "physical")
    row = rows[0]
    return {"address_1": row.address_1, "city": row.city,
            "state_province": row.state_province, "postal_code": row.postal_code}
