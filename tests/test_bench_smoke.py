"""The benchmark runs end to end on a tiny directory, and its shortcuts are faithful.

The benchmark skips the audited store for speed (sharded generation, documents projected
from the generated dicts), so these tests prove the shortcuts give exactly what the real
path gives; the full run checks the JSON summary a reader relies on.
"""
import json
import os
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `bench` is a top-level folder, not an installed package
    sys.path.insert(0, str(ROOT))

from bench import corpus, ingest_bench, match_bench  # noqa: E402
from bench.hsds_view import organization_record, service_record  # noqa: E402
from directory.demo import load_demo  # noqa: E402
from directory.demogen.generator import generate  # noqa: E402
from directory.search.projection import TermTree, iter_documents, project  # noqa: E402
from matcher.backends.tantivy_backend import TantivyBackend  # noqa: E402

TODAY = date(2025, 3, 3)


def test_shards_replay_exactly_what_the_generator_yields():
    expected = [(r.kind, r.data) for r in generate(120, 5, TODAY)]
    shards = [list(corpus.shard(120, 5, TODAY, i, 3)) for i in range(3)]
    got = [record for records in shards for record in records]
    assert sorted(got, key=lambda r: r[1]["id"]) == sorted(expected, key=lambda r: r[1]["id"])
    assert {r[1]["id"] for r in shards[0]}.isdisjoint({r[1]["id"] for r in shards[1]})


def test_documents_from_generated_dicts_equal_documents_from_the_store(session):
    load_demo(session, 40, 3, today=TODAY)
    stored = {doc["id"]: doc for doc in iter_documents(session)}
    terms, viewed = TermTree(session), {}
    for record in generate(40, 3, TODAY):
        if record.kind == "organization":
            organization, locations = organization_record(record.data)
            continue
        for doc in project(service_record(record.data, organization, locations), terms):
            viewed[doc["id"]] = doc
    assert stored and viewed.keys() == stored.keys()
    for doc_id, doc in stored.items():
        # last_modified is the moment of saving, which differs by construction; the store
        # loads attributes unordered, so category names may come in another order (search
        # text is a bag of words: the order changes no match and no score).
        assert dict(viewed[doc_id], last_modified=None, text=None) == \
            dict(doc, last_modified=None, text=None)
        assert sorted(viewed[doc_id]["text"].split("\n")) == sorted(doc["text"].split("\n"))


def test_benchmark_prints_a_complete_json_summary(tmp_path, capsys):
    output = tmp_path / "latest.json"
    summary = match_bench.main([
        "--n", "200", "--workers", "1", "--workdir", str(tmp_path / "work"),
        "--queries", "24", "--passes", "1", "--http-requests", "60",
        "--http-seconds", "10", "--http-clients", "4", "--server-threads", "4",
        "--output", str(output)])
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(output.read_text()) == json.loads(json.dumps(summary))
    assert printed["data"]["services"] == 200
    assert printed["data"]["documents"] >= 200 * 0.8  # inactive services are not indexed
    assert printed["data"]["store_rows"]["service"] == 200
    assert printed["index_build_seconds"] > 0 and printed["index_size_mib"] > 0
    assert set(printed["index_build_cpu_seconds"]) == {"tantivy", "columns"}
    for section in (printed["engine"]["match_ms"], printed["engine"]["candidates_ms"]):
        assert section["count"] == 24
        assert 0 < section["p50"] <= section["p95"] <= section["p99"] <= section["max"]
    http = printed["http"]
    assert http["requests"] == 60 and http["errors"] == 0 and http["statuses"] == {"200": 60}
    assert http["latency_ms"]["p50"] <= http["latency_ms"]["p99"]
    assert http["matches_per_s"] > 0 and http["results_per_match"] > 0
    # Beside the main run: as many requests in flight as the server has threads (4 in each
    # of its processes, one per core by default), then one.
    for name, clients in (("one_per_thread", 4 * (os.cpu_count() or 2)), ("one_in_flight", 1)):
        run = http[name]
        assert run["clients"] == clients and run["errors"] == 0
        assert run["requests"] >= 24 and run["matches_per_s"] > 0
        assert 0 < run["latency_ms"]["p50"] <= run["latency_ms"]["p99"]
    assert all(value > 0 for value in printed["peak_rss_mib"].values())
    assert 0 < printed["peak_pss_mib"]["server"] <= printed["peak_rss_mib"]["server"]
    # The matcher's own peak is taken before the per-document retrieval runs.
    assert printed["peak_rss_mib"]["engine"] <= printed["peak_rss_mib"]["engine_and_candidates"]
    for step in ("index_build", "server"):
        assert 0 < printed["peak_rss_largest_process_mib"][step] \
            <= printed["peak_rss_mib"][step]
    assert set(printed["targets"]) == {
        "engine_p50_ms", "engine_p95_ms", "http_p50_ms", "http_p99_ms", "http_matches_per_s",
        "index_build_seconds", "peak_rss_mib", "index_size_mib"}
    assert all(isinstance(t["met"], bool) for t in printed["targets"].values())
    assert_calibrated(printed)


def test_ingest_benchmark_prints_its_summary_and_leaves_a_compacted_index(
        tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("DIRECTORY_SEARCH_COMPACT_AFTER", "50")   # below this feed's size
    ingest_bench.main(["--n", "150", "--batch", "40", "--workdir", str(tmp_path)])
    printed = json.loads(capsys.readouterr().out)
    first, second = printed["steps"]["first_run"], printed["steps"]["second_run"]
    assert first["status"] == second["status"] == "succeeded"
    assert first["created"] + first["merged"] == first["read"] > 150   # organizations too
    assert second["created"] == second["updated"] == 0
    assert second["unchanged"] + second["merged"] == second["read"] == first["read"]
    assert printed["services_per_s"] > 0 and printed["second_run_services_per_s"] > 0
    assert {"index_sync", "index_compact"} <= set(printed["steps"])
    assert_calibrated(printed)
    overlay, built = TantivyBackend(tmp_path / "index").overlay_size()
    assert overlay == 0 and built >= 150 * 0.8    # inactive services are not indexed


def assert_calibrated(printed):
    """A summary names how fast the machine was, before and after its run."""
    calibration = printed["machine"]["calibration_ms"]
    assert set(calibration) == {"before", "after"}
    for times in calibration.values():
        assert set(times) == {"python_ms", "memory_ms"}
        assert all(value > 0 for value in times.values())
