"""Geocoding and distances: offline ZIP/city lookup behind geopy's Geocoder interface.

The offline geocoder uses ZIP centroids shipped with the `zipcodes` package (data credit:
GeoNames), so nothing leaves the machine. Place names are matched case- and punctuation-
insensitively, so "san carlos", "San Carlos CA" and "San Carlos, CA 94070" are one place.
A city is the mean of its standard ZIP centroids (all its ZIPs if it has no standard one).
A city named without a state that exists in several states resolves to the state where it
has the most standard ZIP codes, ties to the alphabetically first state: deterministic.
"""
import functools
import gc
import json
import math
import re
import subprocess
import sys
import threading
from collections import defaultdict
from importlib import resources
from urllib.parse import urlsplit

import zipcodes
from geopy.distance import EARTH_RADIUS, great_circle
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from matcher.child import child_env

EARTH_RADIUS_KM = EARTH_RADIUS
ZIP_RE = re.compile(r"\b(\d{5})(?:-\d{4})?\b")
STATE_NAMES = json.loads(resources.files("matcher").joinpath("data/us_states.json").read_text())


def distance_km(a, b):
    """Return the great-circle distance in km between two (lat, lon) points."""
    return great_circle(a, b).km


def great_circle_km(lat1, lon1, lat2, lon2):
    """Return exactly distance_km((lat1, lon1), (lat2, lon2)) for in-range coordinates."""
    # geopy's formula step by step, minus its Point parsing (10x the arithmetic per call),
    # so matching can call it per candidate and still agree with geopy to the last bit.
    p1, p2 = math.radians(lat1), math.radians(lat2)
    sin1, cos1, sin2, cos2 = math.sin(p1), math.cos(p1), math.sin(p2), math.cos(p2)
    delta = math.radians(lon2) - math.radians(lon1)
    cos_d, sin_d = math.cos(delta), math.sin(delta)
    d = math.atan2(math.sqrt((cos2 * sin_d) ** 2 + (cos1 * sin2 - sin1 * cos2 * cos_d) ** 2),
                   sin1 * sin2 + cos1 * cos2 * cos_d)
    return EARTH_RADIUS * d


ZIP_FIELDS = ("zip_code", "zip_code_type", "city", "state", "county", "timezone", "lat", "long")


KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180.0


def bounding_box(lat, lon, radius_km):
    """Return (min_lat, max_lat, longitude window or None) enclosing a radius around a point.

    The window is (min_lon, max_lon); None near the poles or the antimeridian, where it
    would wrap. Every index that narrows a radius by a box uses this one superset.
    """
    dlat = radius_km / KM_PER_DEGREE
    cos_lat = math.cos(math.radians(min(89.9, abs(lat) + dlat)))
    dlon = radius_km / (KM_PER_DEGREE * cos_lat) if cos_lat > 0 else 360.0
    window = (lon - dlon, lon + dlon) if dlon < 180 and -180 <= lon - dlon and \
        lon + dlon <= 180 else None
    return lat - dlat, lat + dlat, window


_BUILDING = threading.Lock()   # one thread builds the tables below; others wait for them


def warm():
    """Build the offline geocoder's ZIP and city tables now: about 2 s, once a process.

    A web process starts this in the background on its first request (directory.search),
    so a search does not wait for it; a lookup meanwhile waits for that build, not a second.
    """
    with _BUILDING:
        _states_of_city()


@functools.lru_cache(maxsize=None)
def _zip_table():
    """Return {zip: record} for every ZIP with coordinates, keeping only the fields used."""
    table = {}
    for line in _packed_zips().split("\n"):
        values = [sys.intern(value) for value in line.split("\t")]
        table[values[0]] = dict(zip(ZIP_FIELDS, values))
    return table


PACK_TIMEOUT_SECONDS = 120


def _packed_zips():
    """Return the fields used of every ZIP with coordinates: a tab-separated line each.

    Read in a child interpreter: zipcodes parses its whole data file into full records
    (area codes, alternate city names...), and even once they are freed the fragments
    kept about 50 MiB more in every web worker than the slim table needs. Where a child
    cannot be started, the records are read here and zipcodes' cache of them dropped.
    """
    try:
        done = subprocess.run([sys.executable, "-c", "from matcher.geo import print_packed_zips;"
                               " print_packed_zips()"], capture_output=True, check=True,
                              env=child_env(), timeout=PACK_TIMEOUT_SECONDS)
        return done.stdout.decode("utf-8")
    except (OSError, subprocess.SubprocessError):
        packed = pack_zips(zipcodes.list_all())
        if getattr(zipcodes, "_zips_cache", None) is not None:
            zipcodes._zips_cache = None   # it reloads itself if asked again
        gc.collect()
        return packed


def pack_zips(records):
    """Return `_packed_zips`'s text for zipcodes records."""
    return "\n".join("\t".join(z[k] or "" for k in ZIP_FIELDS)
                     for z in records if z["lat"] and z["long"])


def print_packed_zips():
    """Write `_packed_zips`'s text to standard output (the child interpreter's work)."""
    sys.stdout.buffer.write(pack_zips(zipcodes.list_all()).encode("utf-8"))


@functools.lru_cache(maxsize=None)
def _city_table():
    """Return {(city, state): [records]} with lowercased, space-normalised city names."""
    table = defaultdict(list)
    for record in _zip_table().values():
        table[(_normalise(record["city"]), record["state"])].append(record)
    return dict(table)


