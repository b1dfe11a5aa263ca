"""The one exception the cleaning layer raises, and the input checks that raise it."""

MAX_FIELD_CHARS = 2_000  # structured fields (phone, hours, fees...): longer is not a value
MAX_TEXT_CHARS = 200_000  # free text (descriptions): longer is a broken feed, not prose


class CleanError(ValueError):
    """A value that cannot be cleaned; `reason` is a short machine-readable code.

    Reasons used across the package: not_text, too_long, unknown_state,
    invalid_postal_code, postal_code_state_mismatch, unknown_country, no_digits,
    too_few_digits, too_many_digits, missing_area_code, invalid_area_code,
    invalid_exchange, multiple_numbers.
    """

    def __init__(self, reason, value=None, message=None):
        """Record the reason and a shortened copy of the value."""
        self.reason = reason
        # Keep the offending value short so logs and reject reports stay readable.
        self.value = value if not isinstance(value, str) else value[:200]
        super().__init__(message or f"{reason}: {self.value!r}")


def as_text(value, limit=MAX_FIELD_CHARS, numbers=False):
    """Return `value` as a stripped str (None for None); raise CleanError for non-text."""
    if value is None:
        return None
    if numbers and isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    elif numbers and isinstance(value, float) and value.is_integer():
        # Spreadsheets hand ZIP codes and phone numbers over as floats (94401.0).
        value = str(int(value))
    if not isinstance(value, str):
        raise CleanError("not_text", repr(value)[:200], f"not_text: {type(value).__name__}")
    if len(value) > limit:
        raise CleanError("too_long", value, f"too_long: {len(value)} > {limit} characters")
    return value.strip()
