"""The tantivy index layout: schema, document conversion and candidate query building.

Each document is stored once as one marshal-encoded bytes field (several times faster than
JSON both ways, and unlike pickle it cannot run code); everything else is index-only.
Coordinates are indexed f64 fields, so a radius becomes a bounding-box range query, refined
by exact distance in Python.
"""
import marshal
import re
import uuid

import tantivy

from matcher.backends import tantivy_filters
from matcher.geo import bounding_box
from matcher.columns.layout import placed, reaches_anywhere
from matcher.text import query_groups, stems_of

BODY_FIELDS = ("name", "description", "organization_name", "text")


def build_schema():
    """Return the schema every generation of the index uses."""
    builder = tantivy.SchemaBuilder()
    for raw in ("id", "service_id", "status", "terms", "reach"):
        # service_id is fast so a text search can group its hits by service (tantivy_search).
        builder.add_text_field(raw, tokenizer_name="raw", index_option="basic",
                               fast=raw == "service_id")
    # A UUID service_id as two numbers: text search groups hits by these and rebuilds the
    # ids from them, ~50x faster than reading the text fast field per hit (tantivy_search).
    for half in ("service_hi", "service_lo"):
        builder.add_integer_field(half, fast=True)
    builder.add_text_field("body", tokenizer_name="en_stem", index_option="freq")
    # The matcher's own stems (matcher.text), so retrieval finds exactly what it scores.
    builder.add_text_field("stems", tokenizer_name="raw", index_option="basic")
    builder.add_float_field("lat", indexed=True, fast=True)
    builder.add_float_field("lon", indexed=True, fast=True)
    builder.add_bytes_field("doc", stored=True)
    # Generations with column files (matcher.columns): "base" documents store only their
    # position in the rebuild, the columns hold the document; documents written since are
    # "overlay" and store themselves; a "tomb" retires base rows by id or service id.
    builder.add_text_field("kind", tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("base", stored=True)
    for raw in ("tomb_id", "tomb_service"):
        builder.add_text_field(raw, tokenizer_name="raw", index_option="basic", stored=True)
    tantivy_filters.add_fields(builder)
    return builder.build()


def has_field(schema, name):
    """Return True when an index's schema has a field (older generations lack new ones)."""
    try:
        tantivy.Query.term_query(schema, name, "")
    except ValueError:
        return False
    return True


def service_halves(service_id):
    """Return a canonical UUID's two halves as signed 64-bit ints, or None for other text."""
    try:
        value = uuid.UUID(service_id)
    except (TypeError, ValueError):
        return None
    if str(value) != service_id:  # "{...}", upper case or no dashes would not round-trip
        return None
    hi, lo = value.int >> 64, value.int & (2 ** 64 - 1)
    return tuple(half - 2 ** 64 if half >= 2 ** 63 else half for half in (hi, lo))


def to_tantivy(doc, facts=True, base=None, current=True):
    """Return the tantivy document indexing one flat Document (facts: the exclusion fields).

    With `base` (its position in a rebuild) the document itself is left to the column
    files; without, it is stored here as an overlay document. `current` is False for a
    generation built before the kind and stems fields existed.
    """
    # add_* calls are about 3x cheaper than keyword construction; this runs per document.
    out = tantivy.Document()
    out.add_text("id", doc["id"])
    out.add_text("service_id", doc.get("service_id") or "")
    halves = service_halves(doc.get("service_id"))
    if halves is not None:  # a generation without these fields drops them (tantivy)
        out.add_integer("service_hi", halves[0])
        out.add_integer("service_lo", halves[1])
    out.add_text("status", doc.get("status") or "")
    out.add_text("body", " ".join(doc.get(f) or "" for f in BODY_FIELDS))
    if base is None:
        out.add_bytes("doc", marshal.dumps(doc, 4))
        if current:
            out.add_text("kind", "overlay")
    else:
        out.add_text("kind", "base")
        out.add_integer("base", base)
    if current and base is None:
        # Only overlay documents are retrieved per document by the matcher; base documents
        # are matched on the column files, which hold the same stems as posting lists.
        for stem in stems_of(doc):
            out.add_text("stems", stem)
    for term in doc.get("taxonomy_term_ids") or ():
        out.add_text("terms", term)
    site = placed(doc)
    if site is not None:
        out.add_float("lat", site[0])
        out.add_float("lon", site[1])
    # "reach" marks documents a radius must not cut off: no site, or attended remotely.
    out.add_text("reach", "anywhere" if reaches_anywhere(doc) else "site")
    if facts and base is None:
        # Exclusions only narrow what the per-document path reads (overlay documents);
        # base documents are judged on the column files, and a backend may always ignore
        # exclusions (matcher.backends.base.Exclusions).
        tantivy_filters.add_facts(out, doc)
    return out


def text_query(index, text):
    """Return an OR query over the body for the words of free text, or None."""
    words = re.findall(r"\w+", (text or "").lower())
    if not words:
        return None
    # Lowercased plain words cannot form query-parser syntax (AND, field:, quotes).
    return index.parse_query(" ".join(words), ["body"])


def tombstone(field, value):
    """Return the tantivy document retiring base rows by id or service id."""
    out = tantivy.Document()
    out.add_text("kind", "tomb")
    out.add_text(field, value)
    return out


def topic_query(index, schema, query):
    """Return the text-or-terms part of a candidate query, or None for everything."""
    parts = []
    if query.term_ids:
        parts.append(tantivy.Query.term_set_query(schema, "terms", list(query.term_ids)))
    words = text_query(index, query.text)
    if words is not None:
        parts.append(words)
    stems = sorted({s for group in query_groups(query.text or "") for s in group})
    if stems and has_field(index.schema, "stems"):
        parts.append(tantivy.Query.term_set_query(schema, "stems", stems))
    if not parts:
        return None
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, part) for part in parts])


