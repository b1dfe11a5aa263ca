"""The hard constraints and soft score of matcher.constraints* and matcher.scoring, on arrays.

Each block below mirrors one per-document check line by line; a change to a check must be
made in both places (tests/test_matcher_columns.py compares them on random directories).
Results: `excluded` (a check says no) and `unknown` (how many checks lack data), per row.
"""
import math
from dataclasses import dataclass

import numpy as np

from matcher import hours, scoring
from matcher.columns import layout as L
from matcher.columns import polygons
from matcher.columns.store import spread
from matcher.geo import EARTH_RADIUS_KM
from matcher.vocabulary import MODALITIES

EVERY_MODALITY = sum(L.MODALITY_BIT[m] for m in MODALITIES)


@dataclass
class ClientFacts:
    """What the array checks need from a client, computed once per match."""
    client: object
    query: object            # scoring.Query
    language_bits: int
    accepted: int            # modality bits the client accepts
    remote_accepted: int     # the remote ones among them
    access_needed: int
    preference_bits: int
    windows: list            # week-minute intervals of the client's windows
    residency: bool          # whether residency is checked at all
    given: int               # AREA_* bits of the facts the client gave
    resident: np.ndarray     # mask: rows with an area that contains the client
    today: int               # ordinal of the scoring day


def client_facts(columns, client, query):
    """Return the ClientFacts of a client against one ColumnSet."""
    profile = client.profile
    language_bits = 0
    for code in profile.languages:
        language_bits |= columns.language_bits.get(code.lower().split("-")[0], 0)
    accepted = L.mask_of(profile.modalities, L.MODALITY_BIT)
    given = ((L.AREA_ZIPS if profile.postal_code else 0)
             | (L.AREA_COUNTIES if profile.county else 0)
             | (L.AREA_GEOMETRIES if profile.has_point else 0))
    residency = bool(profile.has_point or profile.postal_code or profile.county)
    return ClientFacts(
        client=client, query=query, language_bits=language_bits, accepted=accepted,
        remote_accepted=accepted & L.REMOTE_BITS,
        access_needed=L.mask_of(profile.accessibility, L.ACCESS_BIT),
        preference_bits=L.mask_of(profile.preferences, L.PREFERENCE_BIT),
        windows=hours.window_intervals(profile.windows), residency=residency, given=given,
        resident=_resident_rows(columns, profile) if residency else None,
        today=query.today.toordinal())


def _resident_rows(columns, profile):
    """Return the mask of rows with at least one service area that contains the client."""
    areas = []
    if profile.postal_code:
        areas.append(columns.postings["zips"].get(profile.postal_code[:5]))
    if profile.county:
        areas.append(columns.postings["counties"].get(profile.county.lower()))
    if profile.has_point and len(columns.geometry_boxes):
        lat, lon = profile.latitude, profile.longitude
        cells = columns.postings["geometry_cells"]
        near = np.concatenate((cells.get(polygons.point_cell(lat, lon)), cells.get(polygons.WIDE)))
        boxes = columns.geometry_boxes[near]
        maybe = near[(boxes[:, 0] <= lat) & (lat <= boxes[:, 2])
                     & (boxes[:, 1] <= lon) & (lon <= boxes[:, 3])].astype(np.int64)
        inside = polygons.containing(columns, maybe, lat, lon)
        areas.append(columns.postings["geometries"].get_many(inside))
    resident = np.zeros(columns.count, dtype=bool)   # a mask: cheaper than sorting rows
    if areas:
        resident[np.asarray(columns.area_row)[np.concatenate(areas)]] = True
    return resident


def hard_checks(columns, rows, facts):
    """Return (excluded, unknown) for rows, every radius-independent check applied."""
    c, profile = columns, facts.client.profile
    excluded = c.active[rows] == 0
    unknown = np.zeros(len(rows), dtype=np.int16)
    if profile.age is not None:
        low, high = c.min_age[rows], c.max_age[rows]
        excluded |= (profile.age < low) | (profile.age > high)
        unknown += np.isnan(low) & np.isnan(high)
    if profile.gender is not None:
        known = c.genders_known[rows] != 0
        served = (c.genders[rows] & (L.GENDER_BIT[profile.gender] | L.GENDER_ANY)) != 0
        excluded |= known & ~served
        unknown += ~known
    if facts.client.fpl_percent is not None:
        no_limit = c.income_any[rows] != 0
        limit = c.income_limit[rows]
        excluded |= ~no_limit & (facts.client.fpl_percent > limit)
        unknown += ~no_limit & np.isnan(limit)
    _veteran(c, rows, profile.veteran, excluded, unknown)
    if profile.insurance is not None:
        known = c.insurance_known[rows] != 0
        accepted = known & ((c.insurance[rows] & L.INSURANCE_BIT[profile.insurance]) != 0)
        met = accepted | (c.cost_free[rows] == 1)
        excluded |= ~met & known
        unknown += ~met & ~known
    if profile.languages:
        known = c.languages_known[rows] != 0
        met = (c.languages[rows] & np.uint64(facts.language_bits)) != 0
        if profile.interpreter_ok:
            met |= c.interpretation[rows] != 0
        excluded |= known & ~met
        unknown += ~known
    modalities = c.modalities[rows]
    if facts.accepted != EVERY_MODALITY:
        known = c.modalities_known[rows] != 0
        excluded |= known & ((modalities & facts.accepted) == 0)
        unknown += ~known
    if facts.residency:
        _residency(c, rows, facts, excluded, unknown)
    remote = (modalities & facts.remote_accepted) != 0
    if facts.access_needed:
        known = c.accessibility_known[rows] != 0
        has_all = (c.accessibility[rows] & facts.access_needed) == facts.access_needed
        excluded |= ~remote & known & ~has_all
        unknown += ~remote & ~known
    if profile.cost.restricted:
        _cost(c, rows, profile.cost, excluded, unknown)
    if facts.windows:
        has_hours = c.hours_count[rows] > 0
        excluded |= has_hours & ~_overlaps(c, rows, facts.windows)
        unknown += ~has_hours
    return excluded, unknown, remote


