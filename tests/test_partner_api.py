"""The partner API: ETags, If-Match, validation that changes nothing, trusted and reviewed edits."""
import json
from datetime import date

import pytest
import partner_world
from partner_world import audit_rows, bearer, etag_of, metadata_count, sync_index

NEW_HOURS = [{"id": "7d0b1c2e-1111-4a4a-9b9b-000000000001", "freq": "WEEKLY", "wkst": "MO",
              "byday": "SU", "opens_at": "08:00", "closes_at": "12:00",
              "iana_timezone": "America/Los_Angeles"}]


@pytest.fixture
def world(app):
    return partner_world.build(app, trusted_a=True)


def patch(client, world, body, who="partner_a", service="service_a", **headers):
    service_id = getattr(world, service)
    if "If-Match" not in headers:
        headers["If-Match"] = etag_of(client, service_id)
    return client.patch(f"/services/{service_id}", json=body,
                        headers=bearer(world.tokens[who], **headers))


def snapshot(client, service_id):
    """Return what a reader sees of the service, and how many audit rows exist."""
    return client.get(f"/services/{service_id}").get_json(), metadata_count(client.application)


def open_on_sunday(client):
    """Return the names /match finds open Sunday 9-11 without relaxing the hours."""
    body = {"needs": ["106-06-07-01"], "location": {"postal_code": "94401"},
            "available": [{"day": "sun", "from": "09:00", "to": "11:00"}], "limit": 10}
    response = client.post("/match", json=body)
    assert response.status_code == 200, response.get_json()
    return [r["service"]["name"] for r in response.get_json()["results"]
            if not r["fit"]["relaxed"]]


def test_reads_carry_an_etag_and_answer_if_none_match(client, world):
    first = client.get(f"/services/{world.service_a}")
    assert first.headers["ETag"].startswith('"')
    again = client.get(f"/services/{world.service_a}",
                       headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_trusted_patch_of_hours_shows_in_the_service_and_in_search(app, client, world):
    sync_index(app)
    assert "Counseling A" not in open_on_sunday(client)
    response = patch(client, world, {"schedules": NEW_HOURS})
    assert response.status_code == 200
    assert response.headers["ETag"] == etag_of(client, world.service_a)
    service = client.get(f"/services/{world.service_a}").get_json()
    assert [(s["byday"], s["opens_at"]) for s in service["schedules"]] == [("SU", "08:00")]
    audit = audit_rows(app, updated_by="partner_a@example.org")
    assert {(row[0], row[2]) for row in audit} >= {("schedule", "create"), ("schedule", "delete")}
    sync_index(app)
    assert "Counseling A" in open_on_sunday(client)


def test_if_match_is_required_and_a_stale_etag_is_refused(client, world):
    before = snapshot(client, world.service_a)
    missing = client.patch(f"/services/{world.service_a}", json={"name": "X"},
                           headers=bearer(world.tokens["partner_a"]))
    assert missing.status_code == 428 and missing.get_json()["errors"]["If-Match"]
    stale = patch(client, world, {"name": "X"}, **{"If-Match": '"not-the-etag"'})
    assert stale.status_code == 412 and stale.get_json()["code"] == "precondition_failed"
    assert snapshot(client, world.service_a) == before


@pytest.mark.parametrize("body, field", [
    ({"nmae": "Typo"}, "nmae"),
    ({"schedules": [{"opens_at": "09:00", "open_at": "10:00"}]}, "schedules[0].open_at"),
    ({"capacities": [{"available": 3, "unit": {"name": "beds", "colour": "red"}}]},
     "capacities[0].unit.colour"),
])
def test_unknown_fields_are_named_and_nothing_changes(client, world, body, field):
    before = snapshot(client, world.service_a)
    response = patch(client, world, body)
    assert response.status_code == 422
    assert field in response.get_json()["errors"] and field in response.get_json()["message"]
    assert snapshot(client, world.service_a) == before


@pytest.mark.parametrize("body, field", [
    ({"minimum_age": "twelve"}, "minimum_age"),
    ({"wait_time_days": 2.5}, "wait_time_days"),
    ({"wait_time_days": "3"}, "wait_time_days"),
    ({"maximum_age": "64"}, "maximum_age"),
    ({"minimum_age": True}, "minimum_age"),
    ({"schedules": "mondays"}, "schedules"),
    ({"languages": [{"code": 7}]}, "languages[0].code"),
    ({"status": "open"}, "status"),
])
def test_wrong_types_get_field_errors_and_change_nothing(client, world, body, field):
    before = snapshot(client, world.service_a)
    response = patch(client, world, body)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]
    assert snapshot(client, world.service_a) == before


def test_malformed_json_and_oversized_bodies_are_refused_as_json(app, client, world):
    before = snapshot(client, world.service_a)
    headers = bearer(world.tokens["partner_a"], **{"If-Match": etag_of(client, world.service_a),
                                                   "Content-Type": "application/json"})
    bad = client.patch(f"/services/{world.service_a}", data='{"name": ', headers=headers)
    assert bad.status_code == 400 and bad.get_json()["code"] == "bad_request"
    huge = json.dumps({"description": "x" * (app.config["MAX_CONTENT_LENGTH"] + 10)})
    big = client.patch(f"/services/{world.service_a}", data=huge, headers=headers)
    assert big.status_code == 413 and big.get_json()["status"] == 413
    assert snapshot(client, world.service_a) == before


def test_wait_time_is_dated_by_the_server_and_capacity_saved(client, world):
    response = patch(client, world, {"wait_time_days": 9,
                                     "wait_time_updated": "1999-01-01T00:00:00Z",
                                     "capacities": [{"available": 4, "maximum": 10,
                                                     "unit": {"name": "places"}}]})
    body = response.get_json()
    assert response.status_code == 200 and body["wait_time_days"] == 9
    assert body["wait_time_updated"][:10] == date.today().isoformat()
    assert body["capacities"][0]["available"] == 4
    assert body["capacities"][0]["updated"][:10] == date.today().isoformat()


def test_put_replaces_the_whole_service(client, world):
    current = client.get(f"/services/{world.service_a}").get_json()
    current.update(name="Counseling A renamed", languages=[])
    response = client.put(f"/services/{world.service_a}", json=current,
                          headers=bearer(world.tokens["partner_a"],
                                         **{"If-Match": etag_of(client, world.service_a)}))
    assert response.status_code == 200
    assert response.get_json()["name"] == "Counseling A renamed"
    assert response.get_json()["languages"] == []


def test_confirm_sets_assured_date_today(client, world):
    response = client.post(f"/services/{world.service_a}/confirm",
                           headers=bearer(world.tokens["partner_a"]))
    assert response.status_code == 200
    assert response.get_json()["assured_date"] == date.today().isoformat()


def test_create_is_scoped_to_the_partners_organisation(client, world):
    headers = bearer(world.tokens["partner_a"])
    created = client.post("/services", json={"name": "Food Pantry A", "status": "active"},
                          headers=headers)
    assert created.status_code == 201
    assert created.get_json()["organization_id"] == world.org_a
    assert client.get(created.headers["Location"]).status_code == 200
    other = client.post("/services", json={"name": "Sneaky", "status": "active",
                                           "organization_id": world.org_b}, headers=headers)
    assert other.status_code == 403


def test_moving_a_service_to_another_organisation_is_forbidden(client, world):
    before = snapshot(client, world.service_a)
    assert patch(client, world, {"organization_id": world.org_b}).status_code == 403
    assert snapshot(client, world.service_a) == before
