"""Match a profile against a ColumnSet: the same answers as matcher.engine, in array steps.

Per relaxation stage: the grid cells around the client give a few row ranges (a wider
radius only adds ranges); posting lists cut them to the rows on topic; array checks drop
every row a hard constraint excludes and count the unknowns of the rest. Rank classes
(relaxed, unknowns) come before scores: the classes before the one that fills the page are
taken whole, and only the rows of that class are scored; the rows that can reach the page
(plus exact ties) are then decoded and judged by the per-document code, which also explains
them. Documents changed since the columns were built (the overlay) and rows the arrays
cannot describe exactly go through the per-document code from the start.
"""
from dataclasses import dataclass

import numpy as np

from matcher import engine as reference
from matcher.columns import layout as L
from matcher.columns import kernels
from matcher.columns.checks import client_facts, judge, scores
from matcher.constraints import Client
from matcher.geo import bounding_box, great_circle_km
from matcher.scoring import on_topic

EDGE_KM = 1e-6            # distances this close to a radius are recomputed by geo itself
SCORE_TOLERANCE = 1e-7    # array scores agree with scoring.score far closer than this


@dataclass
class Stage:
    """One stage's rank class of every judged row (kernels.stage_classes: smaller ranks
    first, -1 left out at this stage), how many rows each class holds and in all, and the
    exact MatchResults of overlay and inexact documents."""
    classes: np.ndarray
    counts: np.ndarray
    extra: list

    @property
    def count(self):
        """Return how many rows this stage keeps."""
        return int(self.counts.sum())


@dataclass
class Judged:
    """What no relaxation stage changes about the rows evaluated so far (hard-excluded dropped)."""
    rows: np.ndarray
    chord2: np.ndarray        # squared chord to the client (kernels), NaN without site or point
    far: np.ndarray           # attended in person only: the radius applies
    unknown: np.ndarray       # checks lacking data, "distance unknown" included
    covered: np.ndarray       # requested needs covered
    text_hits: np.ndarray     # query words found
    missing_prefs: np.ndarray
    inexact: np.ndarray       # rows only the per-document code can judge
    settled: np.ndarray       # positions whose km matcher.geo computed (near a radius) ...
    settled_km: np.ndarray    # ... and those km, which decide over the chord

    def merged(self, other):
        """Return the rows of both, as one Judged."""
        parts = {name: np.concatenate((getattr(self, name), getattr(other, name)))
                 for name in self.__dataclass_fields__}
        parts["settled"] = np.concatenate((self.settled, other.settled + len(self.rows)))
        return Judged(**parts)


def match_columns(profile, view, poverty_year, query):
    """Return the MatchResponse of a profile; `view` has columns, dead and overlay access."""
    columns, relaxed = view.columns, []
    facts = client_facts(columns, Client.of(profile, poverty_year), query)
    steps = reference.stages(profile)
    radii = [radius for radius, _prefs, _label in steps if radius]
    edges = _edge_windows(profile, [*radii, profile.max_distance_km])
    seen, stage, radius, require_prefs, judged, done = {}, None, None, False, None, []
    for radius, require_prefs, label in steps:
        if label:
            relaxed.append(label)
        facts.client = Client.of(profile, poverty_year, radius)
        # A wider radius only adds rows: judge the row ranges not judged at a smaller one.
        reach = spans(columns, profile, radius)
        fresh = _judge(view, facts, profile, _subtract(reach, done), edges)
        judged, done = (fresh if judged is None else judged.merged(fresh)), reach
        stage = _stage(view, judged, facts, profile, radius, require_prefs, seen)
        if stage.count + len(stage.extra) >= profile.limit:
            break
    results = _finish(view, judged, stage, facts, profile, require_prefs)
    start = (profile.page - 1) * profile.limit
    return reference.MatchResponse(results[start:start + profile.limit],
                                   stage.count + len(stage.extra), relaxed, radius,
                                   profile.page, profile.limit)


