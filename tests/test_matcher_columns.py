"""The column engine gives exactly the per-document engine's answer, on random directories.

A rebuilt tantivy index matches on its column files; the same documents only written
through `index()` are matched document by document. Every response (order, scores,
explanations, totals, relaxation) must be identical, including after documents are
changed, deleted or retired by service since the rebuild.
"""
import json
import marshal
import zlib
from datetime import datetime, timezone

import numpy as np
import pytest
import zstandard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backend_contract import SITES, make_document
from matcher.backends.base import IndexNeedsRebuild
from matcher.backends.tantivy_backend import TantivyBackend
from matcher.columns import records
from matcher.columns.documents import dictionary
from matcher.engine import match
from matcher.profile import ClientProfile, Cost
from test_matcher_properties import DOCUMENT_FIELDS, PROFILE_FIELDS
from test_matcher_properties import build as base_build

LAT, LON = SITES["san_carlos"]
NOW = datetime(2025, 6, 1, tzinfo=timezone.utc)
RELAXED_KEY, UNKNOWN_KEY = 1e6, 1e3   # a rank key: relaxed first, then unknowns, then score
WORDS = ("food pantry", "eviction legal help", "housing counseling", "comida", "shelter beds")
SQUARE = {"type": "Polygon", "coordinates": [[[LON - 0.2, LAT - 0.2], [LON + 0.2, LAT - 0.2],
                                              [LON + 0.2, LAT + 0.2], [LON - 0.2, LAT + 0.2],
                                              [LON - 0.2, LAT - 0.2]]]}
FAR_SQUARE = {"type": "Polygon", "coordinates": [[[-100, 40], [-99, 40], [-99, 41], [-100, 41],
                                                  [-100, 40]]]}
# A square with a hole around the client, inside a MultiPolygon with a far square.
DONUT = {"type": "MultiPolygon", "coordinates": [
    SQUARE["coordinates"] + [[[LON - 0.05, LAT - 0.05], [LON + 0.05, LAT - 0.05],
                              [LON + 0.05, LAT + 0.05], [LON - 0.05, LAT + 0.05],
                              [LON - 0.05, LAT - 0.05]]],
    FAR_SQUARE["coordinates"]]}
maybe = st.none().__or__
areas = st.sampled_from([
    None, [], [{"postal_codes": ["94070"]}], [{"postal_codes": ["10001"]}],
    [{"counties": ["San Mateo County, CA"]}], [{"counties": ["Kings County, NY"]}],
    [{"geometries": [SQUARE]}], [{"geometries": [FAR_SQUARE]}], [{"geometries": [DONUT]}],
    [{"geometries": [{"type": "GeometryCollection", "geometries": [FAR_SQUARE, SQUARE]}]}],
    [{"postal_codes": ["10001"]}, {"geometries": [SQUARE]}], [{}],
])
# The soundness test's fields, widened to every fact the column files encode.
documents = st.lists(st.fixed_dictionaries({
    **DOCUMENT_FIELDS,
    "genders": maybe(st.sampled_from([["female"], ["any"], ["male", "female"], []])),
    "languages": maybe(st.sampled_from([["en"], ["es"], ["en", "es-MX"], ["vi"], []])),
    "veteran_status": st.sampled_from([None, "required", "any", "sometimes"]),
    "insurance": maybe(st.sampled_from([[], ["medicaid"], ["private", "medicare"]])),
    "residency_open": st.booleans(), "service_areas": areas,
    "description": st.sampled_from(["", *WORDS]),
    "preferences": st.lists(st.sampled_from(["peer_led", "faith_based"]), unique=True,
                            max_size=2),
    "wait_time_days": maybe(st.sampled_from([0, 7, 30])),
    "capacity_available": maybe(st.sampled_from([0.0, 3.0])),
    "assured_date": st.sampled_from([None, "2025-05-01", "2023-01-15", "not a date"]),
}), max_size=25)

profiles = st.fixed_dictionaries({
    **PROFILE_FIELDS,
    "veteran": maybe(st.booleans()),
    "insurance": maybe(st.sampled_from(["medicaid", "private", "none"])),
    # One word, a few, and many (with their synonyms and translations, thirteen stems).
    "text": st.sampled_from([None, "food", "legal help", "comida", "beds",
                             "legal help with food, housing and shelter beds"]),
    "preferences": st.sampled_from([(), ("peer_led",), ("peer_led", "faith_based")]),
    "place": st.sampled_from(["point", "point+zip", "none"]),
    "limit": st.sampled_from([3, 100]),
    "page": st.sampled_from([1, 2]),
})


