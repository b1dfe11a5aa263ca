"""Full-text search of services over the tantivy index: BM25 on the body, one hit per service.

User text is analysed here exactly as the body is indexed (en_stem: simple tokenizer, long
tokens dropped, lowercase, English stemmer), and each word becomes a term query. No query
parser sees the text, so quotes, colons, AND/OR and parentheses are only ever plain words.
English stop words are not required to appear (the Elasticsearch `english` analyzer drops
the same list), so "help for eviction" finds what "eviction help" finds.
"""
import marshal

import tantivy

# Lucene's English stop set: the `_english_` list Elasticsearch's `english` analyzer uses.
STOP_WORDS = (
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is",
    "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there",
    "these", "they", "this", "to", "was", "will", "with",
)
ANALYZER = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.remove_long(40))
            .filter(tantivy.Filter.lowercase())
            .filter(tantivy.Filter.custom_stopword(list(STOP_WORDS)))
            .filter(tantivy.Filter.stemmer("english"))
            .build())


def body_terms(text):
    """Return the distinct body terms user text stands for, in order."""
    return list(dict.fromkeys(ANALYZER.analyze(text or "")))


def all_words_query(schema, terms, service_ids=None):
    """Return a query requiring every term in the body (and one of `service_ids`, if given)."""
    clauses = [(tantivy.Occur.Must, tantivy.Query.term_query(schema, "body", term))
               for term in terms]
    clauses.append((tantivy.Occur.Must, tantivy.Query.term_query(schema, "status", "active")))
    if service_ids is not None:
        restrict = tantivy.Query.term_set_query(schema, "service_id", list(service_ids))
        clauses.append((tantivy.Occur.Must, restrict))
    return tantivy.Query.boolean_query(clauses)


def _key(address):
    return address.segment_ord, address.doc


def _service_ids(searcher, query, hits):
    """Return {address key: service_id} for the hits."""
    try:
        # A text fast field answers through the sort key, without touching the doc store.
        ordered = searcher.search(query, len(hits), count=False, order_by_field="service_id")
        return {_key(address): value for value, address in ordered.hits}
    except ValueError:
        # A generation built before service_id was a fast field: read the stored document.
        return {_key(address): marshal.loads(
            searcher.doc(address).get_first("doc"))["service_id"] for _score, address in hits}


def search_services(searcher, schema, text, service_ids=None):
    """Return [(service_id, score)] of active services matching every word, best first.

    A service with several sites counts once, with its best site's score; equal scores keep
    index order here (callers break ties by name, then id).
    """
    terms = body_terms(text)
    if not terms or (service_ids is not None and not service_ids):
        return []
    query = all_words_query(schema, terms, service_ids)
    total = searcher.search(query, 1, count=True).count
    if not total:
        return []
    hits = searcher.search(query, total, count=False).hits
    owners = _service_ids(searcher, query, hits)
    best = {}
    for score, address in hits:  # best first, so the first score seen is the service's best
        best.setdefault(owners[_key(address)], score)
    return list(best.items())
