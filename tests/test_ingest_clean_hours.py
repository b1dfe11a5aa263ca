"""Opening-hours prose becomes weekly periods; what cannot be read is kept, never guessed."""

import pytest

from ingest.clean import parse_hours

WEEKDAYS = "MO,TU,WE,TH,FR"
EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"


def periods(text):
    return [(p["byday"], p["opens_at"], p["closes_at"]) for p in parse_hours(text).periods]


@pytest.mark.parametrize("raw, expected", [
    ("9:00am-5:00pm, Mon-Fri", [(WEEKDAYS, "09:00", "17:00")]),
    ("Monday-Friday, 9-5", [(WEEKDAYS, "09:00", "17:00")]),
    ("M-F 8:30-4:30; Sat 10-2", [(WEEKDAYS, "08:30", "16:30"), ("SA", "10:00", "14:00")]),
    ("Mon, Wed, Fri 9am-12pm & 1pm-5pm",
     [("MO,WE,FR", "09:00", "12:00"), ("MO,WE,FR", "13:00", "17:00")]),
    ("24 hours", [(EVERY_DAY, "00:00", "24:00")]),
    ("24/7", [(EVERY_DAY, "00:00", "24:00")]),
    ("Open 24 hours a day, 7 days a week", [(EVERY_DAY, "00:00", "24:00")]),
    ("Mon-Fri 24 hours", [(WEEKDAYS, "00:00", "24:00")]),
    ("Tues 6pm-9am", [("TU", "18:00", "09:00")]),  # overnight: closes next morning
    ("Mon-Fri 9-5, Sat 10-2", [(WEEKDAYS, "09:00", "17:00"), ("SA", "10:00", "14:00")]),
    ("Monday through Friday, 8:00 a.m. to 5:00 p.m.", [(WEEKDAYS, "08:00", "17:00")]),
    ("Daily 9-5, closed Sundays", [("MO,TU,WE,TH,FR,SA", "09:00", "17:00")]),
    ("Mon 9-5; Wed 9-5", [("MO,WE", "09:00", "17:00")]),
    ("Tu/Th 6-9pm", [("TU,TH", "18:00", "21:00")]),
    ("Mon-Thurs 8-8, Fri 8-5", [("MO,TU,WE,TH", "08:00", "20:00"), ("FR", "08:00", "17:00")]),
    ("Weekends 10am-4pm", [("SA,SU", "10:00", "16:00")]),
    ("Fri-Mon 10-6", [("MO,FR,SA,SU", "10:00", "18:00")]),
    ("Mon-Fri 9-12; 1-5", [(WEEKDAYS, "09:00", "12:00"), (WEEKDAYS, "13:00", "17:00")]),
    ("M-F 8am-5pm (closed 12-1 for lunch)",
     [(WEEKDAYS, "08:00", "12:00"), (WEEKDAYS, "13:00", "17:00")]),
    ("Mon-Fri 0900-1700", [(WEEKDAYS, "09:00", "17:00")]),
    ("Sat 06:00-14:00", [("SA", "06:00", "14:00")]),
    ("Thursdays noon-4pm", [("TH", "12:00", "16:00")]),
    ("Fri 9am-midnight", [("FR", "09:00", "24:00")]),
    ("Sat 10pm-6am", [("SA", "22:00", "06:00")]),
])
def test_parse_hours_periods(raw, expected):
    assert periods(raw) == expected


@pytest.mark.parametrize("clock, opens, closes", [
    ("9-5", "09:00", "17:00"), ("8:30-4:30", "08:30", "16:30"), ("10-2", "10:00", "14:00"),
    ("12-4", "12:00", "16:00"), ("9-12", "09:00", "12:00"), ("8-11", "08:00", "11:00"),
    ("9-9", "09:00", "21:00"), ("10-8", "10:00", "20:00"), ("6-9", "18:00", "21:00"),
    ("1-5pm", "13:00", "17:00"), ("9-5pm", "09:00", "17:00"), ("11-2pm", "11:00", "14:00"),
    ("9a-5p", "09:00", "17:00"), ("7:30 a.m. - 6 p.m.", "07:30", "18:00"),
])
def test_am_pm_rule_for_bare_hours(clock, opens, closes):
    assert periods(f"Mon {clock}") == [("MO", opens, closes)]


@pytest.mark.parametrize("raw, closed, notes, unparsed", [
    ("Closed Sundays", ("SU",), (), None),
    ("Sat & Sun: Closed", ("SA", "SU"), (), None),
    ("By appointment", (), ("By appointment",), None),
    ("Appointments only", (), ("By appointment",), None),
    ("Call for hours", (), (), "Call for hours"),
    ("9-5", (), (), "times without days"),
    ("Mon-Fri", (), (), "days without times"),
    ("Mon-Fri 9am-5pm; closed on federal holidays", (), ("Closed on holidays",), None),
    ("Weekdays 9 to 5 except holidays", (), ("Closed on holidays",), None),
    ("Hours: M-F 9am-5pm. Evening sessions by appointment.", (), ("By appointment",),
     "Evening sessions"),
])
def test_closed_days_notes_and_leftovers(raw, closed, notes, unparsed):
    hours = parse_hours(raw)
    assert (hours.closed_days, hours.notes, hours.unparsed) == (closed, notes, unparsed)
    assert hours.original == raw


def test_by_appointment_gives_no_schedule():
    assert parse_hours("By appointment only").periods == ()


def test_phone_numbers_and_dates_are_not_read_as_hours():
    hours = parse_hours("Monday 650-555-1234")
    assert hours.periods == () and "650-555-1234" in hours.unparsed


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_blank_hours(raw):
    assert parse_hours(raw).periods == () and parse_hours(raw).unparsed is None
