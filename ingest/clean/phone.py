"""Normalise phone numbers to one canonical form used for display and duplicate checks.

Canonical form (stored in HSDS phone.number): North American numbers as
"+1 650-555-1234"; other countries as "+" and digits ("+442079460958"); N11 short codes
and 988 as the bare digits ("211"). `Phone.e164` ("+16505551234") is the dedupe key;
the extension is kept apart as an int, never folded into the number.
"""

import re
from dataclasses import dataclass

from .errors import CleanError, as_text

SHORT_CODES = frozenset({"211", "311", "411", "511", "611", "711", "811", "911", "988"})
KEYPAD = {letter: str(digit) for digit, letters in
          ((2, "ABC"), (3, "DEF"), (4, "GHI"), (5, "JKL"), (6, "MNO"), (7, "PQRS"),
           (8, "TUV"), (9, "WXYZ")) for letter in letters}
EXTENSION = re.compile(
    r"[\s,;(]*(?:\b(?:ext|extn|extension)\b\.?|\bx|#|;ext=)\s*[:.]?\s*(\d{1,7})\s*\)?\s*$",
    re.IGNORECASE)
# Where the number starts: an optional label ("Main:", "Tel.") is everything before this.
NUMBER_START = re.compile(r"[+(\d]")
GROUP = re.compile(r"[A-Za-z0-9]+")
SEPARATORS = re.compile(r"^[\s().\-–/]*$")


@dataclass(frozen=True)
class Phone:
    """A normalised phone number with everything from the input that was not the number."""

    number: str
    e164: str | None
    extension: int | None
    original: str
    vanity: str | None = None
    label: str | None = None
    remainder: str | None = None


def _split_extension(text):
    """Return (text without extension, extension int or None)."""
    match = EXTENSION.search(text)
    if match is None:
        return text, None
    return text[:match.start()], int(match.group(1))


def _dial_digits(body):
    """Return (digits, vanity text or None, unread remainder) from a number's body."""
    digits, vanity, end = "", False, 0
    for group in GROUP.finditer(body):
        between = body[end:group.start()]
        if len(digits) >= 10 or not SEPARATORS.match(between):
            break
        token = group.group(0)
        if not token.isdigit():
            # Letters are a vanity number only once the area code (or 1-800) is in place.
            if len(_national(digits)) < 3:
                break
            vanity = True
            token = "".join(KEYPAD.get(ch.upper(), ch) for ch in token)
        digits += token
        end = group.end()
    if vanity:
        # Vanity words may run past the last digit dialled ("1-800-CONTACTS"); dialers
        # ignore the extra letters, so do we.
        digits = digits[:11 if digits.startswith("1") else 10]
    return digits, (body[:end].strip() if vanity else None), body[end:].strip(" ,;")


def _national(digits):
    """Return NANP digits without the country code 1."""
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


def _nanp(national, text):
    """Return (canonical, e164) for ten NANP digits; raise CleanError when impossible."""
    area, exchange = national[:3], national[3:6]
    if area[0] in "01" or area[1:] == "11":
        raise CleanError("invalid_area_code", text)
    if exchange[0] in "01":
        raise CleanError("invalid_exchange", text)
    return f"+1 {area}-{exchange}-{national[6:]}", f"+1{national}"


def _classify(digits, international, text):
    """Return (canonical, e164) for the digits of one number."""
    if international:
        if not 8 <= len(digits) <= 15:
            raise CleanError("too_few_digits" if len(digits) < 8 else "too_many_digits", text)
        return "+" + digits, "+" + digits
    national = _national(digits)
    if len(national) == 7:
        raise CleanError("missing_area_code", text)
    if len(national) < 10:
        raise CleanError("too_few_digits", text)
    if len(national) > 10:
        raise CleanError("too_many_digits", text)
    return _nanp(national, text)


def normalize_phone(value):
    """Return a Phone for `value` (None when blank); raise CleanError with a reason."""
    text = as_text(value, numbers=True)
    if not text:
        return None
    rest, extension = _split_extension(text)
    start = NUMBER_START.search(rest)
    if start is None or not re.search(r"\d", rest):
        raise CleanError("no_digits", text)
    label = rest[:start.start()].strip(" :.-") or None
    body = rest[start.start():]
    if re.sub(r"\D", "", body) in SHORT_CODES and len(re.sub(r"[\d\s-]", "", body)) == 0:
        return Phone(re.sub(r"\D", "", body), None, extension, text, label=label)
    international = body.startswith(("+", "011")) and not body.startswith(("+1", "+ 1"))
    body = body[3:] if body.startswith("011") else body.lstrip("+ ")
    digits, vanity, remainder = _dial_digits(body)
    if re.search(r"\d", remainder):
        raise CleanError("multiple_numbers", text)
    number, e164 = _classify(digits, international, text)
    return Phone(number, e164, extension, text, vanity, label, remainder or None)
