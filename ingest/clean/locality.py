"""Split a one-line "City, ST 12345" into its parts, reporting what did not fit."""

import re
from dataclasses import dataclass

from .address import STATE_KEYS, _key, normalize_postal_code, zip_state
from .errors import CleanError, as_text
from .text import clean_line

TRAILING_ZIP = re.compile(r"[\s,]*\b(\d{4,5}(?:\s*-\s*\d{4}|\s\d{4})?)\s*$")
# Longest state names have four words ("U S Virgin Islands"); try longest first so
# "West Virginia" is not read as "Virginia".
MAX_STATE_WORDS = 4


@dataclass(frozen=True)
class Locality:
    """City, state and ZIP from one line, with problems found and the original kept."""

    city: str | None
    state: str | None
    postal_code: str | None
    original: str | None
    problems: tuple = ()


def _take_postal(text):
    """Return (rest, raw ZIP) with a trailing ZIP (or ZIP missing its leading zero) removed."""
    match = TRAILING_ZIP.search(text)
    return (text, None) if match is None else (text[:match.start()], match.group(1))


def _take_state(text):
    """Return (rest, state code) with a trailing state name or abbreviation removed.

    Without a comma before it only a two-letter code counts: "Port Washington" is a city,
    "San Mateo CA" is not. At least one word is left for the city unless the only word
    is an upper-case two-letter code.
    """
    words = re.findall(r"[^\s,]+", text)
    if len(words) == 1 and len(words[0]) == 2 and words[0].isupper():
        code = STATE_KEYS.get(words[0].lower())
        return ("", code) if code else (text, None)  # "CA 94401": a state, no city
    for size in range(min(MAX_STATE_WORDS, len(words) - 1), 0, -1):
        tail = words[-size:]
        code = STATE_KEYS.get(_key(" ".join(tail)))
        found = re.search(r"[\s,]*" + r"[\s,]+".join(map(re.escape, tail)) + r"[\s,.]*$", text)
        if code and found and ("," in found.group(0) or len(_key(tail[-1])) == 2):
            return text[:found.start()], code
    return text, None


def _postal(raw, state, problems):
    """Return the normalised ZIP for `raw`, recording a problem instead of raising."""
    if raw is None:
        return None
    try:
        return normalize_postal_code(raw, state=state)
    except CleanError as error:
        problems.append(error.reason)
        return None


def split_city_state_zip(value):
    """Return a Locality for "San Mateo, CA 94401"-style text; None parts when absent."""
    text = as_text(value)
    if not text:
        return Locality(None, None, None, value)
    problems = []
    rest, raw_postal = _take_postal(text)
    rest, state = _take_state(rest)
    postal = _postal(raw_postal, None, problems)
    city = clean_line(rest.strip(" ,.;")) if rest.strip(" ,.;") else None
    if postal and state and zip_state(postal[:5]) not in (None, state):
        problems.append("postal_code_state_mismatch")
    elif postal and not state and zip_state(postal[:5]):
        state = zip_state(postal[:5])
        problems.append("state_inferred_from_postal_code")
    if city is None:
        problems.append("missing_city")
    return Locality(city, state, postal, value, tuple(problems))
