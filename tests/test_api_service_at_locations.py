"""GET /service_at_locations: HSDS-valid items, postcode coverage, proximity from a ZIP centroid."""
import json

import pytest

from api_data import build
from directory.store.ids import stable_id
from hsds_schemas import assert_page, assert_valid, needs_hsds


@pytest.fixture
def directory(session):
    return build(session)


def service_names(client, query):
    response = client.get("/service_at_locations" + query)
    assert response.status_code == 200, response.get_json()
    return [item["service"]["name"] for item in response.get_json()["contents"]]


@needs_hsds
def test_list_and_detail_validate(client, directory):
    body = client.get("/service_at_locations").get_json()
    assert_page("compiled/service_at_location_list.json", body)
    assert body["total_items"] == 3
    site_id = directory.counseling.service_at_locations[0].id
    detail = client.get(f"/service_at_locations/{site_id}").get_json()
    assert_valid("service_at_location.json", detail)
    assert detail["service"]["id"] == directory.counseling.id
    assert detail["location"]["languages"]
    for item in client.get("/service_at_locations?full=true").get_json()["contents"]:
        assert_valid("service_at_location.json", item)
    minimal = client.get("/service_at_locations?minimal=true").get_json()
    assert_page("compiled/service_at_location_list.json", minimal)


def test_service_filters_apply_to_sites(client, directory):
    assert service_names(client, "?search=meals") == ["Hot Meals"]
    assert service_names(client, f"?organization_id={directory.family.id}&status=active") == [
        "Family Counseling"]


def test_postcode_keeps_sites_whose_area_covers_it(client, directory):
    # Counseling serves 94401-94403 / San Mateo County; the others state no ZIP area.
    inside = sorted(service_names(client, "?postcode=94402"))
    assert inside == ["Family Counseling", "Hot Meals", "Weekend Food Pantry"]
    outside = sorted(service_names(client, "?postcode=94110"))
    assert outside == ["Hot Meals", "Weekend Food Pantry"]
    # 94404 is not listed, but it is in San Mateo County, which the area names.
    assert "Family Counseling" in service_names(client, "?postcode=94404")


def test_proximity_measures_from_the_postcode_centroid_nearest_first(client, directory):
    assert service_names(client, "?postcode=94110&proximity=2000") == ["Hot Meals"]
    assert service_names(client, "?postcode=94110&proximity=12000") == [
        "Hot Meals", "Weekend Food Pantry"]
    # San Mateo is ~25 km away, and its area does not cover 94110 anyway.
    assert len(service_names(client, "?postcode=94110&proximity=60000")) == 2
    body = client.get("/service_at_locations?postcode=94110&proximity=12000&per_page=1").get_json()
    assert (body["total_items"], body["total_pages"]) == (2, 2)


def test_proximity_stream(client, directory):
    response = client.get("/service_at_locations?postcode=94110&proximity=12000&format=ndjson")
    lines = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    assert [line["service"]["name"] for line in lines] == ["Hot Meals", "Weekend Food Pantry"]


@pytest.mark.parametrize("query, field", [
    ("proximity=1000", "proximity"), ("postcode=SW1A", "postcode"),
    ("postcode=94110&proximity=-5", "proximity"), ("postcode=00000&proximity=10", "postcode"),
    ("proximity=far&postcode=94110", "proximity"),
])
def test_bad_geo_parameters_are_400(client, query, field):
    response = client.get("/service_at_locations?" + query)
    assert response.status_code == 400
    assert field in response.get_json()["errors"]


def test_unknown_site_is_404(client):
    assert client.get(f"/service_at_locations/{stable_id('x')}").status_code == 404
    assert client.get("/service_at_locations/..%2F..").status_code == 404
