"""The real Ohana San Mateo export (../shared) read as ohana-csv: exact expected results."""
from pathlib import Path

import pytest

from ingest.sources import FeedRecord, Reject, detect_format, open_feed

OHANA = Path(__file__).parents[2] / "shared" / "datasets" / "ohana-san-mateo" / "sample-csv"
pytestmark = pytest.mark.skipif(not OHANA.is_dir(), reason="Ohana sample data not present")


@pytest.fixture(scope="module")
def feed():
    items = list(open_feed(OHANA, "ohana-csv").records())
    records = {(r.kind, r.external_id): r for r in items if isinstance(r, FeedRecord)}
    rejects = [r for r in items if isinstance(r, Reject)]
    return records, rejects


def locations(records):
    return {loc["id"]: loc for (kind, _), r in records.items() if kind == "organization"
            for loc in r.data["locations"]}


def test_detected_as_ohana():
    assert detect_format(OHANA) == "ohana-csv"


def test_counts_match_the_export(feed):
    records, rejects = feed
    assert sum(kind == "organization" for kind, _ in records) == 8
    assert sum(kind == "service" for kind, _ in records) == 23
    assert len(locations(records)) == 22
    # Only the placeholder number 123-456-7890 (no area code 123) is refused, row by row.
    assert sorted((r.file, r.line) for r in rejects) == [
        ("phones.csv", 41), ("phones.csv", 48), ("phones.csv", 52)]
    assert all("invalid_area_code" in r.reason for r in rejects)


def test_languages_become_iso_codes(feed):
    records, _ = feed
    codes = {lang["code"] for loc in locations(records).values() for lang in loc["languages"]}
    assert {"es", "tl"} <= codes
    assert [lang["code"] for lang in locations(records)["1"]["languages"]] == ["es", "tl"]


def test_coordinates_are_kept(feed):
    records, _ = feed
    site = locations(records)["1"]
    assert (site["latitude"], site["longitude"]) == (37.477227, -122.213221)


def test_regular_schedules_become_weekly_schedules(feed):
    records, _ = feed
    passports = records["service", "22"].data
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in passports["schedules"]] == [
        ("MO", "08:00", "12:00"), ("MO", "14:00", "16:00"), ("WE", "10:00", "15:00")]


def test_fees_text_is_kept_and_priced(feed):
    records, _ = feed
    lunch = records["service", "1"].data
    assert lunch["fees_description"].startswith("$2.50 suggested donation for lunch")
    assert lunch["cost_options"][0]["option"] == "Suggested donation"
    assert lunch["cost_options"][0]["amount"] == 2.5


def test_eligibility_text_kept_with_loosest_age(feed):
    records, _ = feed
    lunch = records["service", "1"].data
    assert lunch["eligibility_description"] == (
        "Age 55 or over for most programs, age 60 or over for lunch program")
    assert lunch["minimum_age"] == 55


def test_open_eligibility_codes_become_attributes(feed):
    records, _ = feed
    coded = [r for r in records.values() if r.kind == "service" and r.data.get("attributes")]
    codes = [a["taxonomy_term"]["code"] for r in coded for a in r.data["attributes"]
             if a["taxonomy_term"].get("taxonomy") == "Open Eligibility"]
    assert codes == ["105", "108", "108-05", "108-05-01", "111", "111-05"]
