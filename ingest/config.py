"""Feed sources configured in the app config (`INGEST_SOURCES`), checked before use.

    INGEST_SOURCES = [
        {"name": "county-211", "format": "211-csv", "location": "/data/211/resources.csv",
         "enabled": True, "deactivate_missing": True},
        {"name": "partner-api", "location": "https://partner.example.org/hsds"},
    ]

`format` may be omitted (detected); `enabled` defaults to True; `deactivate_missing`
defaults to `INGEST_DEACTIVATE_MISSING` (True).
"""
from dataclasses import dataclass

KNOWN_KEYS = {"name", "format", "location", "enabled", "deactivate_missing"}


class SourceConfigError(ValueError):
    """The INGEST_SOURCES setting is malformed."""


@dataclass(frozen=True)
class ConfiguredSource:
    """One feed an operator configured."""

    name: str
    location: str
    format: str | None = None
    enabled: bool = True
    deactivate_missing: bool = True


def _source(entry, default_deactivate):
    if not isinstance(entry, dict):
        raise SourceConfigError(f"INGEST_SOURCES entries must be mappings, not {entry!r}")
    unknown = set(entry) - KNOWN_KEYS
    if unknown:
        raise SourceConfigError(f"INGEST_SOURCES entry {entry.get('name')!r}: unknown keys "
                                + ", ".join(sorted(unknown)))
    if not entry.get("name") or not entry.get("location"):
        raise SourceConfigError(f"INGEST_SOURCES entry {entry!r} needs a name and a location")
    return ConfiguredSource(name=str(entry["name"]), location=str(entry["location"]),
                            format=entry.get("format") or None,
                            enabled=bool(entry.get("enabled", True)),
                            deactivate_missing=bool(entry.get("deactivate_missing",
                                                              default_deactivate)))


def configured_sources(config):
    """Return every configured source, in configuration order."""
    default = bool(config.get("INGEST_DEACTIVATE_MISSING", True))
    sources = [_source(entry, default) for entry in config.get("INGEST_SOURCES") or ()]
    names = [source.name for source in sources]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise SourceConfigError("INGEST_SOURCES names must be unique: " + ", ".join(duplicates))
    return sources


def find_source(config, name):
    """Return the configured source called `name`, or None."""
    return next((source for source in configured_sources(config) if source.name == name), None)
