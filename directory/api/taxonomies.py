"""GET /taxonomies[/{id}] and /taxonomy_terms[/{id}]."""
from flask import Blueprint, jsonify
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from directory.store.db import get_session
from directory.store.models import Taxonomy, TaxonomyTerm

from . import serialize
from .common import NoParams, get_or_404
from .filters import match_words
from .pagination import keyset_batches, ndjson_response, page_envelope, paginate
from .params import TaxonomyParams, TaxonomyTermParams, parse

bp = Blueprint("api_taxonomies", __name__)


def _taxonomy_text(pattern):
    return [
        Taxonomy.name.ilike(pattern, escape="\\"),
        Taxonomy.description.ilike(pattern, escape="\\"),
    ]


def _term_text(pattern):
    return [
        TaxonomyTerm.name.ilike(pattern, escape="\\"),
        TaxonomyTerm.code.ilike(pattern, escape="\\"),
        TaxonomyTerm.description.ilike(pattern, escape="\\"),
    ]


def listing(session, stmt, model, params, dump, options=()):
    """Answer a paginated (or ndjson) listing of `stmt` dumped with `dump`."""
    if params["format"] == "ndjson":
        batches = keyset_batches(session, stmt, model, options)
        return ndjson_response(dump(record) for batch in batches for record in batch)
    page, per_page = params["page"], params["per_page"]
    total, records = paginate(session, stmt, page, per_page, options)
    return jsonify(page_envelope(total, page, per_page, [dump(r) for r in records]))


@bp.get("/taxonomies")
def list_taxonomies():
    """List taxonomies."""
    params = parse(TaxonomyParams)
    stmt = select(Taxonomy).order_by(Taxonomy.name, Taxonomy.id)
    stmt = match_words(stmt, params["search"], _taxonomy_text)
    return listing(get_session(), stmt, Taxonomy, params, serialize.columns)


@bp.get("/taxonomies/<taxonomy_id>")
def get_taxonomy(taxonomy_id):
    """Return one taxonomy."""
    parse(NoParams)
    return jsonify(serialize.columns(get_or_404(get_session(), Taxonomy, taxonomy_id)))


@bp.get("/taxonomy_terms")
def list_taxonomy_terms():
    """List taxonomy terms, filtered by taxonomy, parent, or top level only."""
    params = parse(TaxonomyTermParams)
    stmt = select(TaxonomyTerm).order_by(TaxonomyTerm.code, TaxonomyTerm.name, TaxonomyTerm.id)
    stmt = match_words(stmt, params["search"], _term_text)
    if params.get("taxonomy_id"):
        stmt = stmt.where(TaxonomyTerm.taxonomy_id == params["taxonomy_id"])
    if params.get("parent_id"):
        stmt = stmt.where(TaxonomyTerm.parent_id == params["parent_id"])
    if params["top_only"]:
        stmt = stmt.where(TaxonomyTerm.parent_id.is_(None))
    options = (joinedload(TaxonomyTerm.taxonomy_detail),)
    return listing(get_session(), stmt, TaxonomyTerm, params, serialize.term, options)


@bp.get("/taxonomy_terms/<term_id>")
def get_taxonomy_term(term_id):
    """Return one taxonomy term with its taxonomy."""
    parse(NoParams)
    options = (joinedload(TaxonomyTerm.taxonomy_detail),)
    return jsonify(serialize.term(get_or_404(get_session(), TaxonomyTerm, term_id, options)))
