"""Test data: HSDS 3.0 dicts with keyword defaults, and helpers that save and commit them.

Ids are stable (derived from a name) so a test can build the same dict twice and get the
same records; pass `id=` or `key=` to get a different record.
"""
import json
from datetime import date, datetime

from sqlalchemy import inspect

from directory.store import nested as nested_spec
from directory.store.ids import stable_id
from directory.store.models import Attribute, Service
from directory.store.writes import save_organization, save_service
from directory.taxonomy import ensure_profile_taxonomy, load_open_eligibility

ACTOR = "tests"
COUNSELING = stable_id("open-eligibility", "106-06-07-01")
FOOD_PANTRY = stable_id("open-eligibility", "102-04")


def term(code):
    """Return the id of a profile taxonomy term (see matcher.vocabulary.TERMS)."""
    return stable_id("profile", code)


def ensure_terms(session):
    """Create the profile and Open Eligibility taxonomies (idempotent)."""
    ensure_profile_taxonomy(session)
    load_open_eligibility(session)
    session.flush()


def organization_data(key="org", **overrides):
    """Return an organization with one identifier, one phone and no locations."""
    org_id = overrides.pop("id", stable_id("test-org", key))
    data = {
        "id": org_id,
        "name": "Peninsula Family Services",
        "description": "Counseling, food and housing help for San Mateo County families.",
        "email": "info@example.org",
        "website": "https://example.org",
        "year_incorporated": 1950,
        "organization_identifiers": [{
            "id": stable_id(org_id, "ein"), "identifier_scheme": "US-EIN",
            "identifier_type": "EIN", "identifier": "94-1234567"}],
        "phones": [{"id": stable_id(org_id, "phone"), "number": "650-403-4300", "type": "voice"}],
        "locations": [],
    }
    data.update(overrides)
    return data


def location_data(key="main", organization_id=None, **overrides):
    """Return a physical location in San Mateo, CA with address, access and languages."""
    loc_id = overrides.pop("id", stable_id("test-location", key))
    data = {
        "id": loc_id,
        "location_type": "physical",
        "organization_id": organization_id,
        "name": "San Mateo Family Center",
        "latitude": 37.5630,
        "longitude": -122.3255,
        "addresses": [{
            "id": stable_id(loc_id, "address"), "address_1": "24 Second Ave",
            "city": "San Mateo", "state_province": "CA", "postal_code": "94401",
            "country": "US", "address_type": "physical"}],
        "accessibility": [{"id": stable_id(loc_id, "wheelchair"),
                           "description": "wheelchair", "details": "Ramp at side entrance"}],
        "languages": [{"id": stable_id(loc_id, "en"), "name": "English", "code": "en"},
                      {"id": stable_id(loc_id, "es"), "name": "Spanish", "code": "es"}],
        "phones": [],
        "schedules": [],
    }
    data.update(overrides)
    return data


def _weekday_hours(owner_id, byday="MO,TU,WE,TH,FR", opens_at="09:00", closes_at="17:00"):
    return {"id": stable_id(owner_id, "hours", byday), "freq": "WEEKLY", "wkst": "MO",
            "byday": byday, "opens_at": opens_at, "closes_at": closes_at,
            "valid_from": "2024-01-01", "iana_timezone": "America/Los_Angeles"}


def _attribute(owner_id, code, value, link_type="eligibility"):
    return {"id": stable_id(owner_id, "attribute", code, value), "taxonomy_term_id": term(code),
            "link_type": link_type, "value": value}


def _phone_with_language(owner_id):
    return {"id": stable_id(owner_id, "phone"), "number": "650-403-4300",
            "languages": [{"id": stable_id(owner_id, "phone", "es"),
                           "name": "Spanish", "code": "es"}]}


def _contact(owner_id):
    return {"id": stable_id(owner_id, "contact"), "name": "Intake Desk",
            "phones": [{"id": stable_id(owner_id, "contact", "phone"), "number": "650-403-4301"}]}


def service_data(organization_id, key="counseling", location=None, **overrides):
    """Return a nested counseling service at one San Mateo location."""
    svc_id = overrides.pop("id", stable_id("test-service", key))
    location = location or location_data(organization_id=organization_id)
    sal_id = stable_id(svc_id, "at", location["id"])
    data = {
        "id": svc_id, "organization_id": organization_id,
        "name": "Family Counseling", "status": "active",
        "description": "Short-term counseling for families and individuals.",
        "minimum_age": 12, "maximum_age": 64,
        "phones": [_phone_with_language(svc_id)],
        "schedules": [_weekday_hours(svc_id)],
        "languages": [{"id": stable_id(svc_id, "en"), "name": "English", "code": "en"},
                      {"id": stable_id(svc_id, "es"), "name": "Spanish", "code": "es"}],
        "cost_options": [{"id": stable_id(svc_id, "sliding"), "option": "Sliding scale",
                          "currency": "USD", "amount": 20, "valid_from": "2024-01-01"}],
        "service_areas": [{"id": stable_id(svc_id, "area"), "name": "San Mateo",
                           "postal_codes": ["94401", "94402", "94403"],
                           "counties": ["San Mateo County, CA"]}],
        "required_documents": [{"id": stable_id(svc_id, "doc"), "document": "Photo ID"}],
        "contacts": [_contact(svc_id)],
        "attributes": [_attribute(svc_id, "gender", "any"),
                       _attribute(svc_id, "income_limit_fpl", "200"),
                       _attribute(svc_id, "modality", "in_person", "modality"),
                       {"id": stable_id(svc_id, "category"), "taxonomy_term_id": COUNSELING}],
        "service_at_locations": [{"id": sal_id, "location": location,
                                  "schedules": [_weekday_hours(sal_id, "SA", "10:00", "14:00")]}],
    }
    data.update(overrides)
    return data


def make_organization(session, **overrides):
    """Save and commit an organization; return the record."""
    ensure_terms(session)
    result = save_organization(session, organization_data(**overrides), actor=ACTOR)
    session.commit()
    return result.record


def make_service(session, organization_id=None, **overrides):
    """Save and commit a service (and its organization when none is given); return it."""
    if organization_id is None:
        organization_id = make_organization(session).id
    ensure_terms(session)
    result = save_service(session, service_data(organization_id, **overrides), actor=ACTOR)
    session.commit()
    return result.record


def as_json(record):
    """Dump a saved record and its nested tree the way an HSDS API would show it.

    Values go through JSON (dates as strings, whole floats as 12.0) and read-only keys
    (metadata, nested organization, taxonomy_term) are included, so saving the result back
    exercises the store's normalisation.
    """
    data = {column.key: _jsonable(getattr(record, column.key))
            for column in inspect(type(record)).columns}
    data["metadata"] = [{"id": "read-only", "field_name": "*"}]
    for child in nested_spec.children(type(record)):
        data[child.key] = [as_json(item) for item in getattr(record, child.key)]
    for nest in nested_spec.nested(type(record)):
        data[nest.key] = as_json(getattr(record, nest.key))
    if isinstance(record, Service):
        data["organization"] = {"id": record.organization_id, "name": "read-only copy"}
    if isinstance(record, Attribute):
        data["taxonomy_term"] = {"id": record.taxonomy_term_id, "name": "read-only copy"}
    return json.loads(json.dumps(data))


def _jsonable(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value
