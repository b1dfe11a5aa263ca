"""Each feed format read from hand-written fixtures: records, cleaning, and rejected rows."""
from pathlib import Path

import pytest

from ingest.sources import FeedRecord, Reject, detect_format, open_feed

FEEDS = Path(__file__).parent / "fixtures" / "feeds"

CASES = {  # fixture -> (format, organizations, services, {(file, line): reason fragment})
    "hsds3": ("hsds3-csv", ["org-1", "org-3"], ["svc-1", "svc-2"], {
        ("organizations.csv", 3): "missing required organization name",
        ("locations.csv", 4): "latitude",
        ("locations.csv", 5): "unknown organization org-404",
        ("addresses.csv", 3): "invalid_postal_code",
        ("phones.csv", 4): "too_few_digits",
        ("attributes.csv", 4): "unknown taxonomy term term-missing",
        ("services.csv", 4): "minimum_age",
        ("services.csv", 5): "duplicate service id svc-2 (first on line 3)",
        ("services.csv", 6): "missing required service name",
        ("services.csv", 7): "organization org-404 is not in this feed"}),
    "legacy": ("hsds-legacy-csv", ["1"], ["20", "21"], {
        ("organizations.csv", 3): "missing required organization name",
        ("postal_addresses.csv", 2): "invalid_postal_code",
        ("phones.csv", 3): "no_digits",
        ("services.csv", 4): "service status 'bogus-status'",
        ("services.csv", 5): "duplicate service id 20"}),
    "ohana": ("ohana-csv", ["1"], ["1", "2"], {
        ("organizations.csv", 3): "missing required organization name",
        ("phones.csv", 3): "too_few_digits",
        ("regular_schedules.csv", 3): "cannot read time 'whenever'",
        ("services.csv", 4): "location 9 is not in this feed"}),
    "211/resources.csv": ("211-csv", ["A100", "A200"], ["P111", "P112", "P113", "P201"], {
        ("resources.csv", 8): "missing required PublicName",
        ("resources.csv", 9): "duplicate record P111 (first on line 5)",
        ("resources.csv", 10): "parent 'X999' is not an agency or site"}),
}


def read(fixture):
    """Return (records by (kind, id), rejects by (file, line), everything in order)."""
    items = list(open_feed(FEEDS / fixture).records())
    records = {(r.kind, r.external_id): r for r in items if isinstance(r, FeedRecord)}
    rejects = {(Path(r.file).name, r.line): r for r in items if isinstance(r, Reject)}
    return records, rejects, items


@pytest.mark.parametrize("fixture", CASES)
def test_format_is_detected(fixture):
    assert detect_format(FEEDS / fixture) == CASES[fixture][0]


@pytest.mark.parametrize("fixture", CASES)
def test_good_rows_become_records_and_bad_rows_rejects_with_file_and_line(fixture):
    _, organizations, services, expected = CASES[fixture]
    records, rejects, items = read(fixture)
    assert sorted(k[1] for k in records if k[0] == "organization") == sorted(organizations)
    assert sorted(k[1] for k in records if k[0] == "service") == sorted(services)
    for where, reason in expected.items():
        assert where in rejects, f"no reject at {where}; got {sorted(rejects)}"
        assert reason in rejects[where].reason
    assert len(rejects) == len(expected)
    kinds = [r.kind for r in items if isinstance(r, FeedRecord)]
    assert kinds == sorted(kinds, key=lambda kind: kind != "organization")  # orgs first


def test_hsds3_cleans_text_phones_addresses_and_structures_prose():
    records, _, _ = read("hsds3")
    org = records["organization", "org-1"].data
    assert org["name"] == "Bayside Family Services"
    assert org["description"] == "Counseling and food help for families."
    assert org["website"] == "https://bayside.example"
    address = org["locations"][0]["addresses"][0]
    assert (address["state_province"], address["postal_code"]) == ("CA", "94401")
    assert org["locations"][0]["phones"][0]["extension"] == 12
    cafe = records["organization", "org-3"]
    assert cafe.data["description"] == "Café Esperanza serves hot meals."
    assert any("internal note" in note for note in cafe.notes)
    counseling = records["service", "svc-1"].data
    assert counseling["fees_description"] == "Sliding scale based on income. $20 minimum."
    assert [c["option"] for c in counseling["cost_options"]] == ["Sliding scale", "Fee"]
    assert counseling["minimum_age"] == 18
    assert counseling["eligibility_description"] == "Women only, age 18 or over"
    genders = [a["value"] for a in counseling["attributes"]
               if a.get("taxonomy_term", {}).get("code") == "gender"]
    assert genders == ["female"]
    assert counseling["languages"] == [{"id": "lang-1", "name": "Spanish", "code": "es"}]


