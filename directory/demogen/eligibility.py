"""Structured eligibility: ages, profile attributes and service areas (with gaps left unknown)."""
import json
import math

from .ids import demo_id

AGES = {"all": (0, None), "adult": (18, None), "youth": (12, 24), "senior": (60, None),
        "family": (0, None), "women": (18, None)}
UNKNOWN_AGE_SHARE = 0.10
INCOME_LIMITS = {"free": (("any", 50), ("200", 20), ("138", 15), ("250", 5), (None, 10)),
                 "low": (("any", 40), ("200", 25), ("250", 15), ("300", 5), (None, 15)),
                 "clinical": (("any", 30), ("250", 25), ("300", 15), ("400", 10), (None, 20))}
GENDERS = ((("any",), 80), (("female",), 6), (("male",), 4), ((), 10))
VETERAN = (("required", 3), ("any", 80), (None, 17))
INSURANCE_SETS = ((("medicaid", "medicare", "none"), 35), (("medicaid", "medicare", "private",
                  "none"), 30), (("medicaid", "private"), 15), (("private",), 5), ((), 15))
AREA_KINDS = (("postal", 25), ("county", 25), ("geojson", 15), ("anywhere", 20), (None, 15))
# Services also delivered remotely always state where their clients must live.
CATCHMENT_KINDS = (("postal", 35), ("county", 45), ("geojson", 20))


def weighted(rng, pairs):
    """Choose a value from (value, weight) pairs."""
    values, weights = zip(*pairs)
    return rng.choices(values, weights=weights)[0]


def ages(rng, audience):
    """Return (minimum_age, maximum_age); both None when the listing does not say."""
    if rng.random() < UNKNOWN_AGE_SHARE:
        return None, None
    return AGES[audience]


def profile_values(rng, category, audience, veteran):
    """Return [(term code, value)] for gender, income, veteran and insurance criteria."""
    genders = ("female",) if audience == "women" else weighted(rng, GENDERS)
    pairs = [("gender", gender) for gender in genders]
    income = weighted(rng, INCOME_LIMITS[category.cost])
    if income is not None:
        pairs.append(("income_limit_fpl", income))
    if veteran is not None:
        pairs.append(("veteran_status", veteran))
    if category.medical:
        pairs += [("insurance_accepted", value) for value in weighted(rng, INSURANCE_SETS)]
    return pairs


# Site-based kinds of service that can also really be delivered remotely. A food pantry or a
# shelter that takes calls is still only useful in person, and a phone or virtual modality
# makes a service a match from any distance.
REMOTE_DELIVERY = {
    "rental_assistance": ("phone",), "utility_assistance": ("phone",),
    "eviction_legal_aid": ("phone", "virtual"), "immigration_legal": ("phone",),
    "benefits_enrollment": ("phone", "virtual"), "counseling": ("phone", "virtual"),
    "peer_support": ("virtual",), "substance_use": ("phone",), "job_training": ("virtual",),
    "esl": ("virtual",),
}


def modalities(rng, category):
    """Return the ways a service of this category is attended."""
    if category.delivery != "site":
        return [category.delivery]
    remote = [mode for mode in REMOTE_DELIVERY.get(category.key, ()) if rng.random() < 0.35]
    return ["in_person"] + remote


def attributes(service_id, category, pairs, make_id):
    """Return HSDS attribute dicts: Open Eligibility categories, then profile terms."""
    rows = [(demo_id("open-eligibility", code), "service_category", None)
            for code in category.codes]
    rows += [(demo_id("profile", code), _link_type(code), value) for code, value in pairs]
    return [{"id": make_id(i), "link_id": service_id, "link_entity": "service",
             "link_type": link_type, "taxonomy_term_id": term_id, "value": value}
            for i, (term_id, link_type, value) in enumerate(rows)]


def _link_type(code):
    """Return the link_type the vocabulary gives a profile term."""
    from matcher.vocabulary import TERMS

    return TERMS[code][2]


def service_areas(rng, site, make_id, catchment=False):
    """Return (service areas, residency_required value or None) for a service around `site`."""
    kind = weighted(rng, CATCHMENT_KINDS if catchment else AREA_KINDS)
    record = site["zip"]
    if kind in (None, "anywhere"):
        return [], ("no" if kind == "anywhere" else None)
    area = {"id": make_id(0), "extent": None, "extent_type": None,
            "postal_codes": None, "counties": None}
    if kind == "postal":
        codes = [record["zip_code"]] + list(record["nearby"][:rng.randint(2, 8)])
        area.update(name=f"ZIP codes around {record['city']}", postal_codes=codes,
                    description="Residents of these ZIP codes: " + ", ".join(codes) + ".")
    elif kind == "county":
        county = f"{record['county']}, {record['state']}"
        area.update(name=county, counties=[county], description=f"Residents of {county}.")
    else:
        radius = rng.choice((5, 8, 12, 20))
        area.update(name=f"Within about {radius} km of the {record['city']} site",
                    description=f"Households within about {radius} km of the site.",
                    extent=json.dumps(_polygon(site["latitude"], site["longitude"], radius)),
                    extent_type="geojson")
    return [area], ("yes" if rng.random() < 0.5 else None)


def _polygon(lat, lon, radius_km, sides=12):
    """Return a GeoJSON polygon approximating a circle around (lat, lon)."""
    dlat = radius_km / 111.2
    dlon = dlat / math.cos(math.radians(lat))
    ring = [[round(lon + dlon * math.cos(2 * math.pi * i / sides), 6),
             round(lat + dlat * math.sin(2 * math.pi * i / sides), 6)] for i in range(sides)]
    return {"type": "Polygon", "coordinates": [ring + [ring[0]]]}