def build(raw_docs):
    """Return the soundness test's documents, spread over a few services."""
    return [dict(doc, service_id=f"svc-{i % 7}") for i, doc in enumerate(base_build(raw_docs))]


def client(fields):
    fields = dict(fields)
    place = fields.pop("place")
    located = {} if place == "none" else {"latitude": LAT, "longitude": LON}
    if place == "point+zip":
        located.update(postal_code="94070", county="San Mateo County, CA")
    return ClientProfile(now=NOW, **located, **fields)


def answer(response):
    return ([(r.document["id"], r.score, r.distance_km, r.fit.met, r.fit.unknown, r.fit.relaxed,
              r.covers) for r in response.results],
            response.total_feasible, response.relaxed, response.radius_km)


def columned(docs):
    backend = TantivyBackend()
    backend.rebuild(docs)
    assert backend.snapshot().columns is not None
    return backend


def per_document(docs):
    backend = TantivyBackend()
    backend.index(docs)
    assert backend.snapshot().columns is None
    return backend


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, profiles)
def test_columns_answer_exactly_like_the_per_document_engine(raw_docs, fields):
    docs, profile = build(raw_docs), client(fields)
    assert answer(match(profile, columned(docs))) == answer(match(profile, per_document(docs)))


# Directories where most services are open to the client, so a page is a few rows out of
# many: the rank classes below the page's last are kept whole, and the class that fills it
# is cut by score, with exact ties at the cut (documents alike in every scored field).
busy_documents = st.lists(st.fixed_dictionaries({
    **DOCUMENT_FIELDS,
    "status": st.just("active"),
    # Mostly unknown to a client who gives an age or a language: few rows without unknowns.
    "min_age": st.sampled_from([None, None, 0]), "max_age": st.just(None),
    "genders": maybe(st.just(["any"])), "languages": st.sampled_from([None, None, ["es"]]),
    "income_limit_fpl": st.none(), "income_any": st.just(True), "hours": st.none(),
    "accessibility": maybe(st.just(["wheelchair"])),
    "cost_sliding": st.booleans(), "cost_min_amount": st.just(None),
    "offset": maybe(st.tuples(st.sampled_from([0.0, 0.01, 0.2]),
                              st.sampled_from([0.0, 0.03]))),   # 0.2: beyond 15 km
    "residency_open": st.just(True), "service_areas": st.none(),
    "description": st.sampled_from(["", *WORDS]),
    "wait_time_days": maybe(st.sampled_from([0, 30])),
    "assured_date": st.sampled_from([None, "2025-05-01"]),
}), min_size=8, max_size=40)

busy_profiles = st.fixed_dictionaries({
    **PROFILE_FIELDS,
    "age": st.sampled_from([None, 30, 30]), "gender": st.none(),
    "languages": st.sampled_from([(), ("es",), ("es",)]),
    "annual_income": st.none(), "accessibility": st.sampled_from([(), ("wheelchair",)]),
    "cost": st.just(Cost()), "windows": st.just(()),
    "modalities": st.just(frozenset({"in_person", "virtual", "phone"})),
    "text": st.sampled_from([None, "food", "legal help"]),
    "preferences": st.sampled_from([(), ("peer_led",)]),
    "max_distance_km": st.just(15.0),
    "place": st.sampled_from(["point", "none"]),
    "limit": st.integers(1, 4), "page": st.integers(1, 3),
})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(busy_documents, busy_profiles)
def test_a_short_page_of_many_open_services_is_the_per_document_one(raw_docs, fields):
    docs, profile = build(raw_docs), client(fields)
    assert answer(match(profile, columned(docs))) == answer(match(profile, per_document(docs)))


def written(backend, docs, changes, retired_service):
    """Update, delete and retire some of the built `docs`; return the documents left."""
    changed = build(changes)[:len(docs)]          # same ids: updates of rebuilt documents
    backend.index(changed)
    gone = [doc["id"] for doc in docs[len(changed):][::2]]
    backend.delete(gone)
    backend.delete_service(f"svc-{retired_service}")
    final = {doc["id"]: doc for doc in docs}
    final.update({doc["id"]: doc for doc in changed})
    return [doc for key, doc in final.items()
            if key not in gone and doc["service_id"] != f"svc-{retired_service}"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, documents, profiles, st.integers(0, 6))
