"""The client's side of the compiled checks and score (matcher.columns.kernels).

client_facts turns a client into plain numbers once per match (kernels.Asked, and
kernels.Scoring for the score) and finds the service areas around it; the checks and the
score themselves run in kernels.judge_rows and kernels.score_positions, which mirror
matcher.constraints* and scoring.score: a change to either side must be made in both
(tests/test_matcher_columns.py compares them on random directories).
"""
import math
from dataclasses import dataclass

import numpy as np

from matcher import hours, scoring
from matcher.columns import layout as L
from matcher.columns import kernels, polygons
from matcher.vocabulary import MODALITIES

EVERY_MODALITY = sum(L.MODALITY_BIT[m] for m in MODALITIES)


@dataclass
class ClientFacts:
    """What the array checks need from a client, computed once per match."""
    client: object
    query: object            # scoring.Query
    windows: np.ndarray      # week-minute intervals [start, end) of the client's windows
    schedule_states: np.ndarray   # per schedule: open in a window? 1, 0, -1 not told yet
    resident: np.ndarray     # per row: RESIDENT, BOX_HOLDS_CLIENT or 0 (_areas_around)
    screen: np.ndarray       # per row: what its service area leaves to decide (residency_screen)
    geometry_states: np.ndarray   # per geometry: contains the client? (_areas_around)
    asked: tuple             # kernels.Asked: the client's side of every hard check
    scoring: tuple           # kernels.Scoring: the query's side of the score


def client_facts(columns, client, query):
    """Return the ClientFacts of a client against one ColumnSet."""
    profile = client.profile
    language_bits = 0
    for code in profile.languages:
        language_bits |= columns.language_bits.get(code.lower().split("-")[0], 0)
    accepted = L.mask_of(profile.modalities, L.MODALITY_BIT)
    preference_bits = L.mask_of(profile.preferences, L.PREFERENCE_BIT)
    given = ((L.AREA_ZIPS if profile.postal_code else 0)
             | (L.AREA_COUNTIES if profile.county else 0)
             | (L.AREA_GEOMETRIES if profile.has_point else 0))
    residency = bool(profile.has_point or profile.postal_code or profile.county)
    states, resident = _areas_around(columns, profile) if residency else \
        (np.zeros(len(columns.geometry_boxes), dtype=np.int8), None)
    windows = np.array(hours.window_intervals(profile.windows), dtype=np.int64).reshape(-1, 2)
    return ClientFacts(
        client=client, query=query, windows=windows, resident=resident,
        schedule_states=np.full(len(columns.schedule_start) - 1 if len(windows) else 0, -1,
                                dtype=np.int8),
        screen=residency_screen(columns, given) if residency else None,
        geometry_states=states,
        scoring=_scoring(query, language_bits, preference_bits),
        asked=_asked(profile, client, accepted, language_bits, preference_bits, given, residency))


RESIDENT, BOX_HOLDS_CLIENT = 1, 2   # values of the residency mask (0: neither)


def _areas_around(columns, profile):
    """Return (geometry states, residency mask) of a client: the service areas around it.

    Geometry states, per geometry: 1 when it holds the client's point, 0 when not, -1 when
    only its ray can tell and it is not cast yet. A dense metro has thousands of polygons
    around any point: the grid of each box (kernels.geometry_grids) settles most of them,
    and kernels.judge_rows casts the ray of the others the first time a row still in the
    running needs it, writing the answer here. Residency mask, per row: RESIDENT (a ZIP or
    county area lists the client's, or one of its geometries holds the point),
    BOX_HOLDS_CLIENT (a geometry's box holds the point, only the ray can tell) or 0.
    """
    states = np.zeros(len(columns.geometry_boxes), dtype=np.int8)
    mask = np.zeros(columns.count, dtype=np.int8)   # a mask: cheaper than sorting rows
    area_row = np.asarray(columns.area_row)
    if profile.has_point and len(states):
        lat, lon = profile.latitude, profile.longitude
        cells = columns.postings["geometry_cells"]
        boxes, inside, outside, row_start, rows = kernels.cell_boxes(columns)
        for key in (polygons.point_cell(lat, lon), polygons.WIDE):
            a, b = cells.bounds(key)
            kernels.boxed_geometries(states, mask, cells.values[a:b], boxes[a:b], inside[a:b],
                                     outside[a:b], lat, lon, row_start[a:b + 1], rows)
    areas = []
    if profile.postal_code:
        areas.append(columns.postings["zips"].get(profile.postal_code[:5]))
    if profile.county:
        areas.append(columns.postings["counties"].get(profile.county.lower()))
    if areas:
        mask[area_row[np.concatenate(areas)]] = RESIDENT
    return states, mask


