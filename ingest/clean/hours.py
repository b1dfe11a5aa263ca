"""Parse opening-hours prose into weekly periods, keeping whatever it cannot read.

A period is {byday: "MO,TU", opens_at: "HH:MM", closes_at: "HH:MM"} in local wall-clock
time. closes_at earlier than opens_at is an overnight period (opens on the listed day,
closes the next morning), as the schedule model documents; "24 hours" is 00:00-24:00.
Days a phrase names without any time ("Mon-Fri") or times with no day anywhere are not
guessed: they stay in `unparsed`. See hours_tokens for the am/pm rule.
"""

import re
from dataclasses import dataclass

from .errors import as_text
from .hours_tokens import DAY_LIST, TIME_RANGE, WEEK, parse_days, parse_range
from .text import repair_encoding

ALL_DAY = ("00:00", "24:00")
TOKEN = re.compile(
    rf"(?P<always>24\s*/\s*7(?:\s*/\s*365)?|around the clock)"
    rf"|(?P<holiday>(?:\bclosed\s+(?:on\s+)?|\bexcept\s+(?:on\s+)?)(?:all\s+)?"
    rf"(?:major\s+|federal\s+|legal\s+|public\s+|national\s+)?holidays\b)"
    rf"|(?P<allday>(?:open\s+)?24\s*(?:hours|hrs?|h)\b(?:\s+a\s+day)?)"
    rf"|(?P<closed>\bclosed\b)"
    rf"|(?P<appt>\b(?:by|with an?|need an?)\s+(?:appointments?|appt\b\.?)(?:\s+only)?"
    rf"|\bappointments?\s+only\b|\bappt\.?\s+only\b)"
    rf"|(?P<range>{TIME_RANGE})|(?P<days>{DAY_LIST})", re.IGNORECASE)
NOTES = {"appt": "By appointment", "holiday": "Closed on holidays"}
SEGMENT = re.compile(r"[;\n|]+|\.\s+(?=[A-Z])")
# Words that join the pieces of a schedule and mean nothing on their own.
FILLER = re.compile(r"^(?:[\s,:.&+()\-–/]|\b(?:and|from|open|hours|hrs|at|on|the|of|are|is|"
                    r"every|each|only|also|except|am|pm)\b)*$", re.IGNORECASE)


@dataclass(frozen=True)
class Hours:
    """Weekly periods, days stated closed, notes such as "By appointment", and leftovers."""

    periods: tuple
    closed_days: tuple
    notes: tuple
    unparsed: str | None
    original: str | None


def _scan(segment, leftovers):
    """Return (kind, value) tokens for one segment, collecting unrecognised text."""
    tokens, end = [], 0
    for match in TOKEN.finditer(segment):
        gap = segment[end:match.start()]
        if not FILLER.match(gap):
            leftovers.append(gap.strip(" ,;:"))
        kind = match.lastgroup
        value = {"range": parse_range, "days": parse_days}.get(kind, lambda t: t)(match.group(0))
        tokens.append((kind, value))
        end = match.end()
    if not FILLER.match(segment[end:]):
        leftovers.append(segment[end:].strip(" ,;:"))
    return tokens


class _Builder:
    """Pair day sets with the time ranges next to them, in either order."""

    def __init__(self):
        """Start with no periods, closed days, notes or remembered days."""
        self.periods, self.closed, self.notes, self.last_days = [], set(), [], None

    def segment(self, tokens, leftovers):
        """Turn one segment's tokens into periods; unpaired pieces go to leftovers."""
        days, times, closing, breaks = None, [], False, []
        for kind, value in tokens:
            if kind in NOTES:
                self.notes.append(NOTES[kind])
            elif kind == "closed":
                closing = True
            elif kind == "always":
                days, times = days or WEEK, times + [ALL_DAY]
            elif kind == "range" and closing:
                breaks.append(value)  # "closed 12-1 for lunch": a gap inside the day
                closing = False
            elif kind == "allday" or kind == "range":
                times.append(ALL_DAY if kind == "allday" else value)
            elif kind == "days" and closing:
                self.closed.update(value)
                closing = False
            elif days and times:
                self._emit(days, times)
                days, times = value, []
            elif times:
                self._emit(value, times)
                times = []
            else:
                days = tuple(sorted(set(days or ()) | set(value), key=WEEK.index))
        self._finish(days, _split_breaks(times, breaks), closing, leftovers)

    def _finish(self, days, times, closing, leftovers):
        """Handle what is still pending at the end of a segment."""
        if closing and days and not times:
            self.closed.update(days)
        elif days and times:
            self._emit(days, times)
        elif times == [ALL_DAY] and not self.last_days:
            self._emit(WEEK, times)  # "24 hours" on its own: every day, all day.
        elif times and self.last_days:
            # "Mon-Fri 9-12; 1-5": a time list continuing the previous segment's days.
            self._emit(self.last_days, times)
        elif times or days:
            leftovers.append("times without days" if times else "days without times")

    def _emit(self, days, times):
        """Record one (day, opens, closes) row per day and time range."""
        self.last_days = days
        self.periods.extend((day, opens, closes) for day in days for opens, closes in times)


def _split_breaks(times, breaks):
    """Return `times` with each break cut out of the range that contains it."""
    for start, end in breaks:
        times = [part for opens, closes in times for part in
                 (((opens, start), (end, closes)) if opens < start < end < closes
                  else ((opens, closes),))]
    return times


def _group(rows, closed):
    """Return periods merged by identical opening and closing times."""
    by_time = {}
    for day, opens, closes in rows:
        if day not in closed:
            by_time.setdefault((opens, closes), set()).add(day)
    periods = [{"byday": ",".join(d for d in WEEK if d in days), "opens_at": opens,
                "closes_at": closes} for (opens, closes), days in by_time.items()]
    return tuple(sorted(periods, key=lambda p: (WEEK.index(p["byday"][:2]), p["opens_at"])))


def parse_hours(value):
    """Return Hours for text like "M-F 8:30-4:30; Sat 10-2" or "Closed Sundays"."""
    text = as_text(value)
    if not text:
        return Hours((), (), (), None, value)
    builder, leftovers = _Builder(), []
    for segment in SEGMENT.split(repair_encoding(text)):
        builder.segment(_scan(segment, leftovers), leftovers)
    closed = tuple(day for day in WEEK if day in builder.closed)
    unparsed = "; ".join(part for part in leftovers if part) or None
    notes = tuple(dict.fromkeys(builder.notes))
    return Hours(_group(builder.periods, builder.closed), closed, notes, unparsed, value)
