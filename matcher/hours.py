"""Weekly opening hours: overlap with a client's free times, and "open now".

Hours are wall-clock periods in the service's IANA time zone; a client's windows are given in
that same wall-clock time ("sat 10:00-14:00" where the service is), so overlap needs no time
zone arithmetic. "Open now" converts the instant to the service's zone with zoneinfo, which
keeps DST changes right. Everything is reduced to intervals of minutes in a week starting
Monday 00:00; a period closing before it opens runs overnight into the next day, and the
week wraps (Sunday night into Monday morning).
"""
from datetime import timezone
from zoneinfo import ZoneInfo

DAY_MINUTES = 24 * 60
WEEK_MINUTES = 7 * DAY_MINUTES
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _interval(day, start, end):
    """Return week-minute intervals for a start..end on `day`, splitting at the week's end."""
    if end <= start:
        end += DAY_MINUTES       # overnight, or 24 hours when start == end
    begin = day * DAY_MINUTES + start
    finish = day * DAY_MINUTES + end
    if finish <= WEEK_MINUTES:
        return [(begin, finish)]
    return [(begin, WEEK_MINUTES), (0, finish - WEEK_MINUTES)]


def period_intervals(hours):
    """Return the week-minute intervals of a document's WeeklyPeriod list."""
    out = []
    for period in hours or ():
        out.extend(_interval(period["day"], period["opens"], period["closes"]))
    return out


def parse_time(text):
    """Return minutes after midnight of "HH:MM" ("24:00" allowed)."""
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def window_intervals(windows):
    """Return week-minute intervals of client windows [(day, "HH:MM", "HH:MM"), ...]."""
    out = []
    for day, start, end in windows:
        out.extend(_interval(DAY_NAMES.index(day), parse_time(start), parse_time(end)))
    return out


def overlaps(hours, windows):
    """Return True when some opening period shares at least a minute with a client window."""
    wanted = window_intervals(windows)
    return any(start < w_end and w_start < end
               for start, end in period_intervals(hours) for w_start, w_end in wanted)


def open_at(hours, tz, moment):
    """Return True when the service is open at an aware instant (naive means UTC)."""
    if not hours:
        return False
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    local = moment.astimezone(ZoneInfo(tz) if tz else timezone.utc)
    minute = local.weekday() * DAY_MINUTES + local.hour * 60 + local.minute
    return any(start <= minute < end for start, end in period_intervals(hours))


def format_window(window):
    """Return a window as "sat 10:00–14:00" for explanations."""
    day, start, end = window
    return f"{day} {start}–{end}"
