"""Signing in and out through the pages: generic errors, safe cookies, CSRF, throttling."""
import logging

import pytest
from directory.auth import User
from directory.store.db import get_session
from auth_helpers import PASSWORD, csrf_from, make_user, sign_in

HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


@pytest.fixture
def therapist(app):
    return make_user(app, "therapist", email="Pat@Example.org")


def test_sign_in_page_is_an_accessible_form(client):
    response = client.get("/sign-in")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert 'href="#main"' in page and '<main id="main"' in page
    assert '<label for="email">' in page and '<label for="password">' in page
    assert 'autocomplete="current-password"' in page
    assert response.headers["Cache-Control"] == "no-store"


def test_right_password_signs_in_with_any_letter_case(client, therapist):
    response = sign_in(client, "  pat@EXAMPLE.org ")
    assert response.status_code == 302 and response.headers["Location"] == "/account"
    account = client.get("/account").get_data(as_text=True)
    assert "pat@example.org" in account and "Sign out" in account


def test_session_cookie_is_httponly_and_samesite(client, therapist):
    response = sign_in(client, "pat@example.org")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_session_cookie_is_secure_outside_tests_and_debugging(tmp_path):
    from directory import create_app

    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3"})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True
    app.extensions["sqlalchemy_engine"].dispose()


def test_wrong_password_and_unknown_email_get_the_same_generic_answer(client, therapist):
    wrong = sign_in(client, "pat@example.org", "not the password at all")
    unknown = sign_in(client, "nobody@example.org", "not the password at all")
    assert wrong.status_code == unknown.status_code == 422
    pages = [r.get_data(as_text=True).replace(csrf_from(r), "").replace(email, "")
             for r, email in ((wrong, "pat@example.org"), (unknown, "nobody@example.org"))]
    assert pages[0] == pages[1]  # nothing tells an attacker which emails have accounts
    assert "Your email or password is wrong." in pages[0]
    assert client.get("/account").status_code == 302


def test_missing_fields_are_shown_inline(client):
    token = csrf_from(client.get("/sign-in"))
    response = client.post("/sign-in", data={"email": "", "password": "", "csrf_token": token})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="email-error"' in page and "Enter your email address." in page
    assert 'aria-invalid="true"' in page


def test_inactive_account_cannot_sign_in(app, client, therapist):
    with app.app_context():
        get_session().get(User, therapist.id).active = False
        get_session().commit()
    response = sign_in(client, "pat@example.org")
    assert response.status_code == 422
    assert "Your email or password is wrong." in response.get_data(as_text=True)


def test_sign_in_returns_to_the_requested_page_but_never_off_site(client, therapist):
    assert client.get("/account").headers["Location"] == "/sign-in?next=/account"
    assert sign_in(client, "pat@example.org", next_url="/account").headers["Location"] == "/account"
    client.post("/sign-out", data={"csrf_token": csrf_from(client.get("/account"))})
    for evil in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        assert sign_in(client, "pat@example.org", next_url=evil).headers["Location"] == "/account"


def test_sign_out_ends_the_session(client, therapist):
    sign_in(client, "pat@example.org")
    token = csrf_from(client.get("/account"))
    response = client.post("/sign-out", data={"csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"] == "/sign-in"
    assert "You are signed out." in client.get("/sign-in").get_data(as_text=True)
    assert client.get("/account").status_code == 302


def test_forms_without_a_csrf_token_are_refused(client, therapist):
    refused = client.post("/sign-in", data={"email": "pat@example.org", "password": PASSWORD})
    assert refused.status_code == 400
    assert refused.get_json()["code"] == "csrf_failed"
    sign_in(client, "pat@example.org")
    for path in ("/sign-out", "/account/tokens"):
        response = client.post(path, data={"name": "x", "csrf_token": "forged"}, headers=HTML)
        assert response.status_code == 400 and response.mimetype == "text/html"
        assert "This form has expired" in response.get_data(as_text=True)
    assert client.get("/account").status_code == 200  # still signed in: sign-out was refused


def test_repeated_failures_for_one_email_are_throttled(client, therapist):
    for _ in range(5):
        assert sign_in(client, "pat@example.org", "wrong password!!").status_code == 422
    response = sign_in(client, "pat@example.org")  # even the right password waits now
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.get_data(as_text=True)
    assert 0 < int(response.headers["Retry-After"]) <= 15 * 60
    assert client.get("/account").status_code == 302
    assert sign_in(client, "other@example.org", "wrong password!!").status_code == 422


def test_failures_from_one_address_are_throttled_across_emails(app, client, therapist):
    app.config["SIGNIN_IP_FAILURE_LIMIT"] = "3 per 15 minutes"
    for number in range(3):
        sign_in(client, f"guess{number}@example.org", "wrong password!!")
    assert sign_in(client, "pat@example.org").status_code == 429


def test_successful_sign_ins_do_not_count_towards_the_limit(client, therapist):
    for _ in range(7):
        assert sign_in(client, "pat@example.org").status_code == 302


def test_no_password_appears_in_logs(client, therapist, caplog):
    caplog.set_level(logging.DEBUG)
    sign_in(client, "pat@example.org")
    sign_in(client, "pat@example.org", "a wrong secret value")
    assert caplog.records, "sign-in should leave an audit line"
    assert PASSWORD not in caplog.text and "a wrong secret value" not in caplog.text
