"""Time two fixed workloads, so that benchmark runs on different days can be compared.

The same code measured on this kind of virtual machine has differed by up to a third from
one hour to the next (README, "Benchmarks"), which made it hard to tell a change in the
code from a change in the machine. Each benchmark now times the same two small workloads
before and after its run, and prints them with its figures: one is plain interpreted
Python (dicts and strings, as the web app and the ingest jobs mostly are), the other
random reads from a 64 MiB array (as the compiled loops mostly are). A run whose workloads
took longer than another's ran on a slower machine, whatever the code did.
"""
import statistics
import time

import numpy as np

REPEATS = 9
ARRAY_ITEMS = 16 * 2**20      # int32: 64 MiB, well beyond the caches
READS = 2 * 2**20


def calibrate(repeats=REPEATS):
    """Return the median milliseconds of each workload over `repeats` runs."""
    data = np.arange(ARRAY_ITEMS, dtype=np.int32)
    where = np.random.default_rng(0).integers(0, ARRAY_ITEMS, READS)
    # Into one buffer: a new result each time would also time the allocator, whose
    # thresholds differ between a fresh process and one that has run the benchmark.
    out = np.empty(READS, dtype=np.int32)
    return {"python_ms": _median_ms(_python_work, repeats),
            "memory_ms": _median_ms(lambda: np.take(data, where, out=out), repeats)}


def _median_ms(work, repeats):
    work()  # once untimed: first-touch page faults and caches are not the machine's speed
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times) * 1000, 2)


def _python_work():
    """Count keyed values in a dict and join strings: about 0.1 s of interpreter work."""
    table, total = {}, 0
    for i in range(200_000):
        key = f"k{i % 5000}"
        table[key] = table.get(key, 0) + i
        total += len(key)
    return total + len(",".join(table))
