"""The audit trail and the two dates: metadata rows per change, last_modified, assured_date."""
from datetime import datetime, timezone

from sqlalchemy import func, select

from directory.store.models import Metadata
from directory.store.reads import load_organization, load_service
from directory.store.writes import save_organization, save_service
from factories import as_json, make_service


def rows(session, since=0):
    query = select(Metadata).order_by(Metadata.last_action_date, Metadata.resource_type,
                                      Metadata.field_name)
    return list(session.scalars(query))[since:]


def summary(metadata):
    return sorted((m.resource_type, m.last_action_type, m.field_name, m.previous_value,
                   m.replacement_value, m.updated_by) for m in metadata)


def fresh(session, service_id):
    session.expire_all()
    return load_service(session, service_id)


def test_creation_writes_one_create_row_per_record(session):
    service = make_service(session)
    created = [m for m in rows(session) if m.resource_id == service.id]
    assert [(m.last_action_type, m.field_name, m.previous_value, m.replacement_value)
            for m in created] == [("create", "*", "", "")]
    tables = {m.resource_type for m in rows(session)}
    assert {"service", "location", "address", "schedule", "language", "attribute",
            "service_at_location", "organization"} <= tables


def test_nested_edits_are_audited_field_by_field(session):
    service = make_service(session)
    before = fresh(session, service.id)
    stamp, assured, seen = before.last_modified, before.assured_date, len(rows(session))
    data = as_json(before)
    data["schedules"][0]["closes_at"] = "18:00"
    data["languages"].append({"id": "5e0c6d1a-2b3c-4d5e-8f90-a1b2c3d4e5f6",
                              "name": "Tagalog", "code": "tl"})
    site = data["service_at_locations"][0]["location"]
    site["addresses"][0]["postal_code"] = "94403"
    result = save_service(session, data, actor="partner@example.org")
    session.commit()
    after = fresh(session, service.id)
    assert result.changed and not result.created
    assert summary(rows(session, seen)) == sorted([
        ("schedule", "update", "closes_at", "17:00", "18:00", "partner@example.org"),
        ("language", "create", "*", "", "", "partner@example.org"),
        ("address", "update", "postal_code", "94401", "94403", "partner@example.org"),
    ])
    assert after.last_modified > stamp and after.assured_date == assured


def test_values_are_written_as_text(session):
    service = make_service(session)
    seen = len(rows(session))
    data = as_json(fresh(session, service.id))
    data["service_areas"][0]["postal_codes"] = ["94401"]
    data["alert"] = "Closed on holidays"
    data["maximum_age"] = 17
    save_service(session, data, actor="carol")
    assert summary(rows(session, seen)) == sorted([
        ("service_area", "update", "postal_codes", '["94401", "94402", "94403"]', '["94401"]',
         "carol"),
        ("service", "update", "alert", "", "Closed on holidays", "carol"),
        ("service", "update", "maximum_age", "64", "17", "carol"),
    ])


def test_removing_a_child_writes_delete_rows_for_it_and_what_it_owned(session):
    service = make_service(session)
    seen = len(rows(session))
    data = as_json(fresh(session, service.id))
    contact_id = data["contacts"][0]["id"]
    data["contacts"] = []
    save_service(session, data, actor="carol")
    session.commit()
    deleted = rows(session, seen)
    assert summary(deleted) == [("contact", "delete", "*", "", "", "carol"),
                                ("phone", "delete", "*", "", "", "carol")]
    assert contact_id in {m.resource_id for m in deleted}


def test_assurance_sets_assured_date_only(session):
    service = make_service(session)
    stamp, seen = fresh(session, service.id).last_modified, len(rows(session))
    data = as_json(fresh(session, service.id))
    result = save_service(session, data, actor="partner@example.org", assured=True)
    session.commit()
    after = fresh(session, service.id)
    today = datetime.now(timezone.utc).date()
    assert result.changed and after.assured_date == today
    assert after.last_modified == stamp
    assert summary(rows(session, seen)) == [
        ("service", "update", "assured_date", "", today.isoformat(), "partner@example.org")]
    again = save_service(session, as_json(after), actor="partner@example.org", assured=True)
    assert not again.changed


def test_edits_never_touch_assured_date(session):
    service = make_service(session)
    save_service(session, as_json(fresh(session, service.id)), actor="p", assured=True)
    session.commit()
    data = as_json(fresh(session, service.id))
    data["assured_date"] = "1999-01-01"
    data["last_modified"] = "1999-01-01T00:00:00Z"
    assert not save_service(session, data, actor="p").changed
    data["description"] = "Now with evening hours."
    save_service(session, data, actor="p")
    session.commit()
    after = fresh(session, service.id)
    assert after.assured_date == datetime.now(timezone.utc).date()
    assert after.last_modified.year > 1999


def test_location_edit_through_organization_bumps_services_there(session):
    service = make_service(session)
    stamp = fresh(session, service.id).last_modified
    org = as_json(load_organization(session, service.organization_id))
    org["locations"][0]["transportation"] = "SamTrans route ECR"
    seen = len(rows(session))
    result = save_organization(session, org, actor="admin")
    session.commit()
    assert result.changed
    assert summary(rows(session, seen)) == [
        ("location", "update", "transportation", "", "SamTrans route ECR", "admin")]
    assert fresh(session, service.id).last_modified > stamp


def test_unchanged_save_writes_no_rows(session):
    service = make_service(session)
    total = session.scalar(select(func.count()).select_from(Metadata))
    save_service(session, as_json(fresh(session, service.id)), actor="x")
    save_organization(session, as_json(load_organization(session, service.organization_id)),
                      actor="x")
    session.commit()
    assert session.scalar(select(func.count()).select_from(Metadata)) == total
