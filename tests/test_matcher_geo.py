"""Offline geocoding, ZIP facts, distances and service-area polygons."""
import pytest
from geopy.geocoders.base import Geocoder

from matcher import geo
from matcher.geo import (OfflineGeocoder, county_of_zip, distance_km, great_circle_km,
                         make_geocoder, point_in_geometry, zip_centroid)
from matcher.profile import ClientProfile, locate

SAN_CARLOS = (37.4969, -122.2674)


@pytest.mark.parametrize("query", ["94070", "San Carlos, CA 94070", "san carlos",
                                   "San Carlos CA", "san carlos, ca", "  SAN CARLOS, California ",
                                   "94070-1234"])
def test_every_way_of_writing_san_carlos_finds_the_same_place(query):
    location = OfflineGeocoder().geocode(query)
    assert (location.latitude, location.longitude) == pytest.approx(SAN_CARLOS)
    assert location.address.startswith("San Carlos, CA")


@pytest.mark.parametrize("query", ["no such town", "", "00000", "San Carlos, ZZ"])
def test_unknown_places_give_none(query):
    assert OfflineGeocoder().geocode(query) is None


def test_a_city_is_the_mean_of_its_zip_centroids():
    location = OfflineGeocoder().geocode("Redwood City, CA")
    zips = location.raw["zip_codes"]
    assert len(zips) > 1
    points = [zip_centroid(z) for z in zips]
    assert location.latitude == pytest.approx(sum(p[0] for p in points) / len(points))


def test_a_city_in_several_states_resolves_deterministically():
    # Portland: Oregon has more standard ZIP codes than Maine.
    assert OfflineGeocoder().geocode("portland").raw["state"] == "OR"
    assert OfflineGeocoder().geocode("portland, me").raw["state"] == "ME"


def test_many_results_and_geopy_interface():
    geocoder = OfflineGeocoder()
    assert isinstance(geocoder, Geocoder)
    assert len(geocoder.geocode("94070", exactly_one=False)) == 1


def test_default_geocoder_is_offline_and_configured_one_is_rate_limited():
    assert make_geocoder()("san carlos").raw["state"] == "CA"
    online = make_geocoder("http://localhost:8080/nominatim", min_delay_seconds=0)
    assert callable(online) and hasattr(online, "cache_info")


def test_zip_facts():
    assert zip_centroid("94070") == pytest.approx(SAN_CARLOS)
    assert county_of_zip("94070") == "San Mateo County, CA"
    assert zip_centroid("99999") is None and county_of_zip("99999") is None


def test_distances_agree_and_are_plausible():
    sf = (37.7749, -122.4194)
    assert distance_km(SAN_CARLOS, sf) == pytest.approx(33.5, abs=1.0)
    assert great_circle_km(*SAN_CARLOS, *sf) == distance_km(SAN_CARLOS, sf)


def test_locate_fills_zip_county_and_state():
    profile = locate(ClientProfile(), "San Carlos, CA 94070", make_geocoder())
    assert (profile.postal_code, profile.county, profile.state) == \
        ("94070", "San Mateo County, CA", "CA")
    with pytest.raises(ValueError):
        locate(ClientProfile(), "atlantis", make_geocoder())


DONUT = {"type": "Polygon", "coordinates": [
    [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
    [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]]}
TWO_ISLANDS = {"type": "MultiPolygon", "coordinates": [
    [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
    [[[20, 20], [21, 20], [21, 21], [20, 21], [20, 20]]]]}


@pytest.mark.parametrize("lat, lon, geometry, inside", [
    (2, 2, DONUT, True), (5, 5, DONUT, False), (11, 5, DONUT, False),
    (5, 2, DONUT, True),               # lat 5, lon 2: GeoJSON is [lon, lat]
    (0.5, 0.5, TWO_ISLANDS, True), (20.5, 20.5, TWO_ISLANDS, True),
    (10, 10.5, TWO_ISLANDS, False),
    (1, 1, {"type": "Point", "coordinates": [1, 1]}, False), (1, 1, None, False),
])
def test_point_in_geometry(lat, lon, geometry, inside):
    assert point_in_geometry(lat, lon, geometry) is inside


def test_zip_records_read_in_a_child_interpreter_equal_those_read_here(monkeypatch):
    import sys

    import zipcodes

    from_child = geo._packed_zips()
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")   # no child can start
    here = geo._packed_zips()
    assert from_child == here == geo.pack_zips(zipcodes.list_all())
    assert len(from_child.split("\n")) > 40_000
    assert "\n94070\tSTANDARD\tSan Carlos\tCA\tSan Mateo County\t" in from_child
