"""Our /openapi.json is the contract: generated requests to every GET never 500 and conform."""
from collections import Counter

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from api_data import build
from directory.search.backend import search_backend
from directory.search.sync import drain
from directory.store.ids import stable_id
from factories import COUNSELING

CHECKS = [not_a_server_error, response_schema_conformance]


def operations(app):
    """Return every operation of the app's OpenAPI document."""
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


# Blueprints that serve HTML pages; everything else answers JSON and must be documented.
PAGES = ("auth.", "partner.", "admin.", "static")
ALIASES = {"service_id": "id", "sal_id": "id", "organization_id": "id", "taxonomy_id": "id",
           "term_id": "id", "change_id": "id", "int:run_id": "id"}


def served_operations(app):
    """Return {(METHOD, path)} of every JSON route, with path variables named as documented."""
    served = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith(PAGES) and rule.endpoint != "auth.me":
            continue
        path = rule.rule
        for flask_name, name in ALIASES.items():
            path = path.replace(f"<{flask_name}>", "{" + name + "}")
        paths = ([path.replace("<decision>", verb) for verb in ("approve", "reject")]
                 if "<decision>" in path else [path.replace("<", "{").replace(">", "}")])
        served |= {(method, p) for p in paths for method in rule.methods - {"HEAD", "OPTIONS"}}
    return served


def test_document_covers_every_json_route_and_no_page(app, client):
    document = client.get("/openapi.json").get_json()
    documented = {(method.upper(), path) for path, item in document["paths"].items()
                  for method in item}
    assert documented == served_operations(app)


def test_partner_writes_need_a_token_and_if_match(client):
    document = client.get("/openapi.json").get_json()
    put = document["paths"]["/services/{id}"]["put"]
    assert put["security"] == [{"bearerAuth": []}]
    if_match = next(p for p in put["parameters"] if p["name"] == "If-Match")
    assert if_match["in"] == "header" and if_match["required"] is True
    assert {"401", "403", "404", "412", "413", "422", "428"} <= set(put["responses"])
    read = document["paths"]["/services/{id}"]["get"]
    assert "ETag" in read["responses"]["200"]["headers"] and "304" in read["responses"]
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def known_ids(directory):
    """Real ids per detail path, so generated requests reach 200 answers too."""
    return {
        "/services/{id}": directory.counseling.id,
        "/organizations/{id}": directory.family.id,
        "/service_at_locations/{id}": directory.meals.service_at_locations[0].id,
        "/taxonomies/{id}": stable_id("taxonomy", "open-eligibility"),
        "/taxonomy_terms/{id}": COUNSELING,
    }


def strategies(operation, ids):
    """Positive and negative cases; detail operations also get a real id."""
    yield operation.as_strategy()
    if len(operation.query):
        yield operation.as_strategy(generation_mode=GenerationMode.NEGATIVE)
    if operation.path in ids:
        yield operation.as_strategy(path_parameters={"id": ids[operation.path]})


def run_cases(strategy, check, examples=25):
    """Run `check` on generated cases; return the failure text, or None when all pass."""
    @settings(max_examples=examples, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=strategy)
    def run(case):
        check(case)

    try:
        run()
    except Exception as exc:  # collect every operation's failure, then report all
        return str(exc)
    return None


def test_generated_read_requests_conform(app, session):
    ids = known_ids(build(session))
    failures = []
    for operation in operations(app):
        if operation.method.upper() != "GET" or "security" in operation.definition.raw:
            continue
        for strategy in strategies(operation, ids):
            failure = run_cases(strategy, lambda case: case.call_and_validate(checks=CHECKS))
            if failure:
                failures.append(f"{operation.label}: {failure}")
    assert not failures, "\n\n".join(failures)


def test_generated_match_bodies_never_500_and_answers_conform(app, session):
    build(session)
    drain(session, search_backend(app))
    match = next(op for op in operations(app) if op.label == "POST /match")
    answered = Counter()

    def check(case):
        answered[case.call_and_validate(checks=CHECKS).status_code] += 1

    failures = [failure for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
                if (failure := run_cases(match.as_strategy(generation_mode=mode), check, 60))]
    assert not failures, "\n\n".join(failures)
    assert answered[200] and answered[422], answered  # both valid and invalid bodies reached
