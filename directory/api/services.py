"""GET /services and /services/{id}: HSDS services, paginated, filtered, or streamed."""
from flask import Blueprint, jsonify
from sqlalchemy import select

from directory.store.db import get_session
from directory.store.models import Service

from . import loading, serialize
from .common import NoParams, get_or_404
from .filters import filter_services, ranked_service_ids
from .pagination import BATCH, keyset_batches, ndjson_response, page_envelope, page_of_ids, paginate
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


def stream_ranked(session, ids):
    """Yield the services of an ordered id list, fully nested, a batch at a time."""
    for start in range(0, len(ids), BATCH):
        _total, records = page_of_ids(session, Service, ids[start:start + BATCH], 1, BATCH,
                                      loading.service_full_options())
        yield from dump_full(session, records)
        session.expunge_all()


@bp.get("/services")
def list_services():
    """List services (one-to-one fields), or minimal/full items, or stream them all."""
    params = parse(ServiceParams)
    session = get_session()
    ranked = ranked_service_ids(session, params)  # None: no search, or no index to ask
    stmt = filter_services(select(Service), params).order_by(Service.name, Service.id)
    if params["format"] == "ndjson":
        lines = stream_full(session, stmt) if ranked is None else stream_ranked(session, ranked)
        return ndjson_response(lines)
    page, per_page = params["page"], params["per_page"]
    options = loading.service_full_options() if params["full"] else loading.service_list_options()
    if ranked is None:
        total, records = paginate(session, stmt, page, per_page, options)
    else:
        total, records = page_of_ids(session, Service, ranked, page, per_page, options)
    if params["full"]:
        contents = dump_full(session, records)
    else:
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
