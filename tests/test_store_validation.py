"""Bad input to the store: every problem named by field path, and nothing written."""
import pytest
from sqlalchemy import func, select

from directory.errors import InvalidInput
from directory.store.models import (
    Address, Attribute, Language, Location, Metadata, Phone, Schedule, Service,
    ServiceAtLocation,
)
from directory.store.writes import save_organization, save_service
from factories import (
    ensure_terms, location_data, make_organization, make_service, organization_data,
    service_data,
)


def counts(session):
    models = (Service, ServiceAtLocation, Location, Address, Phone, Schedule, Language,
              Attribute, Metadata)
    return {model.__tablename__: session.scalar(select(func.count()).select_from(model))
            for model in models}


def invalid(session, data):
    with pytest.raises(InvalidInput) as caught:
        save_service(session, data, actor="mallory")
    return caught.value.errors


@pytest.mark.parametrize("change, path", [
    ({"status": "open"}, "status"),
    ({"name": "  "}, "name"),
    ({"organization_id": "00000000-0000-4000-8000-000000000000"}, "organization_id"),
    ({"minimum_age": "twelve"}, "minimum_age"),
    ({"wait_time_updated": "2024-01-01T09:00:00"}, "wait_time_updated"),
    ({"attributes": [{"taxonomy_term_id": "00000000-0000-4000-8000-000000000001"}]},
     "attributes[0].taxonomy_term_id"),
    ({"additional_notes": "not HSDS"}, "additional_notes"),
    # PostgreSQL cannot store a NUL character in text: refused on every database, nested too.
    ({"name": "Food\x00Bank"}, "name"),
    ({"funding": [{"source": "county\x00"}]}, "funding[0].source"),
])
def test_invalid_service_fields_are_named_and_nothing_is_written(session, change, path):
    org = make_organization(session)
    before = counts(session)
    errors = invalid(session, {**service_data(org.id), **change})
    assert path in errors
    session.rollback()
    assert counts(session) == before


def test_missing_address_city_is_rejected_before_any_write(session):
    org = make_organization(session)
    location = location_data(organization_id=org.id)
    del location["addresses"][0]["city"]
    before = counts(session)
    errors = invalid(session, service_data(org.id, location=location))
    assert list(errors) == ["service_at_locations[0].location.addresses[0].city"]
    assert counts(session) == before


def test_child_id_of_another_service_is_refused(session):
    first = make_service(session)
    other = service_data(first.organization_id, key="food")
    other["phones"] = [{"id": first.phones[0].id, "number": "650-555-0199"}]
    assert "phones[0].id" in invalid(session, other)
    assert session.get(Phone, first.phones[0].id).number == "650-403-4300"


def test_location_of_another_organization_is_refused(session):
    ensure_terms(session)
    mine = make_organization(session, key="mine")
    theirs = make_organization(session, key="theirs")
    save_organization(session, organization_data(
        key="theirs", locations=[location_data("theirs", theirs.id)]), actor="them")
    data = service_data(mine.id, location=location_data("theirs", mine.id, name="Mine now"))
    assert "service_at_locations[0].location.organization_id" in invalid(session, data)


def test_organization_cannot_drop_a_location_services_use(session):
    service = make_service(session)
    data = organization_data(locations=[])
    with pytest.raises(InvalidInput) as caught:
        save_organization(session, data, actor="admin")
    assert "locations" in caught.value.errors
    assert session.get(Location, service.service_at_locations[0].location_id) is not None


def test_site_cannot_name_another_organizations_location_by_id(session):
    ensure_terms(session)
    mine = make_organization(session, key="mine")
    theirs = make_organization(session, key="theirs")
    location = location_data("theirs", theirs.id)
    save_organization(session, organization_data(key="theirs", locations=[location]),
                      actor="them")
    data = service_data(mine.id)
    data["service_at_locations"] = [{"location_id": location["id"]}]
    assert "service_at_locations[0].location_id" in invalid(session, data)


def test_non_object_input_is_refused(session):
    with pytest.raises(InvalidInput):
        save_service(session, ["not", "a", "service"], actor="x")
    org = make_organization(session)
    errors = invalid(session, service_data(org.id, phones={"number": "1"}, id="nope"))
    assert set(errors) == {"phones", "id"}
