"""Summarise timings: percentiles overall and per query class, and the issue's targets."""
import statistics

# Issue 3's targets for a 2-core machine at 1M services (ms, per second, s, MiB).
TARGETS = {"engine_p50_ms": 2.0, "engine_p95_ms": 10.0, "http_p50_ms": 10.0,
           "http_p99_ms": 50.0, "http_matches_per_s": 300.0, "index_build_seconds": 60.0,
           "peak_rss_mib": 1024.0, "index_size_mib": 1024.0}


def percentile(values, share):
    """Return the nearest-rank percentile (share in 0..100) of values, in the same unit."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = max(1, -(-len(ordered) * share // 100))  # ceiling without floats
    return ordered[int(rank) - 1]


def latency_ms(seconds):
    """Return {count, p50, p95, p99, mean, max} in ms for latencies in seconds."""
    if not seconds:
        return {"count": 0, "p50": None, "p95": None, "p99": None, "mean": None, "max": None}
    return {"count": len(seconds),
            **{f"p{share}": round(percentile(seconds, share) * 1000, 3) for share in (50, 95, 99)},
            "mean": round(statistics.fmean(seconds) * 1000, 3),
            "max": round(max(seconds) * 1000, 3)}


def by_class(pairs):
    """Return latency_ms per query class label, for finding where the time goes."""
    classes = {}
    for label, seconds in pairs:
        classes.setdefault(label, []).append(seconds)
    return {label: {key: value for key, value in latency_ms(times).items()
                    if key in ("p50", "p95", "max")} for label, times in sorted(classes.items())}


def engine_summary(timings):
    """Return the engine section: match() and candidates() latencies, overall and by class."""
    matches = [seconds for _label, seconds in timings["match"]]
    candidates = [seconds for _label, seconds in timings["candidates"]]
    return {"match_ms": latency_ms(matches), "candidates_ms": latency_ms(candidates),
            "results_per_query": round(timings["results"] / max(1, len(matches)), 1),
            "match_ms_by_class": by_class(timings["match"])}


def http_summary(loads, args):
    """Return the HTTP section: latency, throughput and outcomes of the load runs.

    `loads` maps run names to LoadResults (match_bench.run_http): the targets are judged
    on "main"; the runs with as many requests in flight as the server has threads
    ("one_per_thread") and with one ("one_in_flight"), when present, are summarised
    beside it.
    """
    load = loads["main"]
    workers = getattr(args, "server_workers", 1)
    server = (f"gunicorn, {workers} processes x {args.server_threads} threads" if workers > 1
              else f"waitress, {args.server_threads} threads")
    return {"server": server,
            "clients": args.http_clients, "requests": len(load.latencies) + load.errors,
            "latency_ms": latency_ms(load.latencies),
            "matches_per_s": _per_second(load),
            "results_per_match": round(load.results / load.parsed, 1) if load.parsed else 0.0,
            "statuses": {str(code): count for code, count in sorted(load.statuses.items())},
            "errors": load.errors, "seconds": round(load.seconds, 2),
            **{name: {"clients": run.clients, "requests": len(run.latencies) + run.errors,
                      "errors": run.errors, "latency_ms": latency_ms(run.latencies),
                      "matches_per_s": _per_second(run)}
               for name, run in loads.items() if name != "main"}}


def _per_second(load):
    return round(load.statuses.get(200, 0) / load.seconds, 1) if load.seconds else 0.0


def verdicts(summary):
    """Return {target: {"target", "measured", "met"}} for each of the issue's targets."""
    engine, http = summary["engine"]["match_ms"], summary["http"]
    measured = {
        "engine_p50_ms": engine["p50"], "engine_p95_ms": engine["p95"],
        "http_p50_ms": http["latency_ms"]["p50"], "http_p99_ms": http["latency_ms"]["p99"],
        "http_matches_per_s": http["matches_per_s"],
        "index_build_seconds": summary["index_build_seconds"],
        "peak_rss_mib": max(summary["peak_rss_mib"][key] for key in
                            ("index_build", "engine", "server")),
        "index_size_mib": summary["index_size_mib"],
    }
    out = {}
    for key, target in TARGETS.items():
        value = measured[key]
        higher_is_better = key == "http_matches_per_s"
        met = value is not None and (value >= target if higher_is_better else value <= target)
        out[key] = {"target": target, "measured": value, "met": met}
    return out