def test_hsds3_drops_a_site_whose_location_was_rejected():
    records, _, _ = read("hsds3")
    meals = records["service", "svc-2"]
    assert meals.data["service_at_locations"][0]["location_id"] == "loc-2"
    assert meals.data["cost_options"][0]["amount"] == 0


def test_legacy_tables_map_to_hsds3():
    records, _, _ = read("legacy")
    office = records["organization", "1"].data["locations"][0]
    assert office["schedules"][0]["byday"] == "MO"
    assert office["languages"][0]["code"] == "yue"
    assert office["accessibility"][0]["description"] == "Wheelchair accessible"
    clinic = records["service", "20"]
    assert [s["byday"] for s in clinic.data["schedules"]] == ["MO", "WE"]
    assert clinic.data["eligibility_description"] == "Residents of San Mateo County"
    assert clinic.data["languages"][0] == {"id": "500", "name": "Spanish", "code": "es",
                                           "note": "limited"}
    assert "language 'Spanish (limited)' → es (note: limited)" in clinic.notes
    assert clinic.data["description"] == "Advice for renters facing eviction."
    term = clinic.data["attributes"][0]["taxonomy_term"]
    assert (term["code"], term["taxonomy"]) == ("105-01", "Open Eligibility")
    workers = records["service", "21"]
    assert workers.data["minimum_age"] == 18
    assert "language 'Elvish': no ISO code known" in workers.notes


def test_ohana_fixture_parses_prose_columns():
    records, _, _ = read("ohana")
    center = records["organization", "1"].data["locations"][0]
    assert [lang["code"] for lang in center["languages"]] == ["es", "tl"]
    assert [a["description"] for a in center["accessibility"]] == ["ramp", "restroom"]
    assert [a["address_type"] for a in center["addresses"]] == ["physical", "postal"]
    assert records["organization", "1"].data["locations"][1]["location_type"] == "virtual"
    lunch = records["service", "1"].data
    assert lunch["schedules"] == [{"id": "1", "freq": "WEEKLY", "wkst": "MO", "byday": "MO",
                                   "opens_at": "11:30", "closes_at": "13:00"}]
    assert [a["name"] for a in lunch["service_areas"]] == ["Half Moon Bay", "El Granada"]
    assert [a["taxonomy_term"]["code"] for a in lunch["attributes"]] == ["102", "102-04"]
    assert lunch["minimum_age"] == 60 and lunch["cost_options"][0]["amount"] == 3


@pytest.mark.parametrize("program, expected", [
    ("P111", {"byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00"}),
    ("P112", {"byday": "TU,TH", "opens_at": "10:00", "closes_at": "14:00"}),
    ("P201", {"byday": "MO,TU,WE,TH,FR,SA,SU", "opens_at": "11:30", "closes_at": "13:00"}),
])
def test_211_hours_text_becomes_schedules(program, expected):
    records, _, _ = read("211/resources.csv")
    schedule = records["service", program].data["schedules"][0]
    assert {key: schedule[key] for key in expected} == expected


def test_211_keeps_unparseable_hours_and_notes_dropped_values():
    records, _, _ = read("211/resources.csv")
    tax = records["service", "P113"]
    assert tax.data["schedules"] == [{"id": "P113/schedule/text",
                                      "description": "whenever the volunteers are around"}]
    assert tax.data["status"] == "inactive"
    assert tax.data["attributes"][0]["value"] == "200"
    closet = records["service", "P112"]
    assert "email" not in closet.data and "phones" in closet.data and not closet.data["phones"]
    assert any("555-CALL" in note for note in closet.notes)
    agency = records["organization", "A100"]
    assert [loc["id"] for loc in agency.data["locations"]] == ["A100", "S110"]
    assert any("S120" in note for note in agency.notes)
    assert records["service", "P111"].data["service_at_locations"][0]["location_id"] == "S110"
    assert records["organization", "A200"].data["name"] == "Café de la Paz"
