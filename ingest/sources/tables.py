"""Read the CSV tables of a feed package (a folder or a zip) as streams of numbered rows.

Encoding is checked before any row is used: UTF-8 (with or without BOM) only, because a
mis-decoded feed would write garbage everywhere; UTF-16 and invalid bytes refuse the feed.
Child rows are indexed by parent id in a temporary SQLite file (see children.ChildIndex),
so the memory a feed needs does not grow with its size.
"""
import codecs
import csv
import io
import zipfile
from pathlib import Path

from .base import FeedRefused

csv.field_size_limit(10_000_000)  # long descriptions are prose, not a broken feed
BOMS = {codecs.BOM_UTF16_LE: "UTF-16", codecs.BOM_UTF16_BE: "UTF-16",
        codecs.BOM_UTF32_LE: "UTF-32", codecs.BOM_UTF32_BE: "UTF-32"}


class Package:
    """The files of a folder or zip, found by base name whatever their folder inside."""

    def __init__(self, location):
        path = Path(location)
        self.label = path.name
        if path.is_dir():
            self._zip = None
            self._files = {p.name.lower(): p for p in path.rglob("*") if p.is_file()}
        elif path.is_file():
            try:
                self._zip = zipfile.ZipFile(path)
            except zipfile.BadZipFile:
                raise FeedRefused(f"{path.name} is not a zip archive or folder") from None
            self._files = {Path(n).name.lower(): n for n in self._zip.namelist()
                           if not n.endswith("/") and "__MACOSX" not in n}
        else:
            raise FeedRefused(f"{location} does not exist")

    def has(self, name):
        """Tell whether the package holds a file of that base name."""
        return name.lower() in self._files

    def read_bytes(self, name):
        """Return a small file's bytes (datapackage.json)."""
        with self._binary(name) as stream:
            return stream.read()

    def _binary(self, name):
        found = self._files[name.lower()]
        return self._zip.open(found) if self._zip else open(found, "rb")

    def check_encoding(self, name):
        """Refuse the feed unless the whole file decodes as UTF-8."""
        decoder = codecs.getincrementaldecoder("utf-8")("strict")
        line = 1
        with self._binary(name) as stream:
            head = stream.read(4)
            for bom, label in BOMS.items():
                if head.startswith(bom) and not head.startswith(codecs.BOM_UTF8):
                    raise FeedRefused(f"{name} is {label}; save it as UTF-8 and retry")
            chunk = head
            while chunk:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as error:
                    line += chunk[:error.start].count(b"\n")
                    raise FeedRefused(f"{name} is not UTF-8 (invalid bytes on line {line}); "
                                      "save it as UTF-8 and retry") from None
                line += chunk.count(b"\n")
                chunk = stream.read(1 << 20)

    def header(self, name):
        """Return the file's column names, trimmed and lower-cased."""
        with self._text(name) as stream:
            first = next(csv.reader(stream), None)
        if not first or not any(cell.strip() for cell in first):
            raise FeedRefused(f"{name} has no header row")
        return [cell.strip().lower() for cell in first]

    def _text(self, name):
        return io.TextIOWrapper(self._binary(name), encoding="utf-8-sig", newline="")

    def rows(self, name):
        """Yield (line, row) for each data row; line is the row's first line in the file."""
        for start, header, values in self.value_rows(name):
            yield start, Row(header, values)

    def value_rows(self, name):
        """Yield (line, header, values) for each data row `rows` yields, without a Row.

        `header` is one list for the whole file: callers must not change it.
        """
        with self._text(name) as stream:
            reader = csv.reader(stream)
            header = [cell.strip().lower() for cell in next(reader, [])]
            start = reader.line_num + 1
            for values in reader:
                if "".join(values).strip():  # some cell is not blank
                    yield start, header, values
                start = reader.line_num + 1


def text_of(value):
    """Return a cell trimmed, or None when blank or not text (what Row.text gives)."""
    return value.strip() or None if isinstance(value, str) else None


class Row(dict):
    """A CSV row as {column: value}; `extra` counts values beyond the header."""

    extra = 0

    def __init__(self, header, values):
        dict.__init__(self, zip(header, values))
        if len(values) > len(header):
            self.extra = len(values) - len(header)

    def text(self, key):
        """Return the trimmed value or None when blank or absent."""
        return text_of(self.get(key))
