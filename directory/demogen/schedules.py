"""Weekly opening patterns: ordinary days, split days, weekends, overnight and 24/7.

Each pattern is a list of (byday, opens_at, closes_at) rows; two rows on the same day make a
split day, and closes_at before opens_at means the period runs past midnight.
"""
WEEKDAYS = "MO,TU,WE,TH,FR"
EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"

PATTERNS = {
    "weekday": ((WEEKDAYS, "09:00", "17:00"),),
    "split": ((WEEKDAYS, "09:00", "12:00"), (WEEKDAYS, "13:00", "17:00")),
    "extended": (("MO,WE", "10:00", "19:00"), ("TU,TH,FR", "08:30", "16:30"),
                 ("SA", "10:00", "14:00")),
    "weekend": (("SA,SU", "10:00", "14:00"), ("WE", "16:00", "19:00")),
    "overnight": ((EVERY_DAY, "19:00", "07:00"),),
    "always": ((EVERY_DAY, "00:00", "23:59"),),
    "meals": ((WEEKDAYS, "11:30", "13:00"),),
    "evening": (("TU,TH", "18:00", "20:30"),),
    "afternoon": ((WEEKDAYS, "15:00", "18:30"),),
}

DESCRIPTIONS = {
    "weekday": "Monday to Friday, 9 am to 5 pm.",
    "split": "Monday to Friday, 9 am to noon and 1 pm to 5 pm (closed for lunch).",
    "extended": "Late hours Monday and Wednesday; Saturday mornings.",
    "weekend": "Weekends 10 am to 2 pm, and Wednesday evenings.",
    "overnight": "Every night from 7 pm to 7 am.",
    "always": "Open 24 hours a day, 7 days a week.",
    "meals": "Lunch served Monday to Friday, 11:30 am to 1 pm.",
    "evening": "Tuesday and Thursday evenings.",
    "afternoon": "After school, Monday to Friday.",
}

# Share of services whose hours are not stated at all: "unknown", never "always open".
MISSING_SHARE = 0.08


def pick_pattern(rng, choices):
    """Choose one of the category's patterns, or None when the hours are not stated."""
    if rng.random() < MISSING_SHARE and "always" not in choices:
        return None
    return rng.choice(choices)


def schedule_rows(pattern, timezone, make_id):
    """Return HSDS schedule dicts for a pattern; make_id(i) gives each row's id."""
    if pattern is None:
        return []
    return [
        {"id": make_id(i), "freq": "WEEKLY", "interval": 1, "byday": byday,
         "opens_at": opens, "closes_at": closes, "iana_timezone": timezone,
         "description": DESCRIPTIONS[pattern]}
        for i, (byday, opens, closes) in enumerate(PATTERNS[pattern])
    ]
