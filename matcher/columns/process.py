"""Build a rebuild's column files in two more processes, so they take the machine's cores.

Extracting the columns is pure Python (the GIL holds it to one core) and took about half of
a rebuild, while tantivy indexed on the same core. The rebuilding process now keeps tantivy
and sends the documents in marshal batches through pipes to two children: `python -m
matcher.columns.process documents <folder>` encodes and compresses the stored documents,
and `... columns <folder>` builds the arrays and postings, then saves the ColumnSet with
what the documents process handed over (documents.hand_over). With one child doing both,
it was the bottleneck and the rebuilding process sat idle two thirds of the time. The
pipes' back-pressure keeps every side's memory bounded. Small rebuilds (tests, a fresh
directory) stay in one process: below START_AFTER documents an interpreter costs more
than it saves.
"""
import gc
import marshal
import subprocess
import sys
from pathlib import Path

from matcher.child import child_env
from matcher.columns.builder import ColumnBuilder
from matcher.columns.documents import DocumentsFrom, DocumentWriter, hand_over

START_AFTER = 20_000      # documents held back before deciding to start the processes
BATCH = 1_000             # documents per message
COLLECT_EVERY = 100       # batches between two garbage collections in a child (_documents)
# Started in this order; finish() waits for the documents first, whose hand-over the
# columns process reads once its input ends.
ROLES = ("documents", "columns")


class ColumnSink:
    """Take a rebuild's documents; `finish()` leaves the saved ColumnSet in `folder`."""

    def __init__(self, folder):
        self.folder, self._held, self._children = Path(folder), [], {}

    def add(self, doc):
        """Add one document (held until there are enough to be worth the processes)."""
        self._held.append(doc)
        if len(self._held) >= (BATCH if self._children else START_AFTER):
            if not self._children:
                self._children = {role: _start(role, self.folder) for role in ROLES}
            self._send()

    def _send(self):
        data = marshal.dumps(self._held, 4)
        self._held = []
        message = len(data).to_bytes(8, "little") + data
        for role, child in self._children.items():
            try:
                child.stdin.write(message)
            except BrokenPipeError:
                raise RuntimeError(f"the column build ({role}) for {self.folder} stopped "
                                   f"(exit code {child.wait()})") from None

    def finish(self):
        """Write the column files; raise RuntimeError if a child process failed."""
        if not self._children:
            builder = ColumnBuilder(self.folder)
            for doc in self._held:
                builder.add(doc)
            self._held = []
            builder.finish().save(self.folder)
            return
        if self._held:
            self._send()
        for role in ROLES:
            child = self._children[role]
            child.stdin.close()
            code = child.wait()
            if code != 0:
                raise RuntimeError(f"the column build ({role}) for {self.folder} failed "
                                   f"(exit code {code})")

    def abort(self):
        """Stop child processes still running (the rebuild failed elsewhere)."""
        for child in self._children.values():
            if child.poll() is None:
                child.kill()
                child.wait()


def _start(role, folder):
    return subprocess.Popen([sys.executable, "-m", "matcher.columns.process", role,
                             str(folder)], stdin=subprocess.PIPE, env=child_env())


def _messages(stream):
    while True:
        header = stream.read(8)
        if not header:
            return
        size = int.from_bytes(header, "little")
        yield marshal.loads(stream.read(size))


def _documents(stream):
    """Yield the documents of every batch on `stream`, collecting garbage between batches.

    Documents are dicts and lists that reference counting frees. The collector's automatic
    passes, triggered by every batch's thousands of new containers, found nothing to free
    in the benchmark's documents, yet took a third of the columns process's time and a sixth
    of the documents process's. A full pass every COLLECT_EVERY batches still frees any
    cycle a document might make; the state a process keeps is mostly arrays and strings,
    which the collector does not visit.
    """
    gc.disable()
    for count, batch in enumerate(_messages(stream), 1):
        yield from batch
        if count % COLLECT_EVERY == 0:
            gc.collect()


def main(role, folder):
    """Read document batches from stdin until it closes, then save this role's part."""
    if role == "documents":
        writer = DocumentWriter(folder)
        for doc in _documents(sys.stdin.buffer):
            writer.add(doc)
        hand_over(folder, writer.finish())
        return
    builder = ColumnBuilder(folder, documents=DocumentsFrom(folder))
    for doc in _documents(sys.stdin.buffer):
        builder.add(doc)
    builder.finish().save(folder)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
