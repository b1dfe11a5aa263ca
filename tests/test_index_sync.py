"""Store writes reach the search index through the outbox: same transaction, at least once."""
import time

import pytest
from sqlalchemy import select, text

from directory.search import worker
from directory.search.backend import search_backend
from directory.search.models import SearchOutbox
from directory.search.sync import documents_of, drain, replace_services
from directory.store.ids import stable_id
from directory.store.models import Service, TaxonomyTerm
from directory.store.writes import save_service, set_service_status
from factories import (
    ACTOR, as_json, ensure_terms, location_data, make_organization, make_service, service_data,
)
from matcher.backends.base import CandidateQuery


pytest_plugins = ("es_standin",)


@pytest.fixture(params=["tantivy", "elasticsearch"])
def backend(request, app):
    """The app's backend: embedded tantivy, or Elasticsearch (the stand-in unless configured)."""
    if request.param == "elasticsearch":
        app.extensions["search_backend"] = request.getfixturevalue("elasticsearch_backend")
    return search_backend(app)


def outbox_ids(app):
    """Return queued service ids as another connection (another process) sees them."""
    with app.extensions["sqlalchemy_engine"].connect() as connection:
        return [row[0] for row in connection.execute(
            text("SELECT service_id FROM search_outbox ORDER BY id"))]


def indexed(backend, **query):
    found = backend.candidates(CandidateQuery(active_only=False, **query))
    return {candidate.document["id"]: candidate.document for candidate in found}


def test_outbox_row_commits_with_the_change_and_not_before(app, session):
    org = make_organization(session)
    ensure_terms(session)
    session.commit()
    service = save_service(session, service_data(org.id), actor=ACTOR).record
    session.flush()
    assert session.scalars(select(SearchOutbox.service_id)).all() == [service.id]
    assert outbox_ids(app) == []          # not visible to anyone until the commit
    session.commit()
    assert outbox_ids(app) == [service.id]


def test_rolled_back_change_leaves_nothing_queued(app, session):
    org = make_organization(session)
    ensure_terms(session)
    session.commit()
    save_service(session, service_data(org.id), actor=ACTOR)
    session.flush()
    session.rollback()
    assert outbox_ids(app) == []


def test_a_rolled_back_savepoint_does_not_swallow_a_later_change(app, session):
    org = make_organization(session)
    ensure_terms(session)
    session.commit()
    savepoint = session.begin_nested()
    save_service(session, service_data(org.id), actor=ACTOR)
    session.flush()
    savepoint.rollback()
    service = save_service(session, service_data(org.id), actor=ACTOR).record
    session.commit()
    assert outbox_ids(app) == [service.id]


def test_saving_the_same_content_again_queues_nothing(app, session, backend):
    service = make_service(session)
    drain(session, backend)
    save_service(session, as_json(service), actor=ACTOR)
    session.commit()
    assert outbox_ids(app) == []


def test_drain_makes_a_new_service_searchable_and_empties_the_outbox(app, session, backend):
    service = make_service(session)
    assert drain(session, backend) == 1
    found = indexed(backend, text="counseling")
    assert [doc["service_id"] for doc in found.values()] == [service.id]
    assert outbox_ids(app) == []
    assert drain(session, backend) == 0


def test_edited_hours_are_resynced(session, backend):
    org = make_organization(session)
    data = service_data(org.id)
    make_service(session, organization_id=org.id)
    drain(session, backend)
    data["service_at_locations"][0]["schedules"][0]["closes_at"] = "16:00"
    save_service(session, data, actor=ACTOR)
    session.commit()
    drain(session, backend)
    [doc] = indexed(backend).values()
    assert doc["hours"] == [{"day": 5, "opens": 600, "closes": 960}]


def test_a_changed_phone_reaches_the_contact_shown_with_matches(session, backend):
    org = make_organization(session)
    data = service_data(org.id, key="line")
    make_service(session, organization_id=org.id, key="line")
    drain(session, backend)
    data["phones"][0]["number"] = "650-555-0177"
    save_service(session, data, actor=ACTOR)
    session.commit()
    drain(session, backend)
    [doc] = indexed(backend).values()
    assert doc["contact"]["phone"] == "650-555-0177"