@functools.lru_cache(maxsize=None)
def _states_of_city():
    """Return {city: [states]} ordered by standard-ZIP count (desc), then state code."""
    counts = defaultdict(dict)
    for (city, state), records in _city_table().items():
        counts[city][state] = sum(r["zip_code_type"] == "STANDARD" for r in records)
    return {city: sorted(states, key=lambda s: (-states[s], s)) for city, states in counts.items()}


def _normalise(text):
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def zip_centroid(zip_code):
    """Return (lat, lon) of a ZIP code's centroid, or None if unknown."""
    record = _zip_table().get(str(zip_code).strip()[:5])
    return (float(record["lat"]), float(record["long"])) if record else None


def county_of_zip(zip_code):
    """Return the ZIP's county as "San Mateo County, CA", or None if unknown."""
    record = _zip_table().get(str(zip_code).strip()[:5])
    return f"{record['county']}, {record['state']}" if record and record["county"] else None


def zip_timezone(zip_code):
    """Return the ZIP's IANA time zone ("America/Los_Angeles"), or None if unknown."""
    record = _zip_table().get(str(zip_code or "").strip()[:5])
    return (record.get("timezone") or None) if record else None


def _split_state(words):
    """Return (city words, state code or None) from a normalised place name's words."""
    names = {_normalise(name): code for code, name in STATE_NAMES.items()}
    for size in (3, 2, 1):
        tail = " ".join(words[-size:])
        if len(words) > size and tail in names:
            return words[:-size], names[tail]
    if len(words) > 1 and words[-1].upper() in STATE_NAMES:
        return words[:-1], words[-1].upper()
    return words, None


def _city_location(city, state):
    """Return the Location of a city (mean of its ZIP centroids), or None."""
    if state is None:
        states = _states_of_city().get(city)
        if not states:
            return None
        state = states[0]
    records = _city_table().get((city, state))
    if not records:
        return None
    standard = [r for r in records if r["zip_code_type"] == "STANDARD"] or records
    lat = sum(float(r["lat"]) for r in standard) / len(standard)
    lon = sum(float(r["long"]) for r in standard) / len(standard)
    raw = {"city": records[0]["city"], "state": state, "county": records[0]["county"],
           "zip_codes": sorted(r["zip_code"] for r in standard)}
    return Location(f"{raw['city']}, {state}", (lat, lon), raw)


@functools.lru_cache(maxsize=4096)
def _lookup(query):
    """Return the Location for a normalised query, or None."""
    warm()
    found = ZIP_RE.search(query)
    if found:
        record = _zip_table().get(found.group(1))
        if record is None:
            return None
        raw = {"city": record["city"], "state": record["state"], "county": record["county"],
               "zip_codes": [record["zip_code"]]}
        return Location(f"{record['city']}, {record['state']} {record['zip_code']}",
                        (float(record["lat"]), float(record["long"])), raw)
    words = query.split()
    if not words:
        return None
    city, state = _split_state(words)
    return _city_location(" ".join(city), state)


class OfflineGeocoder(Geocoder):
    """Geocode US ZIP codes and city names from shipped ZIP centroids, never the network."""

    def geocode(self, query, *, exactly_one=True, timeout=None):
        """Return the Location of a ZIP code or "city[, state]" query, or None."""
        location = _lookup(_normalise(str(query or "")))
        if location is None or exactly_one:
            return location
        return [location]


@functools.lru_cache(maxsize=8)
def make_geocoder(url=None, *, user_agent="community-directory", min_delay_seconds=1.0):
    """Return a cached `query -> Location | None` callable: offline, or Nominatim at `url`.

    One per configuration for the life of the process: building a geocoder sets up a TLS
    context (tens of milliseconds), and its answer cache and rate limit only help if shared.
    """
    if not url:
        return OfflineGeocoder(user_agent=user_agent).geocode
    parts = urlsplit(url)
    nominatim = Nominatim(domain=(parts.netloc + parts.path).rstrip("/"),
                          scheme=parts.scheme or "https", user_agent=user_agent, timeout=10)
    # Errors are raised rather than swallowed so a failed lookup is never cached as "no place".
    limited = RateLimiter(nominatim.geocode, min_delay_seconds=min_delay_seconds,
                          max_retries=2, swallow_exceptions=False)
    return functools.lru_cache(maxsize=4096)(limited)



def _in_ring(x, y, ring):
    """Return True when (x, y) lies inside a closed ring, by ray casting."""
    inside = False
    count = len(ring)
    for i in range(count):
        x1, y1 = ring[i][0], ring[i][1]
        x2, y2 = ring[i - 1][0], ring[i - 1][1]
        # Half-open test on y so a vertex shared by two edges is counted once.
        if (y1 > y) != (y2 > y):
            crossing = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < crossing:
                inside = not inside
    return inside


def _in_polygon(x, y, rings):
    """Return True when inside the outer ring and outside every hole."""
    if not rings or not _in_ring(x, y, rings[0]):
        return False
    return not any(_in_ring(x, y, hole) for hole in rings[1:])


def point_in_geometry(lat, lon, geometry):
    """Return True when (lat, lon) lies in a GeoJSON Polygon or MultiPolygon (holes honoured)."""
    if not geometry:
        return False
    kind = geometry.get("type")
    coords = geometry.get("coordinates") or []
    if kind == "Polygon":
        return _in_polygon(lon, lat, coords)
    if kind == "MultiPolygon":
        return any(_in_polygon(lon, lat, polygon) for polygon in coords)
    if kind == "GeometryCollection":
        return any(point_in_geometry(lat, lon, g) for g in geometry.get("geometries") or [])
    return False
