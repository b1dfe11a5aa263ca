"""Recognise a feed's format from its files or its API root, and open it as a Source."""
import json
from pathlib import Path

import requests

from .base import FeedRefused
from .csv211 import Csv211Feed
from .csv211_columns import canonical_header
from .hsds3_csv import Hsds3CsvFeed
from .hsds_api import HsdsApiFeed
from .hsds_legacy_csv import LegacyCsvFeed
from .http import FeedHttp
from .ohana_csv import OhanaCsvFeed
from .tables import Package

FORMATS = {"hsds-api": HsdsApiFeed, "hsds3-csv": Hsds3CsvFeed,
           "hsds-legacy-csv": LegacyCsvFeed, "ohana-csv": OhanaCsvFeed, "211-csv": Csv211Feed}
LEGACY_TABLES = ("services_at_location.csv", "physical_addresses.csv",
                 "regular_schedules.csv", "accessibility_for_disabilities.csv",
                 "services_taxonomy.csv", "postal_addresses.csv")


def is_url(location):
    """Tell whether a location is an http(s) URL."""
    return str(location).lower().startswith(("http://", "https://"))


def detect_format(location, *, http=None):
    """Return the format name of a feed at a path or URL; FeedRefused when none fits."""
    if is_url(location):
        try:
            meta = (http or FeedHttp()).get_json(str(location).rstrip("/") + "/",
                                                 conditional=False)
        except (requests.RequestException, ValueError) as error:
            raise FeedRefused(f"{location}: no HSDS API answered at its root ({error})") from None
        if isinstance(meta, dict) and str(meta.get("version", "")).startswith("3"):
            return "hsds-api"
        raise FeedRefused(f"{location}: the root does not name an HSDS 3.x version")
    if str(location).lower().endswith(".csv") and Path(location).is_file():
        return "211-csv"
    return _package_format(Package(location), location)


def _package_format(package, location):
    if package.has("datapackage.json"):
        try:
            version = str(json.loads(package.read_bytes("datapackage.json")).get("version", ""))
        except (ValueError, AttributeError):
            version = ""
        if version.startswith("3") or package.has("service_at_location.csv") or package.has(
                "taxonomy_terms.csv"):
            return "hsds3-csv"
    if package.has("services.csv") and "location_id" in package.header("services.csv") \
            and "organization_id" not in package.header("services.csv"):
        return "ohana-csv"
    if any(package.has(name) for name in LEGACY_TABLES):
        return "hsds-legacy-csv"
    if package.has("datapackage.json"):
        return "hsds3-csv"
    csvs = [name for name in ("resources.csv", "export.csv") if package.has(name)]
    if csvs and "num" in canonical_header(package.header(csvs[0])):
        return "211-csv"
    raise FeedRefused(f"{location}: cannot tell the feed format; pass --format")


def open_feed(location, format=None, *, http=None, modified_after=None, name=None):
    """Return the Source for a feed, detecting its format when `format` is None."""
    format = format or detect_format(location, http=http)
    if format not in FORMATS:
        raise FeedRefused(f"unknown format {format!r}; use one of: " + ", ".join(FORMATS))
    if format == "hsds-api":
        return HsdsApiFeed(str(location), name=name, http=http, modified_after=modified_after)
    if is_url(location):
        raise FeedRefused(f"format {format} reads files; {location} is a URL")
    return FORMATS[format](location, name=name)
