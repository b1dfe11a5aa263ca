"""Eligibility prose yields structure only where it is explicit; the rest stays unknown."""

import pytest

from ingest.clean import parse_eligibility

FIELDS = ("minimum_age", "maximum_age", "genders", "veteran", "income_limit_fpl", "residency")


@pytest.mark.parametrize("raw, expected", [
    ("Age 55 or over, county resident", {"minimum_age": 55, "residency": "county"}),
    ("Youth ages 12-24", {"minimum_age": 12, "maximum_age": 24}),
    ("Adults 18+", {"minimum_age": 18}),
    ("Women and children", {}),  # the children may be boys: no gender limit is certain
    ("Veterans only", {"veteran": True}),
    ("Seniors 60 and older", {"minimum_age": 60}),
    ("Under 21", {"maximum_age": 20}),
    ("21 and under", {"maximum_age": 21}),
    ("Over 18", {"minimum_age": 18}),
    ("Children under 5", {"maximum_age": 4}),
    ("Ages 0-5", {"minimum_age": 0, "maximum_age": 5}),
    ("Between 18 and 64 years", {"minimum_age": 18, "maximum_age": 64}),
    ("Low-income families below 200% of the federal poverty level",
     {"income_limit_fpl": 200}),
    ("An income of 125% of poverty level or less", {"income_limit_fpl": 125}),
    ("At or below 138% FPL", {"income_limit_fpl": 138}),
    ("Income above 100% FPL", {}),  # a floor, not a limit
    ("Women", {"genders": ("female",)}),
    ("Men 18+", {"genders": ("male",), "minimum_age": 18}),
    ("Women only", {"genders": ("female",)}),
    ("Must be male", {"genders": ("male",)}),
    ("Veterans and their families", {}),
    ("Must be a veteran", {"veteran": True}),
    ("Resident of California to obtain a library card", {"residency": "state"}),
    ("Residents of San Mateo County age 55 or over", {"residency": "county", "minimum_age": 55}),
    ("Senior citizens age 60 or over, disabled individuals age 18-59", {"minimum_age": 18}),
    ("Age 55 or over for most programs, age 60 or over for lunch program", {"minimum_age": 55}),
    ("English-speaking adult reading at or below 7th grade level or child in 1st-12th grade",
     {}),
    ("Low-income families", {}),
    ("None", {}),
    ("Any age", {}),
])
def test_parse_eligibility(raw, expected):
    found = parse_eligibility(raw)
    assert {field: getattr(found, field) for field in FIELDS
            if getattr(found, field) is not None} == expected
    assert found.original == raw


def test_evidence_names_the_phrases_used():
    found = parse_eligibility("Age 55 or over, county resident")
    assert found.evidence == ("55 or over", "county resident")


def test_residency_area_is_named_when_stated():
    found = parse_eligibility("Must reside and/or work in San Mateo County.")
    assert (found.residency, found.residency_area) == ("county", "San Mateo County")


@pytest.mark.parametrize("raw", ["Serves 200+ families a year", "Room 150 or over there"])
def test_numbers_over_a_human_age_are_not_ages(raw):
    found = parse_eligibility(raw)
    assert found.minimum_age is None


@pytest.mark.parametrize("raw", [None, "", "  "])
def test_blank_eligibility(raw):
    found = parse_eligibility(raw)
    assert all(getattr(found, field) is None for field in FIELDS)
