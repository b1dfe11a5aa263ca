"""Compiled per-row loops over the column files: the hard checks, distance and ray casting.

numpy evaluated each check as a pass of its own over every candidate row, with a temporary
array per step; in a dense metro that is tens of thousands of rows a dozen times over. Here
each row is read once and every check runs on it in the same loop. Each block mirrors one
per-document check of matcher.constraints* line by line (tests/test_matcher_columns.py
compares both on random directories), and the arithmetic of distances and ray casting is
geo's own, in the same order.

Compiled on first use and cached on disk (numba's cache=True), so only the first process
after an install pays the compile time.
"""
import math
from collections import namedtuple

import numpy as np
from numba import njit

from matcher.geo import EARTH_RADIUS_KM

# The columns one loop reads. Passed as a tuple, so a check reads `c.min_age[row]`.
ROW_COLUMNS = ("active", "exact", "min_age", "max_age", "genders", "genders_known",
               "income_any", "income_limit", "veteran", "insurance", "insurance_known",
               "cost_free", "cost_sliding", "cost_min", "languages", "languages_known",
               "interpretation", "modalities", "modalities_known",
               "accessibility", "accessibility_known",
               "schedule", "schedule_start", "interval_start", "interval_end",
               "preferences", "wait", "capacity", "assured")
# Each site as a point on the unit sphere: a distance comparison is then a few products
# (the squared chord), where the great-circle formula takes five trigonometric calls a row.
# NaN without a site, so the loop needs no latitude column to tell.
UNIT_VECTOR = ("ux", "uy", "uz")
RowColumns = namedtuple("RowColumns", ROW_COLUMNS + UNIT_VECTOR)

# checks.residency_screen's codes: what a row's service area leaves to decide for a client.
AREA_LISTS, AREA_OPEN, AREA_UNSTATED, AREA_UNTOLD = 0, 1, 2, 3

# What the client asks, as plain numbers: -1 or NaN where the client said nothing.
Asked = namedtuple("Asked", (
    "age",               # NaN: not given
    "gender_bits",       # 0: not given; else the gender's bit | GENDER_ANY
    "fpl_percent",       # NaN: not computable
    "veteran",           # -1 not given, 0 no, 1 yes
    "insurance_bit",     # 0: not given
    "check_languages", "language_bits", "interpreter_ok",
    "check_modalities", "accepted", "remote_accepted",
    "residency", "given",
    "access_needed",
    "cost_restricted", "free_only", "sliding_ok", "max_amount",
    "has_point", "latitude", "longitude",
    "cx", "cy", "cz",                    # the client's point on the unit sphere
    "preference_bits",
))

# Service-area geometries: each row's (row_geometry_start/_ids, CSR) and their edges.
AREA_ARRAYS = ("row_geometry_start", "row_geometry_ids",
               "geometry_vertex_start", "geometry_vertex_end", "vertex_x", "vertex_y",
               "vertex_ring", "ring_end", "ring_polygon", "ring_outer")
Areas = namedtuple("Areas", AREA_ARRAYS)


def row_columns(columns):
    """Return the RowColumns of a ColumnSet (built once per set)."""
    return once(columns, "_row_columns", lambda: RowColumns(
        *(np.asarray(getattr(columns, name)) for name in ROW_COLUMNS),
        *unit_vectors(np.asarray(columns.lat), np.asarray(columns.lon))))


def unit_vectors(lat, lon):
    """Return (x, y, z) of points on the unit sphere (NaN for a missing site)."""
    phi, lam = np.radians(lat), np.radians(lon)
    return np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)


def chord2_of_km(km):
    """Return the squared chord of a great-circle distance on the unit sphere."""
    return (2.0 * np.sin(np.asarray(km, dtype=np.float64) / (2.0 * EARTH_RADIUS_KM))) ** 2


def _geometry_owners(columns):
    """Return (geometry, row) of every entry of the geometry posting lists, in their order."""
    postings = columns.postings["geometries"]
    rows = np.asarray(columns.area_row)[np.asarray(postings.values)]
    geometry = np.repeat(np.array(postings.keys, dtype=np.int64), np.diff(postings.pointers))
    return geometry, rows


def _grouped(keys, values, count):
    """Return (start, values) reordered so key k's values are values[start[k]:start[k + 1]]."""
    order = np.argsort(keys, kind="stable")
    return np.searchsorted(keys[order], np.arange(count + 1)).astype(np.int64), values[order]


