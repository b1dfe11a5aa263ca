"""Property-based: for random listings and clients, matching never breaks a hard constraint
and, with room for everyone, returns every feasible listing (brute-force oracle)."""
from datetime import datetime, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backend_contract import SITES, make_document
from matcher.backends.tantivy_backend import TantivyBackend
from matcher.constraints import Client
from matcher.engine import match
from matcher.constraints_access import evaluate, fit_of
from matcher.geo import distance_km
from matcher.hours import overlaps
from matcher.poverty import percent_of_fpl
from matcher.profile import ClientProfile, Cost

LAT, LON = SITES["san_carlos"]
NOW = datetime(2025, 6, 1, tzinfo=timezone.utc)
TERMS = ("food", "housing", "legal")
maybe = st.none().__or__

periods = st.lists(st.fixed_dictionaries({"day": st.integers(0, 6),
                                          "opens": st.integers(0, 1439),
                                          "closes": st.integers(0, 1440)}), max_size=3)
DOCUMENT_FIELDS = {
    "status": st.sampled_from(["active", "active", "inactive"]),
    "min_age": maybe(st.sampled_from([0, 18, 60])), "max_age": maybe(st.sampled_from([17, 64])),
    "genders": maybe(st.sampled_from([["female"], ["any"], ["male", "female"]])),
    "languages": maybe(st.sampled_from([["en"], ["es"], ["en", "es"], ["vi"]])),
    "interpretation": st.booleans(),
    "income_limit_fpl": maybe(st.sampled_from([100.0, 200.0, 400.0])),
    "income_any": st.booleans(),
    "accessibility": maybe(st.sampled_from([[], ["wheelchair"], ["wheelchair", "asl"]])),
    "cost_free": maybe(st.booleans()), "cost_sliding": maybe(st.booleans()),
    "cost_min_amount": maybe(st.sampled_from([0.0, 25.0, 100.0])),
    "hours": maybe(periods),
    "modalities": maybe(st.sampled_from([["in_person"], ["virtual"], ["in_person", "phone"]])),
    "offset": maybe(st.tuples(st.floats(-0.8, 0.8), st.floats(-0.8, 0.8))),
    "taxonomy_term_ids": st.lists(st.sampled_from(TERMS), unique=True, max_size=2),
    "preferences": st.lists(st.sampled_from(["peer_led", "faith_based"]), unique=True,
                            max_size=1),
}
documents = st.lists(st.fixed_dictionaries(DOCUMENT_FIELDS), max_size=25)

PROFILE_FIELDS = {
    "age": maybe(st.sampled_from([10, 30, 70])),
    "gender": maybe(st.sampled_from(["female", "male"])),
    "languages": st.sampled_from([(), ("es",), ("en", "vi")]),
    "interpreter_ok": st.booleans(),
    "annual_income": maybe(st.sampled_from([10000.0, 40000.0, 90000.0])),
    "household_size": st.integers(1, 6),
    "accessibility": st.sampled_from([(), ("wheelchair",)]),
    "cost": st.sampled_from([Cost(), Cost(free_only=True), Cost(max_amount=30),
                             Cost(free_only=True, sliding_scale_ok=False)]),
    # On the hour and not, and over the week's end: windows are compared by the minute (the
    # column engine once per distinct schedule).
    "windows": st.sampled_from([(), (("sat", "10:00", "14:00"),), (("mon", "18:00", "02:00"),),
                                (("wed", "09:30", "09:45"),),
                                (("sun", "23:15", "00:45"), ("tue", "12:00", "13:30"))]),
    "modalities": st.sampled_from([frozenset({"in_person", "virtual", "phone"}),
                                   frozenset({"in_person"}), frozenset({"virtual", "phone"})]),
    "needs": st.lists(st.sampled_from(TERMS), unique=True, max_size=2).map(tuple),
    "preferences": st.sampled_from([(), ("peer_led",)]),
    "max_distance_km": st.sampled_from([5.0, 15.0, 40.0]),
}
profiles = st.fixed_dictionaries(PROFILE_FIELDS)


