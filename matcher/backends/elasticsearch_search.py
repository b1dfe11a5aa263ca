"""Full-text search of services in Elasticsearch: every word required, one hit per service.

The words go to a `cross_fields` multi_match with operator `and`: each word must appear in
one of the text fields, scored as one blended field (BM25). A match query never parses its
text, so quotes, colons, AND/OR and parentheses are only ever words, and the `english`
analyzer drops stop words as the tantivy backend does. Hits are read a window at a time
after the last one (search_after) and folded to one entry per service here.
"""
from elasticsearch import NotFoundError

from matcher.backends.elasticsearch_mapping import TEXT_FIELDS

WINDOW = 10_000  # index.max_result_window's default
SORT = [{"_score": "desc"}, {"id": "asc"}]


def services_query(text, service_ids=None):
    """Return the query for active documents having every word (in the given services)."""
    words = {"multi_match": {"query": text, "fields": list(TEXT_FIELDS),
                             "type": "cross_fields", "operator": "and"}}
    # The name is also in `text`; a name match counts once more, as the body does in tantivy.
    name = {"match": {"name": {"query": text}}}
    filters = [{"term": {"status": "active"}}]
    if service_ids is not None:
        filters.append({"terms": {"service_id": list(service_ids)}})
    return {"bool": {"must": [words], "should": [name], "filter": filters}}


def search_services(client, alias, text, service_ids=None):
    """Return [(service_id, score)] of active services matching every word, best first."""
    if service_ids is not None:
        service_ids = list(service_ids)
    if not (text or "").strip() or service_ids == []:
        return []
    query, best, seen, after = services_query(text, service_ids), {}, set(), None
    while True:
        page = {"search_after": after} if after is not None else {}
        try:
            response = client.search(index=alias, query=query, size=WINDOW, sort=SORT,
                                     source_includes=["service_id"], track_total_hits=False,
                                     **page)
        except NotFoundError:
            return []  # nothing has been indexed yet
        hits = response["hits"]["hits"]
        fresh = [hit for hit in hits if hit["_id"] not in seen]
        for hit in fresh:  # best first, so a service's first hit carries its best score
            seen.add(hit["_id"])
            best.setdefault(hit["_source"]["service_id"], float(hit["_score"] or 0.0))
        if len(hits) < WINDOW or not fresh:
            return list(best.items())
        after = hits[-1]["sort"]