def areas(columns):
    """Return the Areas of a ColumnSet (built once per set, from its geometry postings)."""
    def build():
        geometry, owners = _geometry_owners(columns)
        start, ids = _grouped(owners, geometry, columns.count)
        found = {"row_geometry_start": start, "row_geometry_ids": ids}
        return Areas(*(found[name] if name in found else np.asarray(getattr(columns, name))
                       for name in AREA_ARRAYS))
    return once(columns, "_areas", build)


def once(columns, key, build):
    """Return what build() returns, built once per ColumnSet and kept on it under `key`."""
    cached = vars(columns).get(key)
    if cached is None:
        cached = vars(columns)[key] = build()
    return cached


@njit(cache=True, nogil=True)
def judge_rows(rows, hits, covered, c, g, a, dead, screen, resident, contains, windows,
               opens):
    """Return the rows no hard check excludes, and the rows only the per-document code can judge.

    The first is a tuple of arrays, one entry per kept row: (rows, text hits, needs covered,
    unknown count, remote, squared chord to the client, missing preferences); the chord is
    NaN without a site or a client point. Retired rows (`dead`) are dropped. `screen`
    holds checks.residency_screen's code of each row's service area, `resident`
    checks._areas_around's codes (1: a ZIP or county area lists the client's; 2: a
    geometry's box holds the client's point, so the ray must tell). `contains`
    says per geometry whether it holds the client's point: 1 yes, 0 no, -1 not cast yet (it
    is cast here when a row needs it, and the answer kept for the rest of the match).
    `opens` does the same per opening-hours schedule for the client's windows: rows share
    a few schedules, and reading each row's own intervals cost two thirds of judging a
    filtered client in a metro.
    """
    n = len(rows)
    kept = np.empty(n, dtype=np.int32)
    unknown = np.empty(n, dtype=np.int16)
    remote = np.empty(n, dtype=np.bool_)
    chord2 = np.empty(n)
    missing_prefs = np.empty(n, dtype=np.bool_)
    inexact = np.empty(n, dtype=np.int64)
    found = lost = 0
    for i in range(n):
        r = rows[i]
        if len(dead) and dead[r]:
            continue
        if c.exact[r] == 0:
            inexact[lost] = r
            lost += 1
            continue
        if c.active[r] == 0:
            continue
        unk = 0
        if not math.isnan(a.age):
            low, high = c.min_age[r], c.max_age[r]
            if a.age < low or a.age > high:
                continue
            if math.isnan(low) and math.isnan(high):
                unk += 1
        if a.gender_bits:
            known = c.genders_known[r] != 0
            if known and (c.genders[r] & a.gender_bits) == 0:
                continue
            if not known:
                unk += 1
        if not math.isnan(a.fpl_percent) and c.income_any[r] == 0:
            limit = c.income_limit[r]
            if a.fpl_percent > limit:
                continue
            if math.isnan(limit):
                unk += 1
        if a.veteran >= 0:
            code = c.veteran[r]
            if a.veteran == 1:
                if code == 3:           # required or any: met; unstated: nothing to check
                    unk += 1
            else:
                if code == 1:
                    continue
                if code == 0 or code == 3:
                    unk += 1
        if a.insurance_bit:
            known = c.insurance_known[r] != 0
            met = (known and (c.insurance[r] & a.insurance_bit) != 0) or c.cost_free[r] == 1
            if not met:
                if known:
                    continue
                else:
                    unk += 1
        if a.check_languages:
            known = c.languages_known[r] != 0
            met = (c.languages[r] & a.language_bits) != 0
            if a.interpreter_ok and c.interpretation[r] != 0:
                met = True
            if known and not met:
                continue
            if not known:
                unk += 1
        modalities = c.modalities[r]
        if a.check_modalities:
            known = c.modalities_known[r] != 0
            if known and (modalities & a.accepted) == 0:
                continue
            if not known:
                unk += 1
        is_remote = (modalities & a.remote_accepted) != 0
        if a.access_needed and not is_remote:
            if c.accessibility_known[r] != 0:
                if (c.accessibility[r] & a.access_needed) != a.access_needed:
                    continue
            else:
                unk += 1
        if a.cost_restricted:
            free = c.cost_free[r]
            met = free == 1 or (a.sliding_ok and c.cost_sliding[r] != 0)
            if not met:
                if a.free_only:
                    if free == 0:
                        continue
                    else:
                        unk += 1
                else:
                    amount = c.cost_min[r]
                    if amount > a.max_amount:
                        continue
                    if math.isnan(amount):
                        unk += 1
        if len(windows):
            schedule = c.schedule[r]
            if schedule == 0:
                unk += 1              # no hours stated
            else:
                if opens[schedule] < 0:
                    opens[schedule] = _overlaps(c, c.schedule_start[schedule],
                                                c.schedule_start[schedule + 1], windows)
                if not opens[schedule]:
                    continue
        if a.residency:          # last: it may cast a polygon's ray
            area = screen[r]
            if area == AREA_UNSTATED:
                unk += 1
            elif area != AREA_OPEN:
                inside = resident[r] == 1
                if resident[r] == 2:
                    # Written out, not a helper taking `g`: see score_positions.
                    for k in range(g.row_geometry_start[r], g.row_geometry_start[r + 1]):
                        geometry = g.row_geometry_ids[k]
                        if contains[geometry] < 0:
                            contains[geometry] = _contains(g, geometry, a.longitude,
                                                           a.latitude)
                        if contains[geometry]:
                            inside = True
                            break
                if not inside:
                    if area == AREA_UNTOLD:
                        unk += 1
                    else:
                        continue
        chord2[found] = np.nan
        if a.has_point:
            if math.isnan(c.ux[r]):
                if not is_remote:
                    unk += 1          # distance unknown
            else:
                dx, dy, dz = c.ux[r] - a.cx, c.uy[r] - a.cy, c.uz[r] - a.cz
                chord2[found] = dx * dx + dy * dy + dz * dz
        kept[found] = r
        hits[found] = hits[i]         # in place: found <= i
        covered[found] = covered[i]
        unknown[found] = unk
        remote[found] = is_remote
        missing_prefs[found] = (c.preferences[r] & a.preference_bits) != a.preference_bits
        found += 1
    return ((kept[:found], hits[:found], covered[:found], unknown[:found], remote[:found],
             chord2[:found], missing_prefs[:found]), inexact[:lost])


