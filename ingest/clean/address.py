"""Normalise US states, ZIP codes and countries the way the directory stores them."""

import re
from functools import lru_cache

import zipcodes

from .regions import COUNTRY_CODES, COUNTRY_NAMES, state_lookup
from .errors import CleanError, as_text

STATE_KEYS = state_lookup()
ZIP_SHAPE = re.compile(r"^(\d{5})(?:-?(\d{4}))?$")
# Placeholders seen in exports; they are well formed but never a real address.
FAKE_ZIPS = frozenset({"00000", "11111", "99999", "12345"})


def _key(text):
    """Return a lookup key: lower case, no dots, single spaces."""
    return " ".join(text.replace(".", " ").replace(",", " ").lower().split())


def normalize_state(value):
    """Return the two-letter USPS code for a state name or abbreviation, None if blank."""
    text = as_text(value)
    if not text:
        return None
    code = STATE_KEYS.get(_key(text)) or STATE_KEYS.get(_key(text.replace(".", "")))
    if code is None:
        raise CleanError("unknown_state", text)
    return code


# zipcodes.matching scans every ZIP (about 2 ms a call); past this many distinct ZIPs one
# {zip: state} table (under a second to build) is cheaper, as in large feeds.
SCANS_BEFORE_TABLE = 300
_lookups = {"scans": 0, "table": None}


@lru_cache(maxsize=65_536)
def zip_state(zip5):
    """Return the state zipcodes records for a five-digit ZIP, or None if it is unknown."""
    if _lookups["table"] is None and _lookups["scans"] < SCANS_BEFORE_TABLE:
        _lookups["scans"] += 1
        found = zipcodes.matching(zip5)
        return found[0]["state"] if found else None
    if _lookups["table"] is None:
        table = {}
        for record in zipcodes.list_all():
            table.setdefault(record["zip_code"], record["state"])  # matching()'s first
        _lookups["table"] = table
    return _lookups["table"].get(zip5)


def normalize_postal_code(value, state=None):
    """Return "94401" or "94401-1234" (None if blank); raise CleanError when invalid.

    A four- or eight-digit value (a spreadsheet dropped the leading zero of "02134") is
    padded only when zipcodes knows the padded ZIP (in `state`, when given). A ZIP
    zipcodes does not know is accepted when well formed: new ZIPs appear every year.
    """
    text = as_text(value, numbers=True)
    if not text:
        return None
    digits = re.sub(r"[\s\-–]", "", text)
    if len(digits) in (4, 8) and digits.isdigit():
        digits = _restore_leading_zero(digits, text, state)
    match = ZIP_SHAPE.match(digits)
    if match is None or match.group(1) in FAKE_ZIPS:
        raise CleanError("invalid_postal_code", text)
    zip5, plus4 = match.groups()
    if state and zip_state(zip5) and zip_state(zip5) != normalize_state(state):
        raise CleanError("postal_code_state_mismatch", text,
                         f"postal_code_state_mismatch: {zip5} is in {zip_state(zip5)}")
    return f"{zip5}-{plus4}" if plus4 else zip5


def _restore_leading_zero(digits, text, state):
    """Return `digits` with a restored leading zero, or raise when that is not a real ZIP."""
    padded = "0" + digits
    known = zip_state(padded[:5])
    if known is None or (state and known != normalize_state(state)):
        raise CleanError("invalid_postal_code", text,
                         f"invalid_postal_code: {text!r} (not a ZIP even as {padded[:5]})")
    return padded


def normalize_country(value, default="US"):
    """Return the ISO 3166-1 alpha-2 code for a country name or code (`default` if blank)."""
    text = as_text(value)
    if not text:
        return default
    key = _key(text)
    if key in COUNTRY_NAMES:
        return COUNTRY_NAMES[key]
    if len(key) == 2 and key.upper() in COUNTRY_CODES:
        return key.upper()
    raise CleanError("unknown_country", text)
