"""Keys that make two spellings of the same listing compare equal, for duplicate checks.

dedupe_key(org_name, address_1, postal_code, phone) joins four normalised parts with "|":
organisation name without case, accents, punctuation, a leading "The" or legal suffixes
(Inc., LLC, Corp., ...); street with USPS abbreviations (Street -> st, Avenue -> ave,
Second -> 2nd); the five-digit ZIP; the phone's ten national digits (extension ignored:
one switchboard is one organisation). A part that cannot be read contributes its bare
lower-case letters and digits, so a bad value never makes two different records equal.
"""

import re
import unicodedata
from functools import lru_cache

from .address import normalize_postal_code
from .errors import CleanError, as_text
from .phone import normalize_phone
from .text import repair_encoding

LEGAL_SUFFIXES = frozenset({"inc", "incorporated", "llc", "llp", "lp", "ltd", "limited",
                            "corp", "corporation", "co", "company", "pc", "pllc", "nfp",
                            "nonprofit", "non profit", "a nonprofit corporation"})
STREET_WORDS = {
    "street": "st", "str": "st", "avenue": "ave", "av": "ave", "boulevard": "blvd",
    "road": "rd", "drive": "dr", "lane": "ln", "court": "ct", "place": "pl",
    "parkway": "pkwy", "highway": "hwy", "circle": "cir", "terrace": "ter", "square": "sq",
    "expressway": "expy", "freeway": "fwy", "plaza": "plz", "trail": "trl", "way": "way",
    "suite": "ste", "apartment": "apt", "building": "bldg", "floor": "fl", "room": "rm",
    "unit": "unit", "north": "n", "south": "s", "east": "e", "west": "w",
    "northeast": "ne", "northwest": "nw", "southeast": "se", "southwest": "sw",
    "first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th",
    "sixth": "6th", "seventh": "7th", "eighth": "8th", "ninth": "9th", "tenth": "10th",
    "mount": "mt", "saint": "st", "fort": "ft", "center": "ctr", "centre": "ctr",
}


def _words(value):
    """Return lower-case ASCII words of `value` ("&" read as "and", "#" as "ste")."""
    text = as_text(value, numbers=True) or ""
    text = unicodedata.normalize("NFKD", repair_encoding(text).casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    # "L.L.C." and "U.S.A." are one word each, not three letters.
    text = re.sub(r"(?<=\b\w)\.(?=\w\b)", "", text)
    text = text.replace("&", " and ").replace("#", " ste ").replace("'", "")
    return re.findall(r"[^\W_]+", text)


def normalize_org_name(value):
    """Return an organisation name reduced for comparison ("The Food Bank, Inc." -> "food bank")."""
    words = _words(value)
    if words[:1] == ["the"]:
        words = words[1:]
    while words:
        for size in (3, 2, 1):
            if len(words) > size and " ".join(words[-size:]) in LEGAL_SUFFIXES:
                words = words[:-size]
                break
        else:
            break
    return " ".join(words)


def normalize_street(value):
    """Return a street line with standard abbreviations ("24 Second Avenue" -> "24 2nd ave")."""
    return " ".join(STREET_WORDS.get(word, word) for word in _words(value))


def _postal_part(value):
    """Return the five-digit ZIP, or the value's bare characters when unreadable."""
    try:
        postal = normalize_postal_code(value)
    except CleanError:
        return "".join(_words(value))
    return postal[:5] if postal else ""


def _phone_part(value):
    """Return the ten national digits (or short code), or the bare digits when unreadable."""
    try:
        phone = normalize_phone(value)
    except CleanError:
        return "".join(re.findall(r"\d", as_text(value, numbers=True) or ""))
    if phone is None:
        return ""
    return phone.e164[2:] if phone.e164 and phone.e164.startswith("+1") else phone.number


def _memo(function):
    """Cache a one-value normaliser for text values: a feed repeats names, streets, ZIPs."""
    cached = lru_cache(maxsize=50_000)(function)

    def call(value):
        return cached(value) if value is None or type(value) is str else function(value)
    return call


_org_part, _street_part = _memo(normalize_org_name), _memo(normalize_street)
_postal_cached, _phone_cached = _memo(_postal_part), _memo(_phone_part)


def dedupe_key(org_name, address_1=None, postal_code=None, phone=None):
    """Return "name|street|zip|phone" so spelling variants of one listing collide."""
    return "|".join((_org_part(org_name), _street_part(address_1),
                     _postal_cached(postal_code), _phone_cached(phone)))
