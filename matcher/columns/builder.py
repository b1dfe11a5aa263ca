"""Build a ColumnSet from a stream of flat documents, in one pass and bounded extra memory.

Values go into typed arrays (8 bytes a float, not a Python object each); postings are
(token, row) pairs sorted once at the end. Rows are then ordered by grid cell, so every
area of the map is a few contiguous row ranges and any posting list restricted to an area
is found by binary search; within a cell, rows the checks treat alike sit together
(_row_order).
"""
import marshal
import sys
from array import array

import numpy as np

from matcher.columns import layout as L
from matcher.columns import kernels, polygons
from matcher.columns.documents import DocumentWriter
from matcher.columns.records import uuid_text
from matcher.columns.store import UUID_IDS, ColumnSet, Postings, pack_ids
from matcher.constraints_access import doc_modalities


class _Tokens:
    """Interned strings and (token, owner) pairs: a posting list family under construction.

    Owners come in runs (a document's stems, one after the other), so each run is kept as
    (owner, length) instead of the owner once per token: at a million services that is
    most of the stems' 30 million owner entries.
    """

    def __init__(self):
        self.ids, self.tokens = {}, array("i")
        self.run_owner, self.run_length = array("i"), array("i")

    def add(self, keys, owner):
        ids = self.ids
        # setdefault reads len(ids) before inserting: a new key gets the next number.
        tokens = [ids.setdefault(key, len(ids)) for key in keys]
        if tokens:
            self.tokens.extend(tokens)
            self.run_owner.append(owner)
            self.run_length.append(len(tokens))

    def postings(self, owner_map=None):
        """Return Postings with owners renumbered by owner_map, each list sorted.

        Consumes the pairs: at a million services the stems alone are tens of millions,
        so the sort key is built and sorted in place and the pair arrays are freed early.
        """
        keys = np.frombuffer(self.tokens, dtype=np.int32).astype(np.int64)
        self.tokens = array("i")
        keys <<= 32
        owners = np.frombuffer(self.run_owner, dtype=np.int32)
        if owner_map is not None:   # int32 gathers: half the temporary of an int64 one
            owners = owner_map.astype(np.int32)[owners]
        keys |= np.repeat(owners, np.frombuffer(self.run_length, dtype=np.int32))
        del owners
        self.run_owner, self.run_length = array("i"), array("i")
        keys.sort()
        # Where each token's run starts: a binary search per token, no temporary per pair.
        pointers = np.searchsorted(keys, np.arange(len(self.ids) + 1, dtype=np.int64) << 32)
        if sys.byteorder == "little":   # the low halves are the owners: a strided copy
            values = np.ascontiguousarray(keys.view(np.int32)[0::2])
        else:
            values = (keys & 0xFFFFFFFF).astype(np.int32)
        del keys
        return Postings(list(self.ids), pointers.astype(np.int64), values)


class _Ids:
    """An id column under construction, packed (pack_ids) every few thousand ids.

    A million ids as Python strings are about 90 MB; packed UUIDs 16 MB.
    """

    CHUNK = 4096

    def __init__(self):
        self.chunks, self.pending = [], []

    def append(self, value):
        self.pending.append(value)
        if len(self.pending) >= self.CHUNK:
            self.chunks.append(pack_ids(self.pending))
            self.pending = []

    def packed(self):
        """Return (array, format) of every id appended, in order (consumes them)."""
        chunks = [chunk for chunk in self.chunks + [pack_ids(self.pending)] if len(chunk[0])]
        self.chunks, self.pending = [], []
        if not chunks:
            return pack_ids([])
        if all(format == UUID_IDS for _array, format in chunks):
            return np.concatenate([array for array, _format in chunks]), UUID_IDS
        # Some ids are not UUIDs: the whole column is text (rare, never the projection's).
        texts = [uuid_text(bytes(value).ljust(16, b"\0")) if format == UUID_IDS
                 else value.decode() for array, format in chunks for value in array]
        return pack_ids(texts)


