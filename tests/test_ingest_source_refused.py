"""Feeds whose structure is wrong are refused before any record, with a clear message."""
import shutil
import zipfile
from pathlib import Path

import pytest

from ingest.sources import FeedRecord, FeedRefused, open_feed

FEEDS = Path(__file__).parent / "fixtures" / "feeds"
BROKEN = FEEDS / "broken"


@pytest.mark.parametrize("location, format, message", [
    (BROKEN / "missing_table", "hsds3-csv", "missing required table services.csv"),
    (BROKEN / "missing_column", "hsds3-csv", "services.csv lacks required column(s) "
                                             "organization_id"),
    (BROKEN / "utf16", "hsds3-csv", "organizations.csv is UTF-16; save it as UTF-8"),
    (BROKEN / "invalid_bytes", "hsds3-csv", "services.csv is not UTF-8 (invalid bytes on line 3)"),
    (BROKEN / "bad_datapackage", "hsds3-csv", "datapackage.json is not valid JSON"),
    (BROKEN / "not_a_zip.zip", "hsds3-csv", "not_a_zip.zip is not a zip archive"),
    (BROKEN / "211_no_name_column.csv", "211-csv", "lacks a column for: name"),
    (BROKEN / "missing_table", "ohana-csv", "missing required table locations.csv"),
    (BROKEN / "nowhere", "hsds-legacy-csv", "does not exist"),
])
def test_broken_feed_is_refused_before_any_record(location, format, message):
    feed = open_feed(location, format)
    with pytest.raises(FeedRefused) as refused:
        feed.check()
    assert message in str(refused.value)
    with pytest.raises(FeedRefused):
        next(iter(feed.records()))


def test_unknown_format_is_refused():
    with pytest.raises(FeedRefused, match="unknown format 'xml'"):
        open_feed(FEEDS / "hsds3", "xml")


def test_undetectable_folder_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(FeedRefused, match="cannot tell the feed format"):
        open_feed(tmp_path)


def test_zipped_package_reads_like_the_folder(tmp_path):
    archive = tmp_path / "feed.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in (FEEDS / "hsds3").iterdir():
            bundle.write(path, f"export-2024/{path.name}")  # zips often nest a folder
    from_zip = [r for r in open_feed(archive).records() if isinstance(r, FeedRecord)]
    from_dir = [r for r in open_feed(FEEDS / "hsds3").records() if isinstance(r, FeedRecord)]
    assert [r.data for r in from_zip] == [r.data for r in from_dir]


def test_datapackage_paths_name_the_tables(tmp_path):
    feed = tmp_path / "renamed"
    shutil.copytree(FEEDS / "hsds3", feed)
    (feed / "services.csv").rename(feed / "svc_export.csv")
    text = (feed / "datapackage.json").read_text().replace('"services.csv"', '"svc_export.csv"')
    (feed / "datapackage.json").write_text(text)
    records = [r for r in open_feed(feed).records() if isinstance(r, FeedRecord)]
    assert {r.external_id for r in records if r.kind == "service"} == {"svc-1", "svc-2"}