def _subtract(spans_now, done):
    """Return the parts of row ranges `spans_now` outside every range in `done`."""
    out = []
    for low, high in spans_now:
        pieces = [(low, high)]
        for start, end in done:
            pieces = [part for a, b in pieces for part in
                      (((a, b),) if end <= a or start >= b else
                       tuple(p for p in ((a, start), (end, b)) if p[1] > p[0]))]
        out.extend(pieces)
    return out


def _judge(view, facts, profile, row_spans, edges):
    """Return the Judged rows on topic in `row_spans`: hard checks and distance.

    Scores wait for _finish: only the rows in the best rank classes need one.
    """
    columns = view.columns
    rows, text_hits, covered = candidate_rows(columns, facts, row_spans)
    kept, inexact = judge(columns, rows, text_hits, covered, facts, view.dead)
    rows, text_hits, covered, unknown, remote, chord2, missing_prefs = kept
    far = ~np.isnan(chord2) & ~remote
    settled, settled_km = _settle_edges(columns, rows, chord2, profile, edges)
    return Judged(rows, chord2, far, unknown, covered, text_hits, missing_prefs, inexact,
                  settled, settled_km)


def _stage(view, judged, facts, profile, radius, require_prefs, seen):
    """Return the Stage at a radius, with or without the client's preferences required."""
    limit = profile.max_distance_km
    classes, counts = kernels.stage_classes(
        judged.far, judged.chord2, judged.unknown, judged.missing_prefs, judged.settled,
        judged.settled_km, float(radius) if radius else np.nan,
        float(kernels.chord2_of_km(radius)) if radius else np.inf, float(limit),
        float(kernels.chord2_of_km(limit)),
        1 if require_prefs else 2 if profile.preferences else 0)
    extra = _reference_results(view, judged.inexact, facts.client, facts.query, profile,
                               radius, require_prefs, seen)
    return Stage(classes, counts, extra)


def _edge_windows(profile, radii):
    """Return (lows, highs): the squared chords within EDGE_KM of each deciding radius.

    Computed once per match: every stage judges its new rows against all of them.
    """
    if not profile.has_point:
        return [], []
    radii = np.array(sorted(set(radii)), dtype=np.float64)
    return kernels.chord2_of_km(np.maximum(radii - EDGE_KM, 0.0)).tolist(), \
        kernels.chord2_of_km(radii + EDGE_KM).tolist()


def _settle_edges(columns, rows, chord2, profile, edges):
    """Return (positions, km) of rows within EDGE_KM of a deciding radius, by matcher.geo."""
    near = np.zeros(len(rows), dtype=bool)
    for low, high in zip(*edges):
        near |= (chord2 >= low) & (chord2 <= high)
    positions = np.flatnonzero(near)
    km = np.array([great_circle_km(profile.latitude, profile.longitude,
                                   float(columns.lat[rows[i]]), float(columns.lon[rows[i]]))
                   for i in positions], dtype=np.float64)
    return positions, km


def candidate_rows(columns, facts, row_spans):
    """Return (rows, text group hits, needs covered) of the rows on topic in the spans,
    without the rows whose service area excludes the client (checks.residency_screen)."""
    query = facts.query
    screen, resident = (_NO_SCREEN, _NO_SCREEN) if facts.screen is None else \
        (facts.screen, facts.resident)
    row_spans = np.array([span for span in row_spans if span[1] > span[0]],
                         dtype=np.int64).reshape(-1, 2)
    if not query.needs and not query.has_text:
        rows = np.concatenate([np.arange(low, high, dtype=np.int32) for low, high in row_spans]
                              or [np.zeros(0, dtype=np.int32)])
        if len(screen):
            rows = rows[(screen[rows] != kernels.AREA_LISTS) | (resident[rows] != 0)]
        return rows, np.zeros(len(rows), dtype=np.int16), np.zeros(len(rows), dtype=np.int16)
    stems, needs = columns.postings["stems"], columns.postings["needs"]
    text_ranges = [(*stems.bounds(stem), group)
                   for group, words in enumerate(query.groups) for stem in words]
    need_ranges = [needs.bounds(need) for need in query.needs]
    return kernels.topic_rows(row_spans, stems.values,
                              np.array(text_ranges, dtype=np.int64).reshape(-1, 3),
                              needs.values, np.array(need_ranges, dtype=np.int64).reshape(-1, 2),
                              screen, resident)