def test_location_edit_reaches_every_service_delivered_there(session, backend):
    org = make_organization(session)
    place = location_data(organization_id=org.id)
    first = make_service(session, organization_id=org.id, key="first", location=place)
    second = make_service(session, organization_id=org.id, key="second", location=place)
    drain(session, backend)
    moved = dict(place, latitude=37.50, longitude=-122.26)
    save_service(session, service_data(org.id, key="first", location=moved), actor=ACTOR)
    session.commit()
    assert drain(session, backend) >= 2
    latitudes = {doc["service_id"]: doc["latitude"] for doc in indexed(backend).values()}
    assert latitudes == {first.id: 37.50, second.id: 37.50}


def test_removed_site_inactive_and_deleted_services_leave_the_index(session, backend):
    org = make_organization(session)
    data = service_data(org.id, key="two")
    extra = location_data(key="extra", organization_id=org.id)
    data["service_at_locations"].append({"id": stable_id("extra-site"), "location": extra})
    save_service(session, data, actor=ACTOR)
    other = make_service(session, organization_id=org.id, key="other")
    drain(session, backend)
    assert len(indexed(backend)) == 3
    data["service_at_locations"].pop()
    save_service(session, data, actor=ACTOR)
    session.commit()
    drain(session, backend)
    assert stable_id("extra-site") not in indexed(backend)
    set_service_status(session, data["id"], "inactive", actor=ACTOR)
    session.commit()
    drain(session, backend)
    assert [doc["service_id"] for doc in indexed(backend).values()] == [other.id]
    session.delete(session.get(Service, other.id))
    session.commit()
    drain(session, backend)
    assert indexed(backend) == {}


def test_a_drain_that_died_before_clearing_is_redone_with_the_same_result(app, session, backend):
    service = make_service(session)
    # First worker: indexed the documents, then died before deleting its outbox rows.
    with app.extensions["sqlalchemy_sessionmaker"]() as dying:
        queued = dying.scalars(select(SearchOutbox.service_id)).all()
        replace_services(backend, queued, documents_of(dying, queued))
    before = indexed(backend)
    assert outbox_ids(app) == [service.id]
    # Next worker, another session: redoes the same work; nothing is doubled or lost.
    with app.extensions["sqlalchemy_sessionmaker"]() as next_worker:
        assert drain(next_worker, backend) == 1
    assert indexed(backend) == before and backend.count() == 1
    assert outbox_ids(app) == []


def test_change_committed_during_a_drain_is_not_lost(app, session, backend):
    service = make_service(session)
    with app.extensions["sqlalchemy_sessionmaker"]() as drainer:
        seen = drainer.scalars(select(SearchOutbox.id)).all()
        data = as_json(session.get(Service, service.id))
        data["name"] = "Family Counseling Centre"
        save_service(session, data, actor=ACTOR)
        session.commit()
        # The drainer deletes only the rows it read, so the new row survives.
        drainer.execute(SearchOutbox.__table__.delete().where(SearchOutbox.id.in_(seen)))
        drainer.commit()
    assert outbox_ids(app) == [service.id]
    drain(session, backend)
    [doc] = indexed(backend).values()
    assert doc["name"] == "Family Counseling Centre"


def test_sync_thread_indexes_a_committed_write_by_itself(app, session, backend):
    worker.start_thread(app)
    try:
        service = make_service(session)
        started = time.monotonic()
        # The thread polls the outbox every SEARCH_SYNC_INTERVAL; a loaded test machine may
        # take longer than that, so this waits generously and asserts only that the write
        # arrives without anyone draining the outbox.
        while not indexed(backend) and time.monotonic() - started < 15:
            time.sleep(0.05)
        assert [doc["service_id"] for doc in indexed(backend).values()] == [service.id]
    finally:
        worker.stop_thread(app)


def test_flask_index_rebuild_reproduces_the_synced_documents(session, backend, runner):
    org = make_organization(session)
    make_service(session, organization_id=org.id, key="one")
    make_service(session, organization_id=org.id, key="two", name="Youth Counseling")
    drain(session, backend)
    synced = indexed(backend)
    result = runner.invoke(args=["index", "rebuild", "--batch", "1"])
    assert result.exit_code == 0, result.output
    assert "indexed 2 documents" in result.output
    assert indexed(backend) == synced


