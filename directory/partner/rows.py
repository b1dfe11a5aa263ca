"""Build HSDS child rows (schedules, fees, languages, eligibility, capacity) from form values.

Rows that already exist keep their ids and other fields; new rows get ids derived from their
content, so submitting the same form twice creates nothing twice.
"""
from directory.store.ids import stable_id
from directory.store.models import utcnow

WEEK = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
PLACES_UNIT = {"id": stable_id("unit", "places"), "name": "places"}


def term(code):
    """Return the id of a profile taxonomy term (gender, income_limit_fpl, ...)."""
    return stable_id("profile", code)


def attribute_values(document, code):
    """Return the values of the service's attributes on one profile term."""
    return [a.get("value") for a in document.get("attributes") or []
            if a.get("taxonomy_term_id") == term(code) and a.get("value")]


def hours_of(schedules):
    """Return one {day, opens, closes} row per weekday of each weekly schedule, in week order."""
    found = []
    for row in schedules:
        if (row.get("freq") or "WEEKLY") != "WEEKLY" or not row.get("opens_at"):
            continue
        for day in (row.get("byday") or "").split(","):
            if day.strip() in WEEK:
                found.append({"day": day.strip(), "opens": row["opens_at"][:5],
                              "closes": (row.get("closes_at") or "")[:5]})
    return sorted(found, key=lambda h: (WEEK.index(h["day"]), h["opens"]))


def schedules(document, hours):
    """Return weekly schedules for the rows: days with the same times share one schedule."""
    existing = {(row.get("byday"), (row.get("opens_at") or "")[:5],
                 (row.get("closes_at") or "")[:5]): row for row in document.get("schedules") or []}
    zone = next((row.get("iana_timezone") for row in existing.values()
                 if row.get("iana_timezone")), None)
    groups = {}
    for hour in hours:
        groups.setdefault((hour["opens"], hour["closes"]), set()).add(hour["day"])
    result = []
    for (opens, closes), days in sorted(groups.items()):
        byday = ",".join(day for day in WEEK if day in days)
        old = existing.get((byday, opens, closes))
        if old is not None:
            result.append({k: v for k, v in old.items() if k != "metadata"})
            continue
        result.append({"id": stable_id(document["id"], "hours", byday, opens, closes),
                       "freq": "WEEKLY", "wkst": "MO", "byday": byday, "opens_at": opens,
                       "closes_at": closes, "iana_timezone": zone})
    return result


def cost_options(document, fees):
    """Return cost options for the fee rows (amounts in US dollars)."""
    existing = document.get("cost_options") or []
    result = []
    for fee in fees:
        amount = float(fee["amount"]) if fee["amount"] else None
        old = next((c for c in existing if c.get("option", "") == fee["option"]
                    and c.get("amount") == amount), None)
        result.append(old or {"id": stable_id(document["id"], "fee", fee["option"], amount),
                              "option": fee["option"] or None, "amount": amount,
                              "currency": "USD" if amount is not None else None})
    return result


def languages(document, codes, names):
    """Return language rows for ISO codes, keeping the rows the service already has."""
    existing = {lang.get("code"): lang for lang in document.get("languages") or []}
    return [existing.get(code) or {"id": stable_id(document["id"], "language", code),
                                   "code": code, "name": names.get(code, code)}
            for code in codes if code]


def eligibility(document, genders, income_limit):
    """Return the service's attributes with its gender and income-limit ones replaced."""
    ours = {term("gender"), term("income_limit_fpl")}
    kept = [a for a in document.get("attributes") or [] if a.get("taxonomy_term_id") not in ours]
    stated = [("gender", value) for value in genders]
    if income_limit:
        stated.append(("income_limit_fpl", income_limit))
    for code, value in stated:
        kept.append({"id": stable_id(document["id"], "attribute", code, value),
                     "taxonomy_term_id": term(code), "link_type": "eligibility", "value": value})
    return kept


def capacities(document, available, maximum):
    """Return the service's capacity as one row in places, stamped now (or none at all)."""
    if not available:
        return []
    old = (document.get("capacities") or [{}])[0]
    return [{"id": old.get("id") or stable_id(document["id"], "capacity"),
             "unit": old.get("unit") or PLACES_UNIT, "available": int(available),
             "maximum": int(maximum) if maximum else None, "updated": utcnow().isoformat()}]
