"""Hard constraints answered inside the tantivy index, exactly as the matcher judges them.

Each indexed fact mirrors what one check in matcher.constraints* reads, and each clause
leaves out only documents that check would exclude. Missing data indexes nothing, so it
never matches an exclusion and "unknown: check with provider" still reaches the matcher.
"""
import tantivy

from matcher.constraints_access import REMOTE, doc_modalities

RAW_FIELDS = ("facts", "lang", "gender", "access", "modality")
FLOAT_FIELDS = ("min_age", "max_age", "income_limit", "cost_min")
REMOTE_WAYS = frozenset(REMOTE)
EVERY_MODALITY = frozenset({"in_person", *REMOTE})
Occur = tantivy.Occur


def add_fields(builder):
    """Declare the fields the exclusions read."""
    for name in RAW_FIELDS:
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
    for name in FLOAT_FIELDS:
        builder.add_float_field(name, indexed=True)


def supported(schema):
    """Return True when an index's schema has these fields (older generations lack them)."""
    try:
        tantivy.Query.term_query(schema, "facts", "languages")
    except ValueError:
        return False
    return True


def _number(out, field, value):
    if value is not None and value == value:  # NaN compares unequal: index nothing for it
        out.add_float(field, float(value))


def _terms(out, field, values):
    for value in values:
        out.add_text(field, value)


def add_facts(out, doc):
    """Add to a tantivy document the facts its hard-constraint checks read."""
    facts = []
    _number(out, "min_age", doc.get("min_age"))
    _number(out, "max_age", doc.get("max_age"))
    if not doc.get("income_any"):
        _number(out, "income_limit", doc.get("income_limit_fpl"))
    for name, field, values in (
            ("languages", "lang", _spoken(doc)), ("genders", "gender", doc.get("genders") or None),
            ("modalities", "modality", doc_modalities(doc)),
            ("accessibility", "access", doc.get("accessibility"))):
        if values is not None:
            facts.append(name)
            _terms(out, field, values)
    facts += [name for name, present in (
        ("interpretation", doc.get("interpretation")), ("free", doc.get("cost_free")),
        ("not_free", doc.get("cost_free") is False),
        ("sliding", doc.get("cost_sliding"))) if present]
    _number(out, "cost_min", doc.get("cost_min_amount"))
    _terms(out, "facts", facts)


def _spoken(doc):
    spoken = doc.get("languages")
    return None if spoken is None else {code.lower().split("-")[0] for code in spoken}


def _bool(must=(), must_not=()):
    return tantivy.Query.boolean_query([(Occur.Must, q) for q in must]
                                       + [(Occur.MustNot, q) for q in must_not])


def _fact(schema, name):
    return tantivy.Query.term_query(schema, "facts", name)


def _any(schema, field, values):
    return tantivy.Query.term_set_query(schema, field, sorted(values))


def _above(schema, field, value):
    return tantivy.Query.range_query(schema, field, tantivy.FieldType.Float, float(value), None,
                                     include_lower=False, use_inverted_index=True)


def _below(schema, field, value):
    return tantivy.Query.range_query(schema, field, tantivy.FieldType.Float, None, float(value),
                                     include_upper=False, use_inverted_index=True)


def _eligibility(schema, x):
    """Yield queries matching documents that age, income, gender or language exclude."""
    if x.age is not None:
        yield _above(schema, "min_age", x.age)
        yield _below(schema, "max_age", x.age)
    if x.income_fpl is not None:
        yield _below(schema, "income_limit", x.income_fpl)
    if x.gender is not None:
        yield _bool([_fact(schema, "genders")], [_any(schema, "gender", {"any", x.gender})])
    if x.languages:
        spoken = [_any(schema, "lang", {code.lower().split("-")[0] for code in x.languages})]
        if x.interpreter_ok:
            spoken.append(_fact(schema, "interpretation"))
        yield _bool([_fact(schema, "languages")], spoken)


def _access(schema, x):
    """Yield queries matching documents that modality, accessibility or cost exclude."""
    accepted = x.modalities or EVERY_MODALITY
    if not accepted >= EVERY_MODALITY:
        yield _bool([_fact(schema, "modalities")], [_any(schema, "modality", accepted)])
    if x.accessibility:
        has_all = _bool([tantivy.Query.term_query(schema, "access", code)
                         for code in x.accessibility])
        unless = [has_all]
        if REMOTE_WAYS & accepted:  # attended remotely, access to the site does not matter
            unless.append(_any(schema, "modality", REMOTE_WAYS & accepted))
        yield _bool([_fact(schema, "accessibility")], unless)
    if x.free_only or x.max_amount is not None:
        unless = [_fact(schema, "sliding")] if x.sliding_scale_ok else []
        if x.free_only:
            yield _bool([_fact(schema, "not_free")], unless)
        else:
            yield _bool([_above(schema, "cost_min", x.max_amount)],
                        unless + [_fact(schema, "free")])


def exclusion_queries(schema, exclusions):
    """Return queries each matching documents a hard constraint excludes (to be MustNot)."""
    return [*_eligibility(schema, exclusions), *_access(schema, exclusions)]
