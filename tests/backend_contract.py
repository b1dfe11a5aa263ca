"""The contract every search backend passes; each backend's test module plugs in.

How to plug a backend in (Elasticsearch engineer: this is for you):

    from backend_contract import BackendContract

    class TestElasticsearchContract(BackendContract):
        @pytest.fixture
        def backend(self, tmp_path):
            yield <a fresh, EMPTY backend instance>   # clean it up after the yield

pytest collects every `test_*` method below for that class. `tests/` is on sys.path (no
package), so `from backend_contract import ...` works. `make_document(**overrides)` builds a
complete `matcher.document.Document`; the `SITES` coordinates are around San Carlos, CA.

Semantics pinned here (beyond `matcher/backends/base.py`):
- `text` and `term_ids` together are OR-ed: a document matches either; neither means "all".
- text search covers name, description, organization_name and text; case-insensitive, with
  English stemming ("meals" finds "meal").
- with a point and radius: documents with coordinates farther than the radius never come
  back, except with `include_remote`: then documents without coordinates, and documents whose
  `modalities` include "virtual" or "phone", come back at any distance.
- `term_ids` match `taxonomy_term_ids` only (callers map codes to ids).
- `Candidate.distance_km` is set (great-circle km) whenever the query has a point and the
  document has coordinates; `Candidate.document` equals the indexed document exactly.
"""
from datetime import datetime, timezone

import pytest

from matcher.backends.base import CandidateQuery

SITES = {
    "san_carlos": (37.5072, -122.2605),
    "redwood_city": (37.4852, -122.2364),      # ~3 km from San Carlos
    "palo_alto": (37.4419, -122.1430),         # ~13 km
    "san_francisco": (37.7749, -122.4194),     # ~33 km
}


def make_document(id, **overrides):
    """Return a complete active in-person document at San Carlos, overridable per field."""
    lat, lon = SITES["san_carlos"]
    doc = {
        "id": id, "service_id": overrides.pop("service_id", f"svc-{id}"),
        "service_at_location_id": id, "location_id": f"loc-{id}",
        "organization_id": "org-1", "organization_name": "Peninsula Helpers",
        "name": f"Service {id}", "description": "", "text": "", "status": "active",
        "taxonomy_term_ids": [], "taxonomy_codes": [], "latitude": lat, "longitude": lon,
        "location_name": "Main site", "address": {"address_1": "1 Main St", "city": "San Carlos",
                                                  "state_province": "CA", "postal_code": "94070"},
        "min_age": None, "max_age": None, "genders": None, "income_limit_fpl": None,
        "income_any": False, "veteran_status": None, "insurance": None, "residency_open": False,
        "service_areas": None, "languages": None, "interpretation": False,
        "accessibility": None, "cost_free": None, "cost_sliding": None,
        "cost_min_amount": None, "timezone": "America/Los_Angeles", "hours": None,
        "modalities": None, "preferences": [], "wait_time_days": None,
        "capacity_available": None, "assured_date": None, "last_modified": None,
    }
    doc.update(overrides)
    return doc


def at(site, **overrides):
    """Return coordinate overrides placing a document at a named site."""
    lat, lon = SITES[site]
    return {"latitude": lat, "longitude": lon, **overrides}


def ids(candidates):
    return sorted(c.document["id"] for c in candidates)


def point(site, radius_km, **fields):
    lat, lon = SITES[site]
    return CandidateQuery(latitude=lat, longitude=lon, radius_km=radius_km, **fields)


