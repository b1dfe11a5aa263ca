"""Taxonomies: the shipped Open Eligibility categories, the profile terms, imported CSV files.

Open Eligibility ships as package data (`directory/data/open_eligibility.csv`): credit the
Open Eligibility project via Ohana API, Code for America (BSD-3-Clause). Licensed taxonomies
(AIRS/211 LA) are imported from a file the county owns with the same columns, never shipped.
Every id is stable, so loading again updates in place and changes nothing when nothing differs.
"""
import csv
import io
import re
from dataclasses import dataclass, field
from importlib import resources

from sqlalchemy import select

from directory.errors import InvalidInput
from directory.store.ids import is_uuid, stable_id
from directory.store.models import Taxonomy, TaxonomyTerm
from matcher import vocabulary

OPEN_ELIGIBILITY = "Open Eligibility"
OPEN_ELIGIBILITY_KEY = "open-eligibility"
OPEN_ELIGIBILITY_URI = "https://openeligibility.org"
OPEN_ELIGIBILITY_DESCRIPTION = (
    "Open Eligibility: an open taxonomy of human services (emergency, food, housing, goods, "
    "transit, health, money, care, education, work, legal). Credit: Open Eligibility project "
    "via Ohana API, Code for America (BSD-3-Clause)."
)
PROFILE_KEY = "profile"
REQUIRED_COLUMNS = ("taxonomy_id", "name")


@dataclass
class ImportReport:
    """What a taxonomy load did: terms created or changed, unchanged, rejected (line, reason)."""

    written: int = 0
    unchanged: int = 0
    rejected: list = field(default_factory=list)


