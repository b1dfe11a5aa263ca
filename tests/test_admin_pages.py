"""Admin pages: review queue, trust, accounts and tokens, freshness and ingest reports."""
from datetime import date, timedelta

import pytest

import partner_world
from directory.partner.admin_pages import months_ago
from directory.store.db import get_session
from directory.store.models import Service
from ingest.models import IngestReject, IngestRun
from partner_world import bearer, csrf_token, etag_of, sign_in


@pytest.fixture
def world(app):
    return partner_world.build(app)


@pytest.fixture
def admin(client, world):
    sign_in(client, world.users["admin"])
    return client


def propose(client, world, body):
    return client.patch(f"/services/{world.service_a}", json=body,
                        headers=bearer(world.tokens["partner_a"],
                                       **{"If-Match": etag_of(client, world.service_a)}))


def test_queue_shows_the_diff_and_approval_publishes(admin, world):
    change = propose(admin, world, {"name": "Counseling A+"}).get_json()
    html = admin.get("/admin/changes").get_data(as_text=True)
    assert "Counseling A+" in html and "<code>name</code>" in html
    token = csrf_token(admin, "/admin/changes")
    response = admin.post(f"/admin/changes/{change['id']}/approve",
                          data={"csrf_token": token, "note": "ok"})
    assert response.status_code == 303
    assert admin.get(f"/services/{world.service_a}").get_json()["name"] == "Counseling A+"
    assert "No changes are waiting" in admin.get("/admin/changes").get_data(as_text=True)


def test_a_stale_change_is_flagged_and_cannot_be_approved(admin, world):
    change = propose(admin, world, {"name": "First idea"}).get_json()
    admin.patch(f"/services/{world.service_a}", json={"minimum_age": 10},
                headers=bearer(world.tokens["admin"],
                               **{"If-Match": etag_of(admin, world.service_a)}))
    html = admin.get("/admin/changes").get_data(as_text=True)
    assert "The listing changed after this request was made" in html
    token = csrf_token(admin, "/admin/changes")
    admin.post(f"/admin/changes/{change['id']}/approve", data={"csrf_token": token})
    assert admin.get(f"/services/{world.service_a}").get_json()["name"] == "Counseling A"


def test_trusting_an_organisation_publishes_its_next_edit(admin, world):
    token = csrf_token(admin, "/admin/organizations")
    admin.post(f"/admin/organizations/{world.org_a}/trust", data={"csrf_token": token,
                                                                  "trusted": "1"})
    assert "Trusted" in admin.get("/admin/organizations").get_data(as_text=True)
    assert propose(admin, world, {"name": "Published now"}).status_code == 200


def test_accounts_are_created_with_inline_errors(admin, world):
    token = csrf_token(admin, "/admin/accounts")
    bad = admin.post("/admin/accounts", data={"csrf_token": token, "email": "nope",
                                              "password": "short", "role": "partner"})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422 and 'href="#email"' in html and 'href="#password"' in html
    good = admin.post("/admin/accounts", data={
        "csrf_token": token, "email": "new@example.org", "password": "another long password",
        "role": "partner", "organization_id": world.org_b})
    assert good.status_code == 303
    assert "new@example.org" in admin.get("/admin/accounts").get_data(as_text=True)


def test_a_revoked_token_is_refused_at_once(admin, app, world):
    secret = world.tokens["partner_a"]
    assert admin.get("/change_requests", headers=bearer(secret)).status_code == 200
    with app.app_context():
        from directory.auth import tokens
        from directory.auth.accounts import find_user
        token_id = tokens.tokens_of(get_session(), find_user(get_session(),
                                                            world.users["partner_a"]))[0].id
    admin.post(f"/admin/tokens/{token_id}/revoke",
               data={"csrf_token": csrf_token(admin, "/admin/accounts")})
    assert admin.get("/change_requests", headers=bearer(secret)).status_code == 401


def test_freshness_counts_unconfirmed_services_by_organisation(admin, app, world):
    with app.app_context():
        session = get_session()
        session.get(Service, world.service_a).assured_date = date.today() - timedelta(days=400)
        session.get(Service, world.service_b).assured_date = date.today()
        session.commit()
    html = admin.get("/admin/freshness").get_data(as_text=True)
    assert "Org A" in html and "Org B" not in html
    assert (date.today() - timedelta(days=400)).isoformat() in html


def test_six_months_ago_stays_within_short_months():
    assert months_ago(date(2025, 8, 31), 6) == date(2025, 2, 28)
    assert months_ago(date(2025, 3, 15), 6) == date(2024, 9, 15)


def test_ingest_runs_list_counts_and_rejects(admin, app):
    with app.app_context():
        session = get_session()
        run = IngestRun(source="county-feed", location="feed.csv", status="succeeded",
                        read=3, created=2, rejected=1)
        session.add(run)
        session.flush()
        session.add(IngestReject(run_id=run.id, file="services.csv", line=7,
                                 reason="name is required"))
        session.commit()
        run_id = run.id
    assert "county-feed" in admin.get("/admin/ingest").get_data(as_text=True)
    html = admin.get(f"/admin/ingest/{run_id}").get_data(as_text=True)
    assert "services.csv" in html and "name is required" in html