def test_writes_since_the_rebuild_count_exactly(raw_docs, changes, fields, retired_service):
    docs, profile = build(raw_docs), client(fields)
    backend = columned(docs)
    survivors = written(backend, docs, changes, retired_service)
    assert backend.count() == len(survivors)
    assert answer(match(profile, backend)) == answer(match(profile, per_document(survivors)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, documents, profiles, st.integers(0, 6))
def test_compaction_folds_the_writes_into_the_columns_with_the_same_answers(
        raw_docs, changes, fields, retired_service):
    docs, profile = build(raw_docs), client(fields)
    backend = columned(docs)
    survivors = written(backend, docs, changes, retired_service)
    before = answer(match(profile, backend))
    assert backend.compact() == len(survivors)
    view = backend.snapshot()
    assert view.dead is None and not view.overlay
    assert backend.overlay_size() == (0, len(survivors))
    assert answer(match(profile, backend)) == before
    assert backend.compact() is None              # nothing left to fold


def test_columns_survive_reopening_from_disk(tmp_path):
    docs = build([{"status": "active", "min_age": None, "max_age": None, "genders": None,
                   "languages": ["es"], "interpretation": False, "income_limit_fpl": None,
                   "income_any": True, "veteran_status": None, "insurance": None,
                   "residency_open": True, "service_areas": None, "accessibility": None,
                   "cost_free": True, "cost_sliding": None, "cost_min_amount": None,
                   "hours": None, "modalities": None, "offset": (0.01, 0.01),
                   "taxonomy_term_ids": ["food"], "description": "food pantry",
                   "preferences": [], "wait_time_days": None, "capacity_available": None,
                   "assured_date": "2025-05-01"}])
    TantivyBackend(tmp_path).rebuild(docs)
    reopened = TantivyBackend(tmp_path)
    assert reopened.snapshot().columns is not None
    response = match(ClientProfile(latitude=LAT, longitude=LON, text="comida", now=NOW),
                     reopened)
    assert [r.document["id"] for r in response.results] == ["d00"]
    assert response.results[0].document["description"] == "food pantry"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, profiles, st.booleans())
def test_every_row_is_judged_and_ranked_like_its_document(raw_docs, fields, require_prefs):
    """The array pass must agree row by row, not only on the page it ends up returning."""
    from matcher import scoring
    from matcher.columns.checks import client_facts, scores
    from matcher.columns.engine import _edge_windows, _judge, _stage, spans
    from matcher.columns.kernels import RELAXED_CLASS
    from matcher.constraints import Client
    from matcher.engine import feasible

    docs, profile = build(raw_docs), client(fields)
    view = columned(docs).snapshot()
    radius = profile.max_distance_km * 2 if profile.has_point else None
    query = scoring.prepare(profile, NOW.date())
    facts = client_facts(view.columns, Client.of(profile, 2025, radius), query)
    edges = _edge_windows(profile, [radius or 1, profile.max_distance_km])
    judged = _judge(view, facts, profile, spans(view.columns, profile, radius), edges)
    stage = _stage(view, judged, facts, profile, radius, require_prefs, {})
    picks = np.flatnonzero(stage.classes >= 0)
    ids = [view.columns.document(int(row))["id"] for row in judged.rows[picks]]
    classes = stage.classes[picks]
    keys = dict(zip(ids, (classes >= RELAXED_CLASS) * RELAXED_KEY
                    + (classes % RELAXED_CLASS) * UNKNOWN_KEY
                    + (1.0 - scores(view.columns, judged, picks, facts))))
    expected = feasible(profile, per_document(docs), radius, require_prefs, 2025, query)
    assert sorted(keys) == sorted(r.document["id"] for r in expected)
    for result in expected:
        key = bool(result.fit.relaxed) * RELAXED_KEY + len(result.fit.unknown) * UNKNOWN_KEY \
            + (1.0 - result.score)
        assert abs(keys[result.document["id"]] - key) < 1e-8, result.document["id"]


def test_an_index_without_column_files_asks_for_a_rebuild(tmp_path):
    docs = build([])
    backend = TantivyBackend(tmp_path)
    assert not backend.outdated()                 # empty: nothing to rebuild
    backend.index([make_document("written-by-sync")])
    assert backend.outdated()                     # documents, but matched one by one
    backend.rebuild(docs + [make_document("written-by-sync")])
    assert not TantivyBackend(tmp_path).outdated()


