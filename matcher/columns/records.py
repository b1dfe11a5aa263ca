"""Compact stored documents: what the column files keep of each document, decoded exactly.

A flat document repeats a lot: its id and service id (already in the id columns), its name,
description and organization inside `text`, its `stems` (words of the same text), taxonomy
ids and codes shared by thousands of services, UUIDs as 36 characters. A record keeps the
values in key order, and each value a field codec can express exactly as a shorter one:
a reference to a column or another field, a number in a shared vocabulary of strings, 16
bytes for a UUID. A bit per key says which values are encoded, so anything unusual (a
number where a string was expected, a vocabulary full) is simply stored as it was, and
`decode(encode(doc)) == doc` holds for every document.
"""
import re
from array import array
from itertools import accumulate

MAX_WORDS = 1 << 18          # vocabulary entries; later strings are stored inline
MAX_WORD_CHARS = 200         # longer strings are prose, rarely repeated: stored inline
LINE_FIELDS = ("name", "description", "organization_name")   # text lines -1, -2, -3
CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

ROW_ID, ROW_SERVICE, SAME_AS_ID, UUID, WORD, WORDS, TEXT, PERIODS, FIELDS, ROW_FLOAT, \
    ROW_SITE, STEMS = range(12)
# Float fields a column holds exactly (layout.number_or_nan of a float is the float; a site's
# coordinates are there when it has both): document key -> column.
FLOAT_COLUMNS = {"latitude": "lat", "longitude": "lon", "min_age": "min_age",
                 "max_age": "max_age", "income_limit_fpl": "income_limit",
                 "cost_min_amount": "cost_min", "capacity_available": "capacity"}
# Measured on benchmark documents: the taxonomy codes compress as well inline, and short
# strings from small vocabularies (status, language codes, ...) are left to the compressor's
# dictionary; each codec is a step on every decode. `stems` (sorted, distinct words) become
# the steps between their numbers in a stems vocabulary, a byte each mostly: 83 of the 252
# bytes of a compressed record were stems, and recomputing them would cost 200 us a decode.
CODECS = {
    "id": ROW_ID, "service_id": ROW_SERVICE, "service_at_location_id": SAME_AS_ID,
    "location_id": UUID, "organization_id": UUID,
    "organization_name": WORD, "name": WORD, "description": WORD, "location_name": WORD,
    "taxonomy_term_ids": WORDS, "text": TEXT, "hours": PERIODS, "address": FIELDS,
    "latitude": ROW_SITE, "longitude": ROW_SITE, "min_age": ROW_FLOAT, "max_age": ROW_FLOAT,
    "income_limit_fpl": ROW_FLOAT, "cost_min_amount": ROW_FLOAT,
    "capacity_available": ROW_FLOAT, "stems": STEMS,
}
LATE = (TEXT, SAME_AS_ID)    # decoded after the fields they refer to


class Encoder:
    """Turn documents into records, growing the vocabularies they share."""

    def __init__(self):
        self.words, self.shapes, self.stems, self._plans = {}, {}, {}, {}
        self._codecs = {ROW_ID: _row_value, ROW_SERVICE: _row_value, SAME_AS_ID: _same_as_id,
                        UUID: _uuid_bytes, WORD: self._one, WORDS: self._many,
                        TEXT: self._text, PERIODS: self._periods, ROW_FLOAT: _row_float,
                        ROW_SITE: _row_site, STEMS: self._stems,
                        FIELDS: self._fields}

    def tables(self):
        """Return (words, shapes, stems) as lists: what a Decoder needs besides the records."""
        return list(self.words), list(self.shapes), list(self.stems)

    def _shape(self, keys):
        found = self.shapes.get(keys)
        if found is None:
            found = self.shapes[keys] = len(self.shapes)
        return found

    def _plan(self, keys):
        """Return (shape number, [(position, encode function)]) of documents with these keys."""
        plan = self._plans.get(keys)
        if plan is None:
            plan = self._plans[keys] = (self._shape(keys), [
                (i, self._codecs[CODECS[key]]) for i, key in enumerate(keys) if key in CODECS])
        return plan

    def encode(self, doc):
        """Return the record of one document: (shape, encoded-value bits, *values)."""
        shape, plan = self._plan(tuple(doc))
        values, bits = list(doc.values()), 0
        for position, encode in plan:
            encoded = encode(values[position], doc)
            if encoded is not None:
                values[position] = encoded
                bits |= 1 << position
        return (shape, bits, *values)

    def _word(self, text):
        """Return the vocabulary number of a string, or None when it stays inline."""
        words = self.words
        if len(words) < MAX_WORDS and len(text) <= MAX_WORD_CHARS:
            return words.setdefault(text, len(words))
        return words.get(text)

    def _one(self, value, _doc):
        if type(value) is not str:
            return None
        found = self.words.get(value)
        return found if found is not None else self._word(value)

    def _many(self, values, _doc):
        if type(values) is not list:
            return None
        get = self.words.get
        found = [get(v) if type(v) is str else -1 for v in values]
        if None in found:
            found = [self._word(v) if n is None else n for v, n in zip(values, found)]
        return None if None in found or -1 in found else found

    def _lines(self, parts, refs):
        """Return text lines as field references, vocabulary numbers or inline strings."""
        get = self.words.get
        out = [refs.get(part) or get(part) for part in parts]
        if None in out:   # new strings: number them while there is room, else inline
            out = [self._inline(part) if number is None else number
                   for part, number in zip(parts, out)]
        return out

    def _inline(self, part):
        found = self._word(part)
        return part if found is None else found

    def _text(self, value, doc):
        if type(value) is not str:
            return None
        refs = {}
        for ref, field in enumerate(LINE_FIELDS, 1):
            line = doc.get(field)
            if type(line) is str:
                refs.setdefault(line, -ref)
        return self._lines(value.split("\n"), refs)

    def _stems(self, value, _doc):
        """Return sorted distinct words as the steps between their stem numbers."""
        if type(value) is not str:
            return None
        parts = value.split(" ")
        if parts != sorted(set(parts)):   # only then does sorting on decode give it back
            return None
        stems = self.stems
        if len(stems) + len(parts) <= MAX_WORDS:
            numbers = [stems.setdefault(part, len(stems)) for part in parts]
        else:
            numbers = [stems.get(part) for part in parts]
            if None in numbers:
                return None
        numbers.sort()
        # Steps between the numbers: a byte each when they fit, else two (in a 1-tuple), so
        # a decode sums them with itertools.accumulate, no Python step per stem.
        steps = [b - a for a, b in zip([-1] + numbers, numbers)]
        largest = max(steps)
        if largest < 256:
            return bytes(steps)
        return (array("H", steps).tobytes(),) if largest < 65536 else numbers

    def _periods(self, periods, _doc):
        """Return opening periods as (key shape, flat integers) when they are all alike."""
        if type(periods) is not list or not periods or type(periods[0]) is not dict \
                or not periods[0]:
            return None
        keys = tuple(periods[0])
        flat = []
        for period in periods:
            if type(period) is not dict or tuple(period) != keys:
                return None
            flat.extend(period.values())
        if any(type(value) is not int for value in flat):
            return None
        return (self._shape(keys), *flat)

    def _fields(self, record, _doc):
        """Return a dict of strings as (key shape, vocabulary numbers)."""
        if type(record) is not dict:
            return None
        found = self._many(list(record.values()), None)
        return None if found is None else (self._shape(tuple(record)), *found)


