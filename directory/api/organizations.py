"""GET /organizations and /organizations/{id}: organizations with their services."""
from collections import defaultdict

from flask import Blueprint, jsonify
from sqlalchemy import select

from directory.store.db import get_session
from directory.store.models import Organization, Service

from . import loading, serialize
from .filters import match_words
from .common import get_or_404
from .pagination import ndjson_response, page_envelope, paginate, keyset_batches
from .params import OrganizationListParams, OrganizationParams, parse
from .services import dump_full

bp = Blueprint("api_organizations", __name__)


def _org_text(pattern):
    return [
        Organization.name.ilike(pattern, escape="\\"),
        Organization.alternate_name.ilike(pattern, escape="\\"),
        Organization.description.ilike(pattern, escape="\\"),
    ]


def services_by_organization(session, org_ids, full):
    """Return {organization_id: [service dict, ...]}: summaries, or full services."""
    stmt = select(Service).where(Service.organization_id.in_(list(org_ids)))
    stmt = stmt.order_by(Service.name, Service.id)
    grouped = defaultdict(list)
    if full:
        records = list(session.scalars(stmt.options(*loading.service_full_options())).unique())
        for record, data in zip(records, dump_full(session, records)):
            grouped[record.organization_id].append(data)
        return grouped
    for record in session.scalars(stmt):
        grouped[record.organization_id].append(serialize.service_summary(record))
    return grouped


def dump_organizations(session, records, full_service):
    """Dump fully nested organizations with their services."""
    services = services_by_organization(session, [r.id for r in records], full_service)
    return [serialize.organization_full(r, services[r.id]) for r in records]


def stream(session, stmt, full_service):
    """Yield every matching organization fully nested."""
    options = loading.organization_full_options()
    for batch in keyset_batches(session, stmt, Organization, options):
        yield from dump_organizations(session, batch, full_service)


@bp.get("/organizations")
def list_organizations():
    """List organizations (one-to-one fields), or fully nested with `full`."""
    params = parse(OrganizationListParams)
    session = get_session()
    stmt = select(Organization).order_by(Organization.name, Organization.id)
    stmt = match_words(stmt, params["search"], _org_text)
    if params["format"] == "ndjson":
        return ndjson_response(stream(session, stmt, params["full_service"]))
    page, per_page = params["page"], params["per_page"]
    nested = params["full"] or params["full_service"]
    options = loading.organization_full_options() if nested else ()
    total, records = paginate(session, stmt, page, per_page, options)
    if nested:
        contents = dump_organizations(session, records, params["full_service"])
    else:
        contents = [serialize.columns(record) for record in records]
    return jsonify(page_envelope(total, page, per_page, contents))


@bp.get("/organizations/<organization_id>")
def get_organization(organization_id):
    """Return one fully nested organization; its services in brief unless `full_service`."""
    params = parse(OrganizationParams)
    session = get_session()
    options = loading.organization_full_options()
    record = get_or_404(session, Organization, organization_id, options)
    return jsonify(dump_organizations(session, [record], params["full_service"])[0])