@njit(cache=True, nogil=True, inline="always")
def _overlaps(c, first, stop, windows):
    """Return whether one of the intervals first..stop - 1 shares a minute with a window."""
    for k in range(first, stop):
        begin, end = np.int64(c.interval_start[k]), np.int64(c.interval_end[k])
        for w in range(len(windows)):
            if begin < windows[w, 1] and windows[w, 0] < end:
                return True
    return False


def cell_boxes(columns):
    """Return (boxes, inside, outside, row_start, rows) in the order of the geometry_cells
    posting values: the k-th value's geometry has boxes[k], inside[k] and outside[k], and
    its service areas belong to rows[row_start[k]:row_start[k + 1]].

    Copied once per set: the geometries listed under one grid cell then have their boxes,
    grid bits and rows side by side, so boxed_geometries reads a metro's 18,000 candidates
    as one stream instead of one cache miss each. About 62 bytes per posting value (14 MB
    at a million services). The rows came from one table per geometry before: two more
    cache misses for each of the 1,600 to 19,000 geometries whose box holds a metro
    client. With the caches evicted before each of the 1M benchmark's metro queries,
    boxed_geometries took 0.53-0.76 ms a query that way, 0.32-0.58 ms this way.
    """
    def build():
        order = np.asarray(columns.postings["geometry_cells"].values).astype(np.int64)
        geometry, owners = _geometry_owners(columns)
        start, rows = _grouped(geometry, owners, len(columns.geometry_boxes))
        counts = start[order + 1] - start[order]
        row_start = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
        # Position j of the copy holds the (j - row_start[k])-th row of the k-th geometry.
        taken = np.repeat(start[order] - row_start[:-1], counts) + np.arange(row_start[-1])
        return (np.ascontiguousarray(np.asarray(columns.geometry_boxes)[order]),
                np.asarray(columns.geometry_inside)[order],
                np.asarray(columns.geometry_outside)[order], row_start,
                rows[taken].astype(np.int32))
    return once(columns, "_cell_boxes", build)


