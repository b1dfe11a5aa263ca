"""Clean single feed values: text, numbers, phones, addresses; errors become RowError."""
import re

from ingest.clean import (
    CleanError, clean_line, clean_text_detail, normalize_country, normalize_phone,
    normalize_postal_code, normalize_state,
)
from ingest.clean.text import CACHED_CHARS, clean_short_line

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class RowError(ValueError):
    """A row cannot become a record: `reason` says why, for the reject report."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def text(value, notes, field):
    """Return clean free text (markup, internal notes and mojibake removed), noting changes."""
    try:
        detail = clean_text_detail(value)
    except CleanError as error:
        raise RowError(f"{field}: {error.reason}") from error
    for removed in detail.removed_notes:
        notes.append(f"{field}: removed internal note {removed!r}")
    if detail.repaired:
        notes.append(f"{field}: repaired mis-decoded characters")
    return detail.text


def line(value, field="value"):
    """Return clean one-line text (names, titles); None when blank."""
    try:
        if type(value) is str and len(value) <= CACHED_CHARS:
            return clean_short_line(value)  # most cells: straight to the cache
        return clean_line(value)
    except CleanError as error:
        raise RowError(f"{field}: {error.reason}") from error


def required(value, field):
    """Return clean one-line text, or raise RowError when it is blank."""
    cleaned = line(value, field)
    if cleaned is None:
        raise RowError(f"missing required {field}")
    return cleaned


def number(value, field, *, low=None, high=None):
    """Return a float from feed text (None when blank); RowError when not a number in range."""
    cleaned = line(value, field) if not isinstance(value, (int, float)) else value
    if cleaned in (None, ""):
        return None
    try:
        result = float(cleaned)
    except (TypeError, ValueError):
        raise RowError(f"{field}: not a number: {cleaned!r}") from None
    if (low is not None and result < low) or (high is not None and result > high):
        raise RowError(f"{field}: {cleaned} out of range")
    return result


def email(value, notes, field="email"):
    """Return a plausible email address; a malformed one is dropped with a note."""
    cleaned = line(value, field)
    if cleaned and not EMAIL.match(cleaned):
        notes.append(f"{field}: dropped malformed address {cleaned!r}")
        return None
    return cleaned


def url(value, field="url"):
    """Return a web address with a scheme ("example.org" -> "https://example.org")."""
    cleaned = line(value, field)
    if cleaned and not re.match(r"^[a-z][a-z0-9+.-]*://", cleaned, re.I):
        cleaned = "https://" + cleaned.lstrip("/")
    return cleaned


def phone(value, notes, *, id, extension=None, type=None, description=None):
    """Return an HSDS phone dict; RowError when the number cannot be read."""
    try:
        found = normalize_phone(value)
    except CleanError as error:
        raise RowError(f"phone {value!r}: {error.reason}") from error
    if found is None:
        raise RowError("missing required phone number")
    if found.number != str(value).strip():
        notes.append(f"phone {str(value).strip()!r} → {found.number}")
    ext = line(extension, "extension") or found.extension
    data = {"id": id, "number": found.number, "type": line(type, "type") or "voice"}
    if ext not in (None, ""):
        data["extension"] = number(ext, "extension")
    if description or found.label:
        data["description"] = line(description, "description") or found.label
    return data


def address(row, notes, *, id, address_type="physical"):
    """Return an HSDS address from a row with address_1, city, state_province, postal_code."""
    street = required(row.get("address_1"), "address_1")
    city = required(row.get("city"), "city")
    try:
        state = normalize_state(row.get("state_province"))
        postal = normalize_postal_code(row.get("postal_code"), state)
        country = normalize_country(row.get("country")) or "US"
    except CleanError as error:
        raise RowError(f"address: {error.reason} ({error.value!r})") from error
    if state is None or postal is None:
        raise RowError("address: missing state or postal code")
    if postal != line(row.get("postal_code")):
        notes.append(f"postal code {row.get('postal_code')!r} → {postal}")
    data = {"id": id, "address_type": address_type, "address_1": street, "city": city,
            "state_province": state, "postal_code": postal, "country": country}
    for key in ("attention", "address_2", "region"):
        if line(row.get(key), key):
            data[key] = line(row.get(key), key)
    return data