def _range(schema, field, low, high):
    # The inverted index answers a narrow range ~6x faster than scanning the fast field.
    return tantivy.Query.range_query(schema, field, tantivy.FieldType.Float, low, high,
                                     use_inverted_index=True)


def box_query(schema, lat, lon, radius_km):
    """Return a bounding-box query around a point: a superset of the radius."""
    low_lat, high_lat, window = bounding_box(lat, lon, radius_km)
    box = [(tantivy.Occur.Must, _range(schema, "lat", low_lat, high_lat))]
    if window is not None:
        box.append((tantivy.Occur.Must, _range(schema, "lon", *window)))
    return tantivy.Query.boolean_query(box)


def _all_of(must, must_not=()):
    if not must and not must_not:
        return tantivy.Query.all_query()
    must = must or [tantivy.Query.all_query()]  # negations alone would match nothing
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in must]
                                       + [(tantivy.Occur.MustNot, q) for q in must_not])


def base_filters(index, schema, query, exclusions=True, kind=None):
    """Return (must, must_not) clauses of a CandidateQuery other than geography.

    `kind` "overlay" keeps only documents written since the last rebuild.
    """
    must = []
    if kind is not None:
        must.append(tantivy.Query.term_query(schema, "kind", kind))
    topic = topic_query(index, schema, query)
    if topic is not None:
        must.append(topic)
    if query.active_only:
        must.append(tantivy.Query.term_query(schema, "status", "active"))
    if query.service_ids:
        must.append(tantivy.Query.term_set_query(schema, "service_id", list(query.service_ids)))
    must_not = tantivy_filters.exclusion_queries(schema, query.exclusions) if exclusions else []
    if has_field(index.schema, "kind"):
        must_not.append(tantivy.Query.term_query(schema, "kind", "tomb"))
    return must, must_not


def has_radius(query):
    """Return True when the query limits sites to a radius around a point."""
    return query.latitude is not None and query.longitude is not None and bool(query.radius_km)


def near_query(index, schema, query, exclusions=True, kind=None):
    """Return the documents a radius can cut off, in the box around the query's point.

    With include_remote those are the in-person sites (reach "site"); without it, every
    placed document. Callers refine the box to the exact radius.
    """
    must, must_not = base_filters(index, schema, query, exclusions, kind)
    must.append(box_query(schema, query.latitude, query.longitude, query.radius_km))
    if query.include_remote:
        must.append(tantivy.Query.term_query(schema, "reach", "site"))
    return _all_of(must, must_not)


def anywhere_query(index, schema, query, exclusions=True, kind=None):
    """Return the documents no radius cuts off: no site, or attended remotely."""
    must, must_not = base_filters(index, schema, query, exclusions, kind)
    must.append(tantivy.Query.term_query(schema, "reach", "anywhere"))
    return _all_of(must, must_not)


def candidate_query(index, schema, query, exclusions=True, kind=None):
    """Return the full tantivy query for a CandidateQuery without a radius."""
    return _all_of(*base_filters(index, schema, query, exclusions, kind))
