"""Postcode coverage and proximity filters for service-at-location lists."""
import json
import math

from geopy.distance import geodesic
from sqlalchemy import Text, and_, cast, exists, or_

from directory.errors import DomainError
from directory.store.models import Location, ServiceArea, ServiceAtLocation
from matcher.geo import county_of_zip, zip_centroid

from .filters import like_pattern

METERS_PER_DEGREE = 111_320.0


def _json_list_contains(column, text):
    # JSON lists are stored as text on both backends; a quoted element match is exact.
    return cast(column, Text).like(like_pattern(json.dumps(text)), escape="\\")


def _json_list_nonempty(column):
    # A non-empty list of strings always contains a double quote; NULL, 'null', '[]' do not.
    return cast(column, Text).like('%"%')


def covering_postcode(stmt, postcode):
    """Keep sites whose service areas cover the postcode, or that state no ZIP/county area."""
    applicable = or_(
        ServiceArea.service_at_location_id == ServiceAtLocation.id,
        and_(
            ServiceArea.service_id == ServiceAtLocation.service_id,
            ServiceArea.service_at_location_id.is_(None),
        ),
    )
    restricted = exists().where(
        applicable,
        or_(_json_list_nonempty(ServiceArea.postal_codes),
            _json_list_nonempty(ServiceArea.counties)),
    )
    covers = [_json_list_contains(ServiceArea.postal_codes, postcode[:5])]
    county = county_of_zip(postcode)
    if county is not None:
        covers.append(_json_list_contains(ServiceArea.counties, county))
    covered = exists().where(applicable, or_(*covers))
    return stmt.where(or_(~restricted, covered))


def centroid(postcode):
    """Return (lat, lon) of the postcode's centroid or raise a 400 naming `postcode`."""
    point = zip_centroid(postcode)
    if point is None:
        raise DomainError(
            "Invalid query parameters.", {"postcode": ["Unknown postcode."]}, 400
        )
    return point


def within(session, stmt, origin, meters):
    """Return ids of the sites in `stmt` within `meters` of `origin`, nearest first."""
    lat, lon = origin
    dlat = meters / METERS_PER_DEGREE
    dlon = meters / (METERS_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01))
    # The bounding box lets the database discard far sites; the exact distance is geodesic.
    boxed = stmt.with_only_columns(
        ServiceAtLocation.id, Location.latitude, Location.longitude
    ).where(
        Location.latitude.between(lat - dlat, lat + dlat),
        Location.longitude.between(lon - dlon, lon + dlon),
    )
    near = []
    for sal_id, site_lat, site_lon in session.execute(boxed):
        distance = geodesic(origin, (site_lat, site_lon)).meters
        if distance <= meters:
            near.append((distance, sal_id))
    near.sort()
    return [sal_id for _distance, sal_id in near]
