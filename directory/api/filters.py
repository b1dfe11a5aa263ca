"""Search parameters as an allow-list, each applied by one small function (AND semantics).

`search` on /services is answered by the search index (BM25, best first) through
`ranked_service_ids`; the SQL word match below stays for the other endpoints, for services
the index does not hold (only active ones are projected), and for when the index cannot
answer (not built yet, or its server down): a fresh install still lists what it has.
"""
import logging
import re

from sqlalchemy import or_, select

from directory.search.backend import search_backend
from directory.store.models import Attribute, Organization, Service, TaxonomyTerm
from matcher.backends.registry import UnknownBackend

try:
    from elasticsearch import ApiError as _EsApiError, TransportError as _EsTransportError
except ImportError:  # the optional [elasticsearch] extra is not installed
    _EsApiError = _EsTransportError = OSError

log = logging.getLogger(__name__)

# How an unreachable, missing or unreadable index shows itself: tantivy raises OSError or
# ValueError for a broken directory, Elasticsearch its client errors.
INDEX_UNAVAILABLE = (OSError, ValueError, RuntimeError, UnknownBackend, _EsApiError,
                     _EsTransportError)
ID_CHUNK = 500   # ids per IN (...), well under every driver's parameter limit


WORD = re.compile(r"[\w'-]+")


def like_pattern(word):
    """Return a case-insensitive substring pattern with LIKE wildcards escaped."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def match_words(stmt, text, columns_for):
    """Require every word of `text` to match one of the clauses `columns_for(pattern)` gives."""
    # Punctuation separates words ("food, housing"), so a trailing comma never empties a search.
    for word in WORD.findall(text or ""):
        stmt = stmt.where(or_(*columns_for(like_pattern(word))))
    return stmt


def _service_text(pattern):
    return [
        Service.name.ilike(pattern, escape="\\"),
        Service.alternate_name.ilike(pattern, escape="\\"),
        Service.description.ilike(pattern, escape="\\"),
        Service.organization.has(Organization.name.ilike(pattern, escape="\\")),
        Service.attributes.any(
            Attribute.taxonomy_term.has(TaxonomyTerm.name.ilike(pattern, escape="\\"))
        ),
    ]


def search_services(stmt, text):
    """Keep services matching every word in name, descriptions, organization or term names.

    This is the one step a search index can replace: it takes and returns a statement.
    """
    return match_words(stmt, text, _service_text)


def by_taxonomy_term(stmt, term_id):
    """Keep services tagged with the term."""
    return stmt.where(Service.attributes.any(Attribute.taxonomy_term_id == term_id))


def by_taxonomy(stmt, taxonomy_id):
    """Keep services tagged with any term of the taxonomy."""
    return stmt.where(
        Service.attributes.any(
            Attribute.taxonomy_term.has(TaxonomyTerm.taxonomy_id == taxonomy_id)
        )
    )


def by_organization(stmt, organization_id):
    """Keep the organization's services."""
    return stmt.where(Service.organization_id == organization_id)


def by_modified_after(stmt, when):
    """Keep services modified on or after `when`."""
    return stmt.where(Service.last_modified >= when)


def by_status(stmt, status):
    """Keep services with the given status."""
    return stmt.where(Service.status == status)


SERVICE_FILTERS = {
    "search": search_services,
    "taxonomy_term_id": by_taxonomy_term,
    "taxonomy_id": by_taxonomy,
    "organization_id": by_organization,
    "modified_after": by_modified_after,
    "status": by_status,
}


def filter_services(stmt, params):
    """Apply every service filter present in `params` to a statement that involves Service."""
    for name, apply in SERVICE_FILTERS.items():
        if params.get(name) not in (None, ""):
            stmt = apply(stmt, params[name])
    return stmt


def _index_hits(text):
    """Return the index's [(service_id, score)] for `text`, or None when it cannot answer."""
    try:
        backend = search_backend()
        hits = backend.search_services(text)
        # An empty answer from an empty index means "not built yet", not "nothing matches".
        if not hits and not backend.count():
            log.warning("search index is empty: answering /services?search= from SQL "
                        "(run `flask index rebuild`)")
            return None
    except INDEX_UNAVAILABLE as error:
        log.warning("search index unavailable (%s): answering /services?search= from SQL",
                    error)
        return None
    return hits


def _ranked_active(session, stmt, hits):
    """Return ids of the hits `stmt` still keeps, by score, then name, then id."""
    scores, ranked = dict(hits), []
    ids = list(scores)
    for start in range(0, len(ids), ID_CHUNK):
        chunk = ids[start:start + ID_CHUNK]
        rows = session.execute(stmt.where(Service.id.in_(chunk))).all()
        ranked.extend((-scores[row.id], row.name or "", row.id) for row in rows)
    ranked.sort()
    return [service_id for _score, _name, service_id in ranked]


def ranked_service_ids(session, params):
    """Return the ids of services matching `params`, best first, when the index answers.

    None means there is no search or the index cannot answer: use `filter_services` (SQL).
    The index holds active services only, so it ranks those (re-checked against the store
    and the other filters, which are ANDed as always); services of any other status that
    the status filter lets through are matched in SQL and follow, by name then id.
    """
    text = params.get("search")
    if not text:
        return None
    hits = _index_hits(text)
    if hits is None:
        return None
    others = {**params, "search": None}
    base = filter_services(select(Service.id, Service.name), others)
    ranked = _ranked_active(session, base.where(Service.status == "active"), hits)
    rest = search_services(base.where(Service.status != "active"), text)
    seen = set(ranked)
    rest_ids = session.scalars(rest.with_only_columns(Service.id)
                               .order_by(Service.name, Service.id)).all()
    return ranked + [service_id for service_id in rest_ids if service_id not in seen]
