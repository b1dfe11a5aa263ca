"""Write a generation's stored documents: compact records, each compressed on its own.

Each record (matcher.columns.records) is compressed by zstd with a dictionary trained on
the first ones, so any one decodes alone. Into a folder, the compressed records stream to
docs.bin instead of memory: at a million services they are the largest part of the set.
"""
import marshal
from array import array
from pathlib import Path

import zstandard

from matcher.columns.records import Encoder

FOLDER = "columns"
BLOB = "docs.bin"
TABLES = "docs.words"     # the records' shared strings and key shapes
ZDICT = "docs.dict"
SAMPLE_DOCS = 4096        # documents held until the dictionary is trained on them
ZDICT_BYTES = 112_640     # zstd's default dictionary size
# Measured on the benchmark's first 200,000 documents (records of 850 bytes on average): zlib
# at level 5 with a 32 KiB dictionary of sample records stored them in 234 bytes each, and
# the documents process (matcher.columns.process) took 17.3 s; zstd at level 3 in 214 bytes
# and 12.0 s, level 6 in 195 and 13.7 s, level 9 in 185 and 15.3 s. A record decompresses
# in 1.3 to 1.8 us at every level, against 2.9 us for zlib.
LEVEL = 6


class DocumentWriter:
    """Encode, compress and append documents; into `folder`/columns or into memory."""

    def __init__(self, folder=None):
        self.records = Encoder()
        self.doc_start, self.doc_length, self._size = array("q"), array("i"), 0
        self._folder, self.blob = folder, bytearray()
        if folder is not None:
            (Path(folder) / FOLDER).mkdir(parents=True, exist_ok=True)
            self.blob = open(Path(folder) / FOLDER / BLOB, "wb")
        self._pending, self._compress, self.zdict = [], None, b""

    def add(self, doc):
        """Compress one document's record (held until the dictionary is trained)."""
        raw = marshal.dumps(self.records.encode(doc), 4)
        if self._compress is not None:
            self._append(self._compress(raw))
            return
        self._pending.append(raw)
        if len(self._pending) >= SAMPLE_DOCS:
            self._start_compression()

    def _start_compression(self):
        self.zdict = train_dictionary(self._pending)
        self._compress = zstandard.ZstdCompressor(
            level=LEVEL, dict_data=dictionary(self.zdict), write_checksum=False,
            write_content_size=True, write_dict_id=False).compress
        pending, self._pending = self._pending, []
        for raw in pending:
            self._append(self._compress(raw))

    def _append(self, packed):
        self.doc_start.append(self._size)
        self.doc_length.append(len(packed))
        self.blob.write(packed) if self._folder is not None else self.blob.extend(packed)
        self._size += len(packed)

    def finish(self):
        """Flush every record; return (starts, lengths, blob or None, zdict, tables).

        starts and lengths are the records' offsets in the blob, as array('q') and
        array('i'). Into a folder, the blob is there already, so it comes back as None.
        """
        if self._compress is None:
            self._start_compression()
        tables = self.records.tables()
        if self._folder is None:
            return self.doc_start, self.doc_length, bytes(self.blob), self.zdict, tables
        self.blob.close()
        return self.doc_start, self.doc_length, None, self.zdict, tables


def train_dictionary(samples):
    """Return a zstd dictionary for records like `samples` (b"" when there are none).

    zstd cannot train on a handful of records (a small directory): the last of them, whole,
    then serve as a raw-content dictionary of at most ZDICT_BYTES.
    """
    try:
        return zstandard.train_dictionary(ZDICT_BYTES, samples).as_bytes()
    except zstandard.ZstdError:
        kept, size = [], 0
        for raw in reversed(samples):
            size += len(raw)
            if size > ZDICT_BYTES:
                break
            kept.append(raw)
        return b"".join(reversed(kept))


def dictionary(zdict):
    """Return the ZstdCompressionDict of a saved dictionary (None: compress without one).

    A trained dictionary starts with zstd's magic number, which zstd's automatic detection
    looks for; anything else is raw content. A raw-content one here starts with a whole
    record, marshal data of a tuple: its first byte is a tuple's type code, never the
    number's first byte.
    """
    return zstandard.ZstdCompressionDict(zdict) if zdict else None


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
