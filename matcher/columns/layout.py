"""What each column holds: the facts one document contributes, encoded for array checks.

Every encoding mirrors one per-document check in matcher.constraints*: NaN or a *_known
flag stands for "the data does not say", so unknown stays distinct from no. Small
vocabularies become bit masks; open ones (languages) get bits as they appear, and a
document whose values do not fit is marked inexact and judged by the per-document code.
"""
import math
from datetime import date

from matcher import hours
from matcher.constraints_access import REMOTE
from matcher.text import stems_of
from matcher.vocabulary import ACCESSIBILITY, GENDERS, INSURANCE, MODALITIES, PREFERENCES

NAN = math.nan
CELL_DEGREES = 0.1                      # about 11 km of latitude: a 15 km radius spans ~4
LAT_CELLS, LON_CELLS = 1800, 3600       # cells per axis; keys are lat_cell * LON_CELLS + lon
ANYWHERE_CELL = LAT_CELLS * LON_CELLS   # documents no radius cuts off sort after every cell
LANGUAGE_BITS = 64

GENDER_BIT = {g: 1 << i for i, g in enumerate(GENDERS)}
GENDER_ANY = 1 << len(GENDERS)
INSURANCE_BIT = {v: 1 << i for i, v in enumerate(INSURANCE)}
MODALITY_BIT = {m: 1 << i for i, m in enumerate(MODALITIES)}
REMOTE_BITS = sum(MODALITY_BIT[m] for m in REMOTE)
ACCESS_BIT = {a: 1 << i for i, a in enumerate(ACCESSIBILITY)}
PREFERENCE_BIT = {p: 1 << i for i, p in enumerate(PREFERENCES)}
VETERAN_CODE = {None: 0, "required": 1, "any": 2}   # anything else: 3, "other"

# Which facts the client gave decide whether a service area can be judged (constraints_access
# ._in_area): bit 1 a postal code, 2 a county, 4 a point. Areas record which kinds they list.
AREA_ZIPS, AREA_COUNTIES, AREA_GEOMETRIES = 1, 2, 4

# name -> array typecode; the builder appends one value per document to each.
SCALARS = {
    "lat": "d", "lon": "d", "cell": "i", "active": "b",
    "min_age": "d", "max_age": "d", "genders": "B", "genders_known": "b",
    "income_any": "b", "income_limit": "d", "veteran": "b",
    "insurance": "B", "insurance_known": "b",
    "languages": "Q", "languages_known": "b", "interpretation": "b",
    "modalities": "B", "modalities_known": "b",
    "residency_open": "b", "areas_stated": "b", "area_unknown_bits": "B",
    "accessibility": "H", "accessibility_known": "b",
    "cost_free": "b", "cost_sliding": "b", "cost_min": "d",
    "preferences": "H", "wait": "d", "capacity": "d", "assured": "i",
    "schedule": "i", "exact": "b",
}


def number_or_nan(value):
    """Return a value as a float, NaN when missing or not a number (unknown)."""
    if value is None:
        return NAN
    try:
        number = float(value)
    except (TypeError, ValueError):
        return NAN
    return number


def mask_of(values, bits):
    """Return the OR of the bits of known values (unknown values add none)."""
    mask = 0
    for value in values or ():
        mask |= bits.get(value, 0)
    return mask


def lat_cell(lat):
    """Return the grid row of a latitude."""
    return min(LAT_CELLS - 1, max(0, int(math.floor((lat + 90.0) / CELL_DEGREES))))


def lon_cell(lon):
    """Return the grid column of a longitude."""
    return min(LON_CELLS - 1, max(0, int(math.floor((lon + 180.0) / CELL_DEGREES))))


def cell_of(lat, lon):
    """Return the grid cell key of a point (rows are sorted by it)."""
    return lat_cell(lat) * LON_CELLS + lon_cell(lon)


def placed(doc):
    """Return (lat, lon) floats when the document has a usable site, else None."""
    lat, lon = doc.get("latitude"), doc.get("longitude")
    if lat is None or lon is None:
        return None
    return float(lat), float(lon)


def reaches_anywhere(doc):
    """Return True when no radius cuts the document off: no site, or attended remotely."""
    return placed(doc) is None or bool(set(REMOTE) & set(doc.get("modalities") or ()))


def assured_ordinal(doc):
    """Return the proleptic ordinal of assured_date, or -1 when missing or unreadable."""
    assured = doc.get("assured_date")
    if not assured:
        return -1
    try:
        return date.fromisoformat(assured[:10]).toordinal()
    except (TypeError, ValueError):
        return -1


def cost_free_code(doc):
    """1 when a free option is stated (truthy), 0 when stated False, -1 when unknown."""
    free = doc.get("cost_free")
    return 1 if free else (0 if free is False else -1)


def needs_keys(doc):
    """Return the strings a requested need matches: term ids and codes (scoring.covered_needs)."""
    return set(doc.get("taxonomy_term_ids") or ()) | set(doc.get("taxonomy_codes") or ())


def week_intervals(doc):
    """Return the document's opening hours as week-minute intervals (hours module)."""
    return hours.period_intervals(doc.get("hours") or ())


def text_stems(doc):
    """Return the stems matcher.text scores the document by."""
    return stems_of(doc)