_NO_SCREEN = np.zeros(0, dtype=np.int8)


def spans(columns, profile, radius):
    """Return row ranges [low, high) holding every site the radius can reach, then 'anywhere'."""
    placed, everything = columns.placed_rows, columns.count
    if not (profile.has_point and radius):
        return [(0, placed), (placed, everything)]
    low_lat, high_lat, window = bounding_box(profile.latitude, profile.longitude, radius)
    # A hair wider than the box, so a site on a cell edge is never left out by rounding.
    lat_cells = range(L.lat_cell(low_lat - 1e-9), L.lat_cell(high_lat + 1e-9) + 1)
    low_lon, high_lon = (L.lon_cell(window[0] - 1e-9), L.lon_cell(window[1] + 1e-9)) \
        if window is not None else (0, L.LON_CELLS - 1)
    cells = columns.cell[:placed]
    # Keys of the cells' own type: searchsorted would otherwise convert every cell first.
    starts = np.array([c * L.LON_CELLS + low_lon for c in lat_cells], dtype=cells.dtype)
    ends = np.array([c * L.LON_CELLS + high_lon for c in lat_cells], dtype=cells.dtype)
    lows = np.searchsorted(cells, starts, side="left")
    highs = np.searchsorted(cells, ends, side="right")
    return [(int(a), int(b)) for a, b in zip(lows, highs) if b > a] + [(placed, everything)]


def _reference_results(view, inexact_rows, client, query, profile, radius, require_prefs,
                       seen):
    """Return exact MatchResults for overlay documents and rows the arrays cannot judge."""
    documents = [view.columns.document(int(row)) for row in inexact_rows]
    documents += view.overlay_documents(reference.candidate_query(profile, radius, client))
    wanted = set(profile.preferences)
    prefs_relaxed = bool(wanted) and not require_prefs
    out = []
    for doc in documents:
        if not on_topic(doc, query):
            continue
        if require_prefs and not wanted <= set(doc.get("preferences") or ()):
            continue
        key = doc["id"]
        if key not in seen:
            seen[key] = reference.assess(doc, client, query)
        entry = seen[key]
        result = entry and reference.staged_result(entry, client, prefs_relaxed)
        if result is not None:
            out.append(result)
    return out


def _finish(view, judged, stage, facts, profile, require_prefs):
    """Return the exact, sorted results up to the requested page."""
    client, query = facts.client, facts.query
    wanted = profile.page * profile.limit
    # Rank classes first: only the rows of the class that fills the page need a score.
    sure, contenders = kernels.page_contenders(stage.classes, stage.counts, wanted)
    if len(contenders):
        shortfall = 1.0 - scores(view.columns, judged, contenders, facts)
        room = wanted - len(sure)
        last = np.partition(shortfall, room - 1)[room - 1]
        # Ties with the last place (to the arrays' precision) stay: the exact scores decide.
        sure = np.concatenate((sure, contenders[shortfall <= last + SCORE_TOLERANCE]))
    rows = judged.rows[sure]
    prefs_relaxed = bool(profile.preferences) and not require_prefs
    results = list(stage.extra)
    # In storage order: neighbouring rows share pages.
    for doc in view.columns.documents(np.sort(rows)):
        entry = reference.assess(doc, client, query)
        result = entry and reference.staged_result(entry, client, prefs_relaxed)
        if result is not None:
            results.append(result)
    results.sort(key=reference.sort_key)
    return results
