"""Who may do what: every write endpoint and page × anonymous, therapist, partner A, partner B
and admin, aimed at partner A's records. Refused attempts must change nothing."""
import logging

import pytest

import partner_world
from partner_world import PASSWORD, bearer, csrf_token, etag_of, metadata_count, sign_in

ROLES = ("anonymous", "therapist", "partner_b", "partner_a", "admin")


@pytest.fixture
def world(app):
    return partner_world.build(app)  # both organisations reviewed: partner edits answer 202


def state(client, world):
    return client.get(f"/services/{world.service_a}").get_json(), \
        metadata_count(client.application)


def api_call(client, world, role, method, path, body=None, if_match=False):
    headers = bearer(world.tokens[role]) if role != "anonymous" else {}
    if if_match:
        headers["If-Match"] = etag_of(client, world.service_a)
    return client.open(path.format(**vars(world)), method=method, json=body, headers=headers)


def pending_change(client, world):
    """Make partner A submit a change and return its id."""
    response = api_call(client, world, "partner_a", "PATCH", "/services/{service_a}",
                        {"name": "Proposed"}, if_match=True)
    assert response.status_code == 202
    return response.get_json()["id"]


API = {
    "patch": ("PATCH", "/services/{service_a}", {"minimum_age": 15}, True,
              (401, 403, 403, 202, 200)),
    "put": ("PUT", "/services/{service_a}", {"name": "Whole", "status": "active"}, True,
            (401, 403, 403, 202, 200)),
    "confirm": ("POST", "/services/{service_a}/confirm", None, False, (401, 403, 403, 202, 200)),
    "create": ("POST", "/services", {"name": "New", "status": "active",
                                     "organization_id": "{org_a}"}, False,
               (401, 403, 403, 202, 201)),
    "list changes": ("GET", "/change_requests", None, False, (401, 403, 200, 200, 200)),
    "show change": ("GET", "/change_requests/{change}", None, False, (401, 403, 403, 200, 200)),
    "approve": ("POST", "/change_requests/{change}/approve", None, False,
                (401, 403, 403, 403, 200)),
    "reject": ("POST", "/change_requests/{change}/reject", None, False,
               (401, 403, 403, 403, 200)),
}


@pytest.mark.parametrize("name", API)
def test_api_matrix(client, world, name):
    method, path, body, if_match, expected = API[name]
    world.change = pending_change(client, world)
    if body and body.get("organization_id"):
        body = {**body, "organization_id": world.org_a}
    seen = {}
    for role, status in zip(ROLES, expected):
        before = state(client, world)
        seen[role] = api_call(client, world, role, method, path, body, if_match).status_code
        if status >= 400:
            assert state(client, world) == before, f"{role} changed something"
    assert seen == dict(zip(ROLES, expected))


PAGES = {
    "my listings": ("GET", "/partner/services?organization={org_a}", (302, 403, 200, 200, 200)),
    "edit form": ("GET", "/partner/services/{service_a}/edit", (302, 403, 403, 200, 200)),
    "save form": ("POST", "/partner/services/{service_a}/edit", (302, 403, 403, 303, 303)),
    "confirm": ("POST", "/partner/services/{service_a}/confirm", (302, 403, 403, 303, 303)),
    "my changes": ("GET", "/partner/changes", (302, 403, 200, 200, 403)),
    "queue": ("GET", "/admin/changes", (302, 403, 403, 403, 200)),
    "approve": ("POST", "/admin/changes/{change}/approve", (302, 403, 403, 403, 303)),
    "reject": ("POST", "/admin/changes/{change}/reject", (302, 403, 403, 403, 303)),
    "organisations": ("GET", "/admin/organizations", (302, 403, 403, 403, 200)),
    "trust": ("POST", "/admin/organizations/{org_a}/trust", (302, 403, 403, 403, 303)),
    "accounts": ("GET", "/admin/accounts", (302, 403, 403, 403, 200)),
    "create account": ("POST", "/admin/accounts", (302, 403, 403, 403, 303)),
    "freshness": ("GET", "/admin/freshness", (302, 403, 403, 403, 200)),
    "ingest runs": ("GET", "/admin/ingest", (302, 403, 403, 403, 200)),
}
FORM = {"minimum_age": "15", "trusted": "1", "email": "made@example.org",
        "password": "a long enough password", "role": "therapist", "action": "save"}


def clients(app, world):
    """Return one signed-in test client per role (anonymous: none signed in)."""
    found = {}
    for role in ROLES:
        found[role] = app.test_client()
        if role != "anonymous":
            sign_in(found[role], world.users[role])
    return found


@pytest.mark.parametrize("name", PAGES)
def test_page_matrix(app, client, world, name):
    method, path, expected = PAGES[name]
    world.change = pending_change(client, world)
    url = path.format(**vars(world))
    seen = {}
    for (role, browser), status in zip(clients(app, world).items(), expected):
        before = state(client, world)
        data = None
        if method == "POST":
            data = {**FORM, "csrf_token": csrf_token(browser), "base_etag":
                    etag_of(client, world.service_a)}
        seen[role] = browser.open(url, method=method, data=data).status_code
        if status >= 400 or role == "anonymous":
            assert state(client, world) == before, f"{role} changed something"
    assert seen == dict(zip(ROLES, expected))


@pytest.mark.parametrize("path", [p for _, (m, p, _) in PAGES.items() if m == "POST"])
def test_every_form_needs_its_csrf_token(app, client, world, path):
    world.change = pending_change(client, world)
    admin = app.test_client()
    sign_in(admin, world.users["admin"])
    before = state(client, world)
    response = admin.post(path.format(**vars(world)), data=FORM)
    assert response.status_code == 400
    assert state(client, world) == before


def test_no_password_or_token_reaches_logs_or_responses(app, client, world, caplog):
    caplog.set_level(logging.DEBUG)
    secret = world.tokens["partner_a"]
    bodies = []
    browser = app.test_client()
    sign_in(browser, world.users["partner_a"])
    bodies.append(browser.get("/partner/services").get_data(as_text=True))
    bodies.append(browser.get("/account").get_data(as_text=True))
    for method, path, body, if_match, _ in API.values():
        if "{change}" in path:
            continue
        if body and body.get("organization_id"):
            body = {**body, "organization_id": world.org_a}
        response = api_call(client, world, "partner_a", method, path, body, if_match)
        bodies.append(response.get_data(as_text=True))
    bodies.append(client.get("/change_requests",
                             headers=bearer("dirtok_wrong")).get_data(as_text=True))
    for text in [caplog.text, *bodies]:
        assert secret not in text and PASSWORD not in text