def live_columns(path):
    return path / (path / "CURRENT").read_text().strip() / "columns"


def rewrite_meta(folder, **changes):
    meta = json.loads((folder / "meta.json").read_text())
    (folder / "meta.json").write_text(json.dumps(dict(meta, **changes)))


def test_column_files_of_the_previous_format_still_match_on_their_columns(tmp_path):
    # Before zstd (format 10), each stored document was raw deflate with a preset
    # dictionary: an index built then keeps answering from its columns after the upgrade.
    docs = [make_document(f"d{i}", name=f"Food pantry {i}", latitude=LAT + i / 1000,
                          longitude=LON, languages=["en", "es"][: 1 + i % 2]) for i in range(12)]
    profile = ClientProfile(now=NOW, latitude=LAT, longitude=LON, limit=50)
    backend = TantivyBackend(tmp_path)
    backend.rebuild(docs)
    expected = match(profile, backend)
    folder, columns = live_columns(tmp_path), backend._columns
    zdict = b"".join(marshal.dumps(records.Encoder().encode(doc), 4) for doc in docs[:4])
    packed = []
    for row in range(columns.count):
        start, length = int(columns.doc_start[row]), int(columns.doc_length[row])
        raw = zstandard.ZstdDecompressor(dict_data=dictionary(columns.zdict)).decompress(
            columns.blob[start:start + length])
        deflate = zlib.compressobj(5, zlib.DEFLATED, -15, 8, zlib.Z_DEFAULT_STRATEGY, zdict)
        packed.append(deflate.compress(raw) + deflate.flush())
    (folder / "docs.bin").write_bytes(b"".join(packed))
    (folder / "docs.dict").write_bytes(zdict)
    np.save(folder / "doc_start.npy", np.cumsum([0] + [len(p) for p in packed[:-1]]))
    np.save(folder / "doc_length.npy", np.array([len(p) for p in packed], dtype=np.int32))
    rewrite_meta(folder, format=10)
    older = TantivyBackend(tmp_path)
    assert not older.outdated() and older._columns.meta["format"] == 10
    assert match(profile, older) == expected
    assert len(expected.results) == 12


def test_column_files_this_version_cannot_read_ask_for_a_rebuild(tmp_path):
    docs = [make_document("kept", name="Food pantry", latitude=LAT, longitude=LON)]
    backend = TantivyBackend(tmp_path)
    backend.rebuild(docs)
    rewrite_meta(live_columns(tmp_path), format=9)
    older = TantivyBackend(tmp_path)
    assert older.outdated()
    profile = ClientProfile(now=NOW, text="food", latitude=LAT, longitude=LON)
    with pytest.raises(IndexNeedsRebuild, match="flask index rebuild"):
        match(profile, older)
    # Compacting would fold the overlay into a generation without the unreadable rows.
    older.index([make_document("added", name="Food bank", latitude=LAT, longitude=LON)])
    assert older.compact() is None and older.count() == 2
    docs.append(make_document("added", name="Food bank", latitude=LAT, longitude=LON))
    older.rebuild(docs)
    assert not older.outdated()
    assert sorted(r.document["id"] for r in match(profile, older).results) == ["added", "kept"]


def test_health_says_how_much_waits_for_the_next_rebuild(tmp_path):
    backend = TantivyBackend(tmp_path)
    assert "per document" in backend.health().detail["matching"]
    backend.rebuild([make_document("a"), make_document("b")])
    backend.index([make_document("a", name="Renamed")])
    assert backend.health().detail["matching"].startswith(
        "column files, 2 rows; 1 documents written since the last rebuild")
    assert backend.count() == 2


def test_a_site_exactly_on_the_radius_counts_as_within_it():
    """The columns compare chords, not km; on the boundary geo's own distance must decide."""
    from matcher.geo import great_circle_km

    # Off-axis sites: for most of them the chord, rounded, lands beyond the radius's.
    for k in range(1, 13):
        site = make_document(f"s{k}", latitude=LAT + 0.013 * k - 0.1, longitude=LON + 0.021 * k,
                             modalities=["in_person"])
        radius = great_circle_km(LAT, LON, site["latitude"], site["longitude"])
        # limit=1: found within the radius, the site ends the search before any relaxation.
        profile = ClientProfile(now=NOW, latitude=LAT, longitude=LON, max_distance_km=radius,
                                limit=1)
        found = match(profile, columned([site]))
        assert answer(found) == answer(match(profile, per_document([site])))
        assert found.relaxed == [] and found.total_feasible == 1


