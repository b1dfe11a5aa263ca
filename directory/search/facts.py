"""Turn store rows into the flat facts of a search document; None always means "not stated"."""
import json
import logging
import re


from matcher import vocabulary

log = logging.getLogger(__name__)

DAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
TIME = re.compile(r"^\s*(\d{1,2}):(\d{2})")


def eligibility(values_by_code):
    """Fold profile attribute values ({term code: [values]}) into document fields."""
    def stated(code):
        values = values_by_code.get(code)
        return sorted(set(values)) if values else None

    genders = stated("gender")
    income = values_by_code.get("income_limit_fpl") or []
    limits = [number for number in map(_number, income) if number is not None]
    veteran = stated("veteran_status")
    return {
        "genders": [vocabulary.ANY] if genders and vocabulary.ANY in genders else genders,
        "income_limit_fpl": None if vocabulary.ANY in income or not limits else max(limits),
        "income_any": vocabulary.ANY in income,
        # Conflicting statements keep the stricter one: never present an ineligible match.
        "veteran_status": None if not veteran else (
            "required" if "required" in veteran else vocabulary.ANY),
        "insurance": stated("insurance_accepted"),
        "residency_open": "no" in (values_by_code.get("residency_required") or []),
        "modalities": stated("modality"),
        "preferences": stated("preference") or [],
    }


def _number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def minutes(text):
    """Return minutes after midnight for "HH:MM[:SS]", or None when unreadable."""
    found = TIME.match(text or "")
    if not found:
        return None
    hours, mins = int(found.group(1)), int(found.group(2))
    return hours * 60 + mins if hours <= 24 and mins < 60 else None


def weekly_hours(schedules):
    """Return sorted weekly periods from schedule rows, or None when none is usable."""
    periods = set()
    for row in schedules:
        if (row.freq or "WEEKLY").upper() != "WEEKLY":
            continue
        opens, closes = minutes(row.opens_at), minutes(row.closes_at)
        if opens is None or closes is None:
            continue
        codes = [part.strip().upper()[-2:] for part in (row.byday or "").split(",")]
        days = [DAYS[code] for code in codes if code in DAYS]
        if not days and row.dtstart is not None:
            days = [row.dtstart.weekday()]  # RFC 5545: a bare weekly rule repeats dtstart's day
        periods.update((day, opens, closes) for day in days)
    if not periods:
        return None
    return [{"day": day, "opens": opens, "closes": closes} for day, opens, closes in sorted(periods)]


def contact(phones, email, url, organization_email, organization_website):
    """Return how a client reaches a service at a site: {phone, email, url}.

    `phones` holds groups of (id, number): the site's own, then its location's, then the
    service's. The first group with any gives the phone, lowest id first (as the HSDS API
    lists them); email and url are the service's, else its organization's.
    """
    phone = next((min(group)[1] for group in phones if group), None)
    return {"phone": phone, "email": email or organization_email,
            "url": url or organization_website}


def languages(rows):
    """Return lower-cased ISO codes of language rows, or None when no row states a code."""
    codes = {row.code.strip().lower() for row in rows if row.code and row.code.strip()}
    return sorted(codes) if codes else None


def accessibility(rows):
    """Return vocabulary accessibility codes of a site's rows; None when the site states none."""
    if not rows:
        return None
    codes = set()
    for row in rows:
        codes |= vocabulary.accessibility_codes(row.description)
        codes |= vocabulary.accessibility_codes(row.details)
    return sorted(codes)


def costs(options):
    """Return cost_free, cost_sliding and cost_min_amount from cost_option rows."""
    if not options:
        return {"cost_free": None, "cost_sliding": None, "cost_min_amount": None}
    free = sliding = False
    amounts = []
    for option in options:
        words = f"{option.option or ''} {option.amount_description or ''}".lower()
        if option.amount is not None:
            amounts.append(float(option.amount))
        free = free or option.amount == 0 or "free" in words
        sliding = sliding or "sliding" in words
    if free:
        amounts.append(0.0)
    return {"cost_free": free, "cost_sliding": sliding,
            "cost_min_amount": min(amounts) if amounts else None}


def service_areas(rows):
    """Return document service areas from service_area rows, or None when there are none."""
    if not rows:
        return None
    return [{"postal_codes": [str(code) for code in row.postal_codes or []],
             "counties": list(row.counties or []),
             "geometries": _geometries(row)} for row in rows]


def _geometries(row):
    if not row.extent or (row.extent_type or "geojson").lower() != "geojson":
        return []
    try:
        shape = json.loads(row.extent)
    except ValueError:
        # A partner's broken GeoJSON must not stop the service from being found.
        log.warning("service_area %s: extent is not valid JSON; ignored", row.id)
        return []
    if isinstance(shape, dict) and shape.get("type") == "Feature":
        shape = shape.get("geometry")
    if isinstance(shape, dict) and shape.get("type") == "FeatureCollection":
        return [f["geometry"] for f in shape.get("features", [])
                if isinstance(f, dict) and _is_area(f.get("geometry"))]
    return [shape] if _is_area(shape) else []


def _is_area(shape):
    return isinstance(shape, dict) and shape.get("type") in ("Polygon", "MultiPolygon") \
        and isinstance(shape.get("coordinates"), list)
