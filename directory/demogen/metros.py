"""Metros the demo directory is spread over, at real ZIP centroids from the `zipcodes` package.

ZIP data: the `zipcodes` package (credit GeoNames). Loaded once and cached: a few thousand
records, a constant cost however many services are generated.
"""
import math
from dataclasses import dataclass
from functools import cache

import zipcodes

# How far a generated site may sit from its ZIP centroid (degrees of latitude, ~1.3 km).
JITTER_DEG = 0.012
# ZIPs whose centroids lie within this distance count as "nearby" for service areas.
NEARBY_KM = 9.0


@dataclass(frozen=True)
class Metro:
    """A region with its counties, share of the directory and the languages spoken there."""

    name: str
    state: str
    counties: tuple
    weight: int
    # ISO 639 codes (beyond English) with relative weights, as heard at intake desks there.
    languages: tuple


METROS = (
    Metro("San Francisco Bay Area", "CA", ("San Mateo County", "San Francisco County",
          "Alameda County", "Santa Clara County"), 20,
          (("es", 10), ("zh", 8), ("vi", 4), ("tl", 4), ("ko", 1), ("ru", 2), ("fa", 1))),
    Metro("Los Angeles", "CA", ("Los Angeles County",), 20,
          (("es", 14), ("ko", 4), ("zh", 3), ("hy", 3), ("tl", 3), ("fa", 2), ("vi", 2))),
    Metro("Chicago", "IL", ("Cook County",), 12,
          (("es", 10), ("pl", 4), ("ar", 2), ("zh", 2), ("ko", 1), ("tl", 1))),
    Metro("Houston", "TX", ("Harris County", "Fort Bend County"), 12,
          (("es", 14), ("vi", 5), ("zh", 2), ("ar", 2), ("ur", 1))),
    Metro("New York", "NY", ("New York County", "Kings County", "Queens County",
          "Bronx County"), 20,
          (("es", 12), ("zh", 6), ("ru", 4), ("ht", 2), ("bn", 2), ("ko", 2), ("ar", 1))),
    Metro("Phoenix", "AZ", ("Maricopa County", "Pinal County"), 6,
          (("es", 12), ("vi", 1), ("ar", 1), ("nv", 1))),
    Metro("Denver and the Front Range", "CO", ("Denver County", "Adams County",
          "Jefferson County", "Park County"), 5, (("es", 10), ("vi", 1), ("ru", 1), ("am", 1))),
    Metro("Humboldt County", "CA", ("Humboldt County",), 2, (("es", 6), ("hmn", 2))),
    Metro("Navajo Nation and Gallup", "AZ", ("Apache County",), 1, (("nv", 8), ("es", 2))),
    Metro("Gallup area", "NM", ("McKinley County",), 1, (("nv", 8), ("es", 2))),
    Metro("Mississippi Delta", "MS", ("Coahoma County",), 1, (("es", 1),)),
    Metro("Southern West Virginia", "WV", ("McDowell County",), 1, (("es", 1),)),
)


def _usable(record, metro):
    """Keep active standard ZIPs of the metro's counties that have a centroid."""
    return (record["county"] in metro.counties and record["zip_code_type"] == "STANDARD"
            and record["active"] and record["lat"] and record["long"] and record["timezone"])


def _km(a, b):
    """Return an equirectangular distance in km between two ZIP records (fine at metro scale)."""
    lat_a, lat_b = float(a["lat"]), float(b["lat"])
    dx = (float(a["long"]) - float(b["long"])) * math.cos(math.radians((lat_a + lat_b) / 2))
    return 111.2 * math.hypot(lat_a - lat_b, dx)


@cache
def metro_zips(metro):
    """Return the metro's ZIP records, each with the codes of its nearby ZIPs, sorted by ZIP."""
    records = sorted((r for r in zipcodes.filter_by(state=metro.state) if _usable(r, metro)),
                     key=lambda r: r["zip_code"])
    return tuple(
        dict(record, nearby=tuple(other["zip_code"] for other in records
                                  if other is not record and _km(record, other) <= NEARBY_KM))
        for record in records)


@cache
def zip_index(metro):
    """Return the metro's ZIP records keyed by ZIP code."""
    return {record["zip_code"]: record for record in metro_zips(metro)}


@cache
def metro_weights():
    """Return cumulative metro weights for random.choices."""
    total, cumulative = 0, []
    for metro in METROS:
        total += metro.weight
        cumulative.append(total)
    return tuple(cumulative)


def pick_metro(rng):
    """Choose a metro, weighted by its share of the directory."""
    return rng.choices(METROS, cum_weights=metro_weights())[0]


def jitter(rng, record):
    """Return (latitude, longitude) a short way from the ZIP centroid."""
    lat = float(record["lat"])
    lon_scale = math.cos(math.radians(lat))
    return (round(lat + rng.uniform(-JITTER_DEG, JITTER_DEG), 6),
            round(float(record["long"]) + rng.uniform(-JITTER_DEG, JITTER_DEG) / lon_scale, 6))
