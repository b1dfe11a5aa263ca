"""The partner edit form: show a service as form values, and read a post back as a PATCH.

Only the sections whose values actually changed go into the patch, and unchanged rows keep
their ids, so saving an untouched form changes nothing (and reviewers see only real edits).
"""
import re

from matcher.constraints import LANGUAGE_NAMES
from matcher.vocabulary import GENDERS

from . import rows
from .rows import attribute_values

DAYS = (("MO", "Monday"), ("TU", "Tuesday"), ("WE", "Wednesday"), ("TH", "Thursday"),
        ("FR", "Friday"), ("SA", "Saturday"), ("SU", "Sunday"))
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
CODE = re.compile(r"^[a-z]{2,3}$")


def values_of(document):
    """Return the form's values for a service as GET shows it."""
    capacity = (document.get("capacities") or [{}])[0]
    return {
        "hours": rows.hours_of(document.get("schedules") or []),
        "fees": [{"option": c.get("option", ""), "amount": _text(c.get("amount"))}
                 for c in document.get("cost_options") or []],
        "languages": ", ".join(lang.get("code", "") for lang in document.get("languages") or []
                               if lang.get("code")),
        "minimum_age": _text(document.get("minimum_age")),
        "maximum_age": _text(document.get("maximum_age")),
        "genders": attribute_values(document, "gender"),
        "income_limit": next(iter(attribute_values(document, "income_limit_fpl")), ""),
        "capacity_available": _text(capacity.get("available")),
        "capacity_maximum": _text(capacity.get("maximum")),
        "wait_time_days": _text(document.get("wait_time_days")),
    }


def _text(value):
    return "" if value is None else str(value)


def read_post(form):
    """Return (values, errors) from a posted form; errors are keyed by input id."""
    errors = {}
    hours = _read_hours(form, errors)
    fees = _read_fees(form, errors)
    codes = [c.strip().lower() for c in form.get("languages", "").split(",") if c.strip()]
    bad = [c for c in codes if not CODE.match(c)]
    if bad:
        errors["languages"] = f"Use 2- or 3-letter language codes (not {', '.join(bad)})."
    values = {"hours": hours, "fees": fees, "languages": ", ".join(codes),
              "genders": [g for g in form.getlist("genders") if g in ("any", *GENDERS)]}
    for name, low, high in (("minimum_age", 0, 130), ("maximum_age", 0, 130),
                            ("income_limit", 0, 1000), ("capacity_available", 0, 100000),
                            ("capacity_maximum", 0, 100000), ("wait_time_days", 0, 3650)):
        values[name] = form.get(name, "").strip()
        if values[name] and not _number_in(values[name], low, high):
            errors[name] = f"Enter a whole number from {low} to {high}, or leave it empty."
    if values["capacity_maximum"] and not values["capacity_available"]:
        errors["capacity_available"] = "Enter the places available as well as the maximum."
    return values, errors


def _number_in(text, low, high):
    return text.isdigit() and low <= int(text) <= high


def _read_hours(form, errors):
    hours = []
    for index, (day, opens, closes) in enumerate(zip(
            form.getlist("day"), form.getlist("opens"), form.getlist("closes"))):
        if str(index) in form.getlist("remove_hours") or not (opens or closes):
            continue
        hours.append({"day": day, "opens": opens.strip(), "closes": closes.strip()})
        if day not in dict(DAYS):
            errors[f"day-{index}"] = "Choose a day."
        for name, text in (("opens", opens), ("closes", closes)):
            if not TIME.match(text.strip()):
                errors[f"{name}-{index}"] = "Enter a time like 09:00 (24-hour clock)."
    return hours


def _read_fees(form, errors):
    fees = []
    for index, (option, amount) in enumerate(zip(form.getlist("fee_option"),
                                                 form.getlist("fee_amount"))):
        if str(index) in form.getlist("remove_fee") or not (option.strip() or amount.strip()):
            continue
        fees.append({"option": option.strip(), "amount": amount.strip()})
        if amount.strip() and not re.fullmatch(r"\d{1,6}(\.\d{1,2})?", amount.strip()):
            errors[f"fee_amount-{index}"] = "Enter an amount in dollars, like 20 or 12.50."
    return fees


def patch_of(document, values):
    """Return the PATCH body for the sections of `values` that differ from the service."""
    current, patch = values_of(document), {}
    if _hour_set(values["hours"]) != _hour_set(current["hours"]):
        patch["schedules"] = rows.schedules(document, values["hours"])
    if values["fees"] != current["fees"]:
        patch["cost_options"] = rows.cost_options(document, values["fees"])
    if values["languages"] != current["languages"]:
        codes = values["languages"].split(", ")
        patch["languages"] = rows.languages(document, codes, LANGUAGE_NAMES)
    for name in ("minimum_age", "maximum_age", "wait_time_days"):
        if values[name] != current[name]:
            patch[name] = int(values[name]) if values[name] else None
    if (sorted(values["genders"]), values["income_limit"]) != (
            sorted(current["genders"]), current["income_limit"]):
        patch["attributes"] = rows.eligibility(document, values["genders"],
                                               values["income_limit"])
    capacity = (values["capacity_available"], values["capacity_maximum"])
    if capacity != (current["capacity_available"], current["capacity_maximum"]):
        patch["capacities"] = rows.capacities(document, *capacity)
    return patch


def _hour_set(hours):
    return {(h["day"], h["opens"], h["closes"]) for h in hours}

