"""The demo directory: deterministic, realistic, bounded in memory, loadable and exportable."""
import csv
import gc
import json
import re
import tracemalloc
from datetime import date
from importlib import resources
from zoneinfo import ZoneInfo

import pytest
import zipcodes
from geopy.distance import distance
from sqlalchemy import func, select

from directory.demogen.generator import generate, generate_services
from directory.demogen.ids import demo_id
from directory.demogen.metros import METROS, zip_index
from directory.demogen.names import LANGUAGE_NAMES
from directory.store.db import get_session
from directory.store.ids import stable_id
from directory.store.models import Organization, Service
from directory.store.writes import save_organization, save_service
from directory.taxonomy import ensure_profile_taxonomy, load_open_eligibility
from matcher.vocabulary import ACCESSIBILITY, TERMS

TODAY = date(2025, 6, 1)


@pytest.fixture(scope="module")
def sample():
    """A 1,500-service directory and the locations of its organisations, by id."""
    locations, services = {}, []
    for record in generate(1500, 11, TODAY):
        if record.kind == "organization":
            locations.update((loc["id"], loc) for loc in record.data["locations"])
        else:
            services.append(record.data)
    return locations, services


def attribute_values(service, code):
    return [a["value"] for a in service["attributes"]
            if a["taxonomy_term_id"] == stable_id("profile", code)]


def test_demo_ids_are_the_project_stable_ids():
    for parts in (("demo", 1, "service", 7), ("open-eligibility", "101-02"), ("x", "ñ/ü")):
        assert demo_id(*parts) == stable_id(*parts)


def test_same_seed_same_directory_and_smaller_sizes_are_prefixes():
    first = list(generate(300, 7, TODAY))
    assert list(generate(300, 7, TODAY)) == first
    smaller = list(generate(120, 7, TODAY))
    assert smaller == first[:len(smaller)]
    other = list(generate_services(300, 8, TODAY))
    assert [s["name"] for s in other] != [r.data["name"] for r in first if r.kind == "service"]
    assert first[1].data["id"] == stable_id("demo", 7, "service", 0)
    assert first[0].data["id"] == stable_id("demo", 7, "organization", 0)


def test_sites_sit_at_real_zip_codes_near_their_centroids(sample):
    locations, _ = sample
    physical = [loc for loc in locations.values() if loc["location_type"] == "physical"]
    states = set()
    for location in physical:
        address = location["addresses"][0]
        (record,) = zipcodes.matching(address["postal_code"])
        assert (record["city"], record["state"]) == (address["city"], address["state_province"])
        centroid = (float(record["lat"]), float(record["long"]))
        assert distance(centroid, (location["latitude"], location["longitude"])).km < 5
        assert re.fullmatch(r"\d+ .+", address["address_1"])
        assert {a["description"] for a in location["accessibility"]} <= set(ACCESSIBILITY)
        states.add(address["state_province"])
    assert {"CA", "IL", "TX", "NY", "AZ", "CO"} <= states
    assert any(not location["accessibility"] for location in physical)


def test_schedules_have_real_zones_and_every_kind_of_week(sample):
    _, services = sample
    rows = [(service, row) for service in services for row in service["schedules"]]
    for _, row in rows:
        ZoneInfo(row["iana_timezone"])
        assert row["freq"] == "WEEKLY" and re.fullmatch(r"\d\d:\d\d", row["opens_at"])
    assert {row["iana_timezone"] for _, row in rows} >= {
        "America/Los_Angeles", "America/Chicago", "America/New_York", "America/Phoenix"}
    assert any(row["closes_at"] < row["opens_at"] for _, row in rows), "overnight"
    assert any("SA" in row["byday"] or "SU" in row["byday"] for _, row in rows), "weekend"
    assert any((row["opens_at"], row["closes_at"], row["byday"].count(",")) ==
               ("00:00", "23:59", 6) for _, row in rows), "24/7"
    assert any(len({r["byday"] for r in s["schedules"]}) < len(s["schedules"])
               for s in services), "split day"
    assert any(not s["schedules"] for s in services), "hours unknown"


def test_structured_fields_are_valid_with_some_left_unknown(sample):
    _, services = sample
    codes = {row["taxonomy_id"] for row in csv.DictReader(resources.files("directory").joinpath(
        "data/open_eligibility.csv").read_text().splitlines())}
    category_ids = {stable_id("open-eligibility", code) for code in codes}
    for service in services:
        categories = [a for a in service["attributes"] if a["link_type"] == "service_category"]
        assert categories and all(a["taxonomy_term_id"] in category_ids for a in categories)
        for code, (_, _, _, allowed) in TERMS.items():
            assert allowed is None or set(attribute_values(service, code)) <= set(allowed)
        assert [lang["code"] for lang in service["languages"]][0] == "en"
        assert all(re.fullmatch(r"[a-z]{2,3}", lang["code"]) and lang["code"] in LANGUAGE_NAMES
                   for lang in service["languages"])
    assert any(s["minimum_age"] is None and s["maximum_age"] is None for s in services)
    assert any((s["minimum_age"], s["maximum_age"]) == (12, 24) for s in services)
    assert any(not attribute_values(s, "gender") for s in services)
    assert any(attribute_values(s, "gender") == ["female"] for s in services)
    assert any(attribute_values(s, "veteran_status") == ["required"] for s in services)
    assert any(not attribute_values(s, "income_limit_fpl") for s in services)
    assert any(attribute_values(s, "residency_required") == ["no"] for s in services)
    assert any(not s["cost_options"] for s in services)
    assert any(len(s["languages"]) > 2 for s in services)
    assert any(s["interpretation_services"] for s in services)
    assert any(s["assured_date"] is None for s in services)
    assert {s["status"] for s in services} == {"active", "inactive", "temporarily closed"}