def test_a_site_on_the_radius_is_ranked_by_its_own_distance():
    """A site on the radius is scored at geo's km (the chord rounds either way), so a
    fresher listing there still takes a one-result page from one barely nearer."""
    from matcher.geo import great_circle_km

    edge = make_document("edge", latitude=LAT + 0.1, longitude=LON + 0.08,
                         modalities=["in_person"], assured_date="2025-06-01")
    nearer = make_document("nearer", latitude=LAT + 0.0997, longitude=LON + 0.07976,
                           modalities=["in_person"], assured_date="2025-05-22")
    radius = great_circle_km(LAT, LON, edge["latitude"], edge["longitude"])
    profile = ClientProfile(now=NOW, latitude=LAT, longitude=LON, max_distance_km=radius,
                            limit=1)
    found = match(profile, columned([nearer, edge]))
    assert answer(found) == answer(match(profile, per_document([nearer, edge])))
    assert [r.document["id"] for r in found.results] == ["edge"] and found.total_feasible == 2


def test_a_word_found_in_only_one_part_of_the_directory_ranks_like_its_document():
    """Where only one of the query's words has rows in a part of the directory (here the
    phone services without a site), those rows must still count that word as found: free,
    freshly confirmed phone lines saying "legal" outrank costly far sites saying one word."""
    phone = [make_document(f"phone{k}", modalities=["phone"], latitude=None, longitude=None,
                           description="legal aid line", cost_free=True,
                           assured_date="2025-05-20") for k in range(4)]
    sites = [make_document(f"site{k}", description="food pantry" if k % 2 else "legal clinic",
                           latitude=LAT + 0.1, longitude=LON, cost_free=False,
                           cost_min_amount=40.0) for k in range(6)]
    profile = ClientProfile(now=NOW, latitude=LAT, longitude=LON, text="legal food", limit=3)
    found = match(profile, columned(phone + sites))
    assert answer(found) == answer(match(profile, per_document(phone + sites)))
    assert [r.document["id"] for r in found.results] == ["phone0", "phone1", "phone2"]


@pytest.mark.parametrize("fillers", [0, 12])
def test_a_query_word_found_twice_in_a_service_counts_once(fillers):
    """ "food" is searched as food, comida and alimento: a costly phone line saying both
    "food" and "comida" has found the one word the client asked for, not two, and does not
    outrank a free one. With listings on other topics between them, the rows on topic are
    a few of the rows their posting lists span, and are counted on those rows alone."""
    def phone(key, description, **fields):
        return make_document(key, description=description, modalities=["phone"],
                             latitude=None, longitude=None, **fields)

    docs = [phone("free", "food pantry", cost_free=True),
            *(phone(f"legal{k}", "legal clinic") for k in range(fillers)),
            phone("both", "food and comida", cost_free=False, cost_min_amount=40.0),
            *(phone(f"shelter{k}", "shelter beds") for k in range(fillers)),
            phone("comida", "comida")]
    profile = ClientProfile(now=NOW, latitude=LAT, longitude=LON, text="food", limit=1)
    found = match(profile, columned(docs))
    assert answer(found) == answer(match(profile, per_document(docs)))
    assert [r.document["id"] for r in found.results] == ["free"] and found.total_feasible == 3


def test_the_ranking_follows_the_day_when_confirmations_age():
    """A service confirmed yesterday outranks an equal free one confirmed long ago; three
    years on its confirmation has aged and the free one leads. The same index answers both
    days, as a server running across midnights does."""
    docs = [make_document("confirmed", modalities=["phone"], latitude=None, longitude=None,
                          cost_free=False, cost_min_amount=40.0, assured_date="2025-05-31"),
            make_document("free", modalities=["phone"], latitude=None, longitude=None,
                          cost_free=True, assured_date="2000-01-01")]
    columns, by_document = columned(docs), per_document(docs)
    for now, first in ((NOW, "confirmed"), (NOW.replace(year=2028), "free")):
        profile = ClientProfile(now=now, latitude=LAT, longitude=LON, limit=1)
        found = match(profile, columns)
        assert answer(found) == answer(match(profile, by_document))
        assert [r.document["id"] for r in found.results] == [first]


