"""Convert input values to the column's Python type, and values to audit text.

Comparing converted values (18 == 18.0, "2024-01-01" == date(2024, 1, 1)) is what makes
re-saving the output of GET a no-op.
"""
import json
from datetime import date, datetime, timezone
from functools import cache

from sqlalchemy import JSON, Date, DateTime, Float, Integer

from .models.base import UTCDateTime


@cache  # pure function of the fixed mapping, asked for every saved row
def column_kind(column):
    """Name the conversion a column needs: datetime, date, float, int, json or text."""
    kind = column.type
    if isinstance(kind, (UTCDateTime, DateTime)):
        return "datetime"
    for cls, name in ((Date, "date"), (Float, "float"), (Integer, "int"), (JSON, "json")):
        if isinstance(kind, cls):
            return name
    return "text"


def _to_datetime(value):
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if not isinstance(value, datetime):
        raise ValueError("must be an ISO 8601 date-time")
    if value.tzinfo is None:
        raise ValueError("must include a time zone (e.g. 2024-01-31T09:00:00Z)")
    return value.astimezone(timezone.utc)


def _to_date(value):
    if isinstance(value, str):
        return date.fromisoformat(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    raise ValueError("must be an ISO 8601 date (YYYY-MM-DD)")


def _to_float(value):
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError("must be a number")
    return float(value)


def _to_int(value):
    number = _to_float(value)
    if not number.is_integer():
        raise ValueError("must be a whole number")
    return int(number)


def _to_json(value):
    if not isinstance(value, (list, tuple)):
        raise ValueError("must be a list")
    return list(value)


def _to_text(value):
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError("must be a string")
    text = str(value)
    if "\x00" in text:   # PostgreSQL cannot store it in a text column
        raise ValueError("must not contain NUL characters")
    return text


CONVERTERS = {"datetime": _to_datetime, "date": _to_date, "float": _to_float,
              "int": _to_int, "json": _to_json, "text": _to_text}


def convert(column, value):
    """Return `value` as the column stores it; raise ValueError with a user message."""
    if value is None:
        return None
    try:
        return CONVERTERS[column_kind(column)](value)
    except (TypeError, ValueError) as exc:
        message = str(exc)
        if not message.startswith("must"):
            message = f"has an invalid value: {message}"
        raise ValueError(message) from None


def as_text(value):
    """Render a value for an audit row: "" for None, JSON for lists, ISO for dates."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, sort_keys=True)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def same(old, new):
    """Tell whether two converted values are equal (lists compared as JSON)."""
    if isinstance(old, (list, dict)) or isinstance(new, (list, dict)):
        return as_text(old) == as_text(new)
    return old == new