class BackendContract:
    """Behaviour every backend shares; subclasses provide a `backend` fixture (empty)."""

    def test_indexed_documents_are_counted_and_returned_unchanged(self, backend):
        docs = [make_document("a", text="food pantry", hours=[{"day": 0, "opens": 540,
                                                               "closes": 1020}]),
                make_document("b", languages=["en", "es"], service_areas=[
                    {"postal_codes": ["94070"], "counties": [], "geometries": []}])]
        backend.index(docs)
        assert backend.count() == 2
        found = {c.document["id"]: c.document for c in backend.candidates(CandidateQuery())}
        assert found == {"a": docs[0], "b": docs[1]}

    def test_indexing_the_same_id_replaces_the_document(self, backend):
        backend.index([make_document("a", name="Old name")])
        backend.index([make_document("a", name="New name")])
        assert backend.count() == 1
        [only] = backend.candidates(CandidateQuery())
        assert only.document["name"] == "New name"

    def test_delete_removes_by_id_and_ignores_unknown_ids(self, backend):
        backend.index([make_document("a"), make_document("b")])
        backend.delete(["a", "no-such-id"])
        assert ids(backend.candidates(CandidateQuery())) == ["b"]

    def test_delete_service_removes_every_site_of_that_service(self, backend):
        backend.index([make_document("a1", service_id="s1"), make_document("a2", service_id="s1"),
                       make_document("b", service_id="s2")])
        backend.delete_service("s1")
        assert ids(backend.candidates(CandidateQuery())) == ["b"]

    def test_rebuild_replaces_the_whole_index(self, backend):
        backend.index([make_document("old")])
        assert backend.rebuild(iter([make_document("n1"), make_document("n2")])) == 2
        assert ids(backend.candidates(CandidateQuery())) == ["n1", "n2"]
        backend.index([make_document("n3")])
        assert backend.count() == 3

    def test_text_matches_any_word_with_stemming_and_any_case(self, backend):
        backend.index([make_document("meal", text="Hot meal served daily"),
                       make_document("named", name="Food Pantry"),
                       make_document("org", organization_name="Shelter Network"),
                       make_document("other", text="legal advice")])
        assert ids(backend.candidates(CandidateQuery(text="meals"))) == ["meal"]
        assert ids(backend.candidates(CandidateQuery(text="FOOD shelter"))) == ["named", "org"]
        assert ids(backend.candidates(CandidateQuery(text="zzzunknownword"))) == []

    def test_term_ids_match_any_term_and_or_with_text(self, backend):
        backend.index([make_document("t1", taxonomy_term_ids=["food", "basic-needs"]),
                       make_document("t2", taxonomy_term_ids=["housing"]),
                       make_document("txt", text="counseling for families"),
                       make_document("none")])
        assert ids(backend.candidates(CandidateQuery(term_ids=("basic-needs",)))) == ["t1"]
        query = CandidateQuery(term_ids=("food", "housing"), text="counseling")
        assert ids(backend.candidates(query)) == ["t1", "t2", "txt"]

    def test_radius_keeps_near_sites_and_remote_only_when_asked(self, backend):
        backend.index([make_document("here"), make_document("rc", **at("redwood_city")),
                       make_document("sf", **at("san_francisco")),
                       make_document("remote", latitude=None, longitude=None,
                                     modalities=["virtual"])])
        assert ids(backend.candidates(point("san_carlos", 15))) == ["here", "rc", "remote"]
        near = backend.candidates(point("san_carlos", 15, include_remote=False))
        assert ids(near) == ["here", "rc"]
        assert ids(backend.candidates(point("san_carlos", 50))) == ["here", "rc", "remote", "sf"]

    def test_remote_delivery_reaches_beyond_the_radius(self, backend):
        backend.index([make_document("phone", modalities=["in_person", "phone"],
                                     **at("san_francisco")),
                       make_document("video", modalities=["virtual"], **at("san_francisco")),
                       make_document("walk-in", modalities=["in_person"], **at("san_francisco"))])
        assert ids(backend.candidates(point("san_carlos", 10))) == ["phone", "video"]
        assert ids(backend.candidates(point("san_carlos", 10, include_remote=False))) == []

    def test_candidates_carry_distance_from_the_query_point(self, backend):
        backend.index([make_document("pa", **at("palo_alto")),
                       make_document("remote", latitude=None, longitude=None)])
        found = {c.document["id"]: c for c in backend.candidates(point("san_carlos", 20))}
        assert found["pa"].distance_km == pytest.approx(12.9, abs=0.5)
        assert found["remote"].distance_km is None

    def test_inactive_documents_are_left_out_unless_asked(self, backend):
        backend.index([make_document("on"), make_document("off", status="inactive")])
        assert ids(backend.candidates(CandidateQuery())) == ["on"]
        assert ids(backend.candidates(CandidateQuery(active_only=False))) == ["off", "on"]

    def test_service_ids_restrict_and_limit_caps_results(self, backend):
        backend.index([make_document(f"d{i}", service_id=f"s{i % 3}") for i in range(9)])
        assert ids(backend.candidates(CandidateQuery(service_ids=("s1",)))) == ["d1", "d4", "d7"]
        assert len(backend.candidates(CandidateQuery(limit=4))) == 4

    def test_filters_combine(self, backend):
        backend.index([make_document("match", text="food", **at("redwood_city")),
                       make_document("far", text="food", **at("san_francisco")),
                       make_document("closed", text="food", status="defunct"),
                       make_document("topic", text="legal")])
        assert ids(backend.candidates(point("san_carlos", 10, text="food"))) == ["match"]

    def test_search_services_needs_every_word_and_gives_each_service_once(self, backend):
        backend.index([
            make_document("c1", service_id="clinic", name="Eviction Defense Clinic",
                          description="Legal help for tenants."),
            make_document("c2", service_id="clinic", name="Eviction Defense Clinic",
                          description="Legal help for tenants.", **at("redwood_city")),
            make_document("t", service_id="tenants", name="Tenant Services",
                          description="Budgeting, mediation and referrals, including help "
                                      "after an eviction notice arrives in the mail."),
            make_document("off", service_id="closed", name="Eviction help", status="inactive"),
            make_document("food", service_id="food", name="Food help")])
        found = [service_id for service_id, _score in backend.search_services("eviction help")]
        assert found == ["clinic", "tenants"]
        assert [s for s, _ in backend.search_services("help for evictions")] == found
        assert [s for s, _ in backend.search_services("eviction",
                                                     service_ids=["tenants", "food"])] \
            == ["tenants"]
        for text in ('"', "a:b", "(((", "AND OR NOT", "name:eviction", "evict*", ""):
            assert set(s for s, _ in backend.search_services(text)) <= {"clinic", "tenants",
                                                                        "food"}

    def test_health_reports_backend_and_document_count(self, backend):
        backend.index([make_document("a"), make_document("b")])
        health = backend.health()
        assert health.ok and health.backend == backend.name and health.documents == 2

    def test_same_profile_gives_the_same_ranking(self, backend):
        from matcher.engine import match
        from matcher.profile import ClientProfile
        backend.index(ranking_documents())
        lat, lon = SITES["san_carlos"]
        profile = ClientProfile(needs=("food",), text="comida", latitude=lat, longitude=lon,
                                languages=("es",), age=34, now=RANKING_NOW)
        assert [r.document["id"] for r in match(profile, backend).results] == RANKING


