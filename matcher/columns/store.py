"""A ColumnSet: the arrays, posting lists and compressed documents of one index generation.

Saved as .npy files (memory-mapped when loaded, so every web worker shares one copy through
the page cache), a JSON file of vocabularies, and one file of compressed documents.
"""
import json
import marshal
import mmap
import os
import threading
import zlib
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
import zstandard

from matcher.columns.documents import BLOB, FOLDER, TABLES, ZDICT, dictionary
from matcher.columns.layout import ANYWHERE_CELL
from matcher.columns.records import CANONICAL_UUID, FLOAT_COLUMNS, Decoder, uuid_text

META = "meta.json"
# 2: polygon edge arrays; 3: geometry cell postings; 4: no parsed polygons; 5: compact
# records; 6: UUID ids in 16 bytes; 7: stems as numbers; 8: geometry grids; 9: polygon
# vertices instead of edges, 32-bit cells and offsets; 10: opening hours per distinct schedule;
# 11: documents compressed by zstd
FORMAT = 11
# Format 10 differs only in how each stored document is compressed (raw deflate with a
# preset dictionary): an index built before the upgrade keeps matching on its columns.
ZLIB_FORMAT = 10
READABLE_FORMATS = (ZLIB_FORMAT, FORMAT)
UUID_IDS, TEXT_IDS = "uuid", "text"   # how an id column holds its ids (meta "id_formats")
# The columns a stored record leaves values to (records.Decoder's `at`).
ROW_VALUE_COLUMNS = ("ids", "service_ids", *dict.fromkeys(FLOAT_COLUMNS.values()))


def pack_ids(texts):
    """Return (array, format) of ids: 16 bytes each when all are canonical UUIDs, else text."""
    if texts and all(type(t) is str and CANONICAL_UUID.fullmatch(t) for t in texts):
        # One join and one hex decode: no Python object per id. 16 bytes instead of 36.
        return np.frombuffer(bytes.fromhex("".join(texts).replace("-", "")), dtype="S16"), \
            UUID_IDS
    width = max([1] + [len(t.encode()) for t in texts])
    return np.array([t.encode() for t in texts], dtype=f"S{width}"), TEXT_IDS


def _id_keys(wanted, values, format):
    """Return the stored form of the wanted ids an id column can hold."""
    if format == UUID_IDS:
        return [bytes.fromhex(k.replace("-", "")) for k in wanted
                if type(k) is str and CANONICAL_UUID.fullmatch(k)]
    return [key for key in (k.encode() for k in wanted) if len(key) <= values.dtype.itemsize]


@dataclass
class Postings:
    """Sorted owner lists per key: those of keys[i] are values[pointers[i]:pointers[i + 1]]."""
    keys: list
    pointers: np.ndarray
    values: np.ndarray

    def __post_init__(self):
        self._index = {key: i for i, key in enumerate(self.keys)}

    def get(self, key):
        """Return the sorted owners of a key (empty when unknown)."""
        i = self._index.get(key)
        if i is None:
            return self.values[:0]
        return self.values[self.pointers[i]:self.pointers[i + 1]]

    def bounds(self, key):
        """Return (start, end) of a key's owners in `values` ((0, 0) when unknown)."""
        i = self._index.get(key)
        return (0, 0) if i is None else (int(self.pointers[i]), int(self.pointers[i + 1]))


