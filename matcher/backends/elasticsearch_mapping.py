"""How a flat Document is laid out in Elasticsearch: mapping, index names, source round trip.

The whole Document is kept in `_source`, so a hit gives back exactly what was indexed. Only
the fields the candidate query filters or searches on are mapped (`dynamic: false`): the rest
is stored but not indexed, so an odd value in a field nobody queries can never fail a write.
"""
import re
from datetime import datetime, timezone

# Derived fields added for indexing only; stripped again when a hit is turned back into a
# Document. Their names are not Document keys, so nothing real is ever dropped.
LOCATION = "location"
AREAS = "service_area_shapes"
DERIVED = (LOCATION, AREAS)

TEXT_FIELDS = ("name", "description", "organization_name", "text")
KEYWORD_FIELDS = ("id", "service_id", "service_at_location_id", "location_id",
                  "organization_id", "status", "taxonomy_term_ids", "taxonomy_codes",
                  "languages", "accessibility", "modalities", "preferences")

_ALIAS_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,200}")


def mappings() -> dict:
    """Return the index mapping for service documents."""
    properties = {name: {"type": "keyword"} for name in KEYWORD_FIELDS}
    properties.update({name: {"type": "text", "analyzer": "english"} for name in TEXT_FIELDS})
    properties[LOCATION] = {"type": "geo_point"}
    # A malformed catchment polygon should cost that shape, not the whole listing.
    properties[AREAS] = {"type": "geo_shape", "ignore_malformed": True}
    return {
        "dynamic": False,
        # The shapes are a copy of service_areas[].geometries, which stay in _source.
        "_source": {"excludes": [AREAS]},
        "properties": properties,
    }


def check_alias(name: str) -> str:
    """Return `name` if it is a valid Elasticsearch index/alias name, else raise ValueError."""
    if not _ALIAS_NAME.fullmatch(name) or name in (".", ".."):
        raise ValueError(f"invalid Elasticsearch index name {name!r}: use lowercase "
                         "letters, digits, '.', '_' and '-'")
    return name


def new_index_name(alias: str) -> str:
    """Return a fresh concrete index name behind `alias`, unique to the microsecond."""
    return f"{alias}-{datetime.now(timezone.utc):%Y%m%d%H%M%S%f}"


def to_source(document: dict) -> dict:
    """Return the `_source` for a Document: the Document plus its geo fields."""
    source = dict(document)
    latitude, longitude = document.get("latitude"), document.get("longitude")
    if latitude is not None and longitude is not None:
        source[LOCATION] = {"lat": latitude, "lon": longitude}
    shapes = [geometry for area in document.get("service_areas") or []
              for geometry in area.get("geometries") or []]
    if shapes:
        source[AREAS] = shapes
    return source


def from_source(source: dict) -> dict:
    """Return the Document held in a hit's `_source`."""
    return {key: value for key, value in source.items() if key not in DERIVED}