def taxonomy_key(name):
    """Return the slug that keys a taxonomy's ids ("Open Eligibility" -> "open-eligibility")."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def taxonomy_id_for(key):
    """Return the stable id of the taxonomy keyed `key`."""
    return stable_id("taxonomy", key)


def load_open_eligibility(session):
    """Create or update the shipped Open Eligibility taxonomy; return terms created or changed."""
    text = resources.files("directory").joinpath("data/open_eligibility.csv").read_text("utf-8")
    taxonomy = {"name": OPEN_ELIGIBILITY, "description": OPEN_ELIGIBILITY_DESCRIPTION,
                "uri": OPEN_ELIGIBILITY_URI}
    return import_taxonomy(session, io.StringIO(text), taxonomy).written


def import_taxonomy_file(session, path, name, uri=None, description=None):
    """Import a taxonomy CSV (taxonomy_id,name,parent_id[,description]) under `name`."""
    taxonomy = {"name": name, "uri": uri,
                "description": description or f"{name} taxonomy, imported from a CSV file."}
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return import_taxonomy(session, stream, taxonomy)


def import_taxonomy(session, stream, taxonomy):
    """Upsert a taxonomy and the terms read from a CSV stream; return an ImportReport."""
    key = taxonomy_key(taxonomy["name"])
    tax_id = taxonomy_id_for(key)
    _upsert(session, Taxonomy, tax_id, taxonomy)
    session.flush()
    rows, report = _read_rows(stream)
    existing = {term.id: term for term in session.scalars(
        select(TaxonomyTerm).where(TaxonomyTerm.taxonomy_id == tax_id))}
    for row in _parents_first(rows):
        values = _term_values(row, taxonomy["name"], tax_id, key)
        if _upsert(session, TaxonomyTerm, stable_id(key, row["code"]), values, existing):
            report.written += 1
        else:
            report.unchanged += 1
    session.flush()
    return report


def _read_rows(stream):
    """Read CSV rows into dicts keyed by code; reject bad rows with their line numbers."""
    reader = csv.DictReader(stream)
    missing = [column for column in REQUIRED_COLUMNS if column not in (reader.fieldnames or ())]
    if missing:
        raise InvalidInput("The taxonomy file lacks required columns.",
                           {"columns": [f"missing: {column}" for column in missing]})
    rows, report = {}, ImportReport()
    for row in reader:
        line = reader.line_num
        code, name = (row.get("taxonomy_id") or "").strip(), (row.get("name") or "").strip()
        if not code or not name:
            report.rejected.append((line, "taxonomy_id and name are required"))
        elif code in rows:
            report.rejected.append((line, f"duplicate taxonomy_id {code}"))
        else:
            rows[code] = {"code": code, "name": name, "line": line,
                          "parent": (row.get("parent_id") or "").strip() or None,
                          "description": (row.get("description") or "").strip() or None}
    for code, row in list(rows.items()):
        if row["parent"] and row["parent"] not in rows:
            report.rejected.append((row["line"], f"unknown parent_id {row['parent']}"))
            del rows[code]
    return rows, report


def _parents_first(rows):
    """Yield rows so that every parent comes before its children."""
    done = set()
    pending = list(rows.values())
    while pending:
        ready = [row for row in pending if row["parent"] is None or row["parent"] in done]
        if not ready:
            # A parent cycle: the remaining rows cannot be ordered, so load them flat.
            ready = [dict(row, parent=None) for row in pending]
        for row in ready:
            done.add(row["code"])
            yield row
        ready_codes = {row["code"] for row in ready}
        pending = [row for row in pending if row["code"] not in ready_codes]


def _term_values(row, taxonomy_name, tax_id, key):
    """Map a CSV row to TaxonomyTerm column values."""
    description = row["description"] or f"{taxonomy_name} category: {row['name']}."
    return {"code": row["code"], "name": row["name"], "description": description,
            "parent_id": stable_id(key, row["parent"]) if row["parent"] else None,
            "taxonomy": taxonomy_name, "taxonomy_id": tax_id, "language": "en"}


def _upsert(session, model, record_id, values, existing=None):
    """Create the record or set the values that differ; return whether anything changed."""
    record = existing.get(record_id) if existing is not None else session.get(model, record_id)
    if record is None:
        # Rows come parents first and SQLAlchemy inserts in add order, so every parent_id
        # refers to a row already written when the batch is flushed.
        session.add(model(id=record_id, **values))
        return True
    changed = {name: value for name, value in values.items()
               if getattr(record, name) != value}
    for name, value in changed.items():
        setattr(record, name, value)
    return bool(changed)


def ensure_profile_taxonomy(session):
    """Create or update the profile taxonomy from matcher.vocabulary; return terms written."""
    tax_id = taxonomy_id_for(PROFILE_KEY)
    _upsert(session, Taxonomy, tax_id, {
        "name": vocabulary.PROFILE_TAXONOMY_NAME,
        "description": vocabulary.PROFILE_TAXONOMY_DESCRIPTION, "uri": None})
    session.flush()
    written = 0
    for code, (name, description, _link_type, _values) in vocabulary.TERMS.items():
        written += _upsert(session, TaxonomyTerm, stable_id(PROFILE_KEY, code), {
            "code": code, "name": name, "description": description, "parent_id": None,
            "taxonomy": vocabulary.PROFILE_TAXONOMY_NAME, "taxonomy_id": tax_id,
            "language": "en"})
    session.flush()
    return written


def term_id_for_code(session, code):
    """Return the id of the Open Eligibility (else profile) term with `code`, or None."""
    return resolve_terms(session, [code])[0]


def resolve_terms(session, needs, known=None):
    """Return, per need, the id of the term it names (or None): a term id, else a code of
    Open Eligibility, else of the profile taxonomy. At most one select for all of them.

    `known`, when given, is a set of term ids already found committed in this store; ids
    found are added to it. Term ids are stable and terms are never deleted, so a need whose
    first existing choice is known needs no query. Pass it only with a session that has
    written nothing: a term flushed but not yet committed must not become known.
    """
    options = [([need] if is_uuid(need) else [])
               + [stable_id(OPEN_ELIGIBILITY_KEY, need), stable_id(PROFILE_KEY, need)]
               for need in needs]
    known = set() if known is None else known   # found ids join it below
    wanted = sorted({term_id for choices in options for term_id in _unsettled(choices, known)})
    found = set(session.scalars(select(TaxonomyTerm.id).where(TaxonomyTerm.id.in_(wanted)))) \
        if wanted else set()
    known.update(found)
    return [next((term_id for term_id in choices if term_id in known), None)
            for choices in options]


def _unsettled(choices, known):
    """The choices the store must be asked about: those before the first known one."""
    for term_id in choices:
        if term_id in known:
            return
        yield term_id


def save_feed_term(session, term):
    """Create or update a feed's own taxonomy term (and its taxonomy); return whether it changed.

    Ingest calls this for terms a feed defines itself (shared taxonomies are loaded, never
    taken from a feed). Ids are the feed's stable ids, so a second import changes nothing.
    """
    detail = term.get("taxonomy_detail") or {}
    tax_id = term.get("taxonomy_id") or detail.get("id")
    tax_name = term.get("taxonomy") or detail.get("name")
    changed = False
    if tax_id:
        name = tax_name or "Feed taxonomy"
        changed |= _upsert(session, Taxonomy, tax_id, {
            "name": name, "uri": detail.get("uri"), "version": detail.get("version"),
            "description": detail.get("description") or f"{name}, imported with a feed."})
        session.flush()
    name = term.get("name") or term.get("code") or term["id"]
    changed |= _upsert(session, TaxonomyTerm, term["id"], {
        "code": term.get("code"), "name": name, "parent_id": None,
        "description": term.get("description") or f"{tax_name or 'Feed'} category: {name}.",
        "taxonomy": tax_name, "taxonomy_id": tax_id if tax_id else None,
        "language": term.get("language"), "term_uri": term.get("term_uri")})
    return changed