class ColumnSet:
    """Arrays by name, posting lists by family, and the stored documents, one row each."""

    def __init__(self, arrays, postings, blob, zdict, meta, tables=((), (), ())):
        self.arrays, self.postings, self.blob, self.zdict = arrays, postings, blob, zdict
        self.meta, self.tables = meta, tables
        self._records = Decoder(*tables)
        self._local = threading.local()
        self._id_formats = meta.get("id_formats", {})
        self.count = meta["count"]
        self.language_bits = meta["languages"]   # ISO code -> bit in the languages column
        cells = arrays["cell"]
        self.placed_rows = int(np.searchsorted(cells, ANYWHERE_CELL))  # rows before "anywhere"

    def __getattr__(self, name):
        try:
            return self.__dict__["arrays"][name]
        except KeyError:
            raise AttributeError(name) from None

    def document(self, row):
        """Return the stored flat document of a row."""
        return self.documents([row])[0]

    def documents(self, rows):
        """Return the stored flat documents of rows, in order.

        The values a record leaves to the columns (ids, coordinates...) are read for all the
        rows at once: one numpy scalar read costs about as much as decoding a field, and a
        lazy reader's call per value more than reading the few values a record skips.
        """
        rows = np.asarray(rows, dtype=np.int64)
        starts, lengths = self.arrays["doc_start"][rows].tolist(), \
            self.arrays["doc_length"][rows].tolist()
        gathered = [self._gather(column, rows) for column in ROW_VALUE_COLUMNS]
        decompress, out = self._decompressor(), []
        for start, length, values in zip(starts, lengths, zip(*gathered)):
            record = marshal.loads(decompress(self.blob[start:start + length]))
            at = dict(zip(ROW_VALUE_COLUMNS, values)).__getitem__
            out.append(self._records.decode(record, at))
        return out

    def _decompressor(self):
        """Return this thread's decompress function (a zstd context serves one thread)."""
        found = getattr(self._local, "decompress", None)
        if found is None:
            if self.meta.get("format") == ZLIB_FORMAT:
                found = partial(_inflate, self.zdict)
            else:
                found = zstandard.ZstdDecompressor(dict_data=dictionary(self.zdict)).decompress
            self._local.decompress = found
        return found

    def _gather(self, column, rows):
        values = self.arrays[column][rows]
        if column not in ("ids", "service_ids"):
            return values.tolist()
        return [self._id_text(column, value) for value in values]

    def id_at(self, column, row):
        """Return the id ("ids") or service id ("service_ids") of a row as text."""
        return self._id_text(column, self.arrays[column][row])

    def _id_text(self, column, value):
        if self._id_formats.get(column) == UUID_IDS:   # numpy drops trailing NUL bytes
            return uuid_text(bytes(value).ljust(16, b"\0"))
        return value.decode()

    def rows_of_ids(self, ids):
        """Return the rows holding these document ids (unknown ids are skipped)."""
        return self._lookup("ids", self.arrays["id_order"], ids)

    def rows_of_services(self, service_ids):
        """Return every row of these services."""
        return self._lookup("service_ids", self.arrays["service_order"], service_ids,
                            every=True)

    def _lookup(self, column, order, wanted, every=False):
        values = self.arrays[column]
        keys = _id_keys(wanted, values, self._id_formats.get(column, TEXT_IDS))
        if not keys or not len(values):
            return np.zeros(0, dtype=np.int64)
        probe = np.array(keys, dtype=values.dtype)
        # `sorter` searches in id order without copying the column (45 MB at a million rows).
        low = np.searchsorted(values, probe, side="left", sorter=order)
        high = np.searchsorted(values, probe, side="right", sorter=order) if every else low + 1
        high = np.minimum(high, len(values))
        rows = [order[lo:hi] for lo, hi in zip(low, high) if lo < hi]
        rows = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
        return rows[np.isin(values[rows], probe)]   # drop insertion points of absent keys

    def save(self, folder):
        """Write the set into `folder`/columns, replacing nothing until every file is written."""
        target = Path(folder) / FOLDER
        target.mkdir(parents=True, exist_ok=True)
        for name, values in self.arrays.items():
            np.save(target / f"{name}.npy", values)
        for family, postings in self.postings.items():
            np.save(target / f"{family}.pointers.npy", postings.pointers)
            np.save(target / f"{family}.values.npy", postings.values)
        if self.blob is not None:     # None: the builder streamed it into this folder
            (target / BLOB).write_bytes(self.blob)
        (target / ZDICT).write_bytes(self.zdict)
        (target / TABLES).write_bytes(marshal.dumps(tuple(self.tables), 4))
        meta = dict(self.meta, format=FORMAT, arrays=sorted(self.arrays),
                    postings={family: p.keys for family, p in self.postings.items()})
        tmp = target / (META + ".tmp")
        tmp.write_text(json.dumps(meta))
        os.replace(tmp, target / META)   # written last: its presence means complete

    @classmethod
    def load(cls, folder):
        """Return the saved set in `folder`/columns, or None when there is none (or too old)."""
        target = Path(folder) / FOLDER
        try:
            meta = json.loads((target / META).read_text())
        except (FileNotFoundError, ValueError):
            return None
        if meta.get("format") not in READABLE_FORMATS:
            return None
        arrays = {name: _mapped(target / f"{name}.npy") for name in meta["arrays"]}
        postings = {family: Postings(keys, np.load(target / f"{family}.pointers.npy"),
                                     _mapped(target / f"{family}.values.npy"))
                    for family, keys in meta["postings"].items()}
        with open(target / BLOB, "rb") as stream:
            blob = _map(stream)
        zdict = (target / ZDICT).read_bytes()
        tables = marshal.loads((target / TABLES).read_bytes())
        return cls(arrays, postings, blob, zdict, meta, tables)


def _inflate(zdict, packed):
    """Return a record of format 10: raw deflate with the set's preset dictionary."""
    return zlib.decompressobj(-15, zdict).decompress(packed)


def _mapped(path):
    """Return a read-only array backed by the file's pages (shared by every process)."""
    # A plain ndarray view: np.memmap's Python-level indexing hooks cost more than the
    # arithmetic on the small slices a match takes.
    return np.load(path, mmap_mode="r").view(np.ndarray)


def _map(stream):
    """Return a read-only memory map of a file (empty bytes for an empty file)."""
    size = os.fstat(stream.fileno()).st_size
    if size == 0:
        return b""
    return mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
