"""Matching end to end on the tantivy backend: exclusions, ranking, relaxation, paging."""
from datetime import datetime, timezone

import pytest

from backend_contract import SITES, at, make_document
from matcher.backends.tantivy_backend import TantivyBackend
from matcher.engine import match, radius_steps
from matcher.profile import ClientProfile

NOW = datetime(2025, 6, 1, tzinfo=timezone.utc)
LAT, LON = SITES["san_carlos"]


def profile(**fields):
    return ClientProfile(latitude=LAT, longitude=LON, now=NOW, **fields)


def result_ids(response):
    return [r.document["id"] for r in response.results]


@pytest.fixture
def backend():
    return TantivyBackend()


def test_excluded_services_never_appear_and_unknowns_rank_below_fits(backend):
    backend.index([make_document("fit", min_age=18, max_age=99, languages=["es"]),
                   make_document("too-young", min_age=40, languages=["es"]),
                   make_document("english-only", min_age=0, languages=["en"]),
                   make_document("unstated", assured_date="2025-05-30", cost_free=True)])
    response = match(profile(age=30, languages=("es",)), backend)
    assert result_ids(response) == ["fit", "unstated"]
    unstated = response.results[1]
    assert "unknown: age range not stated — check with provider" in unstated.fit.unknown
    assert unstated.score > response.results[0].score      # better score, still ranked below


def test_spanish_text_finds_english_listings(backend):
    backend.index([make_document("pantry", text="Free food pantry"),
                   make_document("legal", text="Tenant legal clinic")])
    assert result_ids(match(profile(text="comida"), backend)) == ["pantry"]


def test_needs_cover_by_term_id_or_text_and_are_explained(backend):
    backend.index([make_document("both", taxonomy_term_ids=["food", "housing"]),
                   make_document("one", taxonomy_term_ids=["food"]),
                   make_document("text", text="emergency shelter beds")])
    response = match(profile(needs=("food", "housing"), text="shelter"), backend)
    assert result_ids(response) == ["both", "one", "text"]
    assert response.results[0].covers == ["food", "housing"]


def test_radius_is_relaxed_in_steps_and_said(backend):
    backend.index([make_document("near"), make_document("pa", **at("palo_alto")),
                   make_document("sf", **at("san_francisco"))])
    response = match(profile(max_distance_km=5, limit=3), backend)
    assert result_ids(response) == ["near", "pa", "sf"]
    assert response.relaxed == ["radius widened from 5 to 10 km", "radius widened from 10 to 20 km",
                                "radius widened from 20 to 40 km"]
    assert response.results[0].fit.relaxed == []
    assert response.results[2].fit.relaxed == ["radius widened to 40 km (32.9 km away)"]


def test_no_relaxation_when_enough_results(backend):
    backend.index([make_document("near"), make_document("sf", **at("san_francisco"))])
    response = match(profile(limit=1), backend)
    assert result_ids(response) == ["near"]
    assert response.relaxed == [] and response.total_feasible == 1


def test_preferences_relax_after_the_radius_and_never_hard_constraints(backend):
    backend.index([make_document("peer", preferences=["peer_led"], min_age=0),
                   make_document("plain", min_age=0),
                   make_document("plain-child", max_age=12, min_age=0)])
    response = match(profile(preferences=("peer_led",), age=30, limit=5), backend)
    assert result_ids(response) == ["peer", "plain"]
    assert response.relaxed[-1] == "preferences no longer required: peer_led"
    assert response.results[1].fit.relaxed == ["preference not met: peer_led"]


def test_remote_services_reach_clients_who_accept_them(backend):
    backend.index([make_document("video", latitude=None, longitude=None,
                                 modalities=["virtual"]),
                   make_document("far-phone", modalities=["in_person", "phone"],
                                 **at("san_francisco"))])
    everyone = match(profile(max_distance_km=10, limit=2), backend)
    assert sorted(result_ids(everyone)) == ["far-phone", "video"]
    assert everyone.relaxed == []
    in_person = match(profile(max_distance_km=10, modalities=frozenset({"in_person"})), backend)
    assert result_ids(in_person) == ["far-phone"]
    assert in_person.results[0].fit.relaxed == ["radius widened to 100 km (32.9 km away)"]


def test_availability_is_hard_and_never_relaxed(backend):
    backend.index([make_document("weekdays", hours=[{"day": 0, "opens": 540, "closes": 1020}]),
                   make_document("saturday", hours=[{"day": 5, "opens": 600, "closes": 720}])])
    response = match(profile(windows=(("sat", "09:00", "13:00"),)), backend)
    assert result_ids(response) == ["saturday"]
    assert not any("hour" in step for step in response.relaxed)


def test_pages_are_disjoint_and_ranking_is_deterministic(backend):
    backend.index([make_document(f"d{i:02d}", cost_free=i % 2 == 0) for i in range(25)])
    first = match(profile(limit=10), backend)
    again = match(profile(limit=10), backend)
    second = match(profile(limit=10, page=2), backend)
    third = match(profile(limit=10, page=3), backend)
    assert result_ids(first) == result_ids(again)
    everything = result_ids(first) + result_ids(second) + result_ids(third)
    assert len(everything) == len(set(everything)) == first.total_feasible == 25
    assert everything[:13] == [f"d{i:02d}" for i in range(0, 25, 2)]   # free first, then id


def test_profile_rejects_impossible_values():
    for bad in ({"limit": 101}, {"page": 0}, {"gender": "robot"}, {"latitude": 1.0},
                {"windows": (("someday", "09:00", "10:00"),)}, {"modalities": frozenset()}):
        with pytest.raises(ValueError):
            ClientProfile(**bad)


def test_radius_steps():
    assert radius_steps(15) == [15, 30, 50, 100]
    assert radius_steps(60) == [60, 100]
    assert radius_steps(150) == [150]


@pytest.mark.parametrize("rebuilt", [False, True])
def test_generic_words_count_only_when_nothing_more_specific_was_asked(rebuilt):
    backend = TantivyBackend()
    docs = [make_document("eviction", name="Eviction Defense", description="Legal aid."),
            make_document("hotline", name="Help Line", description="We help with anything.",
                          latitude=None, longitude=None, modalities=["phone"])]
    backend.rebuild(docs) if rebuilt else backend.index(docs)
    assert result_ids(match(profile(text="eviction help"), backend)) == ["eviction"]
    assert result_ids(match(profile(text="help"), backend)) == ["hotline"]
