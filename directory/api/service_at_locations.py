"""GET /service_at_locations and /{id}: services at sites, with postcode and proximity."""
from flask import Blueprint, jsonify
from sqlalchemy import select
from sqlalchemy.orm import Load

from directory.store.db import get_session
from directory.store.models import Service, ServiceAtLocation

from . import geo, loading, serialize
from .common import NoParams, get_or_404
from .filters import filter_services
from .pagination import (
    BATCH, keyset_batches, ndjson_response, page_envelope, page_of_ids, paginate,
)
from .params import ServiceAtLocationParams, parse

bp = Blueprint("api_service_at_locations", __name__)


def full_options():
    """Options for fully nested service-at-locations."""
    root = Load(ServiceAtLocation)
    return [
        *loading.service_at_location_nested_options(root),
        *loading.service_at_location_list_options(),
    ]


def filtered(params):
    """Select the sites whose service passes the filters and whose area covers the postcode."""
    stmt = select(ServiceAtLocation).join(ServiceAtLocation.service)
    stmt = stmt.join(ServiceAtLocation.location)
    stmt = filter_services(stmt, params)
    if params.get("postcode"):
        stmt = geo.covering_postcode(stmt, params["postcode"])
    return stmt.order_by(Service.name, ServiceAtLocation.id)


def batches(session, stmt, near_ids):
    """Yield fully loaded batches: by proximity order when `near_ids` is given, else by id."""
    if near_ids is None:
        yield from keyset_batches(session, stmt, ServiceAtLocation, full_options())
        return
    for start in range(0, len(near_ids), BATCH):
        chunk = near_ids[start:start + BATCH]
        _total, records = page_of_ids(session, ServiceAtLocation, chunk, 1, BATCH, full_options())
        yield records
        session.expunge_all()


def stream_full(session, stmt, near_ids):
    """Yield every matching site fully nested."""
    for batch in batches(session, stmt, near_ids):
        yield from (serialize.service_at_location_full(record) for record in batch)


@bp.get("/service_at_locations")
def list_service_at_locations():
    """List services at locations, optionally near a postcode."""
    params = parse(ServiceAtLocationParams)
    session = get_session()
    stmt = filtered(params)
    near_ids = None
    if params.get("proximity") is not None:
        origin = geo.centroid(params["postcode"])
        near_ids = geo.within(session, stmt, origin, params["proximity"])
    if params["format"] == "ndjson":
        return ndjson_response(stream_full(session, stmt, near_ids))
    if params["full"]:
        options, dump = full_options(), serialize.service_at_location_full
    elif params["minimal"]:
        options, dump = (), serialize.service_at_location_minimal
    else:
        options = loading.service_at_location_list_options()
        dump = serialize.service_at_location_list_item
    page, per_page = params["page"], params["per_page"]
    if near_ids is None:
        total, records = paginate(session, stmt, page, per_page, options)
    else:
        total, records = page_of_ids(
            session, ServiceAtLocation, near_ids, page, per_page, options
        )
    return jsonify(page_envelope(total, page, per_page, [dump(r) for r in records]))


@bp.get("/service_at_locations/<sal_id>")
def get_service_at_location(sal_id):
    """Return one fully nested service-at-location."""
    parse(NoParams)
    record = get_or_404(get_session(), ServiceAtLocation, sal_id, full_options())
    return jsonify(serialize.service_at_location_full(record))
