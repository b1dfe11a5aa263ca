"""Turn a CandidateQuery into an Elasticsearch search: one small function per filter.

Relevance comes only from the need (term ids OR text); every other condition is a filter, so
it neither scores nor gets cached per query.
"""
from elasticsearch.dsl import Q, Search
from elasticsearch.dsl.query import Query

from matcher.backends.base import CandidateQuery
from matcher.backends.elasticsearch_mapping import LOCATION, TEXT_FIELDS
from matcher.geo import great_circle_km

# Elasticsearch refuses pages beyond index.max_result_window (10,000 by default); the
# matcher re-scores candidates itself and never needs more than that.
MAX_WINDOW = 10_000
# Same slack as tantivy: never drop a site the matcher's own distance would accept.
RADIUS_SLACK_KM = 0.001
# Ways of attending (vocabulary.MODALITIES) that reach a client at any distance.
REMOTE_MODALITIES = ("phone", "virtual")


def build_search(client, alias: str, query: CandidateQuery) -> Search:
    """Return the search answering `query` against the index behind `alias`."""
    search = Search(using=client, index=alias).query(need(query))
    for clause in (active(query), services(query), geography(query)):
        if clause is not None:
            search = search.filter(clause)
    # Ties are common (term-only queries score alike): the id keeps results stable.
    search = search.sort("_score", {"id": "asc"})
    return search.extra(size=min(max(query.limit, 0), MAX_WINDOW), track_scores=True)


def need(query: CandidateQuery) -> Query:
    """Return the scoring clause: any of the term ids OR any word of the text."""
    clauses = []
    if query.term_ids:
        clauses.append(Q("terms", taxonomy_term_ids=list(query.term_ids)))
    if query.text and query.text.strip():
        clauses.append(Q("multi_match", query=query.text, fields=list(TEXT_FIELDS),
                         type="most_fields", operator="or"))
    if not clauses:
        return Q("match_all")
    if len(clauses) == 1:
        return clauses[0]
    return Q("bool", should=clauses, minimum_should_match=1)


def active(query: CandidateQuery) -> Query | None:
    """Return the status filter, or None when inactive listings are wanted too."""
    return Q("term", status="active") if query.active_only else None


def services(query: CandidateQuery) -> Query | None:
    """Return the filter restricting results to the given services, if any."""
    return Q("terms", service_id=list(query.service_ids)) if query.service_ids else None


def has_radius(query: CandidateQuery) -> bool:
    """Return True when the query limits sites to a radius around the client (as tantivy)."""
    return query.latitude is not None and query.longitude is not None and bool(query.radius_km)


def geography(query: CandidateQuery) -> Query | None:
    """Return the radius filter, letting remote services through when they are welcome."""
    if not has_radius(query):
        return None
    near = Q("geo_distance", distance=f"{query.radius_km + RADIUS_SLACK_KM}km",
             distance_type="arc", **{LOCATION: {"lat": query.latitude, "lon": query.longitude}})
    if not query.include_remote:
        return near
    no_site = ~Q("exists", field=LOCATION)
    delivers = Q("terms", modalities=list(REMOTE_MODALITIES))
    return Q("bool", should=[near, no_site, delivers], minimum_should_match=1)


def distance_km(query: CandidateQuery, document: dict) -> float | None:
    """Return the great-circle distance from the query point to the site, if both exist."""
    if query.latitude is None or query.longitude is None \
            or document.get("latitude") is None or document.get("longitude") is None:
        return None
    return great_circle_km(query.latitude, query.longitude,
                        document["latitude"], document["longitude"])