def test_opening_hours_shared_by_services_are_judged_by_the_minute_for_each_client():
    """Windows that start or end mid-hour, and one running over the week's end: a service
    open in the same hour as a window but not the same minutes is left out. Services with
    the same hours share a schedule, judged once a match: the next client's windows get
    their own answer from the same index."""
    def open_at(id, day, opens, closes):
        return make_document(id, hours=[{"day": day, "opens": opens, "closes": closes}])
    mon, wed, sun = 0, 2, 6
    docs = [open_at("ends-as-window-opens", mon, 8 * 60, 9 * 60 + 30),
            open_at("opens-as-window-closes", mon, 10 * 60 + 15, 12 * 60),
            open_at("earlier-in-the-same-hour", mon, 9 * 60, 9 * 60 + 20),
            open_at("within-the-window", mon, 9 * 60 + 40, 9 * 60 + 50),
            open_at("within-a-whole-hour", wed, 14 * 60 + 10, 14 * 60 + 20),
            open_at("over-the-week-end", sun, 23 * 60 + 50, 10),
            open_at("later-in-monday-midnight-hour", mon, 40, 60),
            open_at("also-within-the-window", mon, 9 * 60 + 40, 9 * 60 + 50),
            make_document("hours-not-stated")]
    columns, by_document = columned(docs), per_document(docs)
    for windows, expected in (
            ((("mon", "09:30", "10:15"), ("wed", "13:00", "15:00"), ("sun", "23:30", "00:30")),
             ["also-within-the-window", "hours-not-stated", "over-the-week-end",
              "within-a-whole-hour", "within-the-window"]),
            ((("mon", "08:00", "09:00"),), ["ends-as-window-opens", "hours-not-stated"])):
        profile = ClientProfile(now=NOW, latitude=LAT, longitude=LON, limit=100,
                                windows=windows)
        found = match(profile, columns)
        assert answer(found) == answer(match(profile, by_document))
        assert sorted(r.document["id"] for r in found.results) == expected


def _ring(points):
    return [[LON + dx, LAT + dy] for dx, dy in points + points[:1]]


# A concave C, a square with a square hole and a diamond, each a service area around the
# client's neighbourhood: cells of their boxes fall wholly inside, wholly outside (the C's
# mouth, the hole, the diamond's corners) and across an edge.
C_SHAPE = {"type": "Polygon", "coordinates": [_ring(
    [(-0.1, -0.1), (0.1, -0.1), (0.1, -0.04), (-0.04, -0.04), (-0.04, 0.04), (0.1, 0.04),
     (0.1, 0.1), (-0.1, 0.1)])]}
FRAME = {"type": "Polygon", "coordinates": [
    _ring([(-0.1, -0.1), (0.1, -0.1), (0.1, 0.1), (-0.1, 0.1)]),
    _ring([(-0.04, -0.04), (0.04, -0.04), (0.04, 0.04), (-0.04, 0.04)])]}
# Left open: the edge from its last vertex back to its first closes it, as geo reads a ring.
DIAMOND = {"type": "Polygon", "coordinates": [
    [[LON, LAT - 0.1], [LON + 0.1, LAT], [LON, LAT + 0.1], [LON - 0.1, LAT]]]}


def test_service_areas_settled_without_casting_agree_with_the_ray():
    """Most polygons around a client are settled by the grid cell of their box that holds
    the client; the answer must be the ray's, at every point of the box and near its edges."""
    docs = [make_document(name, modalities=["phone"], latitude=None, longitude=None,
                          service_areas=[{"geometries": [shape]}])
            for name, shape in (("c", C_SHAPE), ("frame", FRAME), ("diamond", DIAMOND))]
    columns, by_document = columned(docs), per_document(docs)
    arrays = columns.snapshot().columns
    inside, outside = arrays.geometry_inside, arrays.geometry_outside
    assert all(inside) and all(outside)      # each shape has cells settled both ways
    steps = [i / 20 * 0.2 - 0.1 for i in range(21)]
    near_edges = [e + d for e in (-0.1, -0.05, -0.04, 0.04, 0.05, 0.1) for d in (-1e-9, 1e-9)]
    inside_somewhere = set()
    for dy in steps + near_edges:
        for dx in steps + near_edges:
            profile = ClientProfile(now=NOW, latitude=LAT + dy, longitude=LON + dx, limit=10)
            found = match(profile, columns)
            assert answer(found) == answer(match(profile, by_document)), (dx, dy)
            inside_somewhere |= {r.document["id"] for r in found.results
                                 if any("lives in the service area" in m for m in r.fit.met)}
    assert inside_somewhere == {"c", "frame", "diamond"}