def test_areas_capacities_and_remote_services_take_every_shape(sample):
    locations, services = sample
    areas = [area for s in services for area in s["service_areas"]]
    assert any(area["postal_codes"] and len(area["postal_codes"]) > 1 for area in areas)
    assert any(area["counties"] for area in areas)
    polygons = [json.loads(a["extent"]) for a in areas if a["extent_type"] == "geojson"]
    assert polygons and all(p["type"] == "Polygon" for p in polygons)
    capacities = [c for s in services for c in s["capacities"]]
    assert {c["unit"]["name"] for c in capacities} == {"Bed", "Appointment", "Seat"}
    assert any(s["wait_time_days"] is not None and s["wait_time_updated"] for s in services)
    hotlines = [s for s in services if attribute_values(s, "modality") == ["phone"]]
    assert hotlines and all(not s["service_at_locations"] for s in hotlines)
    virtual = [s for s in services if attribute_values(s, "modality") == ["virtual"]]
    assert virtual
    for service in virtual:
        site = locations[service["service_at_locations"][0]["location_id"]]
        assert site["location_type"] == "virtual" and site["url"]
        assert site["latitude"] is None
    alternates = {s["alternate_name"] for s in services if s["alternate_name"]}
    assert any(re.search(r"[\u4e00-\u9fff]", name) for name in alternates)
    assert "Despensa de alimentos" in alternates


def test_only_services_that_can_work_remotely_are_offered_by_phone_or_online(sample):
    # A remote modality makes a service a match at any distance: a food pantry that takes
    # calls must not show up for a client on the other side of the country.
    _, services = sample
    in_person_only = ("Food Pantry", "Emergency Food Boxes", "Dental", "Shelter", "Clothing")
    mixed = [s for s in services if "in_person" in attribute_values(s, "modality")]
    remote_capable = [s for s in mixed if len(attribute_values(s, "modality")) > 1]
    assert remote_capable, "some site-based services also deliver by phone or online"
    for service in remote_capable:
        assert not any(word in service["name"] for word in in_person_only), service["name"]
        # ...and a local agency taking calls still serves only its own area.
        assert service["service_areas"], service["name"]


def test_generation_streams_in_bounded_memory():
    for metro in METROS:  # load the ZIP tables once, outside the measurement
        zip_index(metro)
    held = _traced_peak(lambda: len(list(generate_services(200, 3, TODAY))))
    streamed = _traced_peak(lambda: sum(1 for _ in generate_services(1500, 3, TODAY)))
    # Streaming 1,500 services takes far less memory than holding 200 of them (~1.7 MB).
    assert streamed < 1024 * 1024 and streamed < held


def _traced_peak(work):
    gc.collect()
    tracemalloc.start()
    try:
        assert work() in (200, 1500)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_fifty_thousand_services_stream_without_growing_memory():
    gc.collect()
    before = _resident_bytes()
    assert sum(1 for _ in generate_services(50_000, 5, TODAY)) == 50_000
    gc.collect()
    # Holding them would take hundreds of MB; the generator keeps one organisation at a time.
    assert _resident_bytes() - before < 40 * 1024 * 1024


def _resident_bytes():
    with open("/proc/self/statm") as stream:
        return int(stream.read().split()[1]) * 4096


def test_cli_load_is_safe_to_run_twice(app, runner):
    result = runner.invoke(args=["demo", "load", "--size", "60", "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert "60 services of" in result.output and "services/s" in result.output
    with app.app_context():
        session = get_session()
        assert session.scalar(select(func.count()).select_from(Service)) == 60
        organizations = session.scalar(select(func.count()).select_from(Organization))
        assert 10 <= organizations <= 20
        dated = session.scalars(select(Service.assured_date)).all()
        assert any(d is not None and d < date.today() for d in dated)

    again = runner.invoke(args=["demo", "load", "--size", "60", "--seed", "3", "--if-empty"])
    assert again.exit_code == 0 and "nothing loaded" in again.output
    reload = runner.invoke(args=["demo", "load", "--size", "60", "--seed", "3"])
    assert "0 created, 0 changed" in reload.output, reload.output


def test_cli_export_writes_self_contained_services(app, runner, tmp_path):
    path = tmp_path / "demo.ndjson"
    result = runner.invoke(args=["demo", "export", "--size", "25", "--seed", "4",
                                 "--format", "ndjson", str(path)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == [s["id"] for s in generate_services(25, 4)]
    with app.app_context():
        session = get_session()
        load_open_eligibility(session)
        ensure_profile_taxonomy(session)
        # The nested organisation and locations are enough to store a line from scratch.
        line = next(line for line in lines if line["service_at_locations"])
        save_organization(session, line["organization"], actor="tests")
        saved = save_service(session, line, actor="tests")
        session.commit()
        assert saved.created and len(saved.record.service_at_locations) == len(
            line["service_at_locations"])
