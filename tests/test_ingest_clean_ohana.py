"""The cleaners read the Ohana San Mateo sample export as a feed would deliver it."""

import csv
from pathlib import Path

import pytest

from ingest.clean import (CleanError, clean_text, normalize_phone, normalize_postal_code,
                          normalize_state, parse_eligibility, parse_fees, parse_languages)

SAMPLE = Path(__file__).parents[2] / "shared" / "datasets" / "ohana-san-mateo" / "sample-csv"
pytestmark = pytest.mark.skipif(not SAMPLE.is_dir(), reason="Ohana sample CSVs not present")


def rows(name):
    with open(SAMPLE / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_address_has_a_state_and_zip():
    for row in rows("addresses.csv"):
        assert normalize_state(row["state_province"]) == "CA"
        assert normalize_postal_code(row["postal_code"], state="CA").startswith("94")


def test_every_location_language_list_is_understood():
    for row in rows("locations.csv"):
        found = parse_languages(row["languages"])
        assert found.unknown == (), row["languages"]
        assert len(found.languages) == len([p for p in row["languages"].split(",") if p.strip()])


def test_peer_counseling_languages():
    found = parse_languages("Chinese (Cantonese), Chinese (Mandarin), Tagalog, Spanish")
    assert [language.code for language in found.languages] == ["yue", "cmn", "tl", "es"]


def test_phones_normalise_or_say_why():
    reasons = {}
    for row in rows("phones.csv"):
        try:
            phone = normalize_phone(row["number"])
            assert phone.e164.startswith("+1") and len(phone.e164) == 12
        except CleanError as error:
            reasons[row["number"]] = error.reason
        if row["vanity_number"]:
            assert normalize_phone(row["vanity_number"]).vanity == row["vanity_number"]
    # The export's placeholder number is the only reject (789-456-1230 is well formed).
    assert set(reasons) == {"123-456-7890"}
    assert set(reasons.values()) == {"invalid_area_code"}


def test_every_fee_text_gives_an_option_or_keeps_the_words():
    for row in rows("services.csv"):
        fees = parse_fees(row["fees"])
        if row["fees"]:
            assert fees.options, row["fees"]
            words = " ".join(o.amount_description for o in fees.options) + " ".join(fees.other)
            assert len(words) >= len(row["fees"]) * 0.8  # nothing silently dropped


def test_free_services_are_free():
    free = [row for row in rows("services.csv") if row["fees"] == "None."]
    assert free and all(parse_fees(row["fees"]).options[0].amount == 0 for row in free)


def test_eligibility_ages_from_the_sample():
    found = {row["eligibility"]: parse_eligibility(row["eligibility"])
             for row in rows("services.csv")}
    assert found["Age 18 or over"].minimum_age == 18
    assert found["Resident of San Mateo County age 55 or over"].residency == "county"
    work = found["Age 21-60, detoxed, physically able and willing to participate in a work "
                 "therapy program"]
    assert (work.minimum_age, work.maximum_age) == (21, 60)
    assert found["Low-income families"].income_limit_fpl is None


def test_descriptions_are_clean_text():
    for row in rows("locations.csv"):
        text = clean_text(row["description"])
        assert text is None or (text == text.strip() and "  " not in text)
