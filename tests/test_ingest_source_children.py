"""Child rows come out of the package's index in chunks of roots (one query per level of
nesting) and every record and reject is exactly what reading them owner by owner gives:
nested children, ids shared across owners, children of rejected roots and orphans."""
import csv

import pytest

from directory.demogen.generator import generate
from ingest.export.hsds_csv import export_package
from ingest.sources import FeedRecord, open_feed
from ingest.sources import tabular


def append(path, rows):
    """Append rows (dicts by column) to a CSV file, keeping its header."""
    with open(path, newline="", encoding="utf-8") as stream:
        header = next(csv.reader(stream))
    with open(path, "a", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, header)
        writer.writerows(rows)


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    """A demo package plus rows that test who takes which child row."""
    folder = tmp_path_factory.mktemp("children") / "feed"
    export_package(((r.kind, r.data) for r in generate(12, 5)), folder)
    append(folder / "organizations.csv", [
        {"id": "org-a", "name": "Alpha"}, {"id": "org-bad", "name": "Bad",
                                           "year_incorporated": "soon"},
        {"id": "org-b", "name": "Beta"}])
    append(folder / "locations.csv", [
        {"id": "loc-shared", "organization_id": "org-a", "name": "A site"},
        {"id": "loc-shared", "organization_id": "org-b", "name": "B site"},
        {"id": "loc-bad", "organization_id": "org-bad", "name": "Bad site"}])
    address = {"address_1": "1 Main St", "city": "San Mateo", "state_province": "CA",
               "postal_code": "94401", "country": "US"}
    append(folder / "addresses.csv", [
        dict(address, id="addr-1", location_id="loc-shared"),
        dict(address, id="addr-2", location_id="loc-bad"),
        dict(address, id="addr-3", location_id="loc-nowhere")])
    append(folder / "phones.csv", [
        {"id": "ph-a", "organization_id": "org-a", "number": "650-555-0100"},
        {"id": "ph-bad", "organization_id": "org-bad", "number": "650-555-0101"}])
    append(folder / "languages.csv", [{"id": "lang-a", "phone_id": "ph-a", "name": "Spanish"}])
    return folder


def read(package, monkeypatch, ahead):
    monkeypatch.setattr(tabular, "ROOTS_AHEAD", ahead)
    feed = open_feed(str(package), "hsds3-csv", name="demo")
    feed.check()
    return [(item.kind, item.external_id, item.data, item.line, item.notes)
            if isinstance(item, FeedRecord) else item for item in feed.records()]


def test_chunks_of_any_size_read_the_same_records_and_rejects(package, monkeypatch):
    whole = read(package, monkeypatch, 250)
    assert read(package, monkeypatch, 1) == whole
    assert read(package, monkeypatch, 3) == whole


def test_who_takes_which_child_row(package, monkeypatch):
    items = read(package, monkeypatch, 2)
    records = {item[1]: item[2] for item in items if isinstance(item, tuple)}
    # The first owner of a shared child id takes its rows; the second gets none.
    assert [a["id"] for a in records["org-a"]["locations"][0]["addresses"]] == ["addr-1"]
    assert records["org-b"]["locations"][0].get("addresses") == []
    # Grandchildren come along: a phone's languages.
    assert records["org-a"]["phones"][0]["languages"][0]["code"] == "es"
    assert "org-bad" not in records
    rejects = [(item.file, item.reason) for item in items if not isinstance(item, tuple)]
    # A rejected organization's rows (and their rows) are reported as orphans, once each.
    assert ("locations.csv", "location refers to unknown organization org-bad") in rejects
    assert ("phones.csv", "phone refers to unknown organization org-bad") in rejects
    assert ("addresses.csv", "address refers to unknown location loc-bad") in rejects
    assert ("addresses.csv", "address refers to unknown location loc-nowhere") in rejects
    assert sum(reason.startswith("organization.year_incorporated") for _, reason in rejects) == 1
