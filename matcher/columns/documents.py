"""Write a generation's stored documents: compact records, each compressed on its own.

Each record (matcher.columns.records) is deflated with a preset dictionary taken from the
first ones, so any one decodes alone. zlib releases the GIL, so compression runs on a thread
beside whatever else the process does. Into a folder, the compressed records stream to
docs.bin instead of memory: at a million services they are the largest part of the set.
"""
import marshal
import zlib
from array import array
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from matcher.columns.records import Encoder

FOLDER = "columns"
BLOB = "docs.bin"
TABLES = "docs.words"     # the records' shared strings and key shapes
ZDICT = "docs.dict"
SAMPLE_DOCS = 4096        # documents held until the compression dictionary is chosen
SAMPLE_EVERY = 64         # ... from every 64th of them: a spread sample, not a run of
                          # neighbours (16 bytes less a record on the 1M benchmark)
CHUNK_DOCS = 512          # documents compressed per task on the compression thread
ZDICT_BYTES = 32 * 1024   # zlib's largest preset dictionary
# Measured on benchmark records: level 5 stores them in 268 bytes at 35 us each, level 1
# in 332 at 30 us, level 6 in 262 at 45 us.
LEVEL, MEMORY_LEVEL = 5, 8


class DocumentWriter:
    """Encode, compress and append documents; into `folder`/columns or into memory."""

    def __init__(self, folder=None):
        self.records = Encoder()
        self.doc_start, self.doc_length, self._size = array("q"), array("i"), 0
        self._folder, self.blob = folder, bytearray()
        if folder is not None:
            (Path(folder) / FOLDER).mkdir(parents=True, exist_ok=True)
            self.blob = open(Path(folder) / FOLDER / BLOB, "wb")
        self._pending, self._compressor, self.zdict = [], None, b""
        self._pool, self._chunks = None, []

    def add(self, doc):
        """Queue one document's record for compression."""
        self._pending.append(marshal.dumps(self.records.encode(doc), 4))
        if self._compressor is None:
            if len(self._pending) >= SAMPLE_DOCS:
                self._start_compression()
        elif len(self._pending) >= CHUNK_DOCS:
            self._submit()

    def _start_compression(self):
        self.zdict = b"".join(self._pending[::SAMPLE_EVERY])[-ZDICT_BYTES:]
        self._compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15, MEMORY_LEVEL,
                                            zlib.Z_DEFAULT_STRATEGY, self.zdict)
        self._pool, self._chunks = ThreadPoolExecutor(1), []
        self._submit()

    def _submit(self):
        chunk, self._pending = self._pending, []
        self._chunks.append(self._pool.submit(_compress, self._compressor, chunk))
        while len(self._chunks) > 4 or (self._chunks and self._chunks[0].done()):
            self._collect(self._chunks.pop(0))   # bounded: at most a few chunks in flight

    def _collect(self, future):
        for packed in future.result():
            self.doc_start.append(self._size)
            self.doc_length.append(len(packed))
            self.blob.write(packed) if self._folder is not None else self.blob.extend(packed)
            self._size += len(packed)

    def finish(self):
        """Flush every record; return (starts, lengths, blob or None, zdict, tables).

        starts and lengths are the records' offsets in the blob, as array('q') and
        array('i'). Into a folder, the blob is there already, so it comes back as None.
        """
        if self._compressor is None:
            self._start_compression()
        if self._pending:
            self._submit()
        for future in self._chunks:
            self._collect(future)
        self._pool.shutdown()
        tables = self.records.tables()
        if self._folder is None:
            return self.doc_start, self.doc_length, bytes(self.blob), self.zdict, tables
        self.blob.close()
        return self.doc_start, self.doc_length, None, self.zdict, tables


# What a documents process leaves for the columns process (matcher.columns.process): the
# records' offsets, dictionary and tables. Read once, then deleted.
HANDOVER = "docs.handover"


def hand_over(folder, finished):
    """Save a folder DocumentWriter's finish() result for `DocumentsFrom(folder)`."""
    starts, lengths, _blob, zdict, tables = finished
    # Each array goes with its type code, so the reader rebuilds it exactly as written.
    parts = ((starts.typecode, starts.tobytes()), (lengths.typecode, lengths.tobytes()),
             zdict, tables)
    path = Path(folder) / FOLDER / HANDOVER
    temporary = path.with_suffix(".partial")
    temporary.write_bytes(marshal.dumps(parts, 4))
    temporary.replace(path)   # whole or absent: a killed process leaves no half file


class DocumentsFrom:
    """A DocumentWriter's stand-in in the columns process: another process writes the
    documents of the same stream into the folder, and `finish()` reads what it handed over."""

    def __init__(self, folder):
        self.path = Path(folder) / FOLDER / HANDOVER

    def add(self, doc):
        """Nothing to do: the documents process encodes this document."""

    def finish(self):
        """Return (starts, lengths, None, zdict, tables), as DocumentWriter.finish() would."""
        starts, lengths, zdict, tables = marshal.loads(self.path.read_bytes())
        self.path.unlink()
        return array(*starts), array(*lengths), None, zdict, tables


def _compress(base, chunk):
    """Return each raw record compressed on its own with the shared dictionary."""
    out = []
    for raw in chunk:
        compressor = base.copy()
        out.append(compressor.compress(raw) + compressor.flush())
    return out
