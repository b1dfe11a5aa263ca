"""Bearer tokens: they authenticate the API, are stored hashed, shown once, revoked at once."""
import logging

import pytest
from auth_helpers import bearer, csrf_from, make_org, make_token, make_user, sign_in
from sqlalchemy import select

from directory.auth import ApiToken
from directory.auth.tokens import digest
from directory.store.db import get_session


@pytest.fixture
def partner(app):
    return make_user(app, "partner", email="ana@partner.org", organization_id=make_org(app))


def test_a_valid_token_authenticates_the_api(app, client, partner):
    _token, secret = make_token(app, partner, "nightly sync")
    response = client.get("/me", headers=bearer(secret))
    body = response.get_json()
    assert response.status_code == 200
    assert body["email"] == "ana@partner.org" and body["role"] == "partner"
    assert body["organization_id"] == partner.organization_id
    assert body["token"]["name"] == "nightly sync"
    assert "Set-Cookie" not in response.headers  # the API never starts a session


@pytest.mark.parametrize("headers, invalid", [
    ({}, False),
    ({"Authorization": "Bearer dirtok_not-a-real-token"}, True),
    ({"Authorization": "Bearer "}, False),
    ({"Authorization": "Basic YW5hOnNlY3JldA=="}, False),
])
def test_missing_or_bad_tokens_get_401_with_a_bearer_challenge(client, headers, invalid):
    response = client.get("/me", headers=headers)
    body = response.get_json()
    assert response.status_code == 401
    assert set(body) == {"code", "status", "message", "errors"} and body["status"] == 401
    challenge = response.headers["WWW-Authenticate"]
    assert challenge.startswith("Bearer")
    assert ('error="invalid_token"' in challenge) == invalid


def test_a_signed_in_browser_session_does_not_authenticate_the_api(app, client, partner):
    sign_in(client, "ana@partner.org")
    assert client.get("/account").status_code == 200
    assert client.get("/me").status_code == 401


def test_a_revoked_token_is_refused_on_the_next_request(app, client, partner, runner):
    token, secret = make_token(app, partner)
    assert client.get("/me", headers=bearer(secret)).status_code == 200
    result = runner.invoke(args=["tokens", "revoke", token.id])
    assert result.exit_code == 0, result.output
    assert client.get("/me", headers=bearer(secret)).status_code == 401


def test_deactivating_the_account_stops_its_tokens(app, client, partner):
    _token, secret = make_token(app, partner)
    with app.app_context():
        get_session().merge(partner).active = False
        get_session().commit()
    assert client.get("/me", headers=bearer(secret)).status_code == 401


def test_tokens_are_stored_hashed_and_use_is_recorded(app, client, partner):
    token, secret = make_token(app, partner)
    client.get("/me", headers=bearer(secret))
    with app.app_context():
        stored = get_session().scalars(select(ApiToken)).one()
        assert stored.token_hash == digest(secret) and secret not in stored.token_hash
        assert stored.last_used_at is not None


def test_partner_creates_a_token_on_the_account_page_and_sees_it_once(app, client, partner):
    sign_in(client, "ana@partner.org")
    form = {"name": "booking system", "csrf_token": csrf_from(client.get("/account"))}
    created = client.post("/account/tokens", data=form)
    page = created.get_data(as_text=True)
    assert created.status_code == 201 and created.headers["Cache-Control"] == "no-store"
    secret = page.split('id="new-token"')[1].split('value="')[1].split('"')[0]
    assert client.get("/me", headers=bearer(secret)).get_json()["token"]["name"] == "booking system"
    later = client.get("/account").get_data(as_text=True)
    assert "booking system" in later and secret not in later


def test_partner_revokes_a_token_on_the_account_page(app, client, partner):
    token, secret = make_token(app, partner, "old laptop")
    sign_in(client, "ana@partner.org")
    csrf = csrf_from(client.get("/account"))
    response = client.post(f"/account/tokens/{token.id}/revoke", data={"csrf_token": csrf})
    assert response.status_code == 302
    assert "is revoked" in client.get("/account").get_data(as_text=True)
    assert client.get("/me", headers=bearer(secret)).status_code == 401


def test_nobody_revokes_or_creates_tokens_for_someone_else(app, client, partner):
    token, secret = make_token(app, partner)
    other = make_user(app, "partner", email="bo@other.org", organization_id=make_org(app, "b"))
    make_user(app, "therapist", email="tess@clinic.org")
    for email in (other.email, "tess@clinic.org"):
        sign_in(client, email)
        csrf = csrf_from(client.get("/account"))
        revoke = client.post(f"/account/tokens/{token.id}/revoke", data={"csrf_token": csrf})
        assert revoke.status_code == 403
        client.post("/sign-out", data={"csrf_token": csrf})
    csrf = csrf_from(client.get("/sign-in"))
    create = client.post("/account/tokens", data={"name": "x", "csrf_token": csrf})
    assert create.status_code == 302  # signed out: sent to sign in
    assert client.get("/me", headers=bearer(secret)).status_code == 200


def test_therapists_see_no_token_section(app, client):
    make_user(app, "therapist", email="tess@clinic.org")
    sign_in(client, "tess@clinic.org")
    page = client.get("/account").get_data(as_text=True)
    assert "API tokens" not in page
    response = client.post("/account/tokens", data={"name": "x", "csrf_token": csrf_from(
        client.get("/account"))}, headers={"Accept": "text/html"})
    assert response.status_code == 403 and "You cannot do this" in response.get_data(as_text=True)


def test_no_token_appears_in_logs(app, client, partner, runner, caplog):
    caplog.set_level(logging.DEBUG)
    result = runner.invoke(args=["tokens", "create", "ana@partner.org", "--name", "ci"])
    secret = result.output.strip().splitlines()[-1]
    client.get("/me", headers=bearer(secret))
    client.get("/me", headers=bearer(secret + "x"))
    assert "created API token" in caplog.text
    assert secret not in caplog.text
