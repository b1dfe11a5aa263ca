"""The embedded default backend: a tantivy index in a directory (or in memory for tests).

Generations live in `<path>/gen-<n>/`; the file `<path>/CURRENT` names the live one. A
rebuild writes a new generation and swaps CURRENT atomically (os.replace), so readers keep
answering from the old index until the new one is complete. One process writes (tantivy's
writer lock enforces it); any number read and notice a swap on their next query.

Documents written after a build (the overlay) are matched one by one, which costs every
query that reaches them. `compact()` folds them into a new generation built from the live
generation's own documents (column rows not retired, then the overlay), without reading
the store: see directory.search.worker for when the writer does it by itself.
"""
import gc
import marshal
import os
import shutil
import threading
from pathlib import Path

import numpy as np
import tantivy

from matcher import gcpause
from matcher.backends import tantivy_search
from matcher.backends.base import Health, SearchBackend
from matcher.backends.tantivy_filters import supported
from matcher.backends.tantivy_reader import TantivyReader
from matcher.backends.tantivy_schema import build_schema, has_field, to_tantivy, tombstone
from matcher.columns.builder import ColumnBuilder
from matcher.columns.process import ColumnSink
from matcher.columns.store import ColumnSet

WRITER_HEAP = 64_000_000
REBUILD_HEAP = 256_000_000
# Measured: one or two indexing threads beat tantivy's default on small machines.
REBUILD_THREADS = max(1, min(4, (os.cpu_count() or 2) // 2))
DECODE_ROWS = 1024        # column rows decoded at a time while compacting
COLLECT_EVERY = 100_000   # documents between two garbage collections in a rebuild (_fill)


def _stamp(path):
    """Return what changes when a file is replaced (atomic rename) or rewritten, or None."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


class TantivyBackend(SearchBackend):
    """Index flat documents with tantivy; answer candidate queries from it."""

    name = "tantivy"

    def __init__(self, path=None, **_settings):
        self.path = Path(path) if path else None
        self.schema = build_schema()
        self._lock = threading.RLock()
        self._writer = None
        self._generation = None
        self._index = None
        self._stamps = (None, None)
        self._columns = None      # the live generation's column files, if it has them
        self._writes = 0          # in-process commits: what invalidates _dead in memory
        # (state key, rows retired since the columns were built, overlay documents exist)
        self._dead = (None, None, False)
        self._open_current()

    @classmethod
    def enabled(cls):
        """Return True: tantivy is a required dependency."""
        return True

    def _pointer(self):
        return self.path / "CURRENT"

    def _open_current(self):
        """Open the live generation, creating the first one when there is none."""
        if self.path is None:
            if self._index is None:
                self._index = tantivy.Index(self.schema)
            return
        self.path.mkdir(parents=True, exist_ok=True)
        if not self._pointer().exists():
            self._swap_to(self._new_generation()[0])
        generation = self._pointer().read_text().strip()
        if generation != self._generation:
            self._close_writer()
            self._index = tantivy.Index.open(str(self.path / generation))
            self._generation = generation
            self._columns = ColumnSet.load(self.path / generation)
            self._dead = (None, None, False)

    def _refresh(self):
        """Follow a swapped CURRENT, and reload after another process commits; two stats."""
        if self.path is None:
            return
        pointer = _stamp(self._pointer())
        if pointer != self._stamps[0]:
            self._open_current()
        meta = _stamp(self.path / self._generation / "meta.json")
        if meta != self._stamps[1] or pointer != self._stamps[0]:
            self._index.reload()
        self._stamps = (pointer, meta)

    def _new_generation(self):
        """Return (name, Index) of a fresh, empty generation directory."""
        existing = [int(p.name[4:]) for p in self.path.glob("gen-*") if p.name[4:].isdigit()]
        name = f"gen-{max(existing, default=0) + 1}"
        (self.path / name).mkdir()
        return name, tantivy.Index(self.schema, path=str(self.path / name))

    def _swap_to(self, generation):
        """Point CURRENT at a generation atomically and drop generations older than the last."""
        previous = self._generation
        tmp = self.path / "CURRENT.tmp"
        tmp.write_text(generation)
        os.replace(tmp, self._pointer())
        for old in self.path.glob("gen-*"):
            if old.name not in (generation, previous):
                shutil.rmtree(old, ignore_errors=True)

    def _close_writer(self):
        if self._writer is not None:
            self._writer.wait_merging_threads()
            self._writer = None

    def _write(self, action):
        """Run `action(writer)` on the live index, commit, and make it visible."""
        with self._lock:
            self._open_current()
            if self._writer is None:
                self._writer = self._index.writer(WRITER_HEAP, 1)
            action(self._writer)
            self._writer.commit()
            self._index.reload()
            self._writes += 1

    def _retire(self, writer, field, value):
        """Mark base rows of the column files retired, once per id or service id."""
        if has_field(self._index.schema, "kind"):
            writer.delete_documents_by_term(field, value)
            writer.add_document(tombstone(field, value))

    def index(self, documents):
        """Add or replace documents by id."""
        def add(writer):
            # A generation built before the exclusion fields existed cannot take them.
            facts = supported(self._index.schema)
            current = has_field(self._index.schema, "kind")
            for doc in documents:
                writer.delete_documents_by_term("id", doc["id"])
                self._retire(writer, "tomb_id", doc["id"])
                writer.add_document(to_tantivy(doc, facts, current=current))
        self._write(add)

    def delete(self, ids):
        """Remove documents by id."""
        def remove(writer):
            for i in ids:
                writer.delete_documents_by_term("id", i)
                self._retire(writer, "tomb_id", i)
        self._write(remove)

    def delete_service(self, service_id):
        """Remove every document of one service."""
        def remove(writer):
            writer.delete_documents_by_term("service_id", service_id)
            self._retire(writer, "tomb_service", service_id)
        self._write(remove)

    def rebuild(self, documents):
        """Build a new generation from `documents`, then swap it in; return the count."""
        with self._lock:
            if self.path is None:
                return self._rebuild_in_memory(documents)
            self._open_current()
            name, count = self._build_generation(documents)
            self._swap_in(name)
            return count

    def _build_generation(self, documents):
        """Write a new generation (tantivy and its column files); return (name, count)."""
        name, index = self._new_generation()
        try:
            writer = index.writer(REBUILD_HEAP, REBUILD_THREADS)
            # The columns are built beside tantivy's writer, in a second process when large.
            columns = ColumnSink(self.path / name)
            try:
                count = _fill(writer, columns, documents)
                columns.finish()   # saved before the swap: a live generation is whole
            finally:
                columns.abort()
            writer.wait_merging_threads()
        except BaseException:
            shutil.rmtree(self.path / name, ignore_errors=True)   # never half a generation
            raise
        return name, count

    def _swap_in(self, name):
        self._close_writer()
        self._swap_to(name)
        self._open_current()
        self._dead = (None, None, False)
        self._index.reload()

    def overlay_size(self):
        """Return (documents matched one by one, rows in the column files)."""
        with self._lock:
            self._refresh()
            searcher = self._index.searcher()
            if not has_field(self._index.schema, "kind"):
                return searcher.num_docs, 0      # an older layout: only a rebuild helps
            rows = self._columns.count if self._columns is not None else 0
            return self._count_kind(searcher, "overlay"), rows

    def compact(self):
        """Fold the overlay into a new generation; return its document count, or None.

        The new generation is built from this one's documents, outside the lock, so
        searches in this process go on meanwhile. A write committed during the build
        (by this process or another) would be missing from it: the build is then thrown
        away and None returned, and the next compaction starts again from the live index.
        None also when there is nothing to fold, or the layout predates the overlay, or the
        live column files cannot be read (an older format): the documents they hold would
        be lost, so only a rebuild from the store replaces that generation.
        """
        with self._lock:
            self._refresh()
            if not has_field(self._index.schema, "kind"):
                return None
            searcher = self._index.searcher()
            if self._columns is None and _counted(searcher, self._index.schema, "base"):
                return None
            dead, overlay = self._retired(searcher)
            if not overlay and dead is None:
                return None
            documents = _live_documents(self._index.schema, searcher, self._columns, dead)
            if self.path is None:
                return self._rebuild_in_memory(documents)
            started = self._state()
        name, count = self._build_generation(documents)
        with self._lock:
            self._refresh()
            if self._state() != started:
                shutil.rmtree(self.path / name, ignore_errors=True)
                return None
            self._swap_in(name)
            return count

    def _state(self):
        """Return what changes when the live index changes, as of the last `_refresh`: its
        generation, the files that tell another process's commits, this process's commits."""
        return self._generation, self._stamps, self._writes

    def _rebuild_in_memory(self, documents):
        index = tantivy.Index(self.schema)
        writer = index.writer(REBUILD_HEAP, REBUILD_THREADS)
        columns = ColumnBuilder()
        count = _fill(writer, columns, documents)
        writer.wait_merging_threads()
        self._close_writer()
        self._index, self._columns = index, columns.finish()
        self._dead = (None, None, False)
        self._index.reload()
        return count

    def _searcher(self):
        with self._lock:
            self._refresh()
            return self._index.searcher()

    def snapshot(self):
        """Return a reader fixed on the live index for the queries of one match."""
        with self._lock:
            self._refresh()
            searcher = self._index.searcher()
            dead, overlay = self._retired(searcher)
            return TantivyReader(self._index, self.schema, searcher,
                                 supported(self._index.schema), self._columns, dead, overlay)

    def _retired(self, searcher):
        """Return (mask of column rows retired by tombstones or None, overlay docs exist)."""
        if self._columns is None:
            return None, True
        key = self._state()
        if self._dead[0] == key:
            return self._dead[1], self._dead[2]
        has_overlay = self._count_kind(searcher, "overlay") > 0
        found = self._count_kind(searcher, "tomb")
        ids, services = [], []
        if found:
            tombs = tantivy.Query.term_query(self.schema, "kind", "tomb")
            for _score, address in searcher.search(tombs, found, count=False).hits:
                stored = searcher.doc(address)
                tomb_id = stored.get_first("tomb_id")
                if tomb_id is not None:
                    ids.append(tomb_id)
                else:
                    services.append(stored.get_first("tomb_service"))
        dead = None
        if ids or services:
            dead = np.zeros(self._columns.count, dtype=bool)
            dead[self._columns.rows_of_ids(ids)] = True
            dead[self._columns.rows_of_services(services)] = True
        self._dead = (key, dead, has_overlay)
        return dead, has_overlay

    def candidates(self, query):
        """Return documents passing the query's filters, exact radius applied here."""
        return self.snapshot().candidates(query)

    def count(self):
        """Return the number of live documents (tombstones are not documents)."""
        searcher = self._searcher()
        if not has_field(self._index.schema, "kind"):
            return searcher.num_docs
        return searcher.num_docs - self._count_kind(searcher, "tomb")

    def _count_kind(self, searcher, kind):
        """Return how many documents of a kind (base, overlay, tomb) the searcher sees."""
        query = tantivy.Query.term_query(self.schema, "kind", kind)
        return searcher.search(query, 1, count=True).count

    def outdated(self):
        """Return True for a generation with documents but no column files (older layout)."""
        with self._lock:
            self._refresh()
            return self._columns is None and self._index.searcher().num_docs > 0

    def health(self):
        """Report whether the index opens and how many documents it holds."""
        try:
            documents = self.count()
        except (OSError, ValueError) as error:
            return Health(ok=False, backend=self.name, detail={"error": str(error)})
        detail = {"path": str(self.path) if self.path else None, "generation": self._generation,
                  "matching": self._matching_layout()}
        return Health(ok=True, backend=self.name, documents=documents, detail=detail)

    def _matching_layout(self):
        """Say how matches run, and how much is matched per document until the next rebuild."""
        if self._columns is None:
            return "per document (`flask index rebuild` writes column files)"
        changed = self._count_kind(self._searcher(), "overlay")
        return (f"column files, {self._columns.count} rows; {changed} documents written since "
                "the last rebuild are matched per document until they are compacted or "
                "rebuilt")

    def search_services(self, text, *, service_ids=None):
        """Return (service_id, score) of active services having every word, best first."""
        with self._lock:
            self._refresh()
            index = self._index
            searcher = index.searcher()
        return tantivy_search.search_services(searcher, index.schema, text, service_ids)


def _live_documents(schema, searcher, columns, dead):
    """Yield a searcher's documents: column rows not retired, then the overlay's."""
    if columns is not None:
        rows = np.flatnonzero(~dead) if dead is not None else np.arange(columns.count)
        for start in range(0, len(rows), DECODE_ROWS):
            yield from columns.documents(rows[start:start + DECODE_ROWS])
    overlay = tantivy.Query.term_query(schema, "kind", "overlay")
    found = _counted(searcher, schema, "overlay")
    if found:
        for _score, address in searcher.search(overlay, found, count=False).hits:
            yield marshal.loads(searcher.doc(address).get_first("doc"))


def _counted(searcher, schema, kind):
    """Return how many documents of a kind ("base", "overlay") a searcher holds."""
    return searcher.search(tantivy.Query.term_query(schema, "kind", kind), 1, count=True).count


def _fill(writer, columns, documents):
    """Add every document to tantivy's writer and to the columns, commit; return the count.

    The cyclic garbage collector is paused meanwhile (gcpause), with a full pass every
    COLLECT_EVERY documents. Reading or projecting documents makes thousands of dicts and
    lists a batch, each counted towards the collector's thresholds, and its automatic passes
    walked every live object of the process over and over: a quarter of this process's time
    on the benchmark's documents. Documents are trees that reference counting frees.
    """
    count = 0
    with gcpause.paused():
        for doc in documents:
            writer.add_document(to_tantivy(doc, base=count))   # base: its place in the rebuild
            columns.add(doc)
            count += 1
            if count % COLLECT_EVERY == 0:
                gc.collect()
    writer.commit()
    return count
