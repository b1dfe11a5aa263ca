"""Opening hours: overlap with client windows and "open now" across zones, DST and nights."""
from datetime import datetime, timezone

import pytest

from matcher.hours import open_at, overlaps

MON, FRI, SAT, SUN = 0, 4, 5, 6


def period(day, opens, closes):
    """Return a WeeklyPeriod from "HH:MM" strings."""
    minutes = [int(t[:2]) * 60 + int(t[3:]) for t in (opens, closes)]
    return {"day": day, "opens": minutes[0], "closes": minutes[1]}


WEEKDAYS_9_5 = [period(d, "09:00", "17:00") for d in range(5)]
SPLIT_MONDAY = [period(MON, "09:00", "12:00"), period(MON, "13:00", "17:00")]
FRIDAY_NIGHT = [period(FRI, "22:00", "06:00")]
SUNDAY_NIGHT = [period(SUN, "22:00", "02:00")]
ALWAYS = [period(d, "00:00", "00:00") for d in range(7)]


@pytest.mark.parametrize("hours, windows, expected", [
    (WEEKDAYS_9_5, [("sat", "10:00", "14:00")], False),
    (WEEKDAYS_9_5 + [period(SAT, "09:00", "11:00")], [("sat", "10:00", "14:00")], True),
    (WEEKDAYS_9_5, [("mon", "17:00", "19:00")], False),          # touching is not overlapping
    (WEEKDAYS_9_5, [("mon", "16:59", "19:00")], True),
    (SPLIT_MONDAY, [("mon", "12:00", "13:00")], False),          # the lunch gap
    (SPLIT_MONDAY, [("mon", "12:30", "13:30")], True),
    (FRIDAY_NIGHT, [("sat", "05:00", "08:00")], True),           # spills into Saturday
    (FRIDAY_NIGHT, [("sat", "06:00", "08:00")], False),
    (SUNDAY_NIGHT, [("mon", "01:00", "03:00")], True),           # wraps around the week
    (WEEKDAYS_9_5, [("sun", "23:00", "10:00")], True),           # client window overnight
    (ALWAYS, [("wed", "03:00", "03:30")], True),
    ([], [("mon", "09:00", "17:00")], False),
])
def test_overlap_of_hours_and_client_windows(hours, windows, expected):
    assert overlaps(hours, windows) is expected


NEW_YORK_DAYS = WEEKDAYS_9_5


@pytest.mark.parametrize("hours, tz, moment, expected", [
    # 13:30 UTC is 09:30 in New York after DST starts (9 March 2025), 08:30 before it.
    (NEW_YORK_DAYS, "America/New_York", datetime(2025, 3, 10, 13, 30), True),
    (NEW_YORK_DAYS, "America/New_York", datetime(2025, 3, 3, 13, 30), False),
    # The same instant is 06:30 in Los Angeles: closed there.
    (NEW_YORK_DAYS, "America/Los_Angeles", datetime(2025, 3, 10, 13, 30), False),
    # Friday 23:30 New York is already Saturday in UTC.
    (NEW_YORK_DAYS + [period(FRI, "22:00", "06:00")], "America/New_York",
     datetime(2025, 6, 7, 3, 30), True),
    (FRIDAY_NIGHT, "America/New_York", datetime(2025, 6, 7, 9, 0), True),    # Sat 05:00 local
    (FRIDAY_NIGHT, "America/New_York", datetime(2025, 6, 7, 11, 0), False),  # Sat 07:00 local
    (SUNDAY_NIGHT, "UTC", datetime(2025, 6, 9, 1, 0), True),                 # Monday 01:00
    (SPLIT_MONDAY, "UTC", datetime(2025, 6, 9, 12, 30), False),
    (SPLIT_MONDAY, "UTC", datetime(2025, 6, 9, 13, 0), True),
    (WEEKDAYS_9_5, "UTC", datetime(2025, 6, 7, 12, 0), False),                # Saturday
    (ALWAYS, "Pacific/Honolulu", datetime(2025, 6, 8, 4, 0), True),
    (None, "UTC", datetime(2025, 6, 9, 12, 0), False),
])
def test_open_at_an_instant_in_the_services_zone(hours, tz, moment, expected):
    assert open_at(hours, tz, moment.replace(tzinfo=timezone.utc)) is expected


def test_naive_instants_are_utc():
    assert open_at(SPLIT_MONDAY, "UTC", datetime(2025, 6, 9, 10, 0)) is True
