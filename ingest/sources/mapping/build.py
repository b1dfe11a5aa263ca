"""Build one child record (and its own children) from a 3.0-named table row."""
from ingest.clean import parse_languages

import re

from ..tables import text_of
from .columns import copy_columns
from .fields import RowError, address, number, phone

CLOCK = re.compile(r"^(?P<h>\d{1,2})(?::(?P<m>\d{2}))?(?::\d{2}(?:\.\d+)?)?\s*"
                   r"(?P<ap>[ap]\.?m\.?)?$", re.IGNORECASE)
# Parent table -> {collection key: (child table, owner column prefix)}.
CHILD_OWNERS = {
    "organization": {"organization_identifiers": ("organization_identifier", "organization"),
                     "programs": ("program", "organization"),
                     "funding": ("funding", "organization"),
                     "contacts": ("contact", "organization"), "phones": ("phone", "organization"),
                     "locations": ("location", "organization"),
                     "attributes": ("attribute", "organization")},
    "service": {key: (table, "service") for key, table in (
        ("phones", "phone"), ("schedules", "schedule"), ("service_areas", "service_area"),
        ("service_at_locations", "service_at_location"), ("languages", "language"),
        ("funding", "funding"), ("cost_options", "cost_option"), ("contacts", "contact"),
        ("required_documents", "required_document"), ("attributes", "attribute"))},
    "location": {key: (table, "location") for key, table in (
        ("addresses", "address"), ("phones", "phone"), ("accessibility", "accessibility"),
        ("contacts", "contact"), ("schedules", "schedule"), ("languages", "language"),
        ("attributes", "attribute"))},
    "service_at_location": {key: (table, "service_at_location") for key, table in (
        ("phones", "phone"), ("contacts", "contact"), ("schedules", "schedule"),
        ("service_areas", "service_area"), ("attributes", "attribute"))},
    "contact": {"phones": ("phone", "contact")},
    "phone": {"languages": ("language", "phone")},
}
# Child table -> owner columns, most specific first: a row belongs to the first one set.
OWNER_COLUMNS = {
    "organization_identifier": ("organization",), "program": ("organization",),
    "location": ("organization",), "address": ("location",), "accessibility": ("location",),
    "phone": ("contact", "service_at_location", "service", "location", "organization"),
    "contact": ("service_at_location", "service", "location", "organization"),
    "schedule": ("service_at_location", "service", "location"),
    "language": ("phone", "service", "location"), "funding": ("service", "organization"),
    "service_area": ("service_at_location", "service"), "cost_option": ("service",),
    "required_document": ("service",), "service_at_location": ("service",),
    "attribute": ("organization", "service", "location", "service_at_location"),
}
# Columns the nesting (or our own cleaning) decides, never copied from the row (frozen: the
# column plan of each table and skip set is made once, see columns.copy_columns).
SKIP = {"phone": frozenset({"number", "extension", "type"}),
        "address": frozenset({"address_1", "city", "state_province", "postal_code", "country",
                              "address_type"}),
        "attribute": frozenset({"link_id", "link_entity"})}
NO_SKIP = frozenset()


# Child table -> ((owner table, its id column), ...): the column names, made once.
OWNER_KEYS = {table: tuple((owner, f"{owner}_id") for owner in owners)
              for table, owners in OWNER_COLUMNS.items()}


def owner_positions(table, columns):
    """Return where `owner_of` finds the owner of a `table` row in values of `columns`."""
    position = {name: index for index, name in enumerate(columns)}
    if table == "attribute":
        return position.get("link_entity"), position.get("link_id")
    return tuple((owner, position[column]) for owner, column in OWNER_KEYS[table]
                 if column in position)


def owner_of(table, positions, values):
    """Return (owner table, owner id) of a child row, or None when it names no owner.

    The row is its `values`, with the `owner_positions` of its columns: the child index
    reads rows as values, one header for a whole file.
    """
    if table == "attribute":
        entity, link = (text_of(values[index]) if index is not None else None
                        for index in positions)
        return (entity, link) if entity in OWNER_COLUMNS["attribute"] and link else None
    for owner, index in positions:
        ident = text_of(values[index])
        if ident:
            return owner, ident
    return None


def build_child(index, table, row, notes):
    """Return the cleaned child record of `row`; RowError when it cannot be used."""
    own_id = row.text("id")
    if own_id is None:
        raise RowError(f"missing required {table} id")
    data = {"id": own_id, **copy_columns(table, row, notes, skip=SKIP.get(table, NO_SKIP))}
    extra = EXTRA.get(table)
    if extra is not None:
        extra(index, row, data, notes)
    for key, (child_table, owner) in CHILD_OWNERS.get(table, {}).items():
        data[key] = index.take(child_table, owner, own_id, notes)
    index.feed.enrich_child(table, row, data, notes)
    return data


def _phone(index, row, data, notes):
    data.update(phone(row.get("number"), notes, id=data["id"], extension=row.get("extension"),
                      type=row.get("type"), description=data.get("description")))


def _address(index, row, data, notes):
    kind = row.text("address_type") or "physical"
    data.update(address(row, notes, id=data["id"], address_type=kind))


def _language(index, row, data, notes):
    if data.get("code") or not data.get("name"):
        return
    found = parse_languages(data["name"])
    if not found.languages:
        notes.append(f"language {data['name']!r}: no ISO code known")
        return
    language = found.languages[0]
    note = f" (note: {language.note})" if language.note else ""
    notes.append(f"language {data['name']!r} → {language.code}{note}")
    data.update(name=language.name, code=language.code)
    if language.note:
        data["note"] = language.note


def _location(index, row, data, notes):
    data.setdefault("location_type", "physical")
    latitude = number(row.get("latitude"), "latitude", low=-90, high=90)
    longitude = number(row.get("longitude"), "longitude", low=-180, high=180)
    if (latitude is None) != (longitude is None) or latitude == longitude == 0:
        notes.append(f"location {data['id']}: dropped incomplete coordinates")
        data.pop("latitude", None), data.pop("longitude", None)
    elif latitude is not None:
        data.update(latitude=latitude, longitude=longitude)


def _program(index, row, data, notes):
    if not data.get("description"):
        data["description"] = data.get("name")  # HSDS requires one; the name says most


def _attribute(index, row, data, notes):
    term = index.feed.taxonomy_term(row.text("taxonomy_term_id"))
    if term is None:
        raise RowError(f"attribute refers to unknown taxonomy term {row.text('taxonomy_term_id')}")
    data["taxonomy_term"] = term


def _schedule(index, row, data, notes):
    for key in ("freq", "wkst", "byday"):
        if data.get(key):
            data[key] = data[key].upper().replace(" ", "")
    for key in ("opens_at", "closes_at"):
        if data.get(key):
            data[key] = clock(data[key], key)


# Child table -> what its rows need beyond copied columns (one dict, not one per row).
EXTRA = {"phone": _phone, "address": _address, "language": _language, "program": _program,
         "location": _location, "attribute": _attribute, "schedule": _schedule}


def clock(value, field):
    """Return "HH:MM" for "9:00", "09:00:00", "4:00 PM" or "3pm"; RowError otherwise."""
    match = CLOCK.match(value.strip())
    if match is None:
        raise RowError(f"{field}: cannot read time {value!r}")
    hour, minute, half = int(match["h"]), int(match["m"] or 0), (match["ap"] or "").lower()
    if half:
        hour = hour % 12 + (12 if half.startswith("p") else 0)
    if hour > 24 or minute > 59:
        raise RowError(f"{field}: cannot read time {value!r}")
    return f"{hour:02d}:{minute:02d}"
