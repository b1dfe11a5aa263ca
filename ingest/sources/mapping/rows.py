"""Reshape feed rows: rename columns, read weekdays."""
from ..tables import Row

WEEKDAYS = {"monday": "MO", "tuesday": "TU", "wednesday": "WE", "thursday": "TH",
            "friday": "FR", "saturday": "SA", "sunday": "SU"}


def renamed(row, names, **values):
    """Return a Row with columns renamed ({old: new}) and extra values set."""
    data = {names.get(key, key): value for key, value in row.items() if key}
    data.update(values)
    found = Row(list(data), list(data.values()))
    found.extra = row.extra
    return found


def weekly(row):
    """Return schedule columns for a "weekday" row ("Monday", "mon", "1" = Monday)."""
    day = (row.text("weekday") or "").lower()
    if day.isdigit():
        code = list(WEEKDAYS.values())[(int(day) - 1) % 7]
    else:
        code = next((c for name, c in WEEKDAYS.items() if day and name.startswith(day[:3])),
                    day.upper() or None)
    return {"freq": "WEEKLY", "wkst": "MO", "byday": code}