def _row_value(value, _doc):
    # The id columns hold these (numpy strips trailing NULs: keep such ids inline).
    return 0 if type(value) is str and value and value[-1] != "\0" else None


def _row_float(value, _doc):
    return 0 if type(value) is float and value == value else None   # NaN: a new object


def _row_site(value, doc):
    lat, lon = doc.get("latitude"), doc.get("longitude")
    return 0 if type(lat) is float and type(lon) is float and lat == lat and lon == lon \
        else None


def _same_as_id(value, doc):
    return 0 if type(value) is str and value == doc.get("id") else None


def _uuid_bytes(value, _doc):
    if type(value) is str and CANONICAL_UUID.fullmatch(value):
        return bytes.fromhex(value.replace("-", ""))
    return None


def uuid_text(raw):
    """Return the canonical text of a UUID given as 16 bytes."""
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class Decoder:
    """Turn records back into the documents they were encoded from."""

    def __init__(self, words, shapes, stems=()):
        self.words, self.shapes, self.stems, self._plans = words, shapes, stems, {}

    def _plan(self, shape):
        """Return (keys, [(position, decode function)]) of a shape, late codecs last."""
        plan = self._plans.get(shape)
        if plan is None:
            keys = self.shapes[shape]
            codecs = sorted(((i, CODECS[key]) for i, key in enumerate(keys) if key in CODECS),
                            key=lambda item: item[1] in LATE)
            plan = self._plans[shape] = (keys, [(i, self._decoder(codec, keys, keys[i]))
                                                for i, codec in codecs])
        return plan

    def _decoder(self, codec, keys, key):
        """Return f(value, values, at) giving a value back its full form.

        `at(column)` returns the record's row in a column: "ids", "service_ids" as text,
        float columns as a Python float.
        """
        words, shapes = self.words, self.shapes
        if codec == WORD:
            return lambda v, _values, _at: words[v]
        if codec == WORDS:
            return lambda v, _values, _at: [words[n] for n in v]
        if codec == UUID:
            return lambda v, _values, _at: uuid_text(v)
        if codec == ROW_ID:
            return lambda _v, _values, at: at("ids")
        if codec == ROW_SERVICE:
            return lambda _v, _values, at: at("service_ids")
        if codec == STEMS:
            return lambda v, _values, _at: _stems(self.stems, v)
        if codec in (ROW_FLOAT, ROW_SITE):
            column = FLOAT_COLUMNS[key]
            return lambda _v, _values, at: at(column)
        if codec == PERIODS:
            return lambda v, _values, _at: _periods(shapes[v[0]], v)
        if codec == FIELDS:
            return lambda v, _values, _at: dict(zip(shapes[v[0]], [words[n] for n in v[1:]]))
        if codec == SAME_AS_ID:     # late: the id is decoded by now
            at_id = keys.index("id")
            return lambda _v, values, _at: values[at_id]
        # TEXT, late: so are the fields its lines repeat (-1 name, -2 description, ...)
        lines = [keys.index(field) if field in keys else None for field in LINE_FIELDS]
        return lambda v, values, _at: "\n".join(
            [n if type(n) is str else words[n] if n >= 0 else values[lines[-n - 1]] for n in v])

    def decode(self, record, at):
        """Return the document of a record; `at(column)` reads its row in the column files."""
        keys, plan = self._plan(record[0])
        bits, values = record[1], list(record[2:])
        for position, decode in plan:
            if bits >> position & 1:
                values[position] = decode(values[position], values, at)
        return dict(zip(keys, values))


def _stems(stems, value):
    if type(value) is bytes:
        words = [stems[n - 1] for n in accumulate(value)]
    elif type(value) is tuple:
        steps = array("H")   # native byte order: column files stay on the machine
        steps.frombytes(value[0])
        words = [stems[n - 1] for n in accumulate(steps)]
    else:
        words = [stems[n] for n in value]
    return " ".join(sorted(words))


def _periods(keys, flat):
    width = len(keys)
    return [dict(zip(keys, flat[i:i + width])) for i in range(1, len(flat), width)]