def residency_screen(columns, given):
    """Return, per row, what its service area leaves to decide for a client who gave `given`.

    kernels.AREA_OPEN: open to everyone (or not exactly described: the per-document code
    judges it); AREA_UNSTATED: no area stated (unknown); AREA_UNTOLD: areas facts of kinds
    `given` cannot decide (unknown, unless one lists the client); AREA_LISTS: areas that
    decide, so the row passes only when one lists or boxes the client (_areas_around).
    Rows of the last kind are left out before they are judged (engine.candidate_rows): a
    client from a ZIP code does not pay for every remote service serving somewhere else.
    One byte here also spares judge_rows three reads a row. Built once per set and kind.
    """
    def build():
        code = np.full(columns.count, kernels.AREA_LISTS, dtype=np.int8)
        untold = ((np.asarray(columns.area_unknown_bits) >> given) & 1) != 0
        code[untold] = kernels.AREA_UNTOLD
        code[np.asarray(columns.areas_stated) == 0] = kernels.AREA_UNSTATED
        code[(np.asarray(columns.residency_open) != 0)
             | (np.asarray(columns.exact) == 0)] = kernels.AREA_OPEN
        return code
    return kernels.once(columns, f"_residency_screen_{given}", build)


def judge(columns, rows, text_hits, covered, facts, dead):
    """Return kernels.judge_rows of rows (text_hits and covered are overwritten)."""
    return kernels.judge_rows(rows, text_hits, covered, kernels.row_columns(columns),
                              kernels.areas(columns), facts.asked,
                              _EMPTY_BOOL if dead is None else dead,
                              _EMPTY_INT8 if facts.screen is None else facts.screen,
                              _EMPTY_INT8 if facts.resident is None else facts.resident,
                              facts.geometry_states, facts.windows, facts.schedule_states)


_EMPTY_BOOL = np.zeros(0, dtype=bool)
_EMPTY_INT8 = np.zeros(0, dtype=np.int8)


def _asked(profile, client, accepted, language_bits, preference_bits, given, residency):
    """Return the kernels.Asked of a client: every check's inputs as plain numbers."""
    cost = profile.cost
    point = (profile.latitude, profile.longitude) if profile.has_point else (0.0, 0.0)
    cx, cy, cz = (float(v) for v in kernels.unit_vectors(*point))
    return kernels.Asked(
        age=math.nan if profile.age is None else float(profile.age),
        gender_bits=0 if profile.gender is None else L.GENDER_BIT[profile.gender] | L.GENDER_ANY,
        fpl_percent=math.nan if client.fpl_percent is None else float(client.fpl_percent),
        veteran=-1 if profile.veteran is None else int(bool(profile.veteran)),
        insurance_bit=0 if profile.insurance is None else L.INSURANCE_BIT[profile.insurance],
        check_languages=bool(profile.languages), language_bits=np.uint64(language_bits),
        interpreter_ok=bool(profile.interpreter_ok),
        check_modalities=accepted != EVERY_MODALITY, accepted=accepted,
        remote_accepted=accepted & L.REMOTE_BITS, residency=residency, given=given,
        access_needed=L.mask_of(profile.accessibility, L.ACCESS_BIT),
        cost_restricted=bool(cost.restricted), free_only=bool(cost.free_only),
        sliding_ok=bool(cost.sliding_scale_ok),
        max_amount=math.nan if cost.max_amount is None else float(cost.max_amount),
        has_point=bool(profile.has_point), latitude=float(point[0]), longitude=float(point[1]),
        cx=cx, cy=cy, cz=cz, preference_bits=preference_bits)


def scores(c, judged, positions, facts):
    """Return scoring.score of the judged rows at sorted `positions` (engine.Judged), to
    ~1e-12; the final order is re-scored exactly."""
    return kernels.score_positions(positions, judged.rows, judged.chord2, judged.settled,
                                   judged.settled_km, judged.covered, judged.text_hits,
                                   kernels.row_columns(c), facts.scoring,
                                   steady_terms(c, facts.scoring))


def steady_terms(c, scoring):
    """Return kernels.steady_terms of a ColumnSet, computed once a day (20 ms at 1M services).

    Only the latest day's are kept: a long-running process holds one array per set.
    """
    day = (scoring.today, scoring.wait_half_days, scoring.freshness_half_life_days,
           scoring.w_cost, scoring.w_wait, scoring.w_freshness)
    cached = vars(c).get("_steady_terms")
    if cached is None or cached[0] != day:
        terms = kernels.steady_terms(kernels.row_columns(c), scoring)
        cached = vars(c)["_steady_terms"] = (day, terms)
    return cached[1]


def _scoring(query, language_bits, preference_bits):
    """Return the kernels.Scoring of a query."""
    w = scoring.WEIGHTS
    return kernels.Scoring(
        needs=len(query.needs), groups=len(query.groups) if query.has_text else 0,
        radius_km=float(query.radius_km), language_bits=np.uint64(language_bits),
        check_languages=bool(query.languages), preference_bits=preference_bits,
        preferences=len(query.preferences), today=query.today.toordinal(),
        wait_half_days=float(scoring.WAIT_HALF_DAYS),
        freshness_half_life_days=float(scoring.FRESHNESS_HALF_LIFE_DAYS),
        w_relevance=w["relevance"], w_distance=w["distance"], w_cost=w["cost"],
        w_language=w["language"], w_wait=w["wait"], w_freshness=w["freshness"],
        w_preferences=w["preferences"])
