"""Reviewed organisations: edits wait as change requests with diffs; admins approve or reject."""
from datetime import date

import pytest
import partner_world
from partner_world import audit_rows, bearer, etag_of


@pytest.fixture
def world(app):
    return partner_world.build(app)  # neither organisation is trusted


def submit(client, world, body, who="partner_a"):
    return client.patch(f"/services/{world.service_a}", json=body,
                        headers=bearer(world.tokens[who],
                                       **{"If-Match": etag_of(client, world.service_a)}))


def decide(client, world, change_id, decision, note=None):
    return client.post(f"/change_requests/{change_id}/{decision}", json={"note": note},
                       headers=bearer(world.tokens["admin"]))


def test_a_reviewed_edit_waits_with_a_field_by_field_diff(client, world):
    before = client.get(f"/services/{world.service_a}").get_json()
    response = submit(client, world, {"name": "Counseling A (new name)", "minimum_age": 16})
    assert response.status_code == 202
    change = response.get_json()
    assert change["status"] == "pending" and change["kind"] == "patch"
    assert {"path": "name", "old": "Counseling A", "new": "Counseling A (new name)"} \
        in change["diff"]
    assert {"path": "minimum_age", "old": 12, "new": 16} in change["diff"]
    assert client.get(f"/services/{world.service_a}").get_json() == before
    assert client.get(response.headers["Location"],
                      headers=bearer(world.tokens["partner_a"])).status_code == 200


def test_partners_see_only_their_own_change_requests(client, world):
    change = submit(client, world, {"name": "Renamed"}).get_json()
    mine = client.get("/change_requests", headers=bearer(world.tokens["partner_a"])).get_json()
    theirs = client.get("/change_requests", headers=bearer(world.tokens["partner_b"])).get_json()
    assert [c["id"] for c in mine["contents"]] == [change["id"]]
    assert theirs["contents"] == []
    assert client.get(f"/change_requests/{change['id']}",
                      headers=bearer(world.tokens["partner_b"])).status_code == 403


def test_approval_applies_the_change_as_the_submitter(app, client, world):
    change = submit(client, world, {"name": "Renamed"}).get_json()
    approved = decide(client, world, change["id"], "approve", "Looks right")
    assert approved.status_code == 200
    assert approved.get_json()["reviewed_by"] == "admin@example.org"
    assert client.get(f"/services/{world.service_a}").get_json()["name"] == "Renamed"
    assert audit_rows(app, field_name="name") == [
        ("service", "name", "update", "partner_a@example.org", "Counseling A", "Renamed")]
    assert decide(client, world, change["id"], "approve").status_code == 409


def test_a_stale_change_cannot_be_approved_but_can_be_rejected(client, world):
    change = submit(client, world, {"name": "Old idea"}).get_json()
    admin_edit = client.patch(f"/services/{world.service_a}", json={"name": "Admin's name"},
                              headers=bearer(world.tokens["admin"],
                                             **{"If-Match": etag_of(client, world.service_a)}))
    assert admin_edit.status_code == 200
    listed = client.get(f"/change_requests/{change['id']}", headers=bearer(world.tokens["admin"]))
    assert listed.get_json()["stale"] is True
    refused = decide(client, world, change["id"], "approve")
    assert refused.status_code == 412
    assert client.get(f"/services/{world.service_a}").get_json()["name"] == "Admin's name"
    rejected = decide(client, world, change["id"], "reject", "Superseded")
    assert rejected.get_json()["status"] == "rejected"
    assert rejected.get_json()["review_note"] == "Superseded"


def test_a_reviewed_confirmation_and_new_service_wait_then_apply(client, world):
    headers = bearer(world.tokens["partner_a"])
    confirm = client.post(f"/services/{world.service_a}/confirm", headers=headers)
    assert confirm.status_code == 202
    assert "assured_date" not in client.get(f"/services/{world.service_a}").get_json()
    create = client.post("/services", json={"name": "Pantry", "status": "active"},
                         headers=headers)
    assert create.status_code == 202 and create.get_json()["service_id"] is None
    for change in (confirm.get_json(), create.get_json()):
        assert decide(client, world, change["id"], "approve").status_code == 200
    service = client.get(f"/services/{world.service_a}").get_json()
    assert service["assured_date"] == date.today().isoformat()
    created = client.get("/change_requests", headers=headers).get_json()["contents"]
    new_id = next(c["service_id"] for c in created if c["kind"] == "create")
    assert client.get(f"/services/{new_id}").get_json()["name"] == "Pantry"


def test_an_edit_that_changes_nothing_is_not_queued(client, world):
    response = submit(client, world, {"name": "Counseling A"})
    assert response.status_code == 200
    assert client.get("/change_requests",
                      headers=bearer(world.tokens["partner_a"])).get_json()["contents"] == []
