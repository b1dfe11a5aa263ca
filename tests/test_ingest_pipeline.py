"""The reader process gives the writer exactly what reading in-process gives, passes the
source's errors on, and never outlives the run."""
import multiprocessing

import pytest

from directory.demogen.generator import generate
from ingest.export.hsds_csv import export_package
from ingest.jobs.pipeline import batches, read_ahead
from ingest.sources import FeedRefused, open_feed
from ingest_feeds import ListFeed, bad_row


def flat(groups):
    return [(item.record.external_id, item.data, item.digest, item.terms)
            if hasattr(item, "digest") else item for batch in groups for item in batch]


def test_the_reader_process_yields_the_batches_read_in_process(tmp_path):
    export_package(((r.kind, r.data) for r in generate(12, 3)), tmp_path / "feed")
    here = open_feed(str(tmp_path / "feed"), "hsds3-csv", name="demo")
    there = open_feed(str(tmp_path / "feed"), "hsds3-csv", name="demo")
    here.check()
    there.check()
    sizes = [len(batch) for batch in read_ahead(there, 5)]
    assert sizes[:-1] == [5] * (len(sizes) - 1)
    there = open_feed(str(tmp_path / "feed"), "hsds3-csv", name="demo")
    there.check()
    assert flat(read_ahead(there, 5)) == flat(batches(here, 5))


class BrokenFeed(ListFeed):
    def records(self):
        yield bad_row(2)
        raise FeedRefused("services.csv changed while it was read")


def test_an_error_in_the_reader_reaches_the_writer_after_the_batches_before_it():
    received = []
    with pytest.raises(FeedRefused, match="changed while it was read"):
        for batch in read_ahead(BrokenFeed([]), 1):
            received.extend(batch)
    assert received == [bad_row(2)]


def test_a_writer_that_stops_early_ends_the_reader():
    feed = ListFeed([bad_row(line) for line in range(2, 2000)])
    reading = read_ahead(feed, 10)
    next(reading)
    reading.close()
    assert not [child for child in multiprocessing.active_children()
                if child.name.startswith("ingest-reader")]