def _veteran(c, rows, veteran, excluded, unknown):
    if veteran is None:
        return
    code = c.veteran[rows]
    if veteran:
        unknown += code == 3          # required or any: met; unstated: nothing to check
    else:
        excluded |= code == 1
        unknown += (code == 0) | (code == 3)


def _residency(c, rows, facts, excluded, unknown):
    open_to_all = c.residency_open[rows] != 0
    stated = c.areas_stated[rows] != 0
    inside = facts.resident[rows]
    cannot_tell = ((c.area_unknown_bits[rows] >> facts.given) & 1) != 0
    undecided = ~open_to_all & ~(stated & inside)
    unknown += undecided & (~stated | cannot_tell)
    excluded |= undecided & stated & ~cannot_tell


def _cost(c, rows, cost, excluded, unknown):
    free = c.cost_free[rows]
    met = free == 1
    if cost.sliding_scale_ok:
        met = met | (c.cost_sliding[rows] != 0)
    if cost.free_only:
        excluded |= ~met & (free == 0)
        unknown += ~met & (free != 0)
        return
    amount = c.cost_min[rows]
    excluded |= ~met & (amount > cost.max_amount)
    unknown += ~met & np.isnan(amount)


def _overlaps(c, rows, windows):
    """Return, per row, whether some opening interval shares a minute with a window."""
    counts = c.hours_count[rows].astype(np.int64)
    index = spread(c.hours_start[rows], counts)
    if not len(index):
        return np.zeros(len(rows), dtype=bool)
    owner = np.repeat(np.arange(len(rows)), counts)
    begin = np.asarray(c.interval_start)[index].astype(np.int32)
    end = np.asarray(c.interval_end)[index].astype(np.int32)
    hit = np.zeros(len(index), dtype=bool)
    for w_start, w_end in windows:
        hit |= (begin < w_end) & (w_start < end)
    found = np.zeros(len(rows), dtype=bool)
    found[owner[hit]] = True
    return found


def distances(c, rows, latitude, longitude):
    """Return great-circle km from a point to each row's site (NaN without one)."""
    # The formula of matcher.geo.great_circle_km; last-bit differences near a radius are
    # settled by that function itself (see engine.settle_boundary).
    p1 = math.radians(latitude)
    p2 = np.radians(c.lat[rows])
    sin1, cos1 = math.sin(p1), math.cos(p1)
    sin2, cos2 = np.sin(p2), np.cos(p2)
    delta = np.radians(c.lon[rows]) - math.radians(longitude)
    cos_d, sin_d = np.cos(delta), np.sin(delta)
    d = np.arctan2(np.sqrt((cos2 * sin_d) ** 2 + (cos1 * sin2 - sin1 * cos2 * cos_d) ** 2),
                   sin1 * sin2 + cos1 * cos2 * cos_d)
    return EARTH_RADIUS_KM * d


def scores(c, rows, facts, distance, covered, text_hits):
    """Return scoring.score for each row (to ~1e-12; the final order is re-scored exactly)."""
    query, w = facts.query, scoring.WEIGHTS
    n = len(rows)
    coverage = covered / len(query.needs) if query.needs else None
    text = text_hits / len(query.groups) if query.has_text else None
    if coverage is None and text is None:
        relevance = np.ones(n)
    elif coverage is None or text is None:
        relevance = coverage if text is None else text
    else:
        relevance = 0.7 * coverage + 0.3 * text
    near = 0.5 ** (distance / (query.radius_km / 2))
    distance_part = np.where(np.isnan(distance), 0.5, near)
    free, sliding = c.cost_free[rows], c.cost_sliding[rows] != 0
    cost = np.where(free == 1, 1.0, np.where(sliding, 0.7,
                                             np.where(np.isnan(c.cost_min[rows]), 0.4, 0.3)))
    if query.languages:
        shared = (c.languages[rows] & np.uint64(facts.language_bits)) != 0
        language = np.where(shared, 1.0, np.where(c.interpretation[rows] != 0, 0.5, 0.3))
    else:
        language = np.ones(n)
    days = c.wait[rows]
    wait = np.where(np.isnan(days), 0.4, 0.5 ** (np.maximum(days, 0) / scoring.WAIT_HALF_DAYS))
    capacity = c.capacity[rows]
    wait = np.where(~np.isnan(capacity) & (capacity <= 0), wait * 0.5, wait)
    assured = c.assured[rows]
    age = np.maximum(facts.today - assured, 0)
    fresh = np.where(assured < 0, 0.0, 0.5 ** (age / scoring.FRESHNESS_HALF_LIFE_DAYS))
    if query.preferences:
        shared = c.preferences[rows] & facts.preference_bits
        preferences = _popcount(shared) / len(query.preferences)
    else:
        preferences = np.ones(n)
    total = (w["relevance"] * relevance + w["distance"] * distance_part + w["cost"] * cost
             + w["language"] * language + w["wait"] * wait + w["freshness"] * fresh
             + w["preferences"] * preferences)
    return np.clip(np.nan_to_num(total, nan=0.0, posinf=0.0, neginf=0.0), 0.0, 1.0)


def _popcount(values):
    values = values.astype(np.int64)
    count = np.zeros(len(values), dtype=np.int64)
    while values.any():
        count += values & 1
        values >>= 1
    return count