@njit(cache=True, nogil=True)
def boxed_geometries(states, resident, candidates, boxes, inside, outside, lat, lon,
                     row_start, rows):
    """Settle the candidates whose box holds the point, and mark the rows they belong to.

    boxes, inside, outside and row_start are the candidates' own, in their order, and
    candidate k's rows are rows[row_start[k]:row_start[k + 1]] (cell_boxes).
    Where the point's grid cell (geometry_grids) decides, states[geometry] becomes 1 (it
    contains the point: its rows are marked 1, resident) or stays 0; elsewhere it becomes
    -1, "cast the ray when needed", and its rows are marked 2 (judge_rows casts the ray if
    the row is still in the running).
    """
    for k in range(len(candidates)):
        # Indexed in place: a row view (boxes[k]) costs a reference count each.
        low_lat, low_lon = boxes[k, 0], boxes[k, 1]
        high_lat, high_lon = boxes[k, 2], boxes[k, 3]
        if not (low_lat <= lat <= high_lat and low_lon <= lon <= high_lon):
            continue
        geometry = candidates[k]
        state, mark = -1, 2
        if inside[k] | outside[k]:
            bit = _grid_bit(lat, lon, low_lat, low_lon, high_lat, high_lon)
            if inside[k] & bit:
                state, mark = 1, 1
            elif outside[k] & bit:
                continue
        states[geometry] = state
        for at in range(row_start[k], row_start[k + 1]):
            if resident[rows[at]] != 1:
                resident[rows[at]] = mark


# Each geometry's box is cut in GRID x GRID cells; a cell no edge comes within GRID_MARGIN
# degrees of is wholly inside or wholly outside, as its centre is. A point in such a cell
# needs no ray: in a dense metro most of the thousands of polygons around a client are
# settled so, and the rest are cast as before. The margin is far above the rounding of the
# cell arithmetic, and a point that far from every edge is classified by geo's ray casting
# as exactly as by the true shape, so both agree.
GRID = 8
GRID_MARGIN = 1e-9


def geometry_grids(arrays):
    """Return (inside, outside): per geometry, the bits (row * GRID + column) of its box's
    cells wholly inside it, and of those wholly outside; from a new set's arrays (the
    builder saves them as columns geometry_inside and geometry_outside)."""
    edges = Areas(*(np.asarray(arrays[name]) if name in arrays else np.zeros(0, np.int64)
                    for name in AREA_ARRAYS))
    return _grids(edges, np.asarray(arrays["geometry_boxes"]).reshape(-1, 4))


