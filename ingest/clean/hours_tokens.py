"""Read the pieces of an opening-hours phrase: day sets and time ranges.

Times without am/pm follow one documented rule, because "9-5" must mean 09:00-17:00:
an opening hour of 1-6 is pm, 7-12 is am (12 = noon); a closing hour of 1-6 is pm; any
other closing hour that would not be after the opening time gets 12 hours added ("9-9"
is 09:00-21:00). An opening hour without am/pm next to a closing hour with it takes the
closing's half of the day when that keeps it before the closing ("1-5pm", "9-5pm").
"""

import re

WEEK = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_WORDS = {
    "MO": r"mondays?|mon|mo|m", "TU": r"tuesdays?|tues|tue|tu|t",
    "WE": r"wednesdays?|weds|wed|we|w", "TH": r"thursdays?|thurs|thur|thu|th|r",
    "FR": r"fridays?|fri|fr|f", "SA": r"saturdays?|sat|sa", "SU": r"sundays?|sun|su",
}
DAY = "(?:" + "|".join(DAY_WORDS.values()) + r")\b\.?"
DAY_GROUPS = {
    "weekdays": WEEK[:5], "weekday": WEEK[:5], "weekends": WEEK[5:], "weekend": WEEK[5:],
    "daily": WEEK, "every day": WEEK, "everyday": WEEK, "7 days a week": WEEK,
    "seven days a week": WEEK, "7 days": WEEK, "all week": WEEK,
}
GROUP = "|".join(sorted(map(re.escape, DAY_GROUPS), key=len, reverse=True))
DAY_ITEM = rf"(?:{GROUP}|{DAY}(?:\s*(?:-|–|—|to|through|thru)\s*{DAY})?)"
DAY_LIST = rf"\b{DAY_ITEM}(?:\s*(?:,|&|/|\+|and)\s*{DAY_ITEM})*"

TIME = (r"(?:noon|midnight|(?<![\d:])(?:[01]\d|2[0-3])[0-5]\d(?!\d)"
        r"|(?<![\d:.$])\d{1,2}(?:[:.][0-5]\d)?(?!\d)\s*(?:[ap]\.?\s?m\b\.?|[ap]\b)?)")
TIME_RANGE = rf"{TIME}\s*(?:-|–|—|to|until|till|til)\s*{TIME}"
TIME_PART = re.compile(r"^(noon|midnight)$|^(\d{1,2})(?:[:.]?(\d{2}))?\s*([ap])?", re.I)
DAY_PART = re.compile(DAY, re.IGNORECASE)


def day_code(word):
    """Return the two-letter code for one day word ("Tues" -> "TU")."""
    word = word.lower().rstrip(".")
    for code, pattern in DAY_WORDS.items():
        if re.fullmatch(pattern, word):
            return code
    raise KeyError(word)


def parse_days(text):
    """Return the ordered tuple of day codes a day phrase covers ("Mon-Wed, Fri")."""
    text = text.lower()
    days = set()
    for group, members in DAY_GROUPS.items():
        if re.search(rf"\b{re.escape(group)}\b", text):
            days.update(members)
            text = text.replace(group, " ")
    for item in re.finditer(rf"({DAY})(?:\s*(?:-|–|—|to|through|thru)\s*({DAY}))?", text):
        first = WEEK.index(day_code(item.group(1)))
        last = WEEK.index(day_code(item.group(2))) if item.group(2) else first
        # Ranges may wrap the week: "Fri-Mon" is FR, SA, SU, MO.
        span = (last - first) % 7
        days.update(WEEK[(first + step) % 7] for step in range(span + 1))
    return tuple(day for day in WEEK if day in days)


def _clock(text):
    """Return (hour, minute, meridiem 'a'/'p'/None) for one written time."""
    match = TIME_PART.match(text.strip().lower())
    if match.group(1):
        return (12, 0, "p") if match.group(1) == "noon" else (0, 0, "a")
    hour, minute = int(match.group(2)), int(match.group(3) or 0)
    # "17:00" or a zero-padded "06:00" / "0600" is a 24-hour clock: no am/pm guessing.
    if not match.group(4) and (hour > 12 or match.group(2).startswith("0")):
        return hour, minute, "24"
    return hour, minute, match.group(4)


def _to_24(hour, meridiem):
    """Return a 24-hour hour for a 12-hour clock hour and 'a'/'p'."""
    if meridiem == "24" or hour > 12:
        return hour
    return hour % 12 + (12 if meridiem == "p" else 0)


def _opening(hour, meridiem, closing_meridiem, closes_minutes):
    """Return the 24-hour opening hour, guessing am/pm by the documented rule."""
    if meridiem:
        return _to_24(hour, meridiem)
    if closing_meridiem in ("a", "p"):
        same_half = _to_24(hour, closing_meridiem)
        other_half = _to_24(hour, "a" if closing_meridiem == "p" else "p")
        return same_half if same_half * 60 < closes_minutes else other_half
    return _to_24(hour, "p") if 1 <= hour <= 6 else hour


def parse_range(text):
    """Return ("HH:MM", "HH:MM") for one time range, applying the am/pm rule above."""
    first, second = re.split(r"\s*(?:-|–|—|\bto\b|\buntil\b|\btill\b|\btil\b)\s*", text,
                             maxsplit=1, flags=re.IGNORECASE)
    (oh, om, o_half), (ch, cm, c_half) = _clock(first), _clock(second)
    if c_half:
        closes = _to_24(ch, c_half)
    else:
        closes = _to_24(ch, "p") if 1 <= ch <= 6 else ch
    opens = _opening(oh, o_half, c_half, closes * 60 + cm)
    if c_half is None and closes * 60 + cm <= opens * 60 + om and closes < 12:
        closes += 12
    if (closes, cm) == (0, 0):
        closes = 24  # "until midnight" ends the day; it is not an overnight period.
    return f"{opens:02d}:{om:02d}", f"{closes:02d}:{cm:02d}"
