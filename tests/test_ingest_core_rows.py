"""Brand-new records written as plain rows (the bulk feed path) match the ORM path exactly:
the same rows, the same audit (metadata) rows, the same last_modified stamps and the same
services in the search outbox; changed and refused records behave as before."""
import copy

import pytest

from directory.errors import InvalidInput
from directory.store.bulk import BulkSaver
from directory.search import outbox
from directory.store.models import Organization, Service
from test_store_bulk import (  # noqa: F401 - two_sessions is a fixture
    SAVE_ONE, demo_records, edited, runs, snapshot, two_sessions)

MODELS = {"organization": Organization, "service": Service}


@pytest.fixture(autouse=True)
def search_outbox():
    """The app installs the outbox listener; these sessions have no app, so install it."""
    outbox.install()


def save_with_core_rows(session, records):
    """Save records as bulk feeds do (Core rows for new trees); return (created, changed, errors)."""
    outcomes = []
    for kind, batch in runs(records):
        saver = BulkSaver(session, actor="tester", core_inserts=True)
        saver.prefetch(MODELS[kind], batch)
        for data in copy.deepcopy(batch):
            try:
                result = saver.save(MODELS[kind], data)
                outcomes.append((result.created, result.changed, None))
            except InvalidInput as error:
                outcomes.append((False, False, error.errors))
        saver.finish()
    session.commit()
    return outcomes


def save_one_by_one(session, records):
    outcomes = []
    for kind, data in records:
        try:
            result = SAVE_ONE[kind](session, copy.deepcopy(data), actor="tester")
            outcomes.append((result.created, result.changed, None))
        except InvalidInput as error:
            outcomes.append((False, False, error.errors))
    session.commit()
    return outcomes


def test_new_records_as_core_rows_write_what_the_orm_writes(two_sessions):
    one, many = two_sessions
    records = demo_records(30)
    assert save_one_by_one(one, records) == save_with_core_rows(many, records)
    assert snapshot(one) == snapshot(many)
    tables, audit, stamped, outbox = snapshot(many)
    assert len(outbox) == sum(kind == "service" for kind, _ in records)


def test_changed_and_refused_records_after_core_rows_match_too(two_sessions):
    one, many = two_sessions
    records = demo_records(20, seed=3)
    save_one_by_one(one, records)
    save_with_core_rows(many, records)
    second = edited(records)
    singles, batched = save_one_by_one(one, second), save_with_core_rows(many, second)
    assert singles == batched and any(error for _, _, error in batched)
    assert snapshot(one) == snapshot(many)
    # Unchanged input again: nothing created, nothing changed, no new audit rows.
    before = snapshot(many)
    assert not any(changed for _, changed, _ in save_with_core_rows(many, second))
    assert snapshot(many) == before


def test_a_record_naming_a_row_still_buffered_sees_it(two_sessions):
    _, many = two_sessions
    records = demo_records(4, seed=5)
    organizations = [data for kind, data in records if kind == "organization"]
    child = copy.deepcopy(organizations[0])
    child.update(id="0b7f6c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b", name="Branch office",
                 parent_organization_id=organizations[0]["id"], locations=[], phones=[],
                 contacts=[], programs=[], funding=[], organization_identifiers=[],
                 attributes=[])
    outcomes = save_with_core_rows(many, [("organization", organizations[0]),
                                          ("organization", child)])
    assert outcomes == [(True, True, None), (True, True, None)]
    assert many.get(Organization, child["id"]).parent_organization_id == organizations[0]["id"]
