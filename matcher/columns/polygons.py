"""Service-area geometries as flat vertex arrays, and the 1-degree cells their boxes touch.

Every ring vertex of every geometry is one row of flat arrays, each ring's vertices
contiguous and each geometry's rings contiguous; an edge joins a vertex to the one before it
in its ring (the first to the last), as geo._in_ring pairs them. A query casts its ray
(kernels._contains) against the edges of the geometries whose box holds the point, with the
same arithmetic in the same order as geo._in_ring, so both agree to the last bit.
"""
import numpy as np

VERTEX_ARRAYS = ("vertex_x", "vertex_y", "vertex_ring", "ring_end", "ring_polygon",
                 "ring_outer", "geometry_vertex_start", "geometry_vertex_end")


def _polygons(geometry):
    """Yield the polygons (lists of rings) of a GeoJSON geometry, as point_in_geometry does."""
    if not isinstance(geometry, dict):
        return
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "Polygon":
        yield coords
    elif kind == "MultiPolygon":
        yield from coords
    elif kind == "GeometryCollection":
        for part in geometry.get("geometries") or []:
            yield from _polygons(part)


def flatten(geometries):
    """Return the vertex arrays (VERTEX_ARRAYS) of geometries (any iterable, numbered in order).

    Offsets are 32-bit: two billion vertices is far beyond any directory's service areas.
    """
    xs, ys, vertex_ring, ring_end, ring_polygon, ring_outer = [], [], [], [], [], []
    starts, ends, polygons = [], [], 0
    for geometry in geometries:
        starts.append(len(xs))
        for polygon in _polygons(geometry):
            if not polygon:
                continue
            p, polygons = polygons, polygons + 1
            for r, ring in enumerate(polygon):
                ring_id = len(ring_polygon)
                ring_polygon.append(p)
                ring_outer.append(r == 0)
                for point in ring:
                    xs.append(point[0])
                    ys.append(point[1])
                    vertex_ring.append(ring_id)
                ring_end.append(len(xs))
        ends.append(len(xs))
    return {"vertex_x": np.array(xs, dtype=np.float64),
            "vertex_y": np.array(ys, dtype=np.float64),
            "vertex_ring": np.array(vertex_ring, dtype=np.int32),
            "ring_end": np.array(ring_end, dtype=np.int32),
            "ring_polygon": np.array(ring_polygon, dtype=np.int32),
            "ring_outer": np.array(ring_outer, dtype=bool),
            "geometry_vertex_start": np.array(starts, dtype=np.int32),
            "geometry_vertex_end": np.array(ends, dtype=np.int32)}


BOX_CELL_DEGREES = 1.0
WIDE_BOX_CELLS = 400     # boxes spanning more cells than this are listed once, as "wide"
WIDE = -1


def box_cells(box):
    """Return the 1-degree cells a (min_lat, min_lon, max_lat, max_lon) box touches."""
    min_lat, min_lon, max_lat, max_lon = box
    if min_lat > max_lat or min_lon > max_lon:
        return []                                   # an empty geometry contains nothing
    lats = range(_degree_cell(min_lat, 90), _degree_cell(max_lat, 90) + 1)
    lons = range(_degree_cell(min_lon, 180), _degree_cell(max_lon, 180) + 1)
    if len(lats) * len(lons) > WIDE_BOX_CELLS:
        return [WIDE]
    return [lat * 360 + lon for lat in lats for lon in lons]


def point_cell(lat, lon):
    """Return the 1-degree cell of a point, as box_cells numbers it."""
    return _degree_cell(lat, 90) * 360 + _degree_cell(lon, 180)


def _degree_cell(value, offset):
    return int((value + offset) // BOX_CELL_DEGREES)
