"""`make bench-ingest`: a demo HSDS 3 CSV package ingested end to end, as one JSON summary.

    python -m bench.ingest_bench --n 100000

Steps: the demo directory exported as an HSDS 3 CSV package (streamed); a fresh SQLite store
(the embedded default); `run_feed` on the package (first run: everything created); the
search outbox drained into tantivy, then compacted as the index writer would; the same
package again (the unchanged path). Memory is the process's peak RSS after each step, so a
flat figure across sizes means bounded memory; the feed reader process
(ingest.jobs.pipeline) is reported on its own as the largest child.
"""
import argparse
import json
import os
import platform
import resource
import shutil
import tempfile
import time
from pathlib import Path

from bench.calibration import calibrate
from bench.memory import peak_rss_mib

TARGET = 5000  # services per second, first run


def parse_args(argv=None):
    """Return the command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="services to generate")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=500, help="records per transaction")
    parser.add_argument("--workdir", type=Path, default=None, help="kept when given")
    return parser.parse_args(argv)


def timed(step, results, name):
    """Run `step`, store its seconds and the peak RSS so far under `name`; return its value."""
    started, cpu = time.perf_counter(), cpu_seconds()
    value = step()
    spent = [round(after - before, 2) for before, after in zip(cpu, cpu_seconds())]
    results[name] = {"seconds": round(time.perf_counter() - started, 2),
                     "peak_rss_mib": round(peak_rss_mib(), 1),
                     "reader_peak_rss_mib": round(peak_rss_mib(resource.RUSAGE_CHILDREN), 1),
                     # CPU seconds of this process and of the reader process(es) it waited
                     # for: unlike wall time, not inflated by other work on the machine.
                     "cpu_seconds": spent[0], "reader_cpu_seconds": spent[1]}
    return value


def cpu_seconds():
    """Return (user + system seconds of this process, of its waited-for children)."""
    return tuple(usage.ru_utime + usage.ru_stime for usage in
                 (resource.getrusage(resource.RUSAGE_SELF),
                  resource.getrusage(resource.RUSAGE_CHILDREN)))


def run(args, workdir):
    """Export, ingest twice and index; return the summary dict."""
    from directory import create_app
    from directory.demogen.generator import generate
    from directory.search import worker
    from directory.store import migrate
    from directory.store.db import get_engine, get_session
    from ingest.export.hsds_csv import export_package
    from ingest.jobs import JobOptions, run_feed
    from ingest.sources import open_feed

    steps = {}
    package = workdir / "package"
    records = ((record.kind, record.data) for record in generate(args.n, args.seed))
    timed(lambda: export_package(records, package), steps, "export")
    app = create_app({"DATABASE_URL": f"sqlite:///{workdir / 'directory.sqlite3'}",
                      "SEARCH_INDEX_PATH": str(workdir / "index")})
    with app.app_context():
        migrate.upgrade(get_engine())
        options = JobOptions(actor="bench", batch_size=args.batch)
        for name in ("first_run", "second_run"):
            feed = open_feed(str(package), "hsds3-csv", name="bench")
            run_row = timed(lambda: run_feed(get_session(), feed, options), steps, name)
            steps[name].update(run_row.counts(), status=run_row.status,
                               services_per_s=round(args.n / steps[name]["seconds"], 1))
            if name == "first_run":
                # What the index writer does after a feed: drain, then compact.
                timed(lambda: worker.drain_once(app, timeout=600), steps, "index_sync")
                timed(lambda: worker.compact_if_due(app), steps, "index_compact")
    return steps


def main(argv=None):
    args = parse_args(argv)
    before = calibrate()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="ingest-bench-"))
    try:
        steps = run(args, workdir)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    total = sum(step["seconds"] for step in steps.values())
    summary = {"services": args.n, "batch": args.batch, "steps": steps,
               "services_per_s": steps["first_run"]["services_per_s"],
               "peak_rss_mib": max(step["peak_rss_mib"] for step in steps.values()),
               "reader_peak_rss_mib": max(step["reader_peak_rss_mib"]
                                          for step in steps.values()),
               "second_run_services_per_s": steps["second_run"]["services_per_s"],
               "total_seconds": round(total, 1), "target_services_per_s": TARGET,
               "meets_target": steps["first_run"]["services_per_s"] >= TARGET,
               "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                           "python": platform.python_version(),
                           # The fixed workloads' times before and after (bench.calibration).
                           "calibration_ms": {"before": before, "after": calibrate()}}}
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
