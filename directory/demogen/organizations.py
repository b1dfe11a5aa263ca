"""Demo organisations: name, contact details and their physical (and virtual) sites."""
from dataclasses import dataclass

from .ids import demo_id

from . import names, offer
from .catalog import categories_for
from .metros import jitter, metro_zips, pick_metro, zip_index


@dataclass
class OrganizationPlan:
    """An organisation as generated, plus what its services are built from."""

    organization: dict
    metro: object
    org_type: str
    # Physical sites: dicts of {"location": HSDS location dict, "zip": ZIP record, ...}.
    sites: list
    virtual: dict | None
    categories: tuple


def plan_organization(rng, seed, org_n):
    """Plan organisation number org_n: its metro, type, sites and the services it offers."""
    metro = pick_metro(rng)
    zips = metro_zips(metro)
    home = rng.choice(zips)
    org_type = rng.choice(tuple(names.ORG_PATTERNS))
    org_id = demo_id("demo", seed, "organization", org_n)
    name = names.org_name(rng, org_type, home["city"], metro.name)
    website = f"https://{names.slug(name)}.example.org"
    pool = categories_for(org_type)
    categories = tuple(rng.sample(pool, rng.randint(3, min(6, len(pool)))))
    by_zip = zip_index(metro)
    sites = [_site(rng, seed, org_n, 0, home, org_id, name)]
    for i in range(1, rng.choice((1, 1, 2, 2, 3))):
        nearby = [by_zip[code] for code in home["nearby"] if code in by_zip]
        record = rng.choice(nearby or zips)
        sites.append(_site(rng, seed, org_n, i, record, org_id, name))
    virtual = None
    if any(category.delivery == "virtual" for category in categories):
        virtual = {"id": demo_id("demo", seed, "location", f"{org_n}/virtual"),
                   "location_type": "virtual", "organization_id": org_id,
                   "url": f"{website}/telehealth", "name": f"{name} (online)",
                   "description": "Video sessions from home on a phone, tablet or computer.",
                   "latitude": None, "longitude": None}
    organization = {
        "id": org_id, "name": name, "alternate_name": None,
        "description": names.ORG_DESCRIPTIONS[org_type].format(city=home["city"],
                                                               metro=metro.name),
        "email": f"info@{names.slug(name)}.example.org", "website": website,
        "tax_status": "501(c)(3)", "legal_status": "Nonprofit corporation",
        "year_incorporated": rng.randint(1948, 2019),
        "phones": [{"id": demo_id("demo", seed, "org-phone", org_n),
                    "number": names.phone_number(rng, home), "type": "voice",
                    "description": "Main office"}],
        "locations": [site["location"] for site in sites] + ([virtual] if virtual else []),
    }
    return OrganizationPlan(organization, metro, org_type, sites, virtual, categories)


def _site(rng, seed, org_n, i, record, org_id, org_name):
    """Return a physical site at a jittered point near the ZIP centroid."""
    key = f"{org_n}/{i}"
    latitude, longitude = jitter(rng, record)
    address = {"id": demo_id("demo", seed, "address", key),
               "address_1": names.street_address(rng),
               "address_2": rng.choice(names.UNITS) if rng.random() < 0.3 else None,
               "city": record["city"], "region": record["county"],
               "state_province": record["state"], "postal_code": record["zip_code"],
               "country": "US", "address_type": "physical"}
    # Distinct per organisation even when two sites share a city.
    label = ("Main office", f"{record['city']} Outreach Center",
             f"{record['city']} Community Site")[i]
    location = {
        "id": demo_id("demo", seed, "location", key), "location_type": "physical",
        "organization_id": org_id, "url": None, "name": f"{org_name}: {label}",
        "description": f"{label} of {org_name}, {address['address_1']}, {record['city']}.",
        "transportation": rng.choice(("Two blocks from the nearest bus stop.",
                                      "Free parking behind the building.",
                                      "On a frequent bus line; bike racks at the entrance.",
                                      None)),
        "latitude": latitude, "longitude": longitude,
        "addresses": [address],
        "accessibility": offer.accessibility(
            rng, lambda n: demo_id("demo", seed, "accessibility", f"{key}/{n}")),
        "phones": [{"id": demo_id("demo", seed, "location-phone", key),
                    "number": names.phone_number(rng, record), "type": "voice",
                    "description": "Front desk"}],
    }
    return {"location": location, "zip": record, "latitude": latitude,
            "longitude": longitude, "timezone": record["timezone"]}
