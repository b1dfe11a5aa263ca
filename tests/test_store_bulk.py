"""Batch saves do exactly what one-by-one saves do, in a number of queries that does not grow."""
import copy
import shutil
from collections import Counter

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from conftest import BACKEND
from directory import taxonomy
from directory.demogen.generator import generate
from directory.store.db import make_engine
from directory.store.ids import stable_id
from directory.store.models import Base, Metadata, Service
from directory.store.values import column_kind
from directory.store.writes import (
    save_organization, save_organizations_bulk, save_service, save_services_bulk)
from sql_statements import statements_run

SAVE_ONE = {"organization": save_organization, "service": save_service}
SAVE_MANY = {"organization": save_organizations_bulk, "service": save_services_bulk}


@pytest.fixture
def two_sessions(request, tmp_path):
    """Two fresh databases with taxonomies loaded, on the backend this run tests."""
    sessions = []
    for name in ("one", "many"):
        if BACKEND == "postgresql":
            cluster = request.getfixturevalue("pg_cluster")
            url = cluster.fresh_database()
            request.addfinalizer(lambda url=url: cluster.drop_database(url))
        else:
            path = tmp_path / f"{name}.sqlite3"
            shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
            url = f"sqlite:///{path}"
        engine = make_engine(url)
        request.addfinalizer(engine.dispose)
        session = Session(engine)
        request.addfinalizer(session.close)
        taxonomy.load_open_eligibility(session)
        taxonomy.ensure_profile_taxonomy(session)
        session.commit()
        sessions.append(session)
    return sessions


def runs(records):
    """Split (kind, data) pairs into consecutive runs of one kind, keeping their order."""
    batches = []
    for kind, data in records:
        if batches and batches[-1][0] == kind:
            batches[-1][1].append(data)
        else:
            batches.append((kind, [data]))
    return batches


def save_both(one, many, records):
    """Save records one by one into `one` and as batches into `many`; return both outcomes."""
    singles, batched = [], []
    for kind, data in records:
        try:
            result = SAVE_ONE[kind](one, copy.deepcopy(data), actor="tester")
            singles.append((result.created, result.changed, None))
        except Exception as error:  # noqa: BLE001 - the refusal itself is compared
            singles.append((False, False, error.errors))
    one.commit()
    for kind, batch in runs(records):
        for result in SAVE_MANY[kind](many, copy.deepcopy(batch), actor="tester"):
            batched.append((result.created, result.changed,
                            result.error.errors if result.error else None))
    many.commit()
    return singles, batched


def snapshot(session):
    """Every store row without timestamps and random metadata ids; the outbox's services."""
    tables = {}
    for table in Base.metadata.sorted_tables:
        if table.name in ("metadata", "search_outbox"):
            continue  # compared below without their random ids and queue order
        keep = [c for c in table.columns if column_kind(c) != "datetime"]
        rows = session.execute(select(*keep)).all()
        tables[table.name] = sorted(map(repr, rows))
    audit = session.execute(select(
        Metadata.resource_id, Metadata.resource_type, Metadata.last_action_type,
        Metadata.field_name, Metadata.previous_value, Metadata.replacement_value,
        Metadata.updated_by)).all()
    stamped = session.scalars(select(Service.id).where(Service.last_modified.is_not(None)))
    outbox = session.scalars(text("SELECT DISTINCT service_id FROM search_outbox")).all()
    return tables, Counter(audit), sorted(stamped), sorted(outbox)


def demo_records(size, seed=7):
    return [(record.kind, record.data) for record in generate(size, seed)]


def edited(records):
    """A second feed: renamed services, dropped and added children, a renamed location,
    one record that must be refused, and the rest unchanged."""
    out = copy.deepcopy(records)
    services = [data for kind, data in out if kind == "service"]
    services[0]["name"] = "Renamed service"
    services[1]["languages"] = services[1]["languages"][:1]
    services[2]["phones"] = [{"id": stable_id("bulk-test", "phone"), "number": "555-0100"}]
    services[3]["organization_id"] = stable_id("bulk-test", "no such organization")
    organization = next(data for kind, data in out if kind == "organization")
    organization["locations"][0]["name"] = "Renamed location"
    return out


def test_batches_write_exactly_what_single_saves_write(two_sessions):
    one, many = two_sessions
    first = demo_records(30)
    singles, batched = save_both(one, many, first)
    assert singles == batched and all(created for created, _, _ in batched)
    singles, batched = save_both(one, many, edited(first))
    assert singles == batched
    assert any(error for _, _, error in batched)  # the refused record is reported alone
    assert sum(changed for _, changed, _ in batched) >= 3
    assert snapshot(one) == snapshot(many)


def test_first_load_and_reload_agree(two_sessions):
    one, many = two_sessions
    records = demo_records(25, seed=11)
    singles, batched = save_both(one, many, records)
    assert singles == batched
    assert snapshot(one) == snapshot(many)
    singles, batched = save_both(one, many, records)
    assert singles == batched
    assert not any(changed for _, changed, _ in batched)
    assert snapshot(one) == snapshot(many)


