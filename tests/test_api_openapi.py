"""Our /openapi.json is the contract: generated requests to every GET never 500 and conform."""
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from api_data import build
from directory.store.ids import stable_id
from factories import COUNSELING

CHECKS = [not_a_server_error, response_schema_conformance]


def operations(app):
    """Return every operation of the app's OpenAPI document."""
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


def test_document_covers_every_api_route(app, client):
    documented = set(client.get("/openapi.json").get_json()["paths"])
    served = {rule.rule.replace("<", "{").replace(">", "}") for rule in app.url_map.iter_rules()
              if rule.endpoint.startswith("api_")}
    served = {path.replace("{service_id}", "{id}").replace("{sal_id}", "{id}")
              .replace("{organization_id}", "{id}").replace("{taxonomy_id}", "{id}")
              .replace("{term_id}", "{id}") for path in served}
    assert served == documented


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


def test_generated_requests_conform(app, session):
    ids = known_ids(build(session))
    failures = []
    for operation in operations(app):
        for strategy in strategies(operation, ids):
            @settings(max_examples=25, derandomize=True, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
            @given(case=strategy)
            def run(case):
                case.call_and_validate(checks=CHECKS)

            try:
                run()
            except Exception as exc:  # collect every operation's failure, then report all
                failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)
