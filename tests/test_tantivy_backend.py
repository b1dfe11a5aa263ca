"""The tantivy backend: the shared contract, plus what only an on-disk index can show."""
import gc
import threading
import time

import pytest

from backend_contract import BackendContract, SITES, ids, make_document, point
from matcher.backends.base import CandidateQuery
from matcher.backends.registry import enabled, get_backend
from matcher.backends.tantivy_backend import TantivyBackend


class TestTantivyOnDiskContract(BackendContract):
    @pytest.fixture
    def backend(self, tmp_path):
        return TantivyBackend(tmp_path / "index")


class TestTantivyInMemoryContract(BackendContract):
    @pytest.fixture
    def backend(self):
        return TantivyBackend()


def test_registry_offers_tantivy_by_default(tmp_path):
    assert "tantivy" in enabled()
    backend = get_backend(path=tmp_path / "idx")
    assert isinstance(backend, TantivyBackend) and backend.health().ok


def test_a_second_reader_sees_writes_and_rebuilds(tmp_path):
    writer = TantivyBackend(tmp_path / "index")
    reader = TantivyBackend(tmp_path / "index")
    writer.index([make_document("a", text="food")])
    assert ids(reader.candidates(CandidateQuery(text="food"))) == ["a"]
    writer.rebuild([make_document("b", text="food")])
    assert ids(reader.candidates(CandidateQuery(text="food"))) == ["b"]
    writer.index([make_document("c", text="food")])
    assert ids(reader.candidates(CandidateQuery(text="food"))) == ["b", "c"]


def test_rebuild_keeps_only_the_live_and_previous_generations(tmp_path):
    backend = TantivyBackend(tmp_path / "index")
    for round_ in range(4):
        backend.rebuild([make_document(f"d{round_}")])
    generations = sorted(p.name for p in (tmp_path / "index").glob("gen-*"))
    assert len(generations) == 2
    assert (tmp_path / "index" / "CURRENT").read_text() == generations[-1]
    assert ids(backend.candidates(CandidateQuery())) == ["d3"]


def test_a_rebuild_gives_the_garbage_collector_back_even_when_it_fails(tmp_path):
    """A rebuild pauses the cyclic collector; a web process that compacts its index must get
    it back afterwards, or cycles made by other code would pile up for as long as it runs."""
    backend = TantivyBackend(tmp_path / "index")
    assert gc.isenabled()
    backend.rebuild([make_document(f"d{i}") for i in range(3)])
    assert gc.isenabled()

    def failing():
        yield make_document("ok")
        assert not gc.isenabled()       # paused while the documents are read
        raise RuntimeError("the store went away")
    with pytest.raises(RuntimeError):
        backend.rebuild(failing())
    assert gc.isenabled()
    assert ids(backend.candidates(CandidateQuery())) == ["d0", "d1", "d2"]


def test_compaction_folds_the_overlay_for_every_reader(tmp_path):
    writer = TantivyBackend(tmp_path / "index")
    reader = TantivyBackend(tmp_path / "index")          # another process, in effect
    writer.rebuild([make_document(f"b{i}", text="food") for i in range(5)])
    writer.index([make_document("b0", text="shelter"), make_document("new", text="food")])
    writer.delete(["b1"])
    assert reader.overlay_size() == (2, 5)
    assert writer.compact() == 5
    assert reader.overlay_size() == (0, 5) and reader.snapshot().dead is None
    assert ids(reader.candidates(CandidateQuery(text="food"))) == ["b2", "b3", "b4", "new"]
    assert ids(reader.candidates(CandidateQuery(text="shelter"))) == ["b0"]
    assert len(list((tmp_path / "index").glob("gen-*"))) == 2   # live and previous


def test_a_write_during_compaction_is_never_lost(tmp_path):
    backend = TantivyBackend(tmp_path / "index")
    backend.rebuild([make_document(f"b{i}", text="food") for i in range(6000)])
    backend.index([make_document("b0", text="shelter")])
    live = (tmp_path / "index" / "CURRENT").read_text()
    building = tmp_path / "index" / f"gen-{int(live[4:]) + 1}"
    outcome = []
    compaction = threading.Thread(target=lambda: outcome.append(backend.compact()))
    compaction.start()
    deadline = time.monotonic() + 30
    # The new generation's folder appears once the build has started from a snapshot.
    while not building.exists() and time.monotonic() < deadline:
        time.sleep(0.001)
    backend.index([make_document("late", text="food")])
    compaction.join()
    assert outcome == [None]                               # built without it: thrown away
    assert not building.exists()
    assert (tmp_path / "index" / "CURRENT").read_text() == live
    assert "late" in ids(backend.candidates(CandidateQuery(text="food", limit=10_000)))
    assert backend.overlay_size() == (2, 6000)
    assert backend.compact() == 6001                       # the next one folds it in
    assert "late" in ids(TantivyBackend(tmp_path / "index").candidates(
        CandidateQuery(text="food", limit=10_000)))


def test_index_survives_reopening(tmp_path):
    TantivyBackend(tmp_path / "index").index([make_document("kept", text="shelter")])
    assert ids(TantivyBackend(tmp_path / "index").candidates(CandidateQuery(text="shelter"))) \
        == ["kept"]


def test_radius_is_exact_not_a_bounding_box(tmp_path):
    # A site diagonal from the centre sits inside the box but outside the circle.
    lat, lon = SITES["san_carlos"]
    backend = TantivyBackend()
    backend.index([make_document("corner", latitude=lat + 0.085, longitude=lon + 0.107),
                   make_document("inside", latitude=lat + 0.05, longitude=lon)])
    assert ids(backend.candidates(point("san_carlos", 10, include_remote=False))) == ["inside"]


def test_query_syntax_in_user_text_is_just_words():
    backend = TantivyBackend()
    backend.index([make_document("a", text="food and shelter")])
    for text in ('food AND "', "name:food", "(food", "food^2 -x"):
        assert ids(backend.candidates(CandidateQuery(text=text))) == ["a"]
