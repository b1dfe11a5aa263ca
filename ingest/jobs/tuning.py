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
# thousands of pages, and each checkpoint syncs, so fewer and larger ones cost less.
CHECKPOINT_PAGES = 20_000


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


# Allocations between two young-generation collections (Python's default is 700). A run
# allocates a dict or list for every field of every row; collecting every 700 of them cost
# about a sixth of both processes' time. The older generations keep their thresholds, so
# cycles are still freed and memory stays flat. The objects alive before the run (the
# application, its mappers and caches) are frozen for its length: every full collection
# scanned them again, about a second of the reader's time per 20,000 services.
YOUNG_THRESHOLD = 20_000


@contextmanager
def collector_settings():
    """Collect young objects less often, and never rescan older ones, for the block.

    The reader process forks inside the block and inherits both settings.
    """
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], YOUNG_THRESHOLD), *before[1:])
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
