"""Stream a deterministic demo directory: organisations, then each one's services.

Each organisation draws from its own seeded random stream, so output depends only on
(seed, today), a smaller size is a prefix of a larger one, and memory stays bounded by one
organisation however many services are generated.
"""
import random
from dataclasses import dataclass
from datetime import datetime, timezone

from .ids import demo_id

from . import eligibility, names, offer, schedules
from .organizations import plan_organization

CLOSED_ALERT = "Temporarily closed for renovation; call the main office for the nearest site."


@dataclass(frozen=True)
class DemoRecord:
    """One generated HSDS record: kind is "organization" or "service"."""

    kind: str
    data: dict


def generate(size, seed, today=None):
    """Yield DemoRecords: each organisation (with its locations) followed by its services."""
    today = today or datetime.now(timezone.utc).date()
    produced, org_n = 0, 0
    while produced < size:
        rng = random.Random(f"demo/{seed}/{org_n}")
        plan = plan_organization(rng, seed, org_n)
        yield DemoRecord("organization", plan.organization)
        for category in plan.categories[:size - produced]:
            yield DemoRecord("service", build_service(rng, plan, category, produced, seed, today))
            produced += 1
        org_n += 1


def generate_services(size, seed, today=None):
    """Yield only the service dicts of the demo directory."""
    return (record.data for record in generate(size, seed, today) if record.kind == "service")


def build_service(rng, plan, category, n, seed, today):
    """Return service number n of the directory as an HSDS service dict."""

    def ids(kind):
        return lambda i: demo_id("demo", seed, kind, f"{n}/{i}")

    data = {"id": demo_id("demo", seed, "service", n), "organization_id": plan.organization["id"]}
    data.update(_eligibility(rng, plan, category, data["id"], ids))
    data.update(_listing(rng, plan, category, data["name"], today))
    data.update(_terms(rng, category, today, ids))
    data.update(_access(rng, plan, category, data["name"], n, seed, ids))
    return data


def _eligibility(rng, plan, category, service_id, ids):
    """Return name, ages, languages, service areas and the profile attributes."""
    veteran = eligibility.weighted(rng, eligibility.VETERAN)
    audience = rng.choice(category.audience)
    name = ("Veterans " if veteran == "required" else "") + rng.choice(category.names)
    min_age, max_age = eligibility.ages(rng, audience)
    languages = offer.languages(rng, plan.metro, ids("language"))
    modes = eligibility.modalities(rng, category)
    # A local agency that also serves by phone or online still serves its own area.
    catchment = category.delivery == "site" and len(modes) > 1
    areas, residency = eligibility.service_areas(rng, rng.choice(plan.sites), ids("area"),
                                                 catchment=catchment)
    pairs = eligibility.profile_values(rng, category, audience, veteran)
    pairs += [("residency_required", residency)] if residency else []
    pairs += [("modality", mode) for mode in modes]
    pairs += [("preference", p) for p in _preferences(rng, plan, category)]
    return {"name": name, "alternate_name": _alternate_name(rng, category, languages),
            "minimum_age": min_age, "maximum_age": max_age,
            "eligibility_description": _eligibility_prose(pairs, min_age, max_age),
            "languages": languages, "service_areas": areas,
            "attributes": eligibility.attributes(service_id, category, pairs, ids("attribute"))}


def _listing(rng, plan, category, name, today):
    """Return the descriptive fields, status and when a person last confirmed the listing."""
    organization = plan.organization
    status = offer.status(rng)
    assured_date = offer.assured(rng, today)
    return {
        "description": rng.choice(category.blurbs).format(city=plan.sites[0]["zip"]["city"]),
        "url": f"{organization['website']}/{names.slug(name)}", "email": organization["email"],
        "status": status, "alert": CLOSED_ALERT if status == "temporarily closed" else None,
        "application_process": rng.choice(category.process),
        "assured_date": assured_date,
        "assurer_email": (f"listings@{names.slug(organization['name'])}.example.org"
                          if assured_date else None),
    }


