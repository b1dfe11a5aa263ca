"""Full-text search of services over the tantivy index: BM25 on the body, one hit per service.

User text is analysed here exactly as the body is indexed (en_stem: simple tokenizer, long
tokens dropped, lowercase, English stemmer), and each word becomes a term query. No query
parser sees the text, so quotes, colons, AND/OR and parentheses are only ever plain words.
English stop words are not required to appear (the Elasticsearch `english` analyzer drops
the same list), so "help for eviction" finds what "eviction help" finds.

Hits are grouped by service through two numeric fast fields holding a UUID service_id's
halves, and the ids are rebuilt from those numbers; generations without them, or a service
id that is no canonical UUID, group by the service_id text fast field (exact, ~20x slower).
"""
import marshal

import numpy as np
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


HEX_DIGITS = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
# Where a UUID's 32 hex digits go in its 36-character text; the other four are dashes.
DIGIT_COLUMNS = np.array([c for c in range(36) if c not in (8, 13, 18, 23)])


def _key(address):
    return address.segment_ord, address.doc


def _by_text_field(searcher, query, hits):
    """Return [(service_id, score)], each service once, at its first (best) hit."""
    try:
        # A text fast field answers through the sort key, without touching the doc store.
        ordered = searcher.search(query, len(hits), count=False, order_by_field="service_id")
        owners = {_key(address): value for value, address in ordered.hits}
    except ValueError:
        # A generation built before service_id was a fast field: read the stored document.
        owners = {_key(address): marshal.loads(searcher.doc(address).get_first("doc"))
                  ["service_id"] for _score, address in hits}
    best = {}
    for score, address in hits:  # best first, so the first score seen is the service's best
        best.setdefault(owners[_key(address)], score)
    return list(best.items())


def uuid_texts(halves):
    """Return the canonical text of UUIDs given as rows of two signed 64-bit halves."""
    raw = np.ascontiguousarray(halves, dtype=">i8").view(np.uint8).reshape(-1, 16)
    digits = np.empty((len(raw), 32), dtype=np.uint8)
    digits[:, 0::2], digits[:, 1::2] = raw >> 4, raw & 15
    text = np.full((len(raw), 36), ord("-"), dtype=np.uint32)
    text[:, DIGIT_COLUMNS] = HEX_DIGITS[digits]
    return text.view("<U36").ravel().tolist()


def _by_uuid_halves(searcher, hits):
    """Return [(service_id, score)] like _by_text_field, or None when it cannot answer.

    It cannot for a generation built before the halves existed (tantivy raises ValueError)
    or when a hit's service_id is not a canonical UUID (it has no halves).
    """
    addresses = [address for _score, address in hits]
    try:
        hi = searcher.fast_field_values("service_hi", addresses)
        lo = searcher.fast_field_values("service_lo", addresses)
    except ValueError:
        return None
    if None in hi or None in lo:
        return None
    halves = np.column_stack((np.array(hi, dtype=np.int64), np.array(lo, dtype=np.int64)))
    first = _first_of_each(halves)
    scores = [hits[i][0] for i in first.tolist()]
    return list(zip(uuid_texts(halves[first]), scores))


def _first_of_each(halves):
    """Return the positions of each distinct row's first occurrence, in order."""
    # A stable sort keeps equal rows in hit order, so each run starts at its first hit
    # (the service's best); ~1.5x faster than np.unique over 16-byte void values.
    order = np.lexsort((halves[:, 1], halves[:, 0]))
    ordered = halves[order]
    starts = np.ones(len(order), dtype=bool)
    starts[1:] = (ordered[1:] != ordered[:-1]).any(axis=1)
    return np.sort(order[starts])


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
    found = _by_uuid_halves(searcher, hits)
    return found if found is not None else _by_text_field(searcher, query, hits)
