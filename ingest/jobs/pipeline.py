"""Read a feed into batches of prepared items, in a reader process while this one writes.

Reading a feed (parsing, mapping, cleaning, stable ids, content hashes) needs nothing from
the database, so on a machine with a spare core a forked reader process does it while the
main process writes the previous batch. The queue between them holds at most `AHEAD`
batches, so memory stays bounded however far the reader could run ahead.

The reader forks after the feed was checked, touches no database connection it inherited,
and ends itself when the main process dies (a killed run must not leave it behind).
"""
import multiprocessing
import os
import queue
import signal
from dataclasses import dataclass
from itertools import islice

from ingest.sources import FeedRecord, rewrite_ids
from ingest.sources.base import shared_taxonomy

from .identity import content_hash
from .tuning import READER_EVERY, between_batches

AHEAD = 4  # batches the reader may have ready; bounds the memory between the two processes
POLL_SECONDS = 1.0


@dataclass
class Prepared:
    """A feed record with its ids made stable for this source and its content hash."""

    record: FeedRecord
    data: dict
    digest: str
    terms: list  # the feed's own taxonomy terms in it (shared taxonomies excluded)


def prepare(item, source_name):
    """Return a Reject as it is, a FeedRecord as a Prepared item."""
    if not isinstance(item, FeedRecord):
        return item
    # Only the rewritten copy travels on: the feed's own data is not needed any more.
    found = []  # the copy's taxonomy terms, found while it is made
    record = rewrite_ids(item, source_name, found)
    terms = [term for term in found if term.get("id") and shared_taxonomy(term) is None]
    return Prepared(record, record.data, content_hash(record.data), terms)


def batches(source, size):
    """Yield lists of up to `size` prepared items, read in this process."""
    iterator = (prepare(item, source.name) for item in source.records())
    while batch := list(islice(iterator, size)):
        yield batch


def read_ahead(source, size):
    """Yield the same batches as `batches`, read by a forked process when one can be had."""
    if "fork" not in multiprocessing.get_all_start_methods() or (os.cpu_count() or 1) < 2:
        yield from batches(source, size)
        return
    context = multiprocessing.get_context("fork")
    channel = context.Queue(maxsize=AHEAD)
    reader = context.Process(target=_read, args=(source, size, channel, os.getpid()),
                             name=f"ingest-reader-{source.name}", daemon=True)
    reader.start()
    try:
        while True:
            kind, value = _receive(channel, reader)
            if kind == "batch":
                yield value
            elif kind == "error":
                raise value
            else:
                return
    finally:
        if reader.is_alive():
            reader.terminate()
        reader.join()
        channel.close()


def _receive(channel, reader):
    while True:
        try:
            return channel.get(timeout=POLL_SECONDS)
        except queue.Empty:
            if not reader.is_alive() and channel.empty():
                raise RuntimeError(f"the feed reader process ended (exit code "
                                   f"{reader.exitcode}) before the feed was read") from None


def _die_with(parent):
    """Have the kernel end this process when the main one dies (Linux), and check it now."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # elsewhere `_send` notices the lost parent on its next full queue
    if os.getppid() != parent:
        os._exit(1)


def _read(source, size, channel, parent):
    """The reader process: send every batch, then ("done", None) or ("error", exception)."""
    _die_with(parent)
    try:
        for count, batch in enumerate(batches(source, size), 1):
            _send(channel, ("batch", batch), parent)
            del batch
            between_batches(count, young=READER_EVERY)
        _send(channel, ("done", None), parent)
    except Exception as error:  # the main process records the run as failed with it
        _send(channel, ("error", _picklable(error)), parent)
    channel.close()
    channel.join_thread()


def _send(channel, message, parent):
    while True:
        try:
            channel.put(message, timeout=POLL_SECONDS)
            return
        except queue.Full:
            if os.getppid() != parent:
                os._exit(1)  # the main process died: nobody will read this feed


def _picklable(error):
    """Return the exception itself when it crosses processes intact, else a RuntimeError."""
    import pickle

    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")
