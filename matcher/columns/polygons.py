"""Service-area geometries as flat edge arrays, and the 1-degree cells their boxes touch.

Every ring edge of every geometry is one row of flat arrays, each geometry's edges contiguous.
A query casts its ray (kernels._contains) against the edges of the geometries
whose box holds the point, with the same arithmetic in the same order as geo._in_ring, so
both agree to the last bit.
"""
import numpy as np

EDGE_ARRAYS = ("edge_x1", "edge_y1", "edge_x2", "edge_y2", "edge_ring", "ring_polygon",
               "ring_outer", "geometry_edge_start", "geometry_edge_end")


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
    """Return the edge arrays (EDGE_ARRAYS) of geometries (any iterable, numbered in order)."""
    edges, edge_ring, ring_polygon, ring_outer = [], [], [], []
    starts, ends, polygons = [], [], 0
    for geometry in geometries:
        starts.append(len(edges))
        for polygon in _polygons(geometry):
            if not polygon:
                continue
            p, polygons = polygons, polygons + 1
            for r, ring in enumerate(polygon):
                ring_id = len(ring_polygon)
                ring_polygon.append(p)
                ring_outer.append(r == 0)
                for i in range(len(ring)):
                    (x1, y1), (x2, y2) = ring[i][:2], ring[i - 1][:2]
                    edges.append((x1, y1, x2, y2))
                    edge_ring.append(ring_id)
        ends.append(len(edges))
    table = np.array(edges, dtype=np.float64).reshape(-1, 4)
    return {"edge_x1": table[:, 0].copy(), "edge_y1": table[:, 1].copy(),
            "edge_x2": table[:, 2].copy(), "edge_y2": table[:, 3].copy(),
            "edge_ring": np.array(edge_ring, dtype=np.int64),
            "ring_polygon": np.array(ring_polygon, dtype=np.int64),
            "ring_outer": np.array(ring_outer, dtype=bool),
            "geometry_edge_start": np.array(starts, dtype=np.int64),
            "geometry_edge_end": np.array(ends, dtype=np.int64)}


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
