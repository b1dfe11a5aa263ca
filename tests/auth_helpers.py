"""Test helpers for accounts: make users and tokens, read CSRF tokens, sign in through the form.

Shared by every test that needs a signed-in user or a bearer token (auth, partner API, pages).
They take the `app` and open their own short app context: do not make requests while the
`session` fixture's app context is open, because the test client then reuses that context and
its `g` (Flask-Login's cached user, Flask-WTF's CSRF token) leaks from one request to the next.
"""
import re

from directory.auth import accounts, tokens
from directory.store.db import get_session
from factories import make_organization

PASSWORD = "correct horse battery staple"
_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def make_org(app, key="org", name="Peninsula Family Services"):
    """Create and commit an organisation; return its id."""
    with app.app_context():
        return make_organization(get_session(), key=key, name=name).id


def make_user(app, role="therapist", email=None, organization_id=None, password=PASSWORD):
    """Create and commit an account; return it (detached: read its attributes only)."""
    with app.app_context():
        session = get_session()
        user = accounts.create_user(session, email or f"{role}@example.org", password, role,
                                    organization_id)
        session.commit()
        return user


def make_token(app, user, name="test token"):
    """Create and commit an API token for `user`; return (token, secret)."""
    with app.app_context():
        session = get_session()
        token, secret = tokens.create_token(session, session.merge(user), name)
        session.commit()
        return token, secret


def bearer(secret):
    """Return the headers that authenticate an API request with `secret`."""
    return {"Authorization": f"Bearer {secret}"}


def csrf_from(response):
    """Return the CSRF token embedded in an HTML form response."""
    match = _CSRF.search(response.get_data(as_text=True))
    assert match, "no csrf_token field in the page"
    return match.group(1)


def sign_in(client, email, password=PASSWORD, next_url=""):
    """Fill in and post the sign-in form like a browser; return the POST response."""
    token = csrf_from(client.get("/sign-in"))
    form = {"email": email, "password": password, "csrf_token": token, "next": next_url}
    return client.post("/sign-in", data=form)
