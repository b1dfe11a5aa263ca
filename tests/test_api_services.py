"""GET /services and /services/{id}: HSDS-valid output, filters with AND, pages, streaming."""
import json
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import update

from api_data import build
from directory.store.ids import stable_id
from directory.store.models import Service
from factories import COUNSELING, FOOD_PANTRY
from hsds_schemas import assert_page, assert_valid, needs_hsds
from sql_statements import statements_run


@pytest.fixture
def directory(session):
    return build(session)


def names(client, query):
    response = client.get("/services" + query)
    assert response.status_code == 200, response.get_json()
    return sorted(item["name"] for item in response.get_json()["contents"])


@needs_hsds
def test_list_items_validate_against_hsds_service_list(client, directory):
    body = client.get("/services").get_json()
    assert_page("compiled/service_list.json", body)
    assert body["total_items"] == 3
    item = next(i for i in body["contents"] if i["id"] == directory.counseling.id)
    assert item["organization"]["name"] == "Peninsula Family Services"
    assert "phones" not in item and item["minimum_age"] == 12


@needs_hsds
def test_detail_is_fully_nested_and_validates_with_profile(client, directory):
    body = client.get(f"/services/{directory.counseling.id}").get_json()
    assert_valid("service.json", body)
    assert_valid("service_with_definitions.json", body)
    site = body["service_at_locations"][0]
    assert site["location"]["addresses"][0]["postal_code"] == "94401"
    assert body["schedules"][0]["iana_timezone"] == "America/Los_Angeles"
    assert body["service_areas"][0]["postal_codes"] == ["94401", "94402", "94403"]
    assert {a["taxonomy_term"]["name"] for a in body["attributes"]} >= {"Counseling"}
    assert body["metadata"], "creating the service left audit rows"


@needs_hsds
def test_full_and_minimal_items_validate(client, directory):
    full = client.get("/services?full=true").get_json()
    for item in full["contents"]:
        assert_valid("service.json", item)
        assert "service_at_locations" in item
    minimal = client.get("/services?minimal=true").get_json()
    assert_page("compiled/service_list.json", minimal)
    assert {frozenset(i) for i in minimal["contents"]} == {
        frozenset({"id", "name", "status", "last_modified"})}


def test_each_filter_alone(client, directory):
    assert names(client, "?search=COUNSEL") == ["Family Counseling"]
    assert names(client, "?search=harbor") == ["Hot Meals"]  # organization name
    assert names(client, "?search=food") == ["Hot Meals", "Weekend Food Pantry"]  # term + name
    assert names(client, f"?taxonomy_term_id={COUNSELING}") == ["Family Counseling"]
    taxonomy = stable_id("taxonomy", "open-eligibility")
    assert len(names(client, f"?taxonomy_id={taxonomy}")) == 3
    assert names(client, f"?organization_id={directory.harbor.id}") == ["Hot Meals"]
    assert names(client, "?status=inactive") == ["Weekend Food Pantry"]


def test_filters_combine_with_and(client, directory):
    assert names(client, f"?taxonomy_term_id={FOOD_PANTRY}&status=active") == ["Hot Meals"]
    assert names(client, f"?search=food&organization_id={directory.family.id}") == [
        "Weekend Food Pantry"]
    assert names(client, "?search=food%20saturdays") == ["Weekend Food Pantry"]
    assert names(client, "?search=food%20counseling") == []
    assert names(client, "?search=saturdays,%20food.") == ["Weekend Food Pantry"]


def test_modified_after(client, session, directory):
    long_ago = datetime(2020, 1, 1, tzinfo=timezone.utc)
    session.execute(update(Service).where(Service.id != directory.meals.id)
                    .values(last_modified=long_ago))
    session.commit()
    assert names(client, "?modified_after=2021-01-01T00:00:00Z") == ["Hot Meals"]
    since = (long_ago - timedelta(days=1)).isoformat()
    assert len(names(client, "?modified_after=" + since.replace("+", "%2B"))) == 3


def test_pagination_fields(client, directory):
    first = client.get("/services?per_page=2").get_json()
    second = client.get("/services?per_page=2&page=2").get_json()
    assert (first["total_items"], first["total_pages"], first["size"]) == (3, 2, 2)
    assert first["first_page"] and not first["last_page"] and not first["empty"]
    assert second["size"] == 1 and second["last_page"] and not second["first_page"]
    seen = [i["id"] for i in first["contents"] + second["contents"]]
    assert len(set(seen)) == 3
    beyond = client.get("/services?per_page=2&page=9").get_json()
    assert beyond["empty"] and beyond["contents"] == []


def test_ndjson_streams_every_match_fully_nested(client, directory):
    response = client.get("/services?format=ndjson&per_page=1")
    assert response.mimetype == "application/x-ndjson"
    lines = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    assert len(lines) == 3
    assert all("service_at_locations" in line for line in lines)
    active = client.get("/services?format=ndjson&status=active").get_data(as_text=True)
    assert len(active.splitlines()) == 2


@pytest.mark.parametrize("path", [
    "/services/not-a-uuid", f"/services/{stable_id('nobody')}", "/services/1%20OR%201=1",
])
def test_unknown_or_malformed_id_is_404_json(client, directory, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.get_json()["code"] == "not_found"


@pytest.mark.parametrize("query, field", [
    ("page=0", "page"), ("per_page=abc", "per_page"), ("per_page=501", "per_page"),
    ("modified_after=yesterday", "modified_after"), ("format=xml", "format"),
    ("full=yes", "full"), ("minimal=2", "minimal"), ("status=closed", "status"),
    ("taxonomy_term_id=counseling", "taxonomy_term_id"), ("serach=food", "serach"),
])
def test_bad_parameters_are_400_naming_the_parameter(client, query, field):
    response = client.get("/services?" + query)
    assert response.status_code == 400
    body = response.get_json()
    assert body["status"] == 400 and field in body["errors"], body


def test_boolean_spellings(client, directory):
    assert client.get("/services?full=1").status_code == 200
    assert client.get("/services?full=false&minimal=0").status_code == 200


def count_queries(app, client, path):
    """Return how many SQL statements answering `path` ran."""
    with statements_run(app.extensions["sqlalchemy_engine"]) as statements:
        assert client.get(path).status_code == 200
    return len(statements)


@pytest.mark.parametrize("path", ["/services?full=true", "/services",
                                  "/service_at_locations?full=true",
                                  "/organizations?full_service=true"])
def test_list_pages_cost_the_same_queries_for_one_or_many(app, client, directory, path):
    joiner = "&" if "?" in path else "?"
    one = count_queries(app, client, f"{path}{joiner}per_page=1")
    many = count_queries(app, client, f"{path}{joiner}per_page=3")
    assert many == one
