"""Spelling variants of one listing share a dedupe key; different listings do not."""

import pytest

from ingest.clean import dedupe_key, normalize_org_name, normalize_street


@pytest.mark.parametrize("raw, expected", [
    ("The Food Bank, Inc.", "food bank"), ("FOOD BANK INC", "food bank"),
    ("Food Bank, L.L.C.", "food bank"), ("Food Bank LLC", "food bank"),
    ("Samaritan House Corp.", "samaritan house"), ("Acme Company", "acme"),
    ("Peninsula Family Service, a nonprofit corporation", "peninsula family service"),
    ("Boys & Girls Club", "boys and girls club"), ("Café Ñoño", "cafe nono"),
    ("CafÃ© Ole", "cafe ole"), ("Inc", "inc"), (None, ""),
])
def test_normalize_org_name(raw, expected):
    assert normalize_org_name(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("24 Second Avenue", "24 2nd ave"), ("24 2nd Ave.", "24 2nd ave"),
    ("2600 Middlefield Road", "2600 middlefield rd"),
    ("2600 MIDDLEFIELD RD", "2600 middlefield rd"),
    ("100 North Main Street, Suite 200", "100 n main st ste 200"),
    ("100 N. Main St. #200", "100 n main st ste 200"),
    ("1 El Camino Real Blvd", "1 el camino real blvd"), (None, ""),
])
def test_normalize_street(raw, expected):
    assert normalize_street(raw) == expected


def test_variants_of_one_listing_collide():
    first = dedupe_key("The Food Bank, Inc.", "24 Second Avenue, Suite 100", "94401-1234",
                       "(650) 555-1234 ext 5")
    second = dedupe_key("FOOD BANK INC", "24 2nd Ave. #100", 94401, "650.555.1234")
    assert first == second == "food bank|24 2nd ave ste 100|94401|6505551234"


@pytest.mark.parametrize("other", [
    ("Food Bank", "26 Second Avenue", "94401", "650-555-1234"),
    ("Food Pantry", "24 Second Avenue", "94401", "650-555-1234"),
    ("Food Bank", "24 Second Avenue", "94403", "650-555-1234"),
    ("Food Bank", "24 Second Avenue", "94401", "650-555-9999"),
])
def test_different_listings_stay_apart(other):
    assert dedupe_key("Food Bank", "24 Second Avenue", "94401", "650-555-1234") != \
        dedupe_key(*other)


def test_unreadable_parts_still_contribute():
    key = dedupe_key("Samaritan House", "4031 Pacific Blvd", "abc", "555-1234")
    assert key == "samaritan house|4031 pacific blvd|abc|5551234"
    assert dedupe_key("Samaritan House") == "samaritan house|||"
