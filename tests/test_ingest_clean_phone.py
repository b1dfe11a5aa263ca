"""Phone numbers normalise to one canonical form, so display and duplicate checks agree."""

import pytest

from ingest.clean import CleanError, normalize_phone


@pytest.mark.parametrize("raw, number, extension", [
    ("(650) 555-1234 ext. 12", "+1 650-555-1234", 12),
    ("650 780-7525", "+1 650-780-7525", None),
    ("650.555.1234", "+1 650-555-1234", None),
    ("6505551234", "+1 650-555-1234", None),
    (6505551234, "+1 650-555-1234", None),
    ("1 (800) 555-0199", "+1 800-555-0199", None),
    ("+1 (650) 555-1234", "+1 650-555-1234", None),
    ("+1-650-555-1234;ext=99", "+1 650-555-1234", 99),
    ("650.555.1234 x4385", "+1 650-555-1234", 4385),
    ("650-555-1234, Ext. 4322", "+1 650-555-1234", 4322),
    ("650-555-1234 (ext 12)", "+1 650-555-1234", 12),
    ("650-555-1234 #22", "+1 650-555-1234", 22),
    ("650-555-1234 extension 7", "+1 650-555-1234", 7),
    ("+44 20 7946 0958", "+442079460958", None),
    ("011 44 20 7946 0958", "+442079460958", None),
])
def test_normalize_phone(raw, number, extension):
    phone = normalize_phone(raw)
    assert (phone.number, phone.extension) == (number, extension)
    assert phone.original == str(raw)


def test_same_number_written_differently_has_one_key():
    spellings = ["(650) 555-1234", "650.555.1234", "+1 650 555 1234", "1-650-555-1234 x9"]
    assert {normalize_phone(s).e164 for s in spellings} == {"+16505551234"}


@pytest.mark.parametrize("raw, number, vanity", [
    ("1-800-FLOWERS", "+1 800-356-9377", "1-800-FLOWERS"),
    ("222-555-INFO", "+1 222-555-4636", "222-555-INFO"),  # Ohana sample vanity_number
    ("703-555-ABCD", "+1 703-555-2223", "703-555-ABCD"),
    ("1-800-CONTACTS", "+1 800-266-8228", "1-800-CONTACTS"),  # extra letters not dialled
])
def test_vanity_numbers_dial_their_letters(raw, number, vanity):
    phone = normalize_phone(raw)
    assert (phone.number, phone.vanity) == (number, vanity)


@pytest.mark.parametrize("raw, code, label", [
    ("211", "211", None), ("2-1-1", "211", None), ("911", "911", None),
    ("988", "988", None), ("TTY: 711", "711", "TTY"), ("311", "311", None),
])
def test_short_codes_are_kept(raw, code, label):
    phone = normalize_phone(raw)
    assert (phone.number, phone.e164, phone.label) == (code, None, label)


@pytest.mark.parametrize("raw, label, remainder", [
    ("Main: 650-555-1234", "Main", None),
    ("Tel. 650-555-1234", "Tel", None),
    ("650-555-1234 (TTY)", None, "(TTY)"),
    ("1-800-555-1234 Spanish line", None, "Spanish line"),
])
def test_words_around_the_number_are_kept(raw, label, remainder):
    phone = normalize_phone(raw)
    assert (phone.label, phone.remainder) == (label, remainder)


@pytest.mark.parametrize("raw, reason", [
    ("123-456-7890", "invalid_area_code"),  # Ohana sample placeholder
    ("911-555-1234", "invalid_area_code"),
    ("650-055-1234", "invalid_exchange"),
    ("555-1234", "missing_area_code"),
    ("403-4300", "missing_area_code"),
    ("(650) 555-12", "too_few_digits"),
    ("650-555-12345", "too_many_digits"),
    ("650-555-1234 or 650-555-9999", "multiple_numbers"),
    ("call us", "no_digits"), ("ext. 12", "no_digits"), ("((((", "no_digits"),
    ("+44 20", "too_few_digits"),
])
def test_invalid_numbers_give_a_reason(raw, reason):
    with pytest.raises(CleanError) as error:
        normalize_phone(raw)
    assert error.value.reason == reason


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_blank_phone_is_none(raw):
    assert normalize_phone(raw) is None