def ranking_documents():
    """Return a small fixed data set whose ranking every backend must reproduce."""
    return [
        make_document("near-free", taxonomy_term_ids=["food"], cost_free=True,
                      languages=["es"], min_age=18, max_age=64, assured_date="2025-01-01"),
        make_document("near-fee", taxonomy_term_ids=["food"], cost_free=False,
                      cost_min_amount=20.0, languages=["es"], min_age=18),
        make_document("far-free", taxonomy_term_ids=["food"], cost_free=True, languages=["es"],
                      min_age=0, max_age=120, **at("palo_alto")),
        make_document("text-only", text="Despensa de comida", languages=["es", "en"],
                      min_age=0, **at("redwood_city")),
        make_document("unknowns", taxonomy_term_ids=["food"]),
        make_document("child-only", taxonomy_term_ids=["food"], max_age=17, languages=["es"]),
        make_document("english", taxonomy_term_ids=["food"], languages=["en"], min_age=0),
    ]


# Confirmed fits by score (distance, cost, freshness, relevance), then the one with unknowns;
# "child-only" (age) and "english" (language) are excluded on every backend.
RANKING = ["near-free", "near-fee", "far-free", "text-only", "unknowns"]
RANKING_NOW = datetime(2025, 6, 1, tzinfo=timezone.utc)
