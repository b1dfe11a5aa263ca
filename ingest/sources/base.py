"""The contract between feed sources and ingest jobs: records, rejects, sources, stable ids.

A source reads one feed and yields `FeedRecord`s (HSDS 3.0 dicts that still carry the feed's
own ids) and `Reject`s (a bad row, with file, line and reason). Organizations come first,
then the services that reference them. `rewrite_ids` turns feed ids into stable UUIDs.
"""
import dataclasses
import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

from directory.store.ids import NAMESPACE, stable_id

# Taxonomies every source shares: their term ids do not depend on the source.
# Keys are slugs of the names feeds use; values key `stable_id(value, code)`.
SHARED_TAXONOMIES = {
    "open-eligibility": "open-eligibility", "openeligibility": "open-eligibility",
    "profile": "profile", "community-directory-profile": "profile",
}
# The stable taxonomy id of each shared taxonomy -> its key.
SHARED_TAXONOMY_KEYS = {key: stable_id("taxonomy", key) for key in set(SHARED_TAXONOMIES.values())}
SHARED_TAXONOMY_IDS = {ident: key for key, ident in SHARED_TAXONOMY_KEYS.items()}
# Collection or inline key -> the HSDS table its records belong to.
TABLES = {
    "phones": "phone", "schedules": "schedule", "service_areas": "service_area",
    "service_at_locations": "service_at_location", "languages": "language",
    "funding": "funding", "cost_options": "cost_option", "contacts": "contact",
    "required_documents": "required_document", "capacities": "service_capacity",
    "attributes": "attribute", "organization_identifiers": "organization_identifier",
    "programs": "program", "locations": "location", "addresses": "address",
    "accessibility": "accessibility", "location": "location", "unit": "unit",
    "taxonomy_term": "taxonomy_term", "taxonomy_detail": "taxonomy",
    "organization": "organization", "program": "program", "service": "service",
}
# Reference column -> the table it points at ("parent_id" points at its own table).
REFERENCES = {
    "organization_id": "organization", "parent_organization_id": "organization",
    "program_id": "program", "location_id": "location", "service_id": "service",
    "service_at_location_id": "service_at_location", "taxonomy_term_id": "taxonomy_term",
    "taxonomy_id": "taxonomy", "unit_id": "unit", "contact_id": "contact",
    "phone_id": "phone",
}


# Keys whose values `_rewrite_references` may rewrite.
REWRITTEN = frozenset(REFERENCES) | {"parent_id", "link_id"}
# Key -> its role in `_rewritten`: "table" (its records are rewritten) or "reference". One
# lookup per key instead of two: most keys of a record have neither role.
KEY_ROLES = {**{key: "reference" for key in REWRITTEN}, **{key: "table" for key in TABLES}}


class FeedRefused(Exception):
    """The feed's structure is wrong; nothing from it may be written."""


@dataclass
class FeedRecord:
    """One organization or service read from a feed, as HSDS 3.0 with the feed's own ids."""

    kind: str  # "organization" | "service"
    external_id: str
    data: dict
    file: str
    line: int  # 1-based line of the row in its file, or the item's index in a JSON feed
    notes: list = field(default_factory=list)


@dataclass
class Reject:
    """A row the source could not turn into a record, and why."""

    file: str
    line: int
    reason: str
    external_id: str | None = None


class Source:
    """A feed of one format at one location; subclasses implement `check` and `records`."""

    format = ""
    full = True  # a full snapshot: services missing from it may be deactivated

    def __init__(self, location, *, name=None):
        self.location = location
        self.name = name or str(location)

    def check(self) -> None:
        """Raise FeedRefused when the feed's structure cannot be read."""
        raise NotImplementedError

    def records(self) -> Iterator["FeedRecord | Reject"]:
        """Yield organizations, then services, and a Reject for each bad row."""
        raise NotImplementedError


def shared_taxonomy(term):
    """Return the shared taxonomy key ("open-eligibility", "profile") of a term dict, or None."""
    detail = term.get("taxonomy_detail") or {}
    key = SHARED_TAXONOMY_IDS.get(term.get("taxonomy_id"))
    if key:
        return key
    for name in (term.get("taxonomy"), detail.get("name")):
        if isinstance(name, str):
            slug = "-".join("".join(c if c.isalnum() else " " for c in name.lower()).split())
            if slug in SHARED_TAXONOMIES:
                return SHARED_TAXONOMIES[slug]
    return None


def rewrite_ids(record, source_name, terms=None):
    """Return a copy of a FeedRecord whose ids are all stable UUIDs for this source.

    With a `terms` list, the copy's taxonomy terms are appended to it, as `taxonomy_terms`
    of the copy would list them (the copy is walked once instead of twice).
    """
    data = rewrite_data(record.kind, record.data, source_name, terms)
    return dataclasses.replace(record, data=data, notes=list(record.notes))


def rewrite_data(kind, data, source_name, terms=None):
    """Return a deep copy of an HSDS dict with every `id` and `*_id` made stable."""
    if type(data) is not dict:
        data = _copy_tree(data)
        _rewrite(data, kind, source_name, fallback="")
        if terms is not None:
            _collect_terms(data, terms)
        return data
    return _rewritten(data, kind, source_name, fallback="", found=terms)


def _copy_tree(value):
    """Copy the dicts and lists of a record (its leaves are immutable str, numbers, None).

    copy.deepcopy's memo bookkeeping made it the costliest step of id rewriting.
    """
    if type(value) is dict:
        return {key: _copy_tree(item) for key, item in value.items()}
    if type(value) is list:
        return [_copy_tree(item) for item in value]
    return value


def taxonomy_terms(data):
    """Return every nested taxonomy_term dict of a record (to create the feed's own terms)."""
    found = []
    _collect_terms(data, found)
    return found


