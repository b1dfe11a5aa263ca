"""Ingest runs: refusal, rejects, idempotent re-runs, deactivation and the recorded run."""
from sqlalchemy import func, select

from directory.store.models import Metadata, Service
from ingest.jobs import JobOptions, run_feed
from ingest.models import IngestReject, IngestRun
from ingest.sources import feed_key
from ingest_feeds import ListFeed, bad_row, org, service


def ingest(session, items, **kwargs):
    options = JobOptions(batch_size=kwargs.pop("batch_size", 2),
                         deactivate_missing=kwargs.pop("deactivate_missing", True))
    return run_feed(session, ListFeed(items, **kwargs), options)


def our_service(session, ext, source="partner"):
    return session.get(Service, feed_key(source, "service", ext), populate_existing=True)


def test_refused_feed_writes_nothing_and_records_why(session):
    run = ingest(session, [org(), service()], refuse="missing required table services.csv")
    assert run.status == "refused"
    assert run.message == "missing required table services.csv"
    assert run.finished_at is not None
    assert session.scalar(select(func.count()).select_from(Service)) == 0


def test_bad_rows_are_rejected_with_file_line_and_reason_and_the_rest_is_imported(session):
    invalid = service("svc-2", name="Bad Status", line=3, status="open-ish")
    run = ingest(session, [org(), service(), bad_row(), invalid])
    assert run.status == "succeeded"
    assert (run.read, run.created, run.rejected) == (4, 2, 2)
    rejects = session.scalars(select(IngestReject).order_by(IngestReject.id)).all()
    assert [(r.file, r.line, r.external_id) for r in rejects] == [
        ("services.csv", 9, "svc-bad"), ("services.csv", 3, "svc-2")]
    assert rejects[0].reason == "missing required service name"
    assert "status" in rejects[1].reason
    assert our_service(session, "svc-1").name == "Family Counseling"


def test_same_feed_twice_changes_nothing(session):
    items = [org(), service(), service("svc-2", name="Food Pantry", line=3)]
    first = ingest(session, items)
    stamp = our_service(session, "svc-1").last_modified
    audit = session.scalar(select(func.count()).select_from(Metadata))
    second = ingest(session, items)
    assert (first.created, first.updated) == (3, 0)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3)
    assert our_service(session, "svc-1").last_modified == stamp
    assert session.scalar(select(func.count()).select_from(Metadata)) == audit


def test_changed_record_is_updated_in_place(session):
    ingest(session, [org(), service()])
    run = ingest(session, [org(), service(description="Now with evening hours.")])
    assert (run.created, run.updated, run.unchanged) == (0, 1, 1)
    assert our_service(session, "svc-1").description == "Now with evening hours."
    assert session.scalar(select(func.count()).select_from(Service)) == 1


def test_services_missing_from_a_full_feed_become_inactive_not_deleted(session):
    ingest(session, [org(), service(), service("svc-2", name="Food Pantry", line=3)])
    run = ingest(session, [org(), service()])
    assert run.deactivated == 1
    gone = our_service(session, "svc-2")
    assert gone is not None and gone.status == "inactive"
    assert our_service(session, "svc-1").status == "active"
    audit = session.scalars(select(Metadata).where(Metadata.resource_id == gone.id,
                                                   Metadata.field_name == "status")).all()
    assert [(m.previous_value, m.replacement_value) for m in audit] == [("active", "inactive")]
    again = ingest(session, [org(), service(), service("svc-2", name="Food Pantry", line=3)])
    assert our_service(session, "svc-2").status == "active"
    assert again.deactivated == 0 and again.updated == 1


def test_deactivation_is_configurable_and_skipped_for_incremental_feeds(session):
    ingest(session, [org(), service(), service("svc-2", name="Food Pantry", line=3)])
    assert ingest(session, [org(), service()], deactivate_missing=False).deactivated == 0
    assert ingest(session, [org(), service()], full=False).deactivated == 0
    assert our_service(session, "svc-2").status == "active"


def test_each_run_is_recorded_with_source_times_and_counts(session):
    ingest(session, [org(), service(), bad_row()], name="county-211")
    run = session.scalars(select(IngestRun)).one()
    assert (run.source, run.format, run.location) == ("county-211", "test-list",
                                                      "memory://county-211")
    assert run.started_at <= run.finished_at
    assert run.counts() == {"read": 3, "created": 2, "updated": 0, "unchanged": 0,
                            "deactivated": 0, "rejected": 1, "geocoded": 0, "merged": 0}


def test_a_run_collects_garbage_between_batches_and_puts_the_collector_back(session):
    import gc

    from ingest.jobs import tuning

    before = (gc.isenabled(), gc.get_freeze_count(), gc.get_threshold())
    seen = []

    def progress(count):
        seen.append((gc.isenabled(), gc.get_freeze_count() > before[1]))

    run = run_feed(session, ListFeed([org(), service(), org("org-2", "Second Org")]),
                   JobOptions(batch_size=1, progress=progress))
    assert run.status == "succeeded"
    # During the run: no automatic passes, and the objects alive before it frozen.
    assert seen == [(False, True)] * 3
    assert (gc.isenabled(), gc.get_freeze_count(), gc.get_threshold()) == before
    assert not tuning._active


def test_cyclic_garbage_of_a_run_is_collected_between_batches():
    import gc
    import weakref

    from ingest.jobs import tuning

    class Node:
        pass

    def cycle():
        node = Node()
        node.self = node  # only the collector frees it
        return node, weakref.ref(node)

    with tuning.collector_settings():
        node, gone = cycle()
        gc.collect(0)  # it outlives a young pass, then becomes garbage: young passes miss it
        del node
        for count in range(1, tuning.OLDER_EVERY):
            tuning.between_batches(count)
            assert gone() is not None  # no automatic passes, and young ones miss it
        tuning.between_batches(tuning.OLDER_EVERY)
        assert gone() is None
        young = cycle()[1]
        tuning.between_batches(tuning.READER_EVERY - 1, young=tuning.READER_EVERY)
        assert young() is not None
        tuning.between_batches(tuning.READER_EVERY, young=tuning.READER_EVERY)
        assert young() is None
    assert gc.isenabled()