def test_rebuild_consumes_the_queued_changes_it_covers(app, session, backend, runner):
    org = make_organization(session)
    service = make_service(session, organization_id=org.id)
    assert outbox_ids(app) == [service.id]
    result = runner.invoke(args=["index", "rebuild"])
    assert result.exit_code == 0, result.output
    assert outbox_ids(app) == []          # nothing left to redo after a full rebuild
    assert [doc["service_id"] for doc in indexed(backend).values()] == [service.id]


def test_rebuild_if_empty_builds_once_and_then_leaves_the_index_alone(session, backend, runner):
    org = make_organization(session)
    make_service(session, organization_id=org.id, key="one")
    first = runner.invoke(args=["index", "rebuild", "--if-empty"])
    assert "indexed 1 documents" in first.output, first.output
    make_service(session, organization_id=org.id, key="two", name="Youth Counseling")
    second = runner.invoke(args=["index", "rebuild", "--if-empty"])
    assert "nothing to do" in second.output
    assert len(indexed(backend)) == 1     # the new service waits for the outbox drain


def test_flask_index_sync_and_status(app, session, runner):
    make_service(session)
    status = runner.invoke(args=["index", "status"]).output
    assert "queued changes: 1" in status and "writer: none running" in status
    assert "indexed 1 queued changes" in runner.invoke(args=["index", "sync"]).output
    assert "documents: 1" in runner.invoke(args=["index", "status"]).output


def test_only_one_process_is_the_writer(app, runner):
    writer = worker.writer_lock(app)
    assert writer.acquire()
    try:
        # Another process (here: the CLI) finds the writer busy and leaves the index alone.
        assert worker.writer_lock(app).acquire() is False
        output = runner.invoke(args=["index", "sync"]).output
        assert "is the index writer" in output
    finally:
        writer.release()
    assert worker.writer_lock(app).holder() is None


def test_renaming_a_parent_category_reaches_services_filed_under_its_children(session, backend):
    service = make_service(session)
    drain(session, backend)
    parent = session.get(TaxonomyTerm, stable_id("open-eligibility", "106-06"))
    parent.name = "Behavioral Health"
    session.commit()
    drain(session, backend)
    [doc] = indexed(backend, text="behavioral").values()
    assert doc["service_id"] == service.id


def test_the_writer_compacts_once_enough_documents_wait(app, session, runner):
    org = make_organization(session)
    assert "indexed 0 documents" in runner.invoke(args=["index", "rebuild"]).output
    app.config.update(SEARCH_COMPACT_AFTER=3)
    make_service(session, organization_id=org.id, key="one")
    output = runner.invoke(args=["index", "sync"]).output
    assert "queued changes" in output and "compacted" not in output
    for key in ("two", "three"):
        make_service(session, organization_id=org.id, key=key)
    output = runner.invoke(args=["index", "sync"]).output
    assert "compacted: 3 documents" in output
    status = runner.invoke(args=["index", "status"]).output
    assert "column files, 3 rows; 0 documents written since the last rebuild" in status
    assert len(indexed(search_backend(app))) == 3


def test_compaction_can_be_turned_off(app, session, runner):
    app.config.update(SEARCH_COMPACT_AFTER=None)
    runner.invoke(args=["index", "rebuild"])
    make_service(session)
    assert "compacted" not in runner.invoke(args=["index", "sync"]).output
    assert search_backend(app).overlay_size() == (1, 0)


def test_flask_index_compact_folds_what_waits(session, runner):
    runner.invoke(args=["index", "rebuild"])
    make_service(session)
    runner.invoke(args=["index", "sync"])          # one document: below the threshold
    result = runner.invoke(args=["index", "compact"])
    assert result.exit_code == 0, result.output
    assert "compacted: 1 documents (1 written since the last build, 0 built)" in result.output
    again = runner.invoke(args=["index", "compact"])
    assert "nothing to compact" in again.output