def _collect_terms(data, found):
    # Only containers are visited: a record holds far more strings than dicts and lists.
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "taxonomy_term" and isinstance(value, dict):
                found.append(value)
            elif isinstance(value, (dict, list)):
                _collect_terms(value, found)
    elif isinstance(data, list):
        for item in data:
            if isinstance(item, (dict, list)):
                _collect_terms(item, found)


def feed_key(source_name, table, external_id):
    """Return the stable id of a feed record: `stable_id("source", name, table, id)`."""
    return _uuid5(f"source/{source_name}/{table}/{external_id}")


# SHA-1 state after the namespace bytes: each id copies it instead of hashing them again.
_NAMESPACE_SHA1 = hashlib.sha1(NAMESPACE.bytes)
# uuid5 variant bits (10xx) applied to the first hex digit of the fourth group.
_VARIANT = {digit: "89ab"[int(digit, 16) & 0x3] for digit in "0123456789abcdef"}


@lru_cache(maxsize=100_000)  # references repeat: every service names its organization
def _uuid5(name):
    """Return str(uuid.uuid5(NAMESPACE, name)), without building UUID objects.

    Same text as the uuid module (SHA-1 of namespace + name, version 5 and the RFC 4122
    variant set on the hex digits directly); test_ingest_fast_paths checks it against
    `stable_id`. Every child row's id misses the cache, so this runs once per row.
    """
    sha = _NAMESPACE_SHA1.copy()
    sha.update(name.encode("utf-8"))
    h = sha.hexdigest()
    return f"{h[:8]}-{h[8:12]}-5{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:32]}"


def _rewritten(node, table, source, fallback, found=None):
    """Return a rewritten copy of one record: `_copy_tree` and `_rewrite` in one pass.

    With a `found` list, the copy's taxonomy terms are appended to it in the order
    `_collect_terms` finds them (a term's own insides are not searched).
    """
    own = str(node["id"]) if node.get("id") not in (None, "") else fallback
    if table == "taxonomy_term" and shared_taxonomy(node) and node.get("code"):
        copy = _copy_tree(node)
        _rewrite(copy, table, source, fallback)
        return copy
    out = {}
    role_of = KEY_ROLES.get
    for key, value in node.items():
        role = role_of(key)
        if role == "table":
            if type(value) is list:
                value = [_rewritten_child(item, TABLES[key], source, f"{own}/{key}/{index}",
                                          found) for index, item in enumerate(value)]
            elif type(value) is dict:
                term = key == "taxonomy_term"
                value = _rewritten(value, TABLES[key], source, f"{own}/{key}",
                                   None if term else found)
                if term and found is not None:
                    found.append(value)
            else:  # a leaf, or a subclass _copy_tree keeps: rewritten in place as before
                _rewrite_children({key: value}, source, own)
                if found is not None:
                    _collect_terms({key: value}, found)
        elif role is not None and value is not None and value != "":
            value = _reference(node, key, value, table, source)
        elif isinstance(value, (dict, list)):
            # Most values are leaves (str, numbers, None): immutable, shared with the feed's
            # dict rather than passed through _copy_tree one call each.
            value = _copy_tree(value)
            if found is not None:
                _collect_terms(value, found)
        out[key] = value
    out["id"] = feed_key(source, table, own)
    for inline, reference in (("taxonomy_term", "taxonomy_term_id"), ("location", "location_id")):
        if isinstance(out.get(inline), dict):
            out[reference] = out[inline]["id"]
    return out


def _rewritten_child(item, table, source, fallback, found=None):
    if type(item) is dict:
        return _rewritten(item, table, source, fallback, found)
    if isinstance(item, dict):
        _rewrite(item, table, source, fallback)  # kept by _copy_tree: rewritten in place
    else:
        item = _copy_tree(item)
    if found is not None:
        _collect_terms(item, found)
    return item


def _rewrite(node, table, source, fallback):
    """Rewrite one record in place; children without an id get one from their position."""
    own = str(node["id"]) if node.get("id") not in (None, "") else fallback
    term_key = shared_taxonomy(node) if table == "taxonomy_term" else None
    if term_key and node.get("code"):
        node["id"] = _uuid5(f"{term_key}/{node['code']}")  # = stable_id(term_key, code)
        node["taxonomy_id"] = SHARED_TAXONOMY_KEYS[term_key]
        if isinstance(node.get("taxonomy_detail"), dict):
            node["taxonomy_detail"]["id"] = node["taxonomy_id"]
        return
    node["id"] = feed_key(source, table, own)
    _rewrite_references(node, table, source)
    _rewrite_children(node, source, own)
    for inline, reference in (("taxonomy_term", "taxonomy_term_id"), ("location", "location_id")):
        if isinstance(node.get(inline), dict):
            node[reference] = node[inline]["id"]


def _rewrite_children(node, source, own):
    for key, value in node.items():
        if key not in TABLES:
            continue
        if isinstance(value, dict):
            _rewrite(value, TABLES[key], source, f"{own}/{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    _rewrite(item, TABLES[key], source, f"{own}/{key}/{index}")


def _rewrite_references(node, table, source):
    for key, value in list(node.items()):
        if key not in REWRITTEN or value is None or value == "":
            continue
        node[key] = _reference(node, key, value, table, source)


def _reference(node, key, value, table, source):
    """Return the stable id a reference column's value becomes (the value when none)."""
    if key == "parent_id":
        return feed_key(source, table, str(value))
    if key == "link_id":
        entity = node.get("link_entity")
        return feed_key(source, entity, str(value)) if entity else value
    return feed_key(source, REFERENCES[key], str(value)) if key in REFERENCES else value
