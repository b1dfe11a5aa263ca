"""Benchmark set-up: a store with taxonomies (and contact rows), the documents, the index.

Heavy steps run in child processes so each one's peak memory is measured on its own and the
measuring process stays small: the shards in a pool (one per CPU), the index build in one
process of its own, exactly as `flask index rebuild` would run it.
"""
import multiprocessing
import resource
import time
from datetime import date
from pathlib import Path

import psutil
from sqlalchemy.orm import Session

from directory import taxonomy
from directory.store import migrate
from directory.store.db import make_engine
from matcher.backends.tantivy_backend import TantivyBackend

from bench import corpus
from bench.memory import RssSampler, peak_rss_mib
from bench.store_rows import insert_batches

CONTEXT = multiprocessing.get_context("spawn")  # no inherited engines, threads or indexes


def prepare_store(url):
    """Create the benchmark database: schema and both taxonomies, no services."""
    engine = make_engine(url)
    migrate.upgrade(engine)
    with Session(engine) as session:
        taxonomy.load_open_eligibility(session)
        taxonomy.ensure_profile_taxonomy(session)
        session.commit()
    engine.dispose()


def _shard_job(args):
    url, size, seed, today, index, count, workdir, with_rows = args
    engine = make_engine(url)
    with Session(engine) as session:
        counts = corpus.project_shard(session, size, seed, date.fromisoformat(today), index,
                                      count, workdir, with_rows)
    engine.dispose()
    return counts, peak_rss_mib()


def build_corpus(url, size, seed, today, workdir, workers, with_rows=True):
    """Generate and project the demo directory in `workers` shards; return stats."""
    started = time.perf_counter()
    jobs = [(url, size, seed, today, i, workers, str(workdir), with_rows) for i in range(workers)]
    with CONTEXT.Pool(workers) as pool:
        outcomes = pool.map(_shard_job, jobs)
    totals = {key: sum(counts[key] for counts, _rss in outcomes) for key in outcomes[0][0]}
    return dict(totals, seconds=time.perf_counter() - started,
                peak_rss_mib=max(rss for _counts, rss in outcomes))


def fill_store(url, workdir):
    """Insert the contact tables the shards wrote; return rows per table and seconds."""
    started, engine = time.perf_counter(), make_engine(url)
    with engine.begin() as connection:
        written = insert_batches(connection, corpus.iter_row_batches(workdir))
    engine.dispose()
    return {"rows": written, "seconds": time.perf_counter() - started}


def _index_job(index_path, workdir, queue):
    backend = TantivyBackend(index_path)
    started = time.perf_counter()
    count = backend.rebuild(corpus.iter_documents(workdir))
    seconds = time.perf_counter() - started
    # CPU seconds of this process and of the column processes (matcher.columns.process)
    # say how the work splits, and show when the cores were shared.
    queue.put({"documents": count, "seconds": seconds, "cpu_index_s": _cpu(resource.RUSAGE_SELF),
               "cpu_columns_s": _cpu(resource.RUSAGE_CHILDREN)})


def _cpu(who):
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def build_index(index_path, workdir):
    """Rebuild the tantivy index from the documents in a child process; return its stats."""
    queue = CONTEXT.Queue()
    process = CONTEXT.Process(target=_index_job, args=(str(index_path), str(workdir), queue))
    process.start()
    # The build's processes run side by side: their RSS is summed while they run (the
    # peaks of each, added, would overstate it), and the largest one is kept as well.
    with RssSampler(psutil.Process(process.pid)) as memory:
        stats = queue.get()
    process.join()
    stats.update(peak_rss_mib=memory.peak_mib(),
                 peak_rss_largest_process_mib=memory.peak_process_mib())
    live = Path(index_path) / (Path(index_path) / "CURRENT").read_text().strip()
    stats["size_mib"] = directory_size(live) / 2**20
    return stats


def directory_size(path):
    """Return the bytes of every file under `path` (what du would count, roughly)."""
    return sum(item.stat().st_size for item in Path(path).rglob("*") if item.is_file())