@njit(cache=True, nogil=True)
def _grids(g, boxes):
    n = len(boxes)
    inside = np.zeros(n, dtype=np.uint64)
    outside = np.zeros(n, dtype=np.uint64)
    one = np.uint64(1)
    for k in range(n):
        low_lat, low_lon, high_lat, high_lon = boxes[k, 0], boxes[k, 1], boxes[k, 2], boxes[k, 3]
        height, width = (high_lat - low_lat) / GRID, (high_lon - low_lon) / GRID
        if not (height > 100 * GRID_MARGIN and width > 100 * GRID_MARGIN):
            continue          # empty or needle-thin: always cast
        crossed = np.uint64(0)
        for i in range(g.geometry_vertex_start[k], g.geometry_vertex_end[k]):
            before = _vertex_before(g, i)
            x1, y1, x2, y2 = g.vertex_x[i], g.vertex_y[i], g.vertex_x[before], g.vertex_y[before]
            first_row = _grid_index(min(y1, y2) - GRID_MARGIN, low_lat, height)
            last_row = _grid_index(max(y1, y2) + GRID_MARGIN, low_lat, height)
            for row in range(first_row, last_row + 1):
                # The part of the edge within this row's band (widened by the margin).
                if y1 == y2:
                    left, right = min(x1, x2), max(x1, x2)
                else:
                    t0 = (low_lat + row * height - GRID_MARGIN - y1) / (y2 - y1)
                    t1 = (low_lat + (row + 1) * height + GRID_MARGIN - y1) / (y2 - y1)
                    t0, t1 = min(max(min(t0, t1), 0.0), 1.0), min(max(max(t0, t1), 0.0), 1.0)
                    left = min(x1 + t0 * (x2 - x1), x1 + t1 * (x2 - x1))
                    right = max(x1 + t0 * (x2 - x1), x1 + t1 * (x2 - x1))
                for column in range(_grid_index(left - GRID_MARGIN, low_lon, width),
                                    _grid_index(right + GRID_MARGIN, low_lon, width) + 1):
                    crossed |= one << np.uint64(row * GRID + column)
        for cell in range(GRID * GRID):
            bit = one << np.uint64(cell)
            if crossed & bit:
                continue
            x = low_lon + (cell % GRID + 0.5) * width
            y = low_lat + (cell // GRID + 0.5) * height
            if _contains(g, k, x, y):
                inside[k] |= bit
            else:
                outside[k] |= bit
    return inside, outside


@njit(cache=True, nogil=True, inline="always")
def _vertex_before(g, i):
    """Return the vertex an edge to vertex i starts from: the one before, or the ring's last."""
    ring = g.vertex_ring[i]
    first = g.ring_end[ring - 1] if ring > 0 else 0
    return i - 1 if i > first else g.ring_end[ring] - 1


@njit(cache=True, nogil=True, inline="always")
def _grid_index(value, origin, size):
    return min(GRID - 1, max(0, int(math.floor((value - origin) / size))))


@njit(cache=True, nogil=True, inline="always")
def _grid_bit(lat, lon, low_lat, low_lon, high_lat, high_lon):
    """Return the bit of the grid cell of a geometry's box that holds (lat, lon)."""
    row = _grid_index(lat, low_lat, (high_lat - low_lat) / GRID)
    column = _grid_index(lon, low_lon, (high_lon - low_lon) / GRID)
    return np.uint64(1) << np.uint64(row * GRID + column)


@njit(cache=True, nogil=True, inline="always")
def _contains(g, geometry, x, y):
    """Return whether a geometry contains (x=lon, y=lat): geo's ray casting.

    Only called for geometries whose box holds the point (boxed_geometries marked them).
    A geometry's vertices are contiguous, ring after ring; a point is in a polygon when it
    is inside the outer ring and in none of the holes, and in a geometry when in any polygon.
    """
    i, end = g.geometry_vertex_start[geometry], g.geometry_vertex_end[geometry]
    polygon, in_outer, in_hole = -1, False, False
    while i < end:
        ring = g.vertex_ring[i]
        last = g.ring_end[ring]
        odd = False
        before = last - 1            # the first vertex's edge comes from the ring's last
        for k in range(i, last):
            y1, y2 = g.vertex_y[k], g.vertex_y[before]
            if (y1 > y) != (y2 > y):
                x1 = g.vertex_x[k]
                if x < x1 + (y - y1) * (g.vertex_x[before] - x1) / (y2 - y1):
                    odd = not odd
            before = k
        i = last
        if g.ring_polygon[ring] != polygon:
            if in_outer and not in_hole:
                return True
            polygon, in_outer, in_hole = g.ring_polygon[ring], False, False
        if odd:
            if g.ring_outer[ring]:
                in_outer = True
            else:
                in_hole = True
    return in_outer and not in_hole


@njit(cache=True, nogil=True)
def topic_rows(spans, text_values, text_ranges, need_values, need_ranges, screen, resident):
    """Return (rows, text group hits, needs covered) of the rows on topic in row ranges.

    text_ranges holds (start, end, group) of each query stem's posting list in text_values,
    need_ranges (start, end) of each requested need's in need_values; posting lists are
    sorted by row, so a binary search finds the part inside each range. When `screen` is
    not empty, a row whose areas decide (AREA_LISTS: checks.residency_screen) is left out
    unless resident[row] (an area of it lists or boxes the client): judge_rows would drop
    it at its residency check.
    """
    lists = len(text_ranges) + len(need_ranges)
    # Each posting list's part inside each span, and at most that many rows out.
    parts = np.empty((len(spans), lists, 2), dtype=np.int64)
    bound = 0
    for s in range(len(spans)):
        for t in range(lists):
            values, first, last = (text_values, text_ranges[t, 0], text_ranges[t, 1]) \
                if t < len(text_ranges) else \
                (need_values, need_ranges[t - len(text_ranges), 0],
                 need_ranges[t - len(text_ranges), 1])
            owners = values[first:last]
            parts[s, t, 0] = first + np.searchsorted(owners, spans[s, 0])
            parts[s, t, 1] = first + np.searchsorted(owners, spans[s, 1])
            bound += parts[s, t, 1] - parts[s, t, 0]
    out_rows = np.empty(bound, dtype=np.int32)
    out_hits = np.empty(bound, dtype=np.int16)
    out_covered = np.empty(bound, dtype=np.int16)
    screened = len(screen) > 0
    found = 0
    for s in range(len(spans)):
        only, filled = -1, 0
        for t in range(lists):
            if parts[s, t, 1] > parts[s, t, 0]:
                only, filled = t, filled + 1
        if filled == 0:
            continue
        if filled == 1:
            # One posting list has rows in this span (one word or need asked, or the rest
            # miss this span, as is common among services without a site): it is the answer, in
            # row order, without counting over the whole span.
            is_text = only < len(text_ranges)
            values = text_values if is_text else need_values
            for k in range(parts[s, only, 0], parts[s, only, 1]):
                row = values[k]
                if screened and screen[row] == AREA_LISTS and resident[row] == 0:
                    continue
                out_rows[found] = row
                out_hits[found] = 1 if is_text else 0
                out_covered[found] = 0 if is_text else 1
                found += 1
            continue
        # Several lists: count per row over the window their parts cover.
        low, high, entries = spans[s, 1], spans[s, 0], 0
        for t in range(lists):
            values = text_values if t < len(text_ranges) else need_values
            if parts[s, t, 1] > parts[s, t, 0]:
                low = min(low, values[parts[s, t, 0]])
                high = max(high, values[parts[s, t, 1] - 1] + 1)
                entries += parts[s, t, 1] - parts[s, t, 0]
        if high <= low:
            continue
        # Where the posting lists cover at least half the window (broad words), count on
        # every row of it; where they touch a few of its rows (a selective word among the
        # services without a site, a third of all rows), only on those. Replayed on the 1M
        # benchmark's calls, the two together took 0.35 ms a match where counting on every
        # row of every window took 0.47.
        if entries * 2 >= high - low:
            found = _count_window(parts[s], low, high - low, text_values, text_ranges,
                                  need_values, need_ranges, screened, screen, resident,
                                  out_rows, out_hits, out_covered, found)
        else:
            found = _count_touched(parts[s], low, high - low, text_values, text_ranges,
                                   need_values, need_ranges, screened, screen, resident,
                                   out_rows, out_hits, out_covered, found)
    return out_rows[:found], out_hits[:found], out_covered[:found]


@njit(cache=True, nogil=True)
def _count_window(parts, low, size, text_values, text_ranges, need_values, need_ranges,
                  screened, screen, resident, out_rows, out_hits, out_covered, found):
    """Count a span's posting lists over every row of the window they cover; append the
    rows on topic (topic_rows) from position `found` and return the new count."""
    hits = np.zeros(size, dtype=np.int16)
    covered = np.zeros(size, dtype=np.int16)
    last_group = np.full(size, -1, dtype=np.int16)
    for t in range(len(text_ranges)):
        group = text_ranges[t, 2]
        for k in range(parts[t, 0], parts[t, 1]):
            at = text_values[k] - low
            if last_group[at] != group:      # a group counts once, whichever stem hit
                last_group[at] = group
                hits[at] += 1
    for t in range(len(need_ranges)):
        for k in range(parts[len(text_ranges) + t, 0], parts[len(text_ranges) + t, 1]):
            covered[need_values[k] - low] += 1
    for at in range(size):
        if hits[at] or covered[at]:
            if screened and screen[low + at] == AREA_LISTS and resident[low + at] == 0:
                continue
            out_rows[found] = low + at
            out_hits[found] = hits[at]
            out_covered[found] = covered[at]
            found += 1
    return found


# A 64-bit word's lowest set bit times this de Bruijn constant holds the bit's index in its
# top 6 bits, read through _BIT_INDEX (numba has no portable count-trailing-zeros).
_DE_BRUIJN = np.uint64(0x03F79D71B4CB0A89)
_BIT_INDEX = np.zeros(64, dtype=np.int64)
_BIT_INDEX[[((1 << bit) * int(_DE_BRUIJN) & (2**64 - 1)) >> 58 for bit in range(64)]] = \
    np.arange(64)


@njit(cache=True, nogil=True)
def _count_touched(parts, low, size, text_values, text_ranges, need_values, need_ranges,
                   screened, screen, resident, out_rows, out_hits, out_covered, found):
    """Count as _count_window does, over only the rows the posting lists touch: a bit per
    row of the window marks them, and a row's counters start at its first posting."""
    touched = np.zeros((size + 63) >> 6, dtype=np.uint64)
    hits = np.empty(size, dtype=np.int16)
    covered = np.empty(size, dtype=np.int16)
    last_group = np.empty(size, dtype=np.int16)
    for t in range(len(text_ranges)):
        group = text_ranges[t, 2]
        for k in range(parts[t, 0], parts[t, 1]):
            at = text_values[k] - low
            bit = np.uint64(1) << np.uint64(at & 63)
            if not touched[at >> 6] & bit:
                touched[at >> 6] |= bit
                hits[at], covered[at], last_group[at] = 1, 0, group
            elif last_group[at] != group:    # a group counts once, whichever stem hit
                last_group[at] = group
                hits[at] += 1
    for t in range(len(need_ranges)):
        for k in range(parts[len(text_ranges) + t, 0], parts[len(text_ranges) + t, 1]):
            at = need_values[k] - low
            bit = np.uint64(1) << np.uint64(at & 63)
            if not touched[at >> 6] & bit:
                touched[at >> 6] |= bit
                hits[at], covered[at], last_group[at] = 0, 1, -1
            else:
                covered[at] += 1
    # The appending below is written out as in _count_window and topic_rows: the same lines
    # as one inlined helper made these kernels three to five times slower (measured).
    for word in range(len(touched)):     # in row order, as _count_window appends them
        bits = touched[word]
        while bits:
            lowest = bits & (~bits + np.uint64(1))
            bits ^= lowest
            at = (word << 6) + _BIT_INDEX[(lowest * _DE_BRUIJN) >> np.uint64(58)]
            if screened and screen[low + at] == AREA_LISTS and resident[low + at] == 0:
                continue
            out_rows[found] = low + at
            out_hits[found] = hits[at]
            out_covered[found] = covered[at]
            found += 1
    return found


# A judged row's rank class at a stage (engine._stage): RELAXED_CLASS when the client's own
# radius or a relaxed preference had to give way, plus its count of unknowns; -1 when the
# stage's radius or a required preference leaves it out. Smaller classes rank first.
RELAXED_CLASS = 1024          # above any count of unknowns (one per check at most)
CLASSES = 2 * RELAXED_CLASS


@njit(cache=True, nogil=True)
def stage_classes(far, chord2, unknown, missing_prefs, settled, settled_km, radius, cut,
                  max_km, max_cut, prefs):
    """Return (class of each judged row, rows kept in each class) at a stage, in one pass.

    far: attended in person only (the radii apply); radius: this stage's (NaN: none);
    max_km: the client's own; cut and max_cut: their squared chords; prefs: 0 none asked,
    1 required, 2 relaxed. Rows at positions `settled` (sorted) are compared by settled_km,
    matcher.geo's km, instead of their chord (engine._settle_edges).
    """
    out = np.empty(len(far), dtype=np.int16)
    counts = np.zeros(CLASSES, dtype=np.int64)
    s = 0
    for i in range(len(far)):
        beyond_radius = beyond_max = False
        if s < len(settled) and settled[s] == i:
            km = settled_km[s]
            s += 1
            if far[i]:
                beyond_radius = not math.isnan(radius) and km > radius
                beyond_max = km > max_km
        elif far[i]:
            beyond_radius = not math.isnan(radius) and chord2[i] > cut
            beyond_max = chord2[i] > max_cut
        if beyond_radius or (prefs == 1 and missing_prefs[i]):
            out[i] = -1
            continue
        relaxed = beyond_max or (prefs == 2 and missing_prefs[i])
        out[i] = RELAXED_CLASS * relaxed + unknown[i]
        counts[out[i]] += 1
    return out, counts


@njit(cache=True, nogil=True)
def page_contenders(classes, counts, wanted):
    """Return (sure, contenders): positions of the judged rows that can reach the first
    `wanted` results, in order; classes and counts (rows per class) come from stage_classes.

    Smaller classes rank first whatever the score: the rows of the classes before the one
    holding the wanted-th row are sure of their place, and only the rows of that class
    contend on their scores (none when the class fits whole).
    """
    kept = counts.sum()
    last, sure_count, contending = CLASSES - 1, kept, 0
    if kept > wanted:
        seen = 0
        for value in range(CLASSES):
            if seen + counts[value] >= wanted:
                last = value
                sure_count, contending = (seen, counts[value]) if seen + counts[value] > wanted \
                    else (wanted, 0)
                break
            seen += counts[value]
    sure = np.empty(sure_count, dtype=np.int64)
    contenders = np.empty(contending, dtype=np.int64)
    at_sure = at_contender = 0
    for i in range(len(classes)):
        value = classes[i]
        if value < 0 or value > last:
            continue
        if value < last or contending == 0:
            sure[at_sure] = i
            at_sure += 1
        else:
            contenders[at_contender] = i
            at_contender += 1
    return sure, contenders


# scoring.score's inputs that do not change within a match, as plain numbers.
Scoring = namedtuple("Scoring", (
    "needs", "groups",                    # counts; 0 when the query has none
    "radius_km", "language_bits", "check_languages", "preference_bits", "preferences",
    "today", "wait_half_days", "freshness_half_life_days",
    "w_relevance", "w_distance", "w_cost", "w_language", "w_wait", "w_freshness",
    "w_preferences",
))


@njit(cache=True, nogil=True)
def steady_terms(c, s):
    """Return per row the weighted score terms of the service alone: cost, wait, freshness.

    They depend on nothing the client says, only on the day, so a set keeps them for the
    day (checks.steady_terms) and score_positions adds one number per row instead of reading six
    columns and raising 0.5 to two powers.
    """
    out = np.empty(len(c.cost_free))
    for r in range(len(out)):
        if c.cost_free[r] == 1:
            cost = 1.0
        elif c.cost_sliding[r] != 0:
            cost = 0.7
        else:
            cost = 0.4 if math.isnan(c.cost_min[r]) else 0.3
        days = c.wait[r]
        wait = 0.4 if math.isnan(days) else 0.5 ** (max(days, 0.0) / s.wait_half_days)
        capacity = c.capacity[r]
        if not math.isnan(capacity) and capacity <= 0:
            wait = wait * 0.5
        assured = c.assured[r]
        fresh = 0.0 if assured < 0 else \
            0.5 ** (max(s.today - assured, 0) / s.freshness_half_life_days)
        out[r] = s.w_cost * cost + s.w_wait * wait + s.w_freshness * fresh
    return out


@njit(cache=True, nogil=True)
def score_positions(positions, rows, chord2, settled, settled_km, covered, hits, c, s,
                    steady):
    """Return scoring.score of judged rows at `positions` (sorted), term by term (to ~1e-12;
    the page is re-scored); `steady` holds steady_terms of every row.

    The distance is the km matcher.geo computed for rows at positions `settled` (sorted,
    engine._settle_edges), else the great-circle km of the row's squared chord. (One
    loop, no helper taking `c`: a call per row passing the columns' tuple cost 150 ns.)
    """
    out = np.empty(len(positions))
    at = 0
    for k in range(len(positions)):
        i = positions[k]
        r = rows[i]
        while at < len(settled) and settled[at] < i:
            at += 1
        if at < len(settled) and settled[at] == i:
            distance = settled_km[at]
        else:
            half = math.sqrt(chord2[i]) / 2.0     # NaN (no site or no point) stays NaN
            distance = 2.0 * EARTH_RADIUS_KM * math.asin(1.0 if half > 1.0 else half)
        if s.needs and s.groups:
            relevance = 0.7 * (covered[i] / s.needs) + 0.3 * (hits[i] / s.groups)
        elif s.needs:
            relevance = covered[i] / s.needs
        elif s.groups:
            relevance = hits[i] / s.groups
        else:
            relevance = 1.0
        distance_part = 0.5 if math.isnan(distance) else \
            0.5 ** (distance / (s.radius_km / 2))
        language = 1.0
        if s.check_languages:
            if (c.languages[r] & s.language_bits) != 0:
                language = 1.0
            else:
                language = 0.5 if c.interpretation[r] != 0 else 0.3
        preferences = 1.0
        if s.preferences:
            shared, count = c.preferences[r] & s.preference_bits, 0
            while shared:
                count += shared & 1
                shared >>= 1
            preferences = count / s.preferences
        total = (s.w_relevance * relevance + s.w_distance * distance_part + steady[r]
                 + s.w_language * language + s.w_preferences * preferences)
        out[k] = min(max(total, 0.0), 1.0) if math.isfinite(total) else 0.0
    return out