class ColumnBuilder:
    """Accumulate documents, then `finish()` into a ColumnSet (in memory or in a folder).

    With a folder, compressed documents stream straight into its docs.bin instead of
    memory: at a million services they are the largest part of the set.
    """

    def __init__(self, folder=None, documents=None):
        self.columns = {name: array(code) for name, code in L.SCALARS.items()}
        self.languages = {}
        self.needs, self.stems = _Tokens(), _Tokens()
        self.zips, self.counties, self.geometry_areas = _Tokens(), _Tokens(), _Tokens()
        self._geometry_ids = {}   # marshal bytes of each distinct polygon -> its number
        self.area_row = array("i")
        # Opening hours per distinct schedule, not per row: most services share a few
        # (weekdays nine to five...), and a client's windows are then judged once a schedule.
        # Schedule s has intervals [schedule_start[s], schedule_start[s + 1]); 0 has none.
        self.interval_start, self.interval_end = array("h"), array("h")
        self.schedule_start, self._schedules = array("i", (0, 0)), {(): 0}
        self.ids, self.service_ids = _Ids(), _Ids()
        self.topic = array("i")   # per row: the needs token of its first need, -1 without
        self.count = 0
        # Another process may write the documents (process.py): `documents` stands in.
        self.documents = DocumentWriter(folder) if documents is None else documents

    def add(self, doc):
        """Add one flat document."""
        row = self.count
        self.count += 1
        self.ids.append(doc["id"])
        self.service_ids.append(doc.get("service_id") or "")
        values = self._values(doc, row)
        for name, value in values.items():
            self.columns[name].append(value)
        self.documents.add(doc)

    def _values(self, doc, row):
        exact = True
        site = L.placed(doc)
        spoken = doc.get("languages")
        language_mask = 0
        if spoken is not None:
            for code in {c.lower().split("-")[0] for c in spoken}:
                bit = self.languages.get(code)
                if bit is None and len(self.languages) < L.LANGUAGE_BITS:
                    bit = self.languages[code] = 1 << len(self.languages)
                if bit is None:
                    exact = False   # more languages than bits: the per-document code decides
                else:
                    language_mask |= bit
        offered = doc_modalities(doc)
        genders = doc.get("genders")
        insurance = doc.get("insurance")
        access = doc.get("accessibility")
        veteran = doc.get("veteran_status")
        areas_stated, unknown_bits = self._areas(doc, row)
        try:
            intervals = L.week_intervals(doc)
        except (KeyError, TypeError, ValueError):
            intervals, exact = [], False
        schedule = self._schedule(intervals)
        needs = L.needs_keys(doc)
        self.needs.add(needs, row)
        # Its first need (the least id or code, whatever the process's string hashing):
        # services on the same topic sit together within a cell (_row_order).
        self.topic.append(self.needs.ids[min(needs, key=str)] if needs else -1)
        self.stems.add(L.text_stems(doc), row)
        anywhere = L.reaches_anywhere(doc)
        return {
            "lat": site[0] if site else L.NAN, "lon": site[1] if site else L.NAN,
            "cell": L.ANYWHERE_CELL if anywhere else L.cell_of(*site),
            "active": doc.get("status") == "active",
            "min_age": L.number_or_nan(doc.get("min_age")),
            "max_age": L.number_or_nan(doc.get("max_age")),
            "genders": (L.mask_of(genders, L.GENDER_BIT)
                        | (L.GENDER_ANY if "any" in (genders or ()) else 0)),
            "genders_known": bool(genders),
            "income_any": bool(doc.get("income_any")),
            "income_limit": L.number_or_nan(doc.get("income_limit_fpl")),
            "veteran": L.VETERAN_CODE.get(veteran, 3) if isinstance(veteran, (str, type(None)))
            else 3,
            "insurance": L.mask_of(insurance, L.INSURANCE_BIT),
            "insurance_known": insurance is not None,
            "languages": language_mask, "languages_known": spoken is not None,
            "interpretation": bool(doc.get("interpretation")),
            "modalities": L.mask_of(offered, L.MODALITY_BIT),
            "modalities_known": offered is not None,
            "residency_open": bool(doc.get("residency_open")),
            "areas_stated": areas_stated, "area_unknown_bits": unknown_bits,
            "accessibility": L.mask_of(access, L.ACCESS_BIT),
            "accessibility_known": access is not None,
            "cost_free": L.cost_free_code(doc), "cost_sliding": bool(doc.get("cost_sliding")),
            "cost_min": L.number_or_nan(doc.get("cost_min_amount")),
            "preferences": L.mask_of(doc.get("preferences"), L.PREFERENCE_BIT),
            "wait": L.number_or_nan(doc.get("wait_time_days")),
            "capacity": L.number_or_nan(doc.get("capacity_available")),
            "assured": L.assured_ordinal(doc),
            "schedule": schedule,
            "exact": exact,
        }

    def _schedule(self, intervals):
        """Return the number of a list of week-minute intervals, numbering it when new."""
        key = tuple(intervals)
        found = self._schedules.get(key)
        if found is None:
            for begin, end in intervals:
                self.interval_start.append(begin)
                self.interval_end.append(end)
            found = self._schedules[key] = len(self.schedule_start) - 1
            self.schedule_start.append(len(self.interval_start))
        return found

    def _areas(self, doc, row):
        """Record the document's service areas; return (stated, unknown-verdict bits)."""
        areas = doc.get("service_areas")
        if not areas:
            return False, 0
        unknown_bits = 0
        for area in areas:
            area_id = len(self.area_row)
            self.area_row.append(row)
            kinds = 0
            if area.get("postal_codes"):
                kinds |= L.AREA_ZIPS
                self.zips.add(set(area["postal_codes"]), area_id)
            if area.get("counties"):
                kinds |= L.AREA_COUNTIES
                self.counties.add({c.lower() for c in area["counties"]}, area_id)
            if area.get("geometries"):
                kinds |= L.AREA_GEOMETRIES
                self.geometry_areas.add({self._geometry(g) for g in area["geometries"]}, area_id)
            for given in range(8):   # an area with data the client's facts cannot judge
                if kinds and not kinds & given:
                    unknown_bits |= 1 << given
        return True, unknown_bits

    def _geometry(self, geometry):
        key = marshal.dumps(geometry)
        found = self._geometry_ids.get(key)
        if found is None:
            found = self._geometry_ids[key] = len(self._geometry_ids)
        return found

    def _geometries(self):
        """Yield the distinct polygons in the order they were numbered."""
        for key in self._geometry_ids:   # dicts keep insertion order: the numbering order
            yield marshal.loads(key)

    def _topics(self):
        """Return each row's first need as its rank among the need keys (-1 without)."""
        names = list(self.needs.ids)   # in token order
        rank = np.empty(len(names) + 1, dtype=np.int64)
        rank[np.array(sorted(range(len(names)), key=lambda token: str(names[token])),
                      dtype=np.int64)] = np.arange(len(names))
        rank[-1] = -1   # the token -1: no need
        return rank[_view(self.topic)]

    def finish(self):
        """Return the ColumnSet of every document added, rows in _row_order."""
        starts, lengths, blob, zdict, tables = self.documents.finish()
        n = self.count
        order = _row_order({name: _view(self.columns[name]) for name in ORDER_COLUMNS},
                           self._topics())
        self.topic = array("i")
        inverse = np.empty(n, dtype=np.int64)
        inverse[order] = np.arange(n)
        arrays = {}
        for name in list(self.columns):   # one column at a time: each is freed once ordered
            arrays[name] = _view(self.columns[name])[order]
            del self.columns[name]
        # A base document's rebuild position -> its row. Row numbers fit 32 bits: 5 MB a
        # column saved at a million rows (here and in the id orders).
        index_type = np.int32 if n < 2**31 else np.int64
        arrays["row_of_insert"] = inverse.astype(index_type)
        arrays["doc_start"] = _np(starts, np.int64)[order]
        arrays["doc_length"] = _np(lengths, np.int32)[order]
        (ids, id_format), (services, service_format) = self.ids.packed(), \
            self.service_ids.packed()
        ids, services = ids[order], services[order]
        arrays["ids"], arrays["service_ids"] = ids, services
        arrays["id_order"] = np.argsort(ids, kind="stable").astype(index_type)
        arrays["service_order"] = np.argsort(services, kind="stable").astype(index_type)
        arrays["schedule_start"] = _np(self.schedule_start, np.int32)
        arrays["interval_start"] = _np(self.interval_start, np.int16)
        arrays["interval_end"] = _np(self.interval_end, np.int16)
        area_row = _np(self.area_row, np.int32).astype(np.int64)
        arrays["area_row"] = (inverse[area_row] if len(area_row) else area_row) \
            .astype(index_type)
        # Polygons are kept as bytes while building (a parsed GeoJSON ring is ten times its
        # size in Python objects) and parsed one at a time here.
        geometry_boxes = np.array([_box(g) for g in self._geometries()], dtype=np.float64) \
            .reshape(-1, 4)
        arrays["geometry_boxes"] = geometry_boxes
        arrays.update(polygons.flatten(self._geometries()))
        arrays["geometry_inside"], arrays["geometry_outside"] = kernels.geometry_grids(arrays)
        cells = _Tokens()   # 1-degree cell -> geometries whose box touches it
        for geometry, box in enumerate(geometry_boxes.tolist()):
            cells.add(polygons.box_cells(box), geometry)
        postings = {"needs": self.needs.postings(inverse), "stems": self.stems.postings(inverse),
                    "zips": self.zips.postings(), "counties": self.counties.postings(),
                    "geometries": self.geometry_areas.postings(),
                    "geometry_cells": cells.postings()}
        meta = {"count": n, "languages": self.languages,
                "id_formats": {"ids": id_format, "service_ids": service_format}}
        # In a folder the documents are there already (blob None): ColumnSet.save leaves them.
        return ColumnSet(arrays, postings, blob, zdict, meta, tables)


