"""Approve/reject bodies: an optional text note only; anything else is refused, decides nothing."""
import pytest

import partner_world
from partner_world import bearer, etag_of


@pytest.fixture
def pending(app):
    """Return (world, id of partner B's pending change request)."""
    world = partner_world.build(app)
    client = app.test_client()
    etag = etag_of(client, world.service_b)
    held = client.patch(f"/services/{world.service_b}", json={"name": "Renamed B"},
                        headers=bearer(world.tokens["partner_b"], **{"If-Match": etag}))
    assert held.status_code == 202
    return world, held.get_json()["id"]


@pytest.mark.parametrize("decision", ["approve", "reject"])
@pytest.mark.parametrize("body, field", [
    ({"note": 5}, "note"), ({"note": "ok", "notes": "typo"}, "notes"), ([1], "_schema"),
    ({"note": "x" * 2001}, "note"),
])
def test_a_bad_body_is_refused_and_the_change_stays_pending(client, pending, decision, body,
                                                            field):
    world, change_id = pending
    admin = bearer(world.tokens["admin"])
    answer = client.post(f"/change_requests/{change_id}/{decision}", json=body, headers=admin)
    assert answer.status_code == 422 and field in answer.get_json()["errors"]
    change = client.get(f"/change_requests/{change_id}", headers=admin).get_json()
    assert change["status"] == "pending"


def test_malformed_json_is_a_400_and_no_body_is_fine(client, pending):
    world, change_id = pending
    admin = bearer(world.tokens["admin"], **{"Content-Type": "application/json"})
    path = f"/change_requests/{change_id}/reject"
    assert client.post(path, data="{not json", headers=admin).status_code == 400
    answer = client.post(path, headers=bearer(world.tokens["admin"]))
    assert answer.status_code == 200 and answer.get_json()["status"] == "rejected"


def test_the_note_reaches_the_partner(client, pending):
    world, change_id = pending
    answer = client.post(f"/change_requests/{change_id}/reject", json={"note": " Wrong name. "},
                         headers=bearer(world.tokens["admin"]))
    assert answer.status_code == 200
    mine = client.get(f"/change_requests/{change_id}",
                      headers=bearer(world.tokens["partner_b"])).get_json()
    assert mine["review_note"] == "Wrong name."
