"""GET /organizations[/{id}], /taxonomies, /taxonomy_terms, / and the profile."""
import json

import pytest

from api_data import build
from directory.store.ids import stable_id
from factories import COUNSELING
from hsds_schemas import PROFILE_DIR, assert_page, assert_valid, needs_hsds

OPEN_ELIGIBILITY = stable_id("taxonomy", "open-eligibility")


@pytest.fixture
def directory(session):
    return build(session)


@needs_hsds
def test_organization_list_and_detail_validate(client, directory):
    body = client.get("/organizations").get_json()
    assert_page("compiled/organization_list.json", body)
    assert [o["name"] for o in body["contents"]] == [
        "Harbor Food Bank", "Peninsula Family Services"]
    detail = client.get(f"/organizations/{directory.family.id}").get_json()
    assert_valid("organization.json", detail)
    assert sorted(s["name"] for s in detail["services"]) == ["Family Counseling",
                                                           "Weekend Food Pantry"]
    assert "service_at_locations" not in detail["services"][0]
    assert detail["organization_identifiers"][0]["identifier"] == "94-1234567"


@needs_hsds
def test_full_service_nests_whole_services(client, directory):
    detail = client.get(f"/organizations/{directory.family.id}?full_service=true").get_json()
    assert_valid("organization.json", detail)
    assert all("service_at_locations" in s for s in detail["services"])
    listing = client.get("/organizations?full=true&search=harbor").get_json()
    assert listing["total_items"] == 1
    for item in listing["contents"]:
        assert_valid("organization.json", item)


def test_organization_errors(client, directory):
    assert client.get("/organizations/nope").status_code == 404
    bad = client.get(f"/organizations/{directory.family.id}?full=true")
    assert bad.status_code == 400 and "full" in bad.get_json()["errors"]


@needs_hsds
def test_taxonomies_and_terms_validate(client, directory):
    taxonomies = client.get("/taxonomies").get_json()
    assert_page("taxonomy.json", taxonomies)
    assert OPEN_ELIGIBILITY in {t["id"] for t in taxonomies["contents"]}
    assert_valid("taxonomy.json", client.get(f"/taxonomies/{OPEN_ELIGIBILITY}").get_json())
    terms = client.get("/taxonomy_terms?per_page=100").get_json()
    assert_page("taxonomy_term.json", terms)
    term = client.get(f"/taxonomy_terms/{COUNSELING}").get_json()
    assert_valid("taxonomy_term.json", term)
    assert term["taxonomy_detail"]["id"] == OPEN_ELIGIBILITY


def test_term_hierarchy_filters(client, directory):
    counseling = client.get(f"/taxonomy_terms/{COUNSELING}").get_json()
    parent_id = counseling["parent_id"]
    children = client.get(f"/taxonomy_terms?parent_id={parent_id}&per_page=500").get_json()
    assert COUNSELING in {t["id"] for t in children["contents"]}
    assert all(t["parent_id"] == parent_id for t in children["contents"])
    top = client.get(f"/taxonomy_terms?top_only=true&taxonomy_id={OPEN_ELIGIBILITY}"
                     "&per_page=500").get_json()
    assert top["total_items"] > 0
    assert all("parent_id" not in t for t in top["contents"])
    assert all(t["taxonomy_id"] == OPEN_ELIGIBILITY for t in top["contents"])
    found = client.get("/taxonomy_terms?search=counseling").get_json()["contents"]
    assert COUNSELING in {t["id"] for t in found}


def test_meta_points_at_profile_and_openapi(client):
    meta = client.get("/").get_json()
    assert meta["version"] == "3.0"
    assert meta["profile"] == "http://localhost/profile/"
    assert meta["openapi_url"] == "http://localhost/openapi.json"
    assert client.get(meta["openapi_url"]).get_json()["openapi"].startswith("3.1")


def test_profile_lists_and_serves_each_patch(client):
    profile = client.get("/profile/").get_json()
    served = {p["schema"] for p in profile["patches"]}
    assert served == {path.name for path in PROFILE_DIR.glob("*.json")}
    assert {"service.json", "schedule.json", "service_area.json"} <= served
    for entry in profile["patches"]:
        body = client.get(entry["url"].replace("http://localhost", "")).get_json()
        assert body == json.loads((PROFILE_DIR / entry["schema"]).read_text())
    service = client.get("/profile/service.json").get_json()["properties"]
    assert service["wait_time_days"]["type"] == "integer"
    assert client.get("/profile/nothing.json").status_code == 404
