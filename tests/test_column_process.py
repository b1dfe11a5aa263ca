"""A large rebuild builds its column files in a second process, with the same result."""
import pytest
from backend_contract import make_document

from matcher.backends.tantivy_backend import TantivyBackend
from matcher.columns import process


CODES = ["BD-1800", "BH-1800.1500", "LH-2700", "PN-8100", "RP-1400"]


def documents(count):
    # Services share grid cells, and every fourth has no site: within a cell, rows are
    # ordered by what the checks branch on and by first need, in every process alike.
    return [make_document(f"d{i:03}", service_id=f"s{i // 3}", name=f"Food pantry {i % 7}",
                          latitude=None if i % 4 == 0 else 37.0 + i % 3 / 100,
                          longitude=None if i % 4 == 0 else -122.0 - i % 3 / 100,
                          taxonomy_codes=[CODES[(i * k) % 5] for k in (1, 2, 3)],
                          taxonomy_term_ids=[f"term-{i % 6}"],
                          modalities=["in_person", "virtual"][: 1 + i % 2],
                          languages=["en", "es"][: 1 + i % 2],
                          hours=[{"day": i % 7, "opens": 540, "closes": 1020}])
            for i in range(count)]


def every_row(backend):
    columns = backend._columns
    return {columns.document(row)["id"]: columns.document(row) for row in range(columns.count)}


def test_the_column_process_builds_what_one_process_builds(tmp_path, monkeypatch):
    docs = documents(60)
    alone = TantivyBackend(tmp_path / "alone")
    assert alone.rebuild(iter(docs)) == 60
    monkeypatch.setattr(process, "START_AFTER", 7)
    monkeypatch.setattr(process, "BATCH", 5)
    shared = TantivyBackend(tmp_path / "shared")
    assert shared.rebuild(iter(docs)) == 60
    assert every_row(shared) == every_row(alone) == {doc["id"]: doc for doc in docs}
    for name in ("cell", "row_of_insert", "languages", "schedule", "ids", "service_ids"):
        assert (getattr(shared._columns, name) == getattr(alone._columns, name)).all()
    for family in ("stems", "needs"):   # keys are numbered in set order: per-process hashing
        ours, theirs = shared._columns.postings[family], alone._columns.postings[family]
        assert sorted(ours.keys) == sorted(theirs.keys)
        assert all((ours.get(key) == theirs.get(key)).all() for key in ours.keys)


def test_a_failed_column_process_leaves_the_live_index_alone(tmp_path, monkeypatch):
    backend = TantivyBackend(tmp_path)
    backend.rebuild(iter(documents(3)))
    live = (tmp_path / "CURRENT").read_text()
    monkeypatch.setattr(process, "START_AFTER", 2)
    broken = documents(10)
    broken[6]["hours"] = [{"day": 0, "opens": 540.5, "closes": 1020}]   # columns refuse it
    with pytest.raises(RuntimeError, match="column build"):
        backend.rebuild(iter(broken))
    assert (tmp_path / "CURRENT").read_text() == live
    assert backend.count() == 3
