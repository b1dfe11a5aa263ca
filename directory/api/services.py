"""GET /services and /services/{id}: HSDS services, paginated, filtered, or streamed."""
from flask import Blueprint, jsonify
from sqlalchemy import select

from directory.store.db import get_session
from directory.store.models import Service

from . import loading, serialize
from .common import NoParams, get_or_404
from .filters import filter_services
from .pagination import keyset_batches, ndjson_response, page_envelope, paginate
from .params import ServiceParams, parse

bp = Blueprint("api_services", __name__)


def dump_full(session, records):
    """Dump fully nested services with their metadata rows, in one metadata query."""
    metadata = loading.metadata_for(session, [record.id for record in records])
    return [serialize.service_full(record, metadata[record.id]) for record in records]


def stream_full(session, stmt):
    """Yield every service `stmt` matches, fully nested, a batch at a time."""
    for batch in keyset_batches(session, stmt, Service, loading.service_full_options()):
        yield from dump_full(session, batch)


@bp.get("/services")
def list_services():
    """List services (one-to-one fields), or minimal/full items, or stream them all."""
    params = parse(ServiceParams)
    session = get_session()
    stmt = filter_services(select(Service), params).order_by(Service.name, Service.id)
    if params["format"] == "ndjson":
        return ndjson_response(stream_full(session, stmt))
    page, per_page = params["page"], params["per_page"]
    if params["full"]:
        total, records = paginate(session, stmt, page, per_page, loading.service_full_options())
        contents = dump_full(session, records)
    else:
        total, records = paginate(session, stmt, page, per_page, loading.service_list_options())
        dump = serialize.service_minimal if params["minimal"] else serialize.service_list_item
        contents = [dump(record) for record in records]
    return jsonify(page_envelope(total, page, per_page, contents))


@bp.get("/services/<service_id>")
def get_service(service_id):
    """Return one fully nested service."""
    parse(NoParams)
    session = get_session()
    record = get_or_404(session, Service, service_id, loading.service_full_options())
    return jsonify(dump_full(session, [record])[0])