def _terms(rng, category, today, ids):
    """Return costs, waits, capacity, documents and interpretation."""
    costs = offer.cost_options(rng, category.cost, ids("cost"))
    wait_days, wait_updated, wait_prose = offer.wait_time(rng, category, today)
    return {
        "cost_options": costs,
        "fees_description": "; ".join(f"{c['option']}: {c['amount_description']}"
                                      for c in costs) or None,
        "wait_time": wait_prose, "wait_time_days": wait_days, "wait_time_updated": wait_updated,
        "capacities": offer.capacities(rng, category.capacity, today, ids("capacity")),
        "required_documents": [{"id": ids("document")(i), "document": document}
                               for i, document in enumerate(category.documents)],
        "interpretation_services": offer.interpretation(rng),
    }


def _access(rng, plan, category, name, n, seed, ids):
    """Return how to reach the service: phones, weekly hours and sites."""
    home = plan.sites[0]
    pattern = schedules.pick_pattern(rng, category.schedules)
    return {
        "phones": _phones(rng, category, home, ids("phone")),
        "schedules": schedules.schedule_rows(pattern, home["timezone"], ids("schedule")),
        "service_at_locations": _service_at_locations(rng, plan, category, name, n, seed),
    }


def _preferences(rng, plan, category):
    """Return the service's characteristics; faith organisations are always faith-based."""
    chosen = {p for p in category.preferences if rng.random() < 0.15}
    if plan.org_type == "faith":
        chosen.add("faith_based")
    if category.key == "peer_support" and rng.random() < 0.8:
        chosen.add("peer_led")
    if category.delivery == "virtual":
        chosen.add("telehealth")
    return sorted(chosen)


def _alternate_name(rng, category, languages):
    """Return a translated name in one of the service's languages, for some services."""
    spoken = [lang["code"] for lang in languages if lang["code"] in category.alt]
    if not spoken or rng.random() < 0.4:
        return None
    return category.alt[rng.choice(spoken)]


def _phones(rng, category, home, make_id):
    """Return the service's phone: toll-free for hotlines, the site's area code otherwise."""
    if category.delivery == "phone":
        return [{"id": make_id(0), "number": f"(800) 555-01{rng.randint(0, 99):02d}",
                 "type": "voice", "description": "24-hour line, free to call"}]
    return [{"id": make_id(0), "number": names.phone_number(rng, home["zip"]),
             "type": "voice", "description": "Intake and appointments"}]


def _service_at_locations(rng, plan, category, name, n, seed):
    """Return where the service is offered: 1-3 sites, the virtual location, or none."""
    if category.delivery == "phone":
        return []
    if category.delivery == "virtual":
        sites = [{"location": plan.virtual, "timezone": plan.sites[0]["timezone"]}]
    else:
        sites = rng.sample(plan.sites, rng.randint(1, len(plan.sites)))
    rows = []
    for i, site in enumerate(sites):
        key = f"{n}/{i}"
        own_hours = len(sites) > 1 and rng.random() < 0.25
        rows.append({
            "id": demo_id("demo", seed, "service-at-location", key),
            # The organisation's save wrote the location; naming it keeps each service save
            # from re-checking the whole location tree (export_ndjson nests it again).
            "location_id": site["location"]["id"],
            "description": f"{name} at {site['location']['name']}",
            "schedules": schedules.schedule_rows(
                rng.choice(category.schedules) if own_hours else None, site["timezone"],
                lambda j, key=key: demo_id("demo", seed, "sal-schedule", f"{key}/{j}")),
        })
    return rows


def _eligibility_prose(pairs, min_age, max_age):
    """Return the eligibility a person would read, written from the structured fields."""
    parts = []
    if min_age is not None:
        parts.append(f"Ages {min_age} to {max_age}." if max_age else
                     ("All ages." if min_age == 0 else f"Ages {min_age} and over."))
    values = dict(pairs)
    if values.get("gender") in ("female", "male"):
        parts.append("Women only." if values["gender"] == "female" else "Men only.")
    if values.get("income_limit_fpl", "any") != "any":
        parts.append(f"Household income at or below {values['income_limit_fpl']}% of the "
                     "federal poverty guideline.")
    if values.get("veteran_status") == "required":
        parts.append("For veterans (DD-214 or VA card).")
    return " ".join(parts) or None
