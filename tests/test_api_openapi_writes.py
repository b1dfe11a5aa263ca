"""The authenticated half of /openapi.json: generated requests with and without a bearer token.

Runs schemathesis against the partner API, /me and the admin ingest reports on a small
throwaway directory (partner_world): without a token every operation answers 401; with a
trusted partner's or an admin's token no generated request meets a 500 and every answer
conforms to the document. Writes really happen: PUT/PATCH get the service's current ETag, so
generated bodies reach the store instead of stopping at 412.
"""
import itertools
from collections import defaultdict

import pytest
import schemathesis
from schemathesis import GenerationMode

import partner_world
from partner_world import bearer
from test_api_openapi import CHECKS, run_cases

MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)


@pytest.fixture
def world(app):
    """Org A trusted (edits publish), org B reviewed, with one pending change request of B's."""
    world = partner_world.build(app, trusted_a=True)
    client = app.test_client()
    etag = client.get(f"/services/{world.service_b}").headers["ETag"]
    response = client.patch(f"/services/{world.service_b}", json={"name": "Renamed B"},
                            headers=bearer(world.tokens["partner_b"], **{"If-Match": etag}))
    assert response.status_code == 202
    world.change_b = response.get_json()["id"]
    return world


def secured(app):
    """Return every operation of the document that needs a bearer token."""
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    return [op for op in operations if "security" in op.definition.raw]


def strategy(operation, mode, ids):
    """Generate cases for `operation`, aimed at a real record where the path names one."""
    path_parameters = {}
    if "{id}" in operation.path and not operation.path.startswith("/ingest"):
        path_parameters["id"] = ids[operation.path.split("/")[1]]
    return operation.as_strategy(generation_mode=mode, path_parameters=path_parameters)


def pending_change(app, world):
    """Return a function making a new pending change request of partner B's on each call."""
    client, numbers = app.test_client(), itertools.count()

    def make():
        etag = client.get(f"/services/{world.service_b}").headers["ETag"]
        held = client.patch(f"/services/{world.service_b}", json={"name": f"B {next(numbers)}"},
                            headers=bearer(world.tokens["partner_b"], **{"If-Match": etag}))
        assert held.status_code == 202
        return held.get_json()["id"]

    return make


def caller(app, token, service_id, answered, mode, fresh_change=None):
    """Return a check that sends a case with `token`; positive PUT/PATCH get a fresh ETag,
    and with `fresh_change` every approve/reject meets a pending change, not a decided one."""
    client = app.test_client()

    def check(case):
        headers = bearer(token)
        if fresh_change and case.operation.path.startswith("/change_requests/{id}/"):
            case.path_parameters = {"id": fresh_change()}
        if case.method.upper() in ("PUT", "PATCH") and mode == GenerationMode.POSITIVE:
            headers["If-Match"] = client.get(f"/services/{service_id}").headers["ETag"]
        if mode == GenerationMode.POSITIVE and isinstance(case.body, dict):
            # A random organisation is a certain 403 and a random id a certain 422 (not this
            # service); without them the generated body reaches the store.
            case.body.pop("organization_id", None)
            case.body.pop("id", None)
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        answered[case.operation.label].add(response.status_code)

    return check


def run_as(app, world, who, examples=12, fresh_change=None, paths=("/",)):
    """Run the secured operations under `paths` as `who`; return (failures, statuses)."""
    ids = {"services": world.service_a, "change_requests": world.change_b}
    answered, failures = defaultdict(set), []
    for operation in secured(app):
        if not operation.path.startswith(paths):
            continue
        for mode in MODES:
            check = caller(app, world.tokens[who], world.service_a, answered, mode,
                           fresh_change)
            failure = run_cases(strategy(operation, mode, ids), check, examples)
            if failure:
                failures.append(f"{operation.label} ({mode.value}): {failure}")
    return failures, answered


def test_without_a_token_every_secured_operation_answers_401(app, world):
    client = app.test_client()
    for operation in secured(app):
        for headers in ({}, bearer("not-a-real-token")):
            def check(case, headers=headers):
                response = case.call_and_validate(headers=headers, checks=CHECKS)
                assert response.status_code == 401, (case.method, case.path)
                assert response.headers["www-authenticate"][0].startswith("Bearer")

            failure = run_cases(operation.as_strategy(), check, examples=3)
            assert failure is None, f"{operation.label}: {failure}"
    assert client.get(f"/services/{world.service_a}").get_json()["name"] == "Counseling A"


def test_a_trusted_partner_never_meets_a_500(app, world):
    failures, answered = run_as(app, world, "partner_a")
    assert not failures, "\n\n".join(failures)
    # The generated bodies reached the store, not only the validation at the edge.
    assert 200 in answered["PATCH /services/{id}"] and 200 in answered["PUT /services/{id}"]
    assert 201 in answered["POST /services"], answered
    assert 403 in answered["POST /change_requests/{id}/approve"]  # partners never review


def test_an_admin_never_meets_a_500(app, world):
    # Service writes run the partner's code path (covered above); these are the admins' own.
    failures, answered = run_as(app, world, "admin", examples=6,
                                fresh_change=pending_change(app, world),
                                paths=("/change_requests", "/ingest"))
    assert not failures, "\n\n".join(failures)
    for decision in ("approve", "reject"):
        assert {200, 422} <= answered[f"POST /change_requests/{{id}}/{decision}"], answered
