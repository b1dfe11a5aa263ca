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
        self.words, self.shapes, self.stems, self._decoders = words, shapes, stems, {}
        # Stem numbers come back from their steps one above (the first step counts from
        # -1): index a copy shifted by one instead of subtracting in Python per stem.
        self._stem_above = ("", *stems).__getitem__
        self._period_lists = {}

    def decode(self, record, at):
        """Return the document of a record; `at(column)` reads its row in the column files."""
        decode = self._decoders.get(record[0])
        if decode is None:
            decode = self._decoders[record[0]] = self._compile(self.shapes[record[0]])
        return decode(record, at)

    def _compile(self, keys):
        """Return decode(record, at) for records of one key shape, as straight-line code.

        A loop over the shape's fields calling a small function per encoded value took
        about 17 us a benchmark document; each field written out as one expression, with
        the shape's keys as constants of one dict display, takes about half of that (the
        page of a match decodes 16 to 20 documents). Late codecs refer to fields decoded
        before them.
        """
        names = {"words": self.words, "word_at": self.words.__getitem__, "shapes": self.shapes,
                 "stems": self._stems, "uuid_text": uuid_text, "periods": self._periods,
                 "_text": _text, "KEYS": keys}
        early, late = ["    bits = record[1]"], []
        for i, key in enumerate(keys):
            raw, codec = f"record[{i + 2}]", CODECS.get(key) if type(key) is str else None
            if codec is None:
                early.append(f"    v{i} = {raw}")
            elif codec in LATE:
                early.append(f"    v{i} = {raw}")
                late.append(f"    if bits >> {i} & 1:\n"
                            f"        v{i} = {_expression(codec, keys, key, raw)}")
            else:
                early.append(f"    v{i} = {_expression(codec, keys, key, raw)}"
                             f" if bits >> {i} & 1 else {raw}")
        return _function("decode", [*early, *late, f"    return {_dict_display(keys, 'v')}"],
                         "record, at", names)

    def _stems(self, value):
        """Return the stems text of its encoded steps (or numbers)."""
        if type(value) is bytes:
            words = map(self._stem_above, accumulate(value))
        elif type(value) is tuple:
            steps = array("H")   # native byte order: column files stay on the machine
            steps.frombytes(value[0])
            words = map(self._stem_above, accumulate(steps))
        else:
            words = map(self.stems.__getitem__, value)
        return " ".join(sorted(words))

    def _periods(self, flat):
        """Return opening periods from (key shape, flat integers)."""
        make = self._period_lists.get(flat[0])
        if make is None:
            make = self._period_lists[flat[0]] = _period_list(self.shapes[flat[0]])
        return make(flat)


def _expression(codec, keys, key, raw):
    """Return the Python expression giving an encoded value `raw` back its full form.

    `at(column)` returns the record's row in a column: "ids", "service_ids" as text, float
    columns as a Python float.
    """
    if codec == WORD:
        return f"words[{raw}]"
    if codec == WORDS:
        return f"list(map(word_at, {raw}))"
    if codec == UUID:
        return f"uuid_text({raw})"
    if codec == ROW_ID:
        return 'at("ids")'
    if codec == ROW_SERVICE:
        return 'at("service_ids")'
    if codec == STEMS:
        return f"stems({raw})"
    if codec in (ROW_FLOAT, ROW_SITE):
        return f"at({FLOAT_COLUMNS[key]!r})"
    if codec == PERIODS:
        return f"periods({raw})"
    if codec == FIELDS:
        return f"dict(zip(shapes[{raw}[0]], map(word_at, {raw}[1:])))"
    if codec == SAME_AS_ID:     # late: the id is decoded by now
        return f"v{keys.index('id')}"
    # TEXT, late: so are the fields its lines repeat (-1 name, -2 description, ...)
    lines = ", ".join(f"v{keys.index(field)}" if field in keys else "None"
                      for field in LINE_FIELDS)
    return f"_text({raw}, words, ({lines},))"


def _text(parts, words, lines):
    return "\n".join([n if type(n) is str else words[n] if n >= 0 else lines[-n - 1]
                      for n in parts])


def _period_list(keys):
    """Return f(flat) giving the opening periods of one key shape, each a dict display.

    Written out per shape: a dict(zip(keys, slice)) per period took 2.7 us for a week's
    six periods, this 1.0 us.
    """
    values = ", ".join(f"p{i}" for i in range(len(keys)))
    return _function("periods", ["    each = iter(flat)", "    next(each)   # the key shape",
                                 f"    return [{_dict_display(keys, 'p')} for {values},"
                                 f" in zip({', '.join(['each'] * len(keys))})]"],
                     "flat", {"KEYS": keys})


def _dict_display(keys, prefix):
    """Return the source of a dict of `keys` to variables prefix0, prefix1... in order."""
    if all(type(key) is str for key in keys):   # repr of a str is its literal
        return "{" + ", ".join(f"{key!r}: {prefix}{i}" for i, key in enumerate(keys)) + "}"
    return f"dict(zip(KEYS, ({', '.join(f'{prefix}{i}' for i in range(len(keys)))},)))"


def _function(name, body, arguments, names):
    """Return the function `name` of these arguments and body lines, compiled in `names`."""
    source = "\n".join([f"def {name}({arguments}):", *body])
    exec(compile(source, f"<{name}>", "exec"), names)
    return names[name]
