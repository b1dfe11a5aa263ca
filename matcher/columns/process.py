"""Build a rebuild's column files in a second process, so they take the machine's other core.

Extracting the columns is pure Python (the GIL holds it to one core) and took about half of
a rebuild, while tantivy indexed on the same core. The rebuilding process now keeps tantivy
and sends the documents in marshal batches through a pipe to `python -m
matcher.columns.process <folder>`, which builds the arrays and the stored documents and
saves the ColumnSet into the generation folder; the pipe's back-pressure keeps both sides'
memory bounded. Small rebuilds (tests, a fresh directory) stay in one
process: below START_AFTER documents a second interpreter costs more than it saves.
"""
import marshal
import subprocess
import sys
from pathlib import Path

from matcher.child import child_env
from matcher.columns.builder import ColumnBuilder

START_AFTER = 20_000      # documents held back before deciding to start the process
BATCH = 1_000             # documents per message


class ColumnSink:
    """Take a rebuild's documents; `finish()` leaves the saved ColumnSet in `folder`."""

    def __init__(self, folder):
        self.folder, self._held, self._child = Path(folder), [], None

    def add(self, doc):
        """Add one document (held until there are enough to be worth a process)."""
        self._held.append(doc)
        if len(self._held) >= (BATCH if self._child else START_AFTER):
            if self._child is None:
                self._child = _start(self.folder)
            self._send()

    def _send(self):
        data = marshal.dumps(self._held, 4)
        self._held = []
        try:
            self._child.stdin.write(len(data).to_bytes(8, "little") + data)
        except BrokenPipeError:
            raise RuntimeError(f"the column build for {self.folder} stopped "
                               f"(exit code {self._child.wait()})") from None

    def finish(self):
        """Write the column files; raise RuntimeError if the child process failed."""
        if self._child is None:
            builder = ColumnBuilder(self.folder)
            for doc in self._held:
                builder.add(doc)
            self._held = []
            builder.finish().save(self.folder)
            return
        if self._held:
            self._send()
        self._child.stdin.close()
        code = self._child.wait()
        if code != 0:
            raise RuntimeError(f"the column build for {self.folder} failed (exit code {code})")

    def abort(self):
        """Stop a child process still running (the rebuild failed elsewhere)."""
        if self._child is not None and self._child.poll() is None:
            self._child.kill()
            self._child.wait()


def _start(folder):
    return subprocess.Popen([sys.executable, "-m", "matcher.columns.process", str(folder)],
                            stdin=subprocess.PIPE, env=child_env())


def _messages(stream):
    while True:
        header = stream.read(8)
        if not header:
            return
        size = int.from_bytes(header, "little")
        yield marshal.loads(stream.read(size))


def main(folder):
    """Read document batches from stdin until it closes; save the ColumnSet in `folder`."""
    builder = ColumnBuilder(folder)
    for batch in _messages(sys.stdin.buffer):
        for doc in batch:
            builder.add(doc)
    builder.finish().save(folder)


if __name__ == "__main__":
    main(sys.argv[1])
