"""Pause Python's cyclic garbage collector while matches (or a rebuild) run in this process.

A match decodes thousands of stored documents into dicts and lists. Every one counts towards
the collector's thresholds, so a match set off collections that walked every live object
(all the documents decoded so far, the whole application) again and again: measured, more
than half of a broad match's time at 100k services. Documents are trees without reference
cycles, so reference counting frees them anyway. The collector runs again when no match is
in progress; under constant concurrent load, a full collection still runs every
COLLECT_EVERY matches, so cycles made by other code are never kept indefinitely. A rebuild
(tantivy_backend._fill), which reads a whole directory of documents, pauses it the same way
and collects at its own pace.
"""
import gc
import threading
from contextlib import contextmanager

COLLECT_EVERY = 64

_lock = threading.Lock()
_state = {"active": 0, "paused": False, "overlapped": 0}


def _enter():
    with _lock:
        if _state["active"] == 0 and gc.isenabled():
            gc.disable()
            _state["paused"] = True
        _state["active"] += 1


def _leave():
    """Re-enable the collector after the last match, or collect now and then under load."""
    with _lock:
        _state["active"] -= 1
        if not _state["paused"]:
            return
        if _state["active"] == 0:
            _state.update(paused=False, overlapped=0)
            gc.enable()
            return
        _state["overlapped"] += 1
        due = _state["overlapped"] % COLLECT_EVERY == 0
    if due:
        gc.collect()


@contextmanager
def paused():
    """Run the body with the cyclic collector paused (see the module docstring)."""
    _enter()
    try:
        yield
    finally:
        _leave()
