"""Shared setup for partner, admin and security tests: two partner organisations, one service
each, and an account (with an API token) for every role."""
import functools
import re
from types import SimpleNamespace

from sqlalchemy import func, select

from directory.auth import User, passwords, tokens
from directory.partner import review
from directory.search.backend import search_backend
from directory.search.sync import drain
from directory.store.db import get_session
from directory.store.models import Metadata
from directory.store.ids import stable_id
from factories import location_data, make_organization, make_service

PASSWORD = "a long enough test password"
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"'
                  r'|name="csrf_token" value="([^"]+)"')


@functools.cache
def password_hash():
    """Return an argon2 hash of PASSWORD, computed once."""
    return passwords.hash_password(PASSWORD)


def _service(session, key, organization_id):
    location = location_data(key=f"loc-{key}", organization_id=organization_id)
    # No site-level hours: the service's own schedules are what search shows.
    site = {"id": stable_id("site", key), "location": location, "schedules": []}
    return make_service(session, organization_id=organization_id, key=f"svc-{key}",
                        name=f"Counseling {key.upper()}", service_at_locations=[site])


def build(app, trusted_a=False):
    """Create organisations A and B with a service each, accounts and tokens.

    Runs in its own app context: requests made while a test holds an app context share its
    `g`, and Flask-Login would then keep the first request's user for every later one.
    """
    with app.app_context():
        return _build(get_session(), trusted_a)


def _build(session, trusted_a):
    org_a = make_organization(session, key="a", name="Org A")
    org_b = make_organization(session, key="b", name="Org B")
    world = SimpleNamespace(org_a=org_a.id, org_b=org_b.id,
                            service_a=_service(session, "a", org_a.id).id,
                            service_b=_service(session, "b", org_b.id).id,
                            users={}, tokens={})
    for name, role, org in (("admin", "admin", None), ("therapist", "therapist", None),
                            ("partner_a", "partner", org_a.id), ("partner_b", "partner", org_b.id)):
        # One real argon2 hash per test process: hashing is slow on purpose.
        user = User(email=f"{name}@example.org", password_hash=password_hash(), role=role,
                    organization_id=org, active=True)
        session.add(user)
        world.users[name] = user.email
        world.tokens[name] = tokens.create_token(session, user, "tests")[1]
    if trusted_a:
        review.set_trusted(session, org_a.id, True, actor="tests")
    session.commit()
    return world


def metadata_count(app):
    """Return how many audit rows the store holds."""
    with app.app_context():
        return get_session().scalar(select(func.count()).select_from(Metadata))


def audit_rows(app, **where):
    """Return (resource_type, field_name, action, updated_by, old, new) of matching rows."""
    with app.app_context():
        query = select(Metadata).filter_by(**where)
        return [(m.resource_type, m.field_name, m.last_action_type, m.updated_by,
                 m.previous_value, m.replacement_value) for m in get_session().scalars(query)]


def sync_index(app):
    """Drain the search outbox into the index, as the sync worker does."""
    with app.app_context():
        drain(get_session(), search_backend(app))


def bearer(secret, **headers):
    """Return request headers carrying a bearer token."""
    return {"Authorization": f"Bearer {secret}", **headers}


def csrf_token(client, path="/sign-in"):
    """Return the CSRF token of the form on `path` (for the client's current session)."""
    html = client.get(path).get_data(as_text=True)
    found = CSRF.search(html)
    assert found, f"no CSRF token on {path}"
    return found.group(1) or found.group(2)


def sign_in(client, email):
    """Sign the test client in through the real sign-in form."""
    token = csrf_token(client)
    response = client.post("/sign-in", data={"email": email, "password": PASSWORD,
                                             "csrf_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)


def etag_of(client, service_id):
    """Return the current ETag of a service from the read API."""
    response = client.get(f"/services/{service_id}")
    assert response.status_code == 200
    return response.headers["ETag"]
