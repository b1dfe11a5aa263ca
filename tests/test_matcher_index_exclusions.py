"""The hard constraints tantivy applies in its index leave out exactly what the matcher's own
checks exclude: never a document whose data is missing or that the client may use."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backend_contract import SITES, make_document
from matcher.backends.base import CandidateQuery
from matcher.backends.tantivy_backend import TantivyBackend
from matcher.constraints import EXCLUDED, Client
from matcher.constraints_access import CHECKS
from matcher.engine import exclusions
from matcher.profile import ClientProfile, Cost

LAT, LON = SITES["san_carlos"]
maybe = st.none().__or__

documents = st.lists(st.fixed_dictionaries({
    "min_age": maybe(st.sampled_from([0, 18, 30, 60.5])),
    "max_age": maybe(st.sampled_from([17, 30, 64])),
    "genders": maybe(st.sampled_from([[], ["female"], ["any"], ["male", "female"]])),
    "languages": maybe(st.sampled_from([[], ["en"], ["ES-mx"], ["en", "es"], ["vi"]])),
    "interpretation": st.booleans(),
    "income_limit_fpl": maybe(st.sampled_from([100.0, 200.0, 400.0])),
    "income_any": st.booleans(),
    "accessibility": maybe(st.sampled_from([[], ["wheelchair"], ["wheelchair", "asl"]])),
    "cost_free": maybe(st.booleans()), "cost_sliding": maybe(st.booleans()),
    "cost_min_amount": maybe(st.sampled_from([0.0, 25.0, 30.0, 100.0])),
    "modalities": maybe(st.sampled_from([[], ["in_person"], ["virtual"], ["in_person", "phone"]])),
    "placed": st.booleans(),
}), min_size=1, max_size=30)

profiles = st.fixed_dictionaries({
    "age": maybe(st.sampled_from([10, 18, 30, 64, 70])),
    "gender": maybe(st.sampled_from(["female", "male"])),
    "languages": st.sampled_from([(), ("es",), ("en", "vi"), ("es-mx",)]),
    "interpreter_ok": st.booleans(),
    "annual_income": maybe(st.sampled_from([10000.0, 40000.0, 90000.0])),
    "household_size": st.integers(1, 6),
    "accessibility": st.sampled_from([(), ("wheelchair",), ("wheelchair", "asl")]),
    "cost": st.sampled_from([Cost(), Cost(free_only=True), Cost(max_amount=30),
                             Cost(free_only=True, sliding_scale_ok=False),
                             Cost(max_amount=25, sliding_scale_ok=False)]),
    "modalities": st.sampled_from([frozenset({"in_person", "virtual", "phone"}),
                                   frozenset({"in_person"}), frozenset({"virtual", "phone"}),
                                   frozenset({"phone"})]),
})


def excluded_by_checks(doc, client):
    return any((c := check(doc, client)) is not None and c.status == EXCLUDED for check in CHECKS)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, profiles)
def test_index_leaves_out_exactly_what_the_checks_exclude(raw_docs, fields):
    docs = []
    for i, raw in enumerate(raw_docs):
        raw = dict(raw)
        place = {} if raw.pop("placed") else {"latitude": None, "longitude": None}
        docs.append(make_document(f"d{i:02d}", **place, **raw))
    backend = TantivyBackend()
    backend.index(docs)
    client = Client.of(ClientProfile(latitude=LAT, longitude=LON, **fields), 2025)
    query = CandidateQuery(exclusions=exclusions(client), limit=100)
    kept = {c.document["id"] for c in backend.candidates(query)}
    assert kept == {doc["id"] for doc in docs if not excluded_by_checks(doc, client)}