def build(raw_docs):
    docs = []
    for i, raw in enumerate(raw_docs):
        raw = dict(raw)
        offset = raw.pop("offset")
        place = {"latitude": None, "longitude": None} if offset is None else \
            {"latitude": LAT + offset[0], "longitude": LON + offset[1]}
        docs.append(make_document(f"d{i:02d}", **place, **raw))
    return docs


def violation(doc, p, radius):
    """Return the hard constraint a document's data says the client fails, or None."""
    remote = {"virtual", "phone"} & set(doc["modalities"] or ()) & p.modalities
    placed = doc["latitude"] is not None
    if doc["status"] != "active":
        return "status"
    if p.age is not None and ((doc["min_age"] is not None and p.age < doc["min_age"])
                              or (doc["max_age"] is not None and p.age > doc["max_age"])):
        return "age"
    if p.gender and doc["genders"] and "any" not in doc["genders"] \
            and p.gender not in doc["genders"]:
        return "gender"
    if p.languages and doc["languages"] is not None and not set(p.languages) & set(
            doc["languages"]) and not (p.interpreter_ok and doc["interpretation"]):
        return "language"
    if p.annual_income is not None and not doc["income_any"] and doc["income_limit_fpl"] \
            and percent_of_fpl(p.annual_income, p.household_size, 2025) > doc["income_limit_fpl"]:
        return "income"
    if p.accessibility and doc["accessibility"] is not None and not remote \
            and not set(p.accessibility) <= set(doc["accessibility"]):
        return "accessibility"
    if p.cost.free_only and doc["cost_free"] is False \
            and not (p.cost.sliding_scale_ok and doc["cost_sliding"]):
        return "cost"
    if p.windows and doc["hours"] and not overlaps(doc["hours"], p.windows):
        return "hours"
    offered = set(doc["modalities"] or ()) or ({"in_person"} if placed else set())
    if offered and not offered & p.modalities:
        return "modality"
    if placed and not remote and distance_km((LAT, LON), (doc["latitude"], doc["longitude"])) \
            > radius:
        return "distance"
    return None


def oracle(docs, p, response):
    """Return ids of every feasible, relevant document at the response's final radius."""
    client = Client.of(p, 2025, response.radius_km)
    prefs_dropped = any(step.startswith("preferences") for step in response.relaxed)
    out = set()
    for doc in docs:
        if p.needs and not set(p.needs) & set(doc["taxonomy_term_ids"]):
            continue
        if not prefs_dropped and not set(p.preferences) <= set(doc["preferences"]):
            continue
        distance = None if doc["latitude"] is None else \
            distance_km((LAT, LON), (doc["latitude"], doc["longitude"]))
        if fit_of(evaluate(doc, client, distance)).feasible:
            out.add(doc["id"])
    return out


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, profiles)
def test_matching_is_sound_complete_and_explained(raw_docs, fields):
    docs = build(raw_docs)
    backend = TantivyBackend()
    backend.index(docs)
    p = ClientProfile(latitude=LAT, longitude=LON, limit=100, now=NOW, **fields)
    response = match(p, backend)
    for result in response.results:
        assert violation(result.document, p, response.radius_km) is None
        far = result.distance_km is not None and result.distance_km > p.max_distance_km
        remote = {"virtual", "phone"} & set(result.document["modalities"] or ()) & p.modalities
        assert any(label.startswith("radius widened") for label in result.fit.relaxed) \
            == bool(far and not remote)
    found = {r.document["id"] for r in response.results}
    assert found == oracle(docs, p, response)
    assert response.total_feasible == len(found)
    # Same data indexed in another order ranks identically.
    shuffled = TantivyBackend()
    shuffled.index(list(reversed(docs)))
    assert [r.document["id"] for r in match(p, shuffled).results] == \
        [r.document["id"] for r in response.results]
