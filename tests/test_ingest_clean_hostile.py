"""Hostile input never breaks a cleaner: it gets a result or a documented CleanError."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.clean import (MAX_FIELD_CHARS, CleanError, clean_text, dedupe_key,
                          normalize_country, normalize_phone, normalize_postal_code,
                          normalize_state, parse_eligibility, parse_fees, parse_hours,
                          parse_languages, split_city_state_zip)

CLEANERS = [clean_text, normalize_state, normalize_postal_code, normalize_country,
            normalize_phone, split_city_state_zip, parse_languages, parse_hours, parse_fees,
            parse_eligibility, dedupe_key]
REASONS = {"not_text", "too_long", "unknown_state", "invalid_postal_code",
           "postal_code_state_mismatch", "unknown_country", "no_digits", "too_few_digits",
           "too_many_digits", "missing_area_code", "invalid_area_code", "invalid_exchange",
           "multiple_numbers"}
HOSTILE = [
    "'; DROP TABLE service; --", "<script>alert(1)</script>", "\x00\x01\x02\x1b[31m",
    "😀🍎🏳️‍🌈", "‮RTL override", "𝕄𝕠𝕟-𝔽𝕣𝕚 𝟡-𝟝", "Mon-Fri " + "9-5, " * 300,
    "(" * 1500, "1" * 1999, "-" * 1999, "Age " + "9" * 500, "$" * 1000,
    "Mon Mon Mon Mon " * 100, "Ã" * 1000, "\n" * 1999, "%s%s%n", "{0}{1}", "\\x00",
]


def call(cleaner, value):
    """Run a cleaner; a CleanError must carry a documented reason."""
    try:
        return cleaner(value)
    except CleanError as error:
        assert error.reason in REASONS
        return error


@pytest.mark.parametrize("cleaner", CLEANERS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_strings(cleaner, value):
    call(cleaner, value)


@pytest.mark.parametrize("cleaner", CLEANERS, ids=lambda f: f.__name__)
def test_huge_strings_are_refused_quickly(cleaner):
    result = call(cleaner, "Mon-Fri 9-5 " * 100_000)
    assert isinstance(result, CleanError) and result.reason == "too_long"


@pytest.mark.parametrize("cleaner", [c for c in CLEANERS if c is not dedupe_key],
                         ids=lambda f: f.__name__)
@pytest.mark.parametrize("value", [b"bytes", ["list"], {"a": 1}, object(), True])
def test_non_text_is_refused(cleaner, value):
    result = call(cleaner, value)
    assert isinstance(result, CleanError) and result.reason == "not_text"


@pytest.mark.parametrize("cleaner", CLEANERS, ids=lambda f: f.__name__)
def test_none_is_nothing_not_an_error(cleaner):
    assert not isinstance(call(cleaner, None), CleanError)


def test_field_limit_is_generous_for_real_values():
    assert parse_hours("Mon-Fri 9-5; " * (MAX_FIELD_CHARS // 14)).periods


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_a_result_or_a_reason(value):
    for cleaner in CLEANERS:
        call(cleaner, value)
