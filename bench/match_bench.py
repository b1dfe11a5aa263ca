"""`make bench`: N demo services -> index -> engine and HTTP latency, as one JSON summary.

    python -m bench.match_bench --n 1000000

Steps: a store with taxonomies; the demo directory generated and projected in one shard per
CPU (documents, plus the contact rows POST /match reads) -- both reused from an earlier run
with the same N, seed and generating code (bench/corpus_cache.py; --fresh regenerates); the
tantivy index rebuilt from those documents; the fixed query mix timed in-process; then POST
/match over loopback with concurrent keep-alive clients, against gunicorn (waitress when one
server process is asked for). The summary goes to stdout and to bench/results/latest.json.
"""
import argparse
import json
import os
import platform
import shutil
from datetime import date, datetime, timezone
from pathlib import Path

from bench import build, corpus_cache, engine_timing, http_load, queries, server
from bench.calibration import calibrate
from bench.memory import RssSampler, peak_rss_mib
from bench.report import engine_summary, http_summary, verdicts
from matcher.backends.tantivy_backend import TantivyBackend

RESULTS = Path(__file__).resolve().parent / "results"


def parse_args(argv=None):
    """Return the command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="services to generate")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--queries", type=int, default=240, help="size of the fixed mix")
    parser.add_argument("--passes", type=int, default=3, help="timed passes over the mix")
    parser.add_argument("--http-requests", type=int, default=3000)
    parser.add_argument("--http-seconds", type=float, default=60.0)
    parser.add_argument("--http-clients", type=int, default=8)
    # One request at a time per process: the listening socket's queue then serves requests
    # in arrival order. With 4 threads, a process's requests shared its GIL and a slow match
    # waited for three others: p99 60-76 ms against 37-50 (six runs each, alternated).
    parser.add_argument("--server-threads", type=int, default=1,
                        help="threads per server process")
    parser.add_argument("--server-workers", type=int, default=os.cpu_count() or 2,
                        help="server processes: 1 runs waitress, more run gunicorn")
    parser.add_argument("--output", type=Path, default=RESULTS / "latest.json")
    parser.add_argument("--fresh", action="store_true",
                        help="regenerate the corpus even when a matching one is cached")
    return parser.parse_args(argv)


def prepare(args, workdir):
    """Build (or reuse, see corpus_cache) the store and documents, rebuild the index."""
    url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    built = None if args.fresh else corpus_cache.load(workdir, args)
    if built is None:
        shutil.rmtree(workdir, ignore_errors=True)
        workdir.mkdir(parents=True)
        build.prepare_store(url)
        today = date.today().isoformat()
        generated = build.build_corpus(url, args.n, args.seed, today, workdir, args.workers)
        built = {"generate": generated, "store_fill": build.fill_store(url, workdir)}
        corpus_cache.save(workdir, args, built)
    shutil.rmtree(workdir / "index", ignore_errors=True)
    return url, dict(built, index=build.build_index(workdir / "index", workdir))


def run_http(args, url, index_path, mix):
    """Serve the app, warm it up, load it; return ({run: LoadResult}, sampler).

    Three runs, each against the warm server: "main" keeps --http-clients requests in
    flight; with more clients than the server has threads (processes x threads), each
    request also waits for the ones ahead of it, and the median is mostly that wait (about
    clients / throughput). "one_per_thread" keeps as many in flight as the server can work
    on at once: the throughput and latency of a server kept busy without a queue.
    "one_in_flight" (shorter) keeps one: the time a match takes when nothing else runs.
    gunicorn's processes take a connection only while a thread is free (bench.server), so
    as many clients as threads keep every one of them busy.
    """
    import psutil

    port = server.free_port()
    process = server.start(url, index_path, port, args.server_threads, args.server_workers)
    try:
        bodies = [body for _label, body in mix]
        http_load.run_load(port, bodies, clients=args.http_clients, requests=len(bodies),
                           seconds=args.http_seconds)  # warm-up, not measured
        runs = {"main": (args.http_clients, args.http_requests, args.http_seconds),
                "one_per_thread": (args.server_workers * args.server_threads,
                                   args.http_requests, args.http_seconds),
                "one_in_flight": (1, max(len(bodies), args.http_requests // 3),
                                  args.http_seconds / 3)}
        sampler = RssSampler(psutil.Process(process.pid))
        with sampler:
            loads = {name: http_load.run_load(port, bodies, clients=clients, requests=requests,
                                              seconds=seconds)
                     for name, (clients, requests, seconds) in runs.items()}
        return loads, sampler
    finally:
        server.stop(process)


def machine():
    """Describe the machine the figures come from."""
    import psutil

    return {"cpus": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(), "platform": platform.platform()}


def main(argv=None):
    """Run every step and print the JSON summary."""
    args = parse_args(argv)
    before = calibrate()
    workdir = args.workdir or RESULTS / f"work-{args.n}"
    url, built = prepare(args, workdir)
    mix = queries.query_mix(args.queries)
    index_path = workdir / "index"
    profiles = engine_timing.build_profiles(url, index_path, mix)
    timings = engine_timing.time_engine(profiles, TantivyBackend(index_path), args.passes)
    loads, server_memory = run_http(args, url, index_path, mix)
    summary = {
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        # The fixed workloads' times before and after the run (bench.calibration).
        "machine": dict(machine(), calibration_ms={"before": before, "after": calibrate()}),
        "data": {"services": built["generate"]["services"],
                 "documents": built["index"]["documents"],
                 "organizations": built["generate"]["organizations"],
                 "store_rows": built["store_fill"]["rows"]},
        "setup_seconds": {"generate_and_project": round(built["generate"]["seconds"], 1),
                          "store_fill": round(built["store_fill"]["seconds"], 1)},
        "index_build_seconds": round(built["index"]["seconds"], 2),
        "index_build_cpu_seconds": {"tantivy": round(built["index"]["cpu_index_s"], 1),
                                    "columns": round(built["index"]["cpu_columns_s"], 1)},
        "index_size_mib": round(built["index"]["size_mib"], 1),
        "engine": engine_summary(timings),
        "http": http_summary(loads, args),
        "peak_rss_mib": {"index_build": round(built["index"]["peak_rss_mib"], 1),
                         "engine": round(timings["match_peak_rss_mib"], 1),
                         "engine_and_candidates": round(peak_rss_mib(), 1),
                         "server": round(server_memory.peak_mib(), 1),
                         "generate_shard": round(built["generate"]["peak_rss_mib"], 1)},
        # The server's processes share the mapped index: summed RSS counts it once per
        # process, PSS once in all.
        "peak_pss_mib": {"server": round(server_memory.peak_pss_mib(), 1)},
        "peak_rss_largest_process_mib": {
            "index_build": round(built["index"]["peak_rss_largest_process_mib"], 1),
            "server": round(server_memory.peak_process_mib(), 1)},
    }
    summary["targets"] = verdicts(summary)
    text = json.dumps(summary, indent=2)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text + "\n")
    print(text)
    return summary


if __name__ == "__main__":
    main()
