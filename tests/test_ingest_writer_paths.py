"""The ingest writer's fast paths: brand-new trees told apart in the checking pass, run settings."""
import pytest
from sqlalchemy import text

from conftest import BACKEND
from directory.store.audit import CREATE, Change
from directory.store.bulk import BulkSaver
from directory.store.models import Service
from directory.store.validate import clean_root, clean_tree
from factories import ensure_terms, location_data, make_service, service_data
from ingest.jobs import tuning


def test_a_tree_is_new_only_when_none_of_its_rows_exists(session):
    existing = make_service(session)
    org_id = existing.organization_id
    again = service_data(org_id)
    # A reference to an existing organization does not make the tree old.
    fresh = service_data(org_id, key="other", location=location_data("other", org_id))
    # A new service whose site names the existing location inline is not brand-new.
    shared = service_data(org_id, key="shared", location=location_data(organization_id=org_id))

    assert clean_tree(session, Service, fresh)[1] is True
    assert clean_tree(session, Service, again)[1] is False
    assert clean_tree(session, Service, shared)[1] is False
    assert clean_root(session, Service, fresh).id == fresh["id"]


def test_a_bulk_feed_writes_brand_new_trees_as_rows_and_others_through_the_orm(session):
    existing = make_service(session)
    org_id = existing.organization_id
    saver = BulkSaver(session, actor="feed", core_inserts=True)
    records = [service_data(org_id, key="other", location=location_data("other", org_id)),
               service_data(org_id, key="shared", location=location_data(organization_id=org_id))]
    saver.prefetch(Service, records)
    brand_new, shared = (saver.save(Service, data) for data in records)
    saver.finish()
    session.commit()

    assert brand_new.created and brand_new.record is None  # plain rows, no ORM object
    assert shared.created and shared.record is not None
    assert brand_new.changes[0] == Change(records[0]["id"], "service", CREATE)
    assert session.get(Service, records[0]["id"]).name == "Family Counseling"


def test_audit_changes_compare_and_hash_by_value():
    one = Change("id-1", "phone", CREATE)
    assert one == Change("id-1", "phone", CREATE) and len({one, Change("id-1", "phone",
                                                                       CREATE)}) == 1
    assert (one.field_name, one.previous_value, one.replacement_value) == ("*", "", "")
    with pytest.raises(AttributeError):
        one.action = "delete"


@pytest.mark.skipif(BACKEND != "sqlite", reason="SQLite connection settings")
def test_a_run_checkpoints_less_often_and_puts_the_connection_back(session):
    ensure_terms(session)
    session.commit()

    def pragma(name):
        return session.connection().exec_driver_sql(f"PRAGMA {name}").scalar()

    before = {name: pragma(name) for name in ("wal_autocheckpoint", "cache_size", "synchronous")}
    with tuning.bulk_settings(session):
        assert pragma("wal_autocheckpoint") == tuning.CHECKPOINT_PAGES
        assert pragma("cache_size") == -tuning.CACHE_KIB
        assert pragma("journal_mode") == "wal"  # journaling is never turned off
    session.commit()
    assert {name: pragma(name) for name in before} == before
    assert session.execute(text("SELECT 1")).scalar() == 1


def test_audit_rows_as_tuples_store_what_dict_rows_store(session):
    from datetime import datetime, timezone

    from sqlalchemy import select

    from directory.store.audit import METADATA_COLUMNS, metadata_rows, metadata_values
    from directory.store.fresh import insert_rows, insert_values
    from directory.store.models import Metadata

    when = datetime(2026, 11, 23, 9, 30, 15, 123456, tzinfo=timezone.utc)
    changes = [Change("r-1", "service", CREATE),
               Change("r-2", "phone", "update", "number", "650-1", "650-2")]
    connection = session.connection()
    insert_rows(connection, Metadata.__table__,
                metadata_rows(changes, actor="feed", when=when, ids=["a-1", "a-2"]))
    insert_values(connection, Metadata.__table__, METADATA_COLUMNS,
                  metadata_values(changes, actor="feed", when=when, ids=["b-1", "b-2"]))
    insert_values(connection, Metadata.__table__, METADATA_COLUMNS, [])
    session.commit()

    columns = [Metadata.__table__.c[name] for name in METADATA_COLUMNS[1:]]
    by_batch = [session.execute(select(*columns).where(Metadata.id.startswith(prefix))
                                .order_by(Metadata.id)).all() for prefix in ("a-", "b-")]
    assert by_batch[0] == by_batch[1] and len(by_batch[0]) == 2
    assert tuple(by_batch[1][1]) == ("r-2", "phone", "update", "number", "650-1", "650-2",
                                     when, "feed")
