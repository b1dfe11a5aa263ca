"""Saving nested HSDS services and organizations: upsert, idempotence, eager loading."""
import pytest
from sqlalchemy import func, select

from directory.api import serialize
from directory.errors import InvalidInput, NotFound
from directory.store.ids import stable_id
from directory.store.models import (
    Address, Attribute, Language, Location, Metadata, Phone, Schedule, Service,
    ServiceAtLocation, ServiceCapacity, Unit,
)
from directory.store.reads import load_organization, load_service
from directory.store.writes import save_organization, save_service, set_service_status
from factories import (
    as_json, ensure_terms, location_data, make_organization, make_service, organization_data,
    service_data,
)
from sql_statements import statements_run


def count(session, model):
    return session.scalar(select(func.count()).select_from(model))


def counts(session):
    models = (Service, ServiceAtLocation, Location, Address, Phone, Schedule, Language,
              Attribute, Metadata)
    return {model.__tablename__: count(session, model) for model in models}


def test_nested_service_is_created_with_every_child(session):
    org = make_organization(session)
    result = save_service(session, service_data(org.id), actor="alice")
    session.commit()
    assert result.created and result.changed
    service = load_service(session, result.record.id)
    assert service.last_modified is not None and service.assured_date is None
    assert sorted(lang.code for lang in service.languages) == ["en", "es"]
    assert service.phones[0].languages[0].code == "es"
    assert service.contacts[0].phones[0].number == "650-403-4301"
    assert service.service_areas[0].postal_codes == ["94401", "94402", "94403"]
    site = service.service_at_locations[0]
    assert site.location.organization_id == org.id
    assert site.location.addresses[0].postal_code == "94401"
    assert site.schedules[0].byday == "SA"
    assert {a.link_entity for a in service.attributes} == {"service"}
    assert len(service.attributes) == 4
    assert service.cost_options[0].valid_from.isoformat() == "2024-01-01"


def test_resaving_the_same_dict_changes_nothing(session):
    org = make_organization(session)
    data = service_data(org.id)
    first = save_service(session, data, actor="alice").record
    session.commit()
    stamp, before = first.last_modified, counts(session)
    again = save_service(session, data, actor="bob")
    session.commit()
    assert (again.created, again.changed, again.changes) == (False, False, [])
    session.expire_all()
    assert load_service(session, first.id).last_modified == stamp
    assert counts(session) == before


def test_resaving_what_was_read_changes_nothing(session):
    service = make_service(session)
    session.expire_all()
    dumped = as_json(load_service(session, service.id))
    assert dumped["minimum_age"] == 12.0 and dumped["schedules"][0]["valid_from"] == "2024-01-01"
    before = counts(session)
    result = save_service(session, dumped, actor="bob")
    session.commit()
    assert not result.changed and counts(session) == before


def test_resaving_the_api_shape_changes_nothing(session):
    service = make_service(session)
    session.expire_all()
    loaded = load_service(session, service.id)
    shown = serialize.service_full(loaded, metadata=loaded_metadata(session, service.id))
    org = serialize.organization_full(load_organization(session, loaded.organization_id),
                                      [shown])
    before = counts(session)
    assert not save_service(session, shown, actor="bob").changed
    assert not save_organization(session, org, actor="bob").changed
    session.commit()
    assert counts(session) == before


def loaded_metadata(session, resource_id):
    return list(session.scalars(select(Metadata).where(Metadata.resource_id == resource_id)))


def test_records_without_ids_get_new_ones(session):
    org = make_organization(session)
    data = service_data(org.id, id=None)
    data["phones"] = [{"number": "650-555-0100"}]
    result = save_service(session, data, actor="alice")
    session.commit()
    assert result.record.id and result.record.phones[0].id
    assert result.record.phones[0].id != result.record.id


def test_removed_child_is_deleted(session):
    service = make_service(session)
    data = as_json(load_service(session, service.id))
    data["contacts"] = []
    save_service(session, data, actor="carol")
    session.commit()
    session.expire_all()
    assert load_service(session, service.id).contacts == []
    # Only the organization's and the service's own phones remain: the contact's went with it.
    assert count(session, Phone) == 2


def test_missing_key_leaves_children_alone(session):
    service = make_service(session)
    result = save_service(session, {"id": service.id, "name": "Family Counseling"},
                          actor="dave")
    assert not result.changed
    assert len(load_service(session, service.id).languages) == 2


def test_capacity_upserts_its_unit(session):
    org = make_organization(session)
    unit = {"id": "9b1d2c4e-0f6a-4b7c-8d9e-1a2b3c4d5e6f", "name": "beds"}
    capacity = {"id": "1f2e3d4c-5b6a-4978-8877-665544332211", "unit": unit,
                "available": 3, "maximum": 12, "updated": "2024-03-01T08:00:00-08:00"}
    data = service_data(org.id, capacities=[capacity])
    save_service(session, data, actor="alice")
    session.commit()
    assert session.get(Unit, unit["id"]).name == "beds"
    stored = session.get(ServiceCapacity, capacity["id"])
    assert stored.updated.isoformat() == "2024-03-01T16:00:00+00:00"
    capacity["updated"] = "2024-03-01T16:00:00Z"
    assert not save_service(session, data, actor="alice").changed


def test_organization_is_saved_with_its_locations(session):
    ensure_terms(session)
    data = organization_data(locations=[location_data("a"), location_data("b", name="Annex")])
    result = save_organization(session, data, actor="admin")
    session.commit()
    org = load_organization(session, result.record.id)
    assert result.created and sorted(loc.name for loc in org.locations) == [
        "Annex", "San Mateo Family Center"]
    assert org.organization_identifiers[0].identifier == "94-1234567"
    assert not save_organization(session, as_json(org), actor="admin").changed


def test_nested_service_organization_is_ignored(session):
    service = make_service(session)
    data = as_json(load_service(session, service.id))
    data["organization"] = {"id": service.organization_id, "name": "Renamed through service"}
    assert not save_service(session, data, actor="eve").changed
    assert service.organization.name == "Peninsula Family Services"


def test_set_service_status(session):
    service = make_service(session)
    result = set_service_status(session, service.id, "inactive", actor="feed")
    session.commit()
    assert result.changed and load_service(session, service.id).status == "inactive"
    assert not set_service_status(session, service.id, "inactive", actor="feed").changed
    with pytest.raises(InvalidInput):
        set_service_status(session, service.id, "gone", actor="feed")
    with pytest.raises(NotFound):
        set_service_status(session, "00000000-0000-4000-8000-000000000000", "active", actor="x")


def test_load_unknown_returns_none(session):
    assert load_service(session, "00000000-0000-4000-8000-000000000000") is None
    assert load_service(session, "not-a-uuid") is None
    assert load_organization(session, "00000000-0000-4000-8000-000000000000") is None


def _queries_to_read_everything(session, service_id):
    with statements_run(session.get_bind()) as seen:
        session.expire_all()
        as_json(load_service(session, service_id))
    return len(seen)


def test_loading_does_not_grow_with_the_number_of_sites(session):
    org = make_organization(session)
    one = make_service(session, org.id, key="one")
    sites = [location_data(f"site{i}", org.id) for i in range(4)]
    data = service_data(org.id, key="many")
    data["service_at_locations"] = [
        {"id": stable_id("many", loc["id"]), "location": loc} for loc in sites]
    many = save_service(session, data, actor="alice").record
    session.commit()
    assert (_queries_to_read_everything(session, one.id)
            == _queries_to_read_everything(session, many.id))