# The columns rows are ordered by: the grid cell first (engine.spans), then what the checks
# branch on.
ORDER_COLUMNS = ("cell", "exact", "active", "residency_open", "areas_stated",
                 "area_unknown_bits", "lat", "modalities")


def _row_order(c, topics):
    """Return the rows in their saved order: by grid cell, then alike for the checks.

    Within a cell (above all the "anywhere" cell of remote services, a third of the rows
    at a million services, most of them on topic for a broad word) rows that take the
    same branches in kernels.judge_rows sit together: service areas of one kind, with or
    without a site, the same ways to attend. Left in the order they came, a query's rows
    there alternate at random and the judge mispredicted branch after branch: this order
    cut its time by about 30% on the benchmark's queries. Last, by first need (`topics`):
    a query's rows then lie closer together, and the judge reads fewer cache lines. No
    answer depends on the order.
    """
    area_kind = np.where((c["residency_open"] != 0) | (c["exact"] == 0), 0,
                         np.where(c["areas_stated"] == 0, 1,
                                  2 + c["area_unknown_bits"].astype(np.int64)))
    # lexsort: the last key is the first sorted by; ties keep the order documents came in.
    return np.lexsort((topics, c["modalities"], np.isnan(c["lat"]), area_kind, c["active"],
                       c["exact"], c["cell"]))


def _view(values):
    """Return an array('...')'s values as a numpy array without copying them."""
    if not len(values):
        return np.zeros(0, dtype=_dtype(values))
    return np.frombuffer(values, dtype=_dtype(values))


def _dtype(values):
    return np.dtype(values.typecode if values.typecode != "b" else np.int8)


def _np(values, dtype):
    if not len(values):
        return np.zeros(0, dtype=dtype)
    return np.frombuffer(values, dtype=_dtype(values)).astype(dtype)


def _box(geometry):
    """Return (min_lat, min_lon, max_lat, max_lon) of a GeoJSON geometry's coordinates."""
    points = list(_points(geometry))
    if not points:
        return (1.0, 1.0, -1.0, -1.0)   # empty: contains nothing
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return (min(lats), min(lons), max(lats), max(lons))


def _points(geometry):
    if not isinstance(geometry, dict):
        return
    if geometry.get("type") == "GeometryCollection":
        for part in geometry.get("geometries") or ():
            yield from _points(part)
        return
    stack = [geometry.get("coordinates") or []]
    while stack:
        item = stack.pop()
        if isinstance(item, (list, tuple)) and len(item) >= 2 and all(
                isinstance(v, (int, float)) for v in item[:2]):
            yield item
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
