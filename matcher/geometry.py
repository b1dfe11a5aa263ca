"""Point-in-polygon for GeoJSON service areas (coordinates are [lon, lat])."""


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
