"""One writer, any number of readers: which process drains the outbox, and how often.

Choice: a background thread in every web process, of which exactly one is the writer.
tantivy lets one process write an index, so each thread first tries to take an exclusive
lock file (`<instance>/search-writer.lock`, flock). The holder is the writer: it polls the
outbox every SEARCH_SYNC_INTERVAL seconds (0.5) and drains it, so a committed change is
searchable within about a second with nothing extra to run. The other processes only read
and retry the lock every few seconds; when the writer dies the OS drops its lock and another
process takes over, losing nothing because the outbox lives in the database.
`flask index sync --follow` runs the same loop as a dedicated process (set
SEARCH_SYNC_THREAD = False to keep writers out of web processes); it waits as a standby
while another process holds the lock.

A second lock (`search-drain.lock`) is held for each drain and for the whole of
`flask index rebuild`, so nothing is drained into the old index while the new one is built;
changes made meanwhile stay queued and are drained onto the new index afterwards.

After a drain the writer also compacts when it is due (`compact_if_due`): documents written
since the last build are matched one by one, and after a large feed that is most of a
match's time. Compaction rebuilds from the index's own documents under the drain lock;
changes queued meanwhile wait for it, as they wait for `flask index rebuild`.
"""
import fcntl
import logging
from contextlib import contextmanager
import os
import threading
import time

from directory.search.backend import lock_path, search_backend
from directory.search.sync import drain

log = logging.getLogger(__name__)

RETRY_SECONDS = 5.0
# After a failed compaction (a full disk, say) matches stay right, only slower: wait long
# before trying another full build.
COMPACT_RETRY_SECONDS = 600.0
_starting = threading.Lock()


class FileLock:
    """An exclusive advisory lock on a file, released by the OS if the process dies."""

    def __init__(self, path):
        self.path, self.handle = path, None

    @property
    def held(self):
        return self.handle is not None

    def acquire(self, timeout=0.0):
        """Try to take the lock for up to `timeout` seconds; return whether it is held."""
        deadline = time.monotonic() + timeout
        handle = open(self.path, "a+")  # noqa: SIM115 - held open for the life of the lock
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.close()
                    return False
                time.sleep(0.05)
                continue
            # Say who holds it, for `flask index status`.
            handle.truncate(0)
            handle.write(str(os.getpid()))
            handle.flush()
            self.handle = handle
            return True

    def holder(self):
        """Return the pid written by the process holding the lock, or None if it is free."""
        if self.held:
            return os.getpid()
        if self.acquire():
            self.release()
            return None
        with open(self.path) as handle:
            text = handle.read().strip()
        return int(text) if text.isdigit() else None

    def release(self):
        if self.handle is not None:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None


def writer_lock(app):
    return FileLock(lock_path(app, "writer"))


@contextmanager
def drain_lock(app, timeout):
    """Hold the drain lock for a block; yield whether it was taken within `timeout`."""
    lock = FileLock(lock_path(app, "drain"))
    held = lock.acquire(timeout)
    try:
        yield held
    finally:
        lock.release()   # nothing to release when it was not taken


def drain_once(app, timeout=30.0) -> int:
    """Drain the outbox once under the drain lock; return the outbox rows processed."""
    with drain_lock(app, timeout) as held:
        if not held:
            return 0  # a rebuild is running; the rows wait for the next cycle
        with app.extensions["sqlalchemy_sessionmaker"]() as session:
            return drain(session, search_backend(app))


def compaction_due(app, backend):
    """Tell whether SEARCH_COMPACT_AFTER documents (or more) are matched one by one."""
    after = app.config.get("SEARCH_COMPACT_AFTER")
    return after is not None and backend.overlay_size()[0] >= max(1, int(after))


def compact(app, timeout=30.0):
    """Compact the index under the drain lock; return its documents, or None if not done."""
    with drain_lock(app, timeout) as held:
        if not held:
            return None  # a rebuild is running: it folds everything in anyway
        return search_backend(app).compact()


def compact_if_due(app):
    """Compact when due (see compaction_due); return the documents, or None if not done."""
    if time.monotonic() < app.extensions.get("search_compact_retry_at", 0.0) \
            or not compaction_due(app, search_backend(app)):
        return None
    try:
        count = compact(app)
    except Exception:
        app.extensions["search_compact_retry_at"] = time.monotonic() + COMPACT_RETRY_SECONDS
        raise
    if count is not None:
        log.info("search index compacted: %d documents", count)
    return count


def follow(app, interval, stop):
    """Be the writer (waiting while another process is) and drain until `stop` is set."""
    leader = writer_lock(app)
    try:
        while not stop.is_set():
            if not leader.held and not leader.acquire():
                stop.wait(RETRY_SECONDS)
                continue
            try:
                drained = drain_once(app)
                if drained:
                    log.info("search sync: %d outbox rows indexed", drained)
                compact_if_due(app)
            except Exception:  # a database or index hiccup must not kill the writer
                log.exception("search sync failed; retrying")
                stop.wait(RETRY_SECONDS)
            stop.wait(interval)
    finally:
        leader.release()


def start_thread(app):
    """Start this process's sync thread once; it becomes the writer if no one else is."""
    with _starting:
        if "search_sync_stop" in app.extensions:
            return
        stop = app.extensions["search_sync_stop"] = threading.Event()
        interval = float(app.config.get("SEARCH_SYNC_INTERVAL", 0.5))
        thread = threading.Thread(target=follow, args=(app, interval, stop),
                                  name="search-sync", daemon=True)
        app.extensions["search_sync_thread"] = thread
        thread.start()


def stop_thread(app, timeout=10.0):
    """Stop this process's sync thread (if any) and wait for it."""
    stop = app.extensions.pop("search_sync_stop", None)
    thread = app.extensions.pop("search_sync_thread", None)
    if stop is not None:
        stop.set()
        thread.join(timeout)