def organizations_and_services(size, seed=5):
    records = demo_records(size, seed)
    return ([data for kind, data in records if kind == "organization"],
            [data for kind, data in records if kind == "service"])


@pytest.mark.parametrize("size", [10, 60])
def test_a_batch_costs_the_same_number_of_queries_whatever_its_size(two_sessions, size):
    session = two_sessions[1]
    organizations, services = organizations_and_services(size)
    save_organizations_bulk(session, organizations, actor="tester")
    with statements_run(session.get_bind()) as statements:
        results = save_services_bulk(session, services, actor="tester")
        session.commit()
    assert all(result.created for result in results)
    # One query per table to look, one executemany per table to write, plus the outbox.
    assert len(statements) < 100


def test_a_refused_record_does_not_stop_the_others(two_sessions):
    session = two_sessions[1]
    organizations, services = organizations_and_services(8)
    save_organizations_bulk(session, organizations, actor="tester")
    services[1] = dict(services[1], minimum_age=[18])
    services[2] = ["not", "an", "object"]
    results = save_services_bulk(session, services, actor="tester")
    session.commit()
    assert results[1].error.errors == {"minimum_age": ["must be a number"]}
    assert results[2].error.errors == {"_schema": ["must be an object"]}
    saved = [r.record.id for r in results if r.error is None]
    assert len(saved) == len(services) - 2 and all(r.created for r in results if not r.error)
    assert session.scalar(select(func.count()).select_from(Service)) == len(saved)


def test_an_unchanged_batch_writes_nothing(two_sessions):
    session = two_sessions[1]
    organizations, services = organizations_and_services(12)
    save_organizations_bulk(session, organizations, actor="tester")
    save_services_bulk(session, services, actor="tester")
    session.commit()
    before = snapshot(session), session.execute(select(Service.id, Service.last_modified)).all()
    session.execute(text("DELETE FROM search_outbox"))
    session.commit()
    session.expunge_all()
    org_results = save_organizations_bulk(session, copy.deepcopy(organizations), actor="x")
    results = save_services_bulk(session, copy.deepcopy(services), actor="x")
    assert not session.dirty and not session.new
    session.commit()
    assert not any(r.changed or r.created for r in org_results + results)
    after = snapshot(session), session.execute(select(Service.id, Service.last_modified)).all()
    assert after[0][:3] == before[0][:3] and after[1] == before[1]
    assert after[0][3] == []  # nothing queued for the search index


def stored(session, table, ident):
    """Return a row as the database holds it (text as stored on SQLite), without its id."""
    names = ", ".join(column.name for column in table.columns if column.name != "id")
    row = session.execute(text(f"SELECT {names} FROM {table.name} WHERE id = :id"),
                          {"id": ident}).one()
    return tuple(row)


def test_plain_row_inserts_store_what_core_inserts_store(two_sessions):
    """`insert_rows` (driver executemany on SQLite) keeps every type's stored form."""
    from datetime import date, datetime, timezone

    from sqlalchemy import insert

    from directory.store.fresh import insert_rows
    from directory.store.models import Organization, ServiceArea

    session = two_sessions[1]
    when = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=timezone.utc)
    organization = {"name": "Org", "description": "d", "year_incorporated": 1999}
    service = {"name": "S", "description": "d", "status": "active", "minimum_age": 18.0,
               "assured_date": date(2026, 1, 2), "last_modified": when, "wait_time_days": 3}
    area = {"description": "north", "postal_codes": ["94401", "94402"], "counties": []}
    audit = {"resource_id": "r", "resource_type": "service", "last_action_date": when,
             "last_action_type": "create", "field_name": "*", "previous_value": "",
             "replacement_value": "", "updated_by": "tester"}
    connection = session.connection()
    pairs = []
    for model, values in ((Organization, organization), (Service, service),
                          (ServiceArea, area), (Metadata, audit)):
        table = model.__table__
        ids = [stable_id("insert-rows", table.name, how) for how in ("core", "plain")]
        if model is Service:
            values = dict(values, organization_id=stable_id("insert-rows", "organization",
                                                            "core"))
        if model is ServiceArea:
            values = dict(values, service_id=stable_id("insert-rows", "service", "core"))
        connection.execute(insert(table), [dict(values, id=ids[0])])
        insert_rows(connection, table, [dict(values, id=ids[1])])
        pairs.append((table, ids))
    session.commit()
    for table, (core, plain) in pairs:
        assert stored(session, table, plain) == stored(session, table, core), table.name


def test_ordered_ids_are_distinct_increasing_version_7_uuids():
    import uuid

    from directory.store.fresh import ordered_ids

    first, second = ordered_ids(2000), ordered_ids(3)
    ids = first + second
    assert len(set(ids)) == 2003
    assert ids == sorted(ids)  # a later call's ids follow an earlier call's
    for ident in ids:
        parsed = uuid.UUID(ident)
        assert (parsed.version, parsed.variant, str(parsed)) == (7, uuid.RFC_4122, ident)
