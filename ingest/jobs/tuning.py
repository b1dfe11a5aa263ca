"""Settings for the length of one feed run: the connection's (SQLite) and the collector's.

Each batch commits; in WAL mode with synchronous=FULL every commit waits for an fsync.
synchronous=NORMAL is still safe against a killed process (a commit is in the WAL before it
returns; only a power cut may lose the last commits, never corrupt the file), so a run uses
it, a larger page cache and less frequent checkpoints, and puts the previous values back
when it ends. Journaling is never turned off.
"""
import gc
from contextlib import contextmanager

CACHE_KIB = 64 * 1024  # page cache for index maintenance on large tables
# WAL pages before a checkpoint copies them into the database (default 1000): a batch writes
# thousands of pages, and each checkpoint syncs, so fewer and larger ones cost less. Random
# ids send a batch's index inserts all over the B-trees, so the same pages come back in
# batch after batch: a checkpoint copies each page once however many frames it has in the
# WAL. At 20,000 pages (80 MB) the checkpoints wrote a fifth of a first run's bytes; at
# 100,000 (400 MB of WAL on disk at most; its index in shared memory is under 1 MB) they
# write 17% fewer bytes in all. This bounds disk, not memory: the page cache is CACHE_KIB.
CHECKPOINT_PAGES = 100_000


@contextmanager
def bulk_settings(session):
    """Use faster commits and a larger cache on SQLite in WAL mode for the block."""
    connection = session.connection()
    if connection.dialect.name != "sqlite" or \
            connection.exec_driver_sql("PRAGMA journal_mode").scalar() != "wal":
        yield
        return
    # Settings are per connection: read and set them on the one the session holds.
    before = {name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
              for name in ("synchronous", "cache_size", "wal_autocheckpoint")}
    session.commit()  # PRAGMA synchronous cannot change inside a transaction
    _set(session, synchronous="NORMAL", cache_size=-CACHE_KIB,
         wal_autocheckpoint=CHECKPOINT_PAGES)
    try:
        yield
    finally:
        session.rollback()
        _set(session, **before)


def _set(session, **values):
    connection = session.connection()
    for name, value in values.items():
        connection.exec_driver_sql(f"PRAGMA {name}={value}")
    session.commit()


# A run allocates a dict or list for every field of every row, nearly all of it freed by
# reference counting when its batch is done. The collector's automatic passes (even every
# 20,000 allocations instead of Python's 700) kept scanning the batch still being read or
# written, and the objects alive before the run (the application, its mappers and caches)
# in every full pass: a tenth of both processes' time. During a run those objects are
# frozen and automatic collection is off; each process collects between batches instead:
# the young objects (what the batches left in cycles, and what lives on) every `young`
# batches, the older generation every OLDER_EVERY young passes, so cycles are still freed
# and memory stays flat. The reader collects young objects less often: when it passes a
# batch on, the batches still queued for the writer are alive, and a pass scans them all.
OLDER_EVERY = 10
READER_EVERY = 10  # batches between two young passes in the reader
_active = False  # collector_settings is in effect in this process (and a reader forked in it)


@contextmanager
def collector_settings():
    """Collect garbage between batches only, for the block (the reader forks inside it)."""
    global _active
    enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    _active = True
    try:
        yield
    finally:
        _active = False
        gc.unfreeze()
        if enabled:
            gc.enable()


def between_batches(count, young=1):
    """Collect what the batches up to number `count` left, while collector_settings holds."""
    if _active and count % young == 0:
        gc.collect(1 if count % (young * OLDER_EVERY) == 0 else 0)
