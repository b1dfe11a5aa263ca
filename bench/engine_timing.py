"""Time the matcher in-process: `matcher.engine.match` and the backend's `candidates` alone.

Profiles are built once, exactly as POST /match builds them (its schema, then
`build_profile`), so the timed part is the matcher and the index, warm.
"""
import time

from directory import create_app
from directory.api.match import MatchRequestSchema
from directory.search.profiles import build_profile
from directory.store.db import get_session
from matcher.engine import candidate_query, match

from bench.memory import peak_rss_mib

SECONDS_CAP = 120.0


def build_profiles(database_url, index_path, mix):
    """Return [(class label, ClientProfile)] for the query mix, using the benchmark store."""
    app = create_app({"DATABASE_URL": database_url, "SEARCH_INDEX_PATH": str(index_path),
                      "SEARCH_SYNC_THREAD": False})
    with app.app_context():
        session = get_session()
        return [(label, build_profile(session, MatchRequestSchema().load(body)))
                for label, body in mix]


def time_engine(profiles, backend, passes=3, seconds=SECONDS_CAP):
    """Return {"match": [(label, s)], "candidates": [(label, s)], "results": n,
    "match_peak_rss_mib": m} after a warm-up.

    Every match pass runs before the first `candidates` call: the per-document retrieval
    decodes thousands of documents a query, which the matcher never does, so its memory
    and its evictions of the matcher's pages must not count as the matcher's.
    """
    for _label, profile in profiles:  # warm-up: page cache, tantivy readers, lazy imports
        match(profile, backend)
    timings = {"match": [], "candidates": [], "results": 0}
    deadline = time.monotonic() + seconds
    for _ in range(passes):
        for label, profile in profiles:
            started = time.perf_counter()
            response = match(profile, backend)
            timings["match"].append((label, time.perf_counter() - started))
            timings["results"] += len(response.results)
        if time.monotonic() >= deadline:
            break
    timings["match_peak_rss_mib"] = peak_rss_mib()
    deadline = time.monotonic() + seconds
    for label, profile in profiles:
        query = candidate_query(profile, profile.max_distance_km if profile.has_point
                                else None)
        started = time.perf_counter()
        backend.candidates(query)
        timings["candidates"].append((label, time.perf_counter() - started))
        if time.monotonic() >= deadline:
            break
    return timings
