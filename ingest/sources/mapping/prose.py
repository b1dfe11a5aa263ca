"""Turn prose columns (languages, hours, fees, eligibility, accessibility) into HSDS records."""
from ingest.clean import (
    CleanError, parse_eligibility, parse_fees, parse_hours, parse_languages,
)

from .fields import RowError, text

PROFILE = "profile"  # shared taxonomy key, see base.SHARED_TAXONOMIES


def _parse(parser, value, field):
    try:
        return parser(value)
    except CleanError as error:
        raise RowError(f"{field}: {error.reason}") from error


def languages(value, notes, owner):
    """Return HSDS language records for text like "Spanish (limited), Tagalog"."""
    found = _parse(parse_languages, value, "languages")
    records = []
    for language in found.languages:
        record = {"id": f"{owner}/language/{language.code}", "name": language.name,
                  "code": language.code}
        if language.note:
            record["note"] = language.note
            notes.append(f"language {language.name} ({language.note}) → {language.code} "
                         f"(note: {language.note})")
        records.append(record)
    for unknown in found.unknown:
        notes.append(f"languages: could not read {unknown!r}")
    return records


def schedules(value, notes, owner):
    """Return weekly schedules for hours text; the original text is kept as description."""
    found = _parse(parse_hours, value, "hours")
    if found.original is None or not str(found.original).strip():
        return []
    original = text(found.original, notes, "hours")
    if found.unparsed:
        notes.append(f"hours: could not read {found.unparsed!r}")
    extra = "; ".join(found.notes) or None
    records = [{"id": f"{owner}/schedule/{i}", "freq": "WEEKLY", "wkst": "MO",
                "byday": period["byday"], "opens_at": period["opens_at"],
                "closes_at": period["closes_at"], "description": original,
                **({"notes": extra} if extra else {})}
               for i, period in enumerate(found.periods)]
    # Nothing structured: keep the words so a reader still sees the hours.
    return records or [{"id": f"{owner}/schedule/text", "description": original}]


def cost_options(value, notes, owner):
    """Return (fees_description, cost options) for fee text; the text is always kept."""
    found = _parse(parse_fees, value, "fees")
    description = text(value, notes, "fees") if found.original else None
    records = []
    for i, option in enumerate(found.options):
        record = {"id": f"{owner}/cost/{i}", "option": option.option,
                  "amount_description": option.amount_description}
        if option.amount is not None:
            record.update(amount=option.amount, currency=option.currency or "USD")
        records.append(record)
    return description, records


def _profile(owner, code, value, link_type="eligibility"):
    return {"id": f"{owner}/attribute/{code}/{value}", "link_type": link_type,
            "value": str(value), "taxonomy_term": {"code": code, "taxonomy": PROFILE}}


def eligibility(value, notes, owner):
    """Return (service fields, profile attributes) read with confidence from eligibility text."""
    found = _parse(parse_eligibility, value, "eligibility")
    fields = {"eligibility_description": text(value, notes, "eligibility")}
    if found.minimum_age is not None:
        fields["minimum_age"] = found.minimum_age
    if found.maximum_age is not None:
        fields["maximum_age"] = found.maximum_age
    attributes = [_profile(owner, "gender", gender) for gender in found.genders or ()]
    if found.veteran:
        attributes.append(_profile(owner, "veteran_status", "required"))
    if found.income_limit_fpl is not None:
        attributes.append(_profile(owner, "income_limit_fpl", found.income_limit_fpl))
    if found.residency:
        attributes.append(_profile(owner, "residency_required", "yes"))
    if found.evidence:
        notes.append("eligibility read from: " + "; ".join(found.evidence))
    return fields, attributes


def accessibility(value, notes, owner):
    """Return accessibility records, one per comma-separated item ("ramp, restroom")."""
    cleaned = text(value, notes, "accessibility")
    if not cleaned:
        return []
    items = [item.strip() for item in cleaned.replace(";", ",").split(",") if item.strip()]
    return [{"id": f"{owner}/accessibility/{i}", "description": item.replace("_", " ")}
            for i, item in enumerate(items)]
