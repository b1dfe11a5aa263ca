"""States, ZIP codes, countries and "City, ST ZIP" lines normalise the way the store keys them."""

import pytest

from ingest.clean import (CleanError, normalize_country, normalize_postal_code,
                          normalize_state, split_city_state_zip)
from ingest.clean.regions import STATES


@pytest.mark.parametrize("raw, code", [
    ("California", "CA"), ("calif.", "CA"), ("Calif", "CA"), ("ca", "CA"), (" CA ", "CA"),
    ("N.Y.", "NY"), ("new york", "NY"), ("W. Va.", "WV"), ("West Virginia", "WV"),
    ("Washington", "WA"), ("Wash.", "WA"), ("District of Columbia", "DC"),
    ("Washington D.C.", "DC"), ("D.C.", "DC"), ("Puerto Rico", "PR"), ("P.R.", "PR"),
    ("Guam", "GU"), ("U.S. Virgin Islands", "VI"), ("American Samoa", "AS"),
    ("Northern Mariana Islands", "MP"), ("Tex.", "TX"), ("Mass", "MA"), ("AE", "AE"),
])
def test_normalize_state(raw, code):
    assert normalize_state(raw) == code


def test_every_state_name_and_code_round_trips():
    for code, name in STATES.items():
        assert normalize_state(name) == code
        assert normalize_state(code.lower()) == code


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_blank_state_is_none(raw):
    assert normalize_state(raw) is None


@pytest.mark.parametrize("raw", ["Cali4nia", "XX", "Ontario", "Robert'); DROP TABLE--"])
def test_unknown_state_is_a_clean_error(raw):
    with pytest.raises(CleanError) as error:
        normalize_state(raw)
    assert error.value.reason == "unknown_state"


@pytest.mark.parametrize("raw, state, expected", [
    ("94401", None, "94401"), ("94401-1234", None, "94401-1234"),
    ("944011234", None, "94401-1234"), ("94401 1234", None, "94401-1234"),
    (" 94401 ", None, "94401"), (94401, None, "94401"), (94401.0, None, "94401"),
    ("2134", None, "02134"), ("2134", "MA", "02134"), ("4401", None, "04401"),
    (2134, "Massachusetts", "02134"), ("21341234", None, "02134-1234"),
    ("94401", "CA", "94401"), (None, None, None), ("", None, None),
])
def test_normalize_postal_code(raw, state, expected):
    assert normalize_postal_code(raw, state=state) == expected


@pytest.mark.parametrize("raw, state, reason", [
    (" 9440 ", None, "invalid_postal_code"),  # 09440 is no ZIP, so no zero is invented
    ("2134", "CA", "invalid_postal_code"),     # 02134 is real, but in Massachusetts
    ("944", None, "invalid_postal_code"), ("ABCDE", None, "invalid_postal_code"),
    ("00000", None, "invalid_postal_code"), ("9440112345", None, "invalid_postal_code"),
    ("94401", "NY", "postal_code_state_mismatch"),
])
def test_bad_postal_code_is_a_clean_error(raw, state, reason):
    with pytest.raises(CleanError) as error:
        normalize_postal_code(raw, state=state)
    assert error.value.reason == reason


@pytest.mark.parametrize("raw, code", [
    (None, "US"), ("", "US"), ("US", "US"), ("usa", "US"), ("U.S.A.", "US"),
    ("United States", "US"), ("United States of America", "US"), ("Canada", "CA"),
    ("mx", "MX"), ("México", "MX"), ("Puerto Rico", "PR"), ("GB", "GB"),
])
def test_normalize_country(raw, code):
    assert normalize_country(raw) == code


def test_unknown_country_is_a_clean_error():
    with pytest.raises(CleanError) as error:
        normalize_country("Atlantis")
    assert error.value.reason == "unknown_country"


@pytest.mark.parametrize("raw, city, state, postal, problems", [
    ("San Mateo, CA 94401", "San Mateo", "CA", "94401", ()),
    ("San Mateo CA 94401", "San Mateo", "CA", "94401", ()),
    ("East Palo Alto, Calif. 94303", "East Palo Alto", "CA", "94303", ()),
    ("Half Moon Bay, California, 94019-1234", "Half Moon Bay", "CA", "94019-1234", ()),
    ("Washington, DC 20001", "Washington", "DC", "20001", ()),
    ("Charleston, West Virginia", "Charleston", "WV", None, ()),
    ("Carson City, NV", "Carson City", "NV", None, ()),
    ("Boston, MA 2134", "Boston", "MA", "02134", ()),
    ("Port Washington", "Port Washington", None, None, ()),
    ("San Mateo 94401", "San Mateo", "CA", "94401", ("state_inferred_from_postal_code",)),
    ("San Mateo, CA 10001", "San Mateo", "CA", "10001", ("postal_code_state_mismatch",)),
    ("San Mateo, CA 9440", "San Mateo", "CA", None, ("invalid_postal_code",)),
    ("CA 94401", None, "CA", "94401", ("missing_city",)),
])
def test_split_city_state_zip(raw, city, state, postal, problems):
    found = split_city_state_zip(raw)
    assert (found.city, found.state, found.postal_code) == (city, state, postal)
    assert found.problems == problems
    assert found.original == raw


def test_split_blank_line():
    found = split_city_state_zip("  ")
    assert (found.city, found.state, found.postal_code) == (None, None, None)
