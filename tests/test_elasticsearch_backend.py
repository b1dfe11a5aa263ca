"""The Elasticsearch backend: the shared contract plus alias swaps, geo, failures and health.

Runs on the osmem stand-in, or on a real cluster when DIRECTORY_TEST_ELASTICSEARCH_URL is set.
"""
import socket

import pytest

from backend_contract import SITES, BackendContract, ids, make_document, point
from matcher.backends.base import CandidateQuery
from matcher.backends.elasticsearch_backend import ElasticsearchBackend

pytest_plugins = ("es_standin",)

KM_PER_DEGREE_LATITUDE = 111.195


class TestElasticsearchContract(BackendContract):
    @pytest.fixture
    def backend(self, elasticsearch_backend):
        yield elasticsearch_backend


def north_of_san_carlos(km):
    """Return coordinate overrides `km` due north of the San Carlos site."""
    lat, lon = SITES["san_carlos"]
    return {"latitude": lat + km / KM_PER_DEGREE_LATITUDE, "longitude": lon}


def concrete_indices(backend):
    return sorted(backend.client.indices.get(index=f"{backend.alias}-*"))


def test_radius_keeps_a_site_5_km_away_and_drops_one_30_km_away(elasticsearch_backend):
    elasticsearch_backend.index([make_document("five", **north_of_san_carlos(5)),
                                 make_document("thirty", **north_of_san_carlos(30))])
    [found] = elasticsearch_backend.candidates(point("san_carlos", 10))
    assert found.document["id"] == "five"
    assert found.distance_km == pytest.approx(5, abs=0.05)
    assert ids(elasticsearch_backend.candidates(point("san_carlos", 40))) == ["five", "thirty"]


def test_remote_services_are_left_out_only_by_a_radius_search(elasticsearch_backend):
    elasticsearch_backend.index([make_document("site", **north_of_san_carlos(30)),
                                 make_document("phone", latitude=None, longitude=None)])
    # Without a radius there is nothing to be remote from (the same rule as tantivy).
    anywhere = elasticsearch_backend.candidates(CandidateQuery(include_remote=False))
    assert ids(anywhere) == ["phone", "site"]
    assert {c.distance_km for c in anywhere} == {None}
    nearby = point("san_carlos", 40, include_remote=False)
    assert ids(elasticsearch_backend.candidates(nearby)) == ["site"]


def test_terms_text_and_service_filters_combine(elasticsearch_backend):
    elasticsearch_backend.index([
        make_document("a", service_id="s1", taxonomy_term_ids=["food"]),
        make_document("b", service_id="s2", description="Free groceries for seniors"),
        make_document("c", service_id="s3", taxonomy_term_ids=["food"]),
        make_document("d", service_id="s2", status="inactive", taxonomy_term_ids=["food"])])
    query = CandidateQuery(term_ids=("food",), text="grocery", service_ids=("s1", "s2"))
    assert ids(elasticsearch_backend.candidates(query)) == ["a", "b"]


def test_more_matching_words_rank_first_and_ties_keep_id_order(elasticsearch_backend):
    elasticsearch_backend.index([make_document("z-both", text="food pantry"),
                                 make_document("b-one", text="food bank"),
                                 make_document("a-one", text="food bank")])
    found = elasticsearch_backend.candidates(CandidateQuery(text="food pantry"))
    assert [c.document["id"] for c in found] == ["z-both", "a-one", "b-one"]
    assert found[0].text_score > found[1].text_score > 0


def test_service_area_shapes_are_searchable_and_documents_come_back_unchanged(
        elasticsearch_backend):
    square = {"type": "Polygon", "coordinates": [[[-122.3, 37.45], [-122.2, 37.45],
                                                  [-122.2, 37.55], [-122.3, 37.55],
                                                  [-122.3, 37.45]]]}
    area = {"postal_codes": ["94070"], "counties": ["San Mateo County, CA"],
            "geometries": [square]}
    document = make_document("area", service_areas=[area])
    elasticsearch_backend.index([document, make_document("no-area")])
    assert [c.document for c in elasticsearch_backend.candidates(
        CandidateQuery(service_ids=("svc-area",)))] == [document]
    lat, lon = SITES["san_carlos"]
    hits = elasticsearch_backend.client.search(index=elasticsearch_backend.alias, query={
        "geo_shape": {"service_area_shapes": {
            "shape": {"type": "point", "coordinates": [lon, lat]}, "relation": "intersects"}}})
    assert [hit["_id"] for hit in hits["hits"]["hits"]] == ["area"]


def test_a_malformed_service_area_shape_does_not_reject_the_listing(elasticsearch_backend):
    unclosed = {"type": "Polygon", "coordinates": [[[-122.3, 37.45], [-122.2, 37.45]]]}
    elasticsearch_backend.index([make_document("odd", service_areas=[
        {"postal_codes": [], "counties": [], "geometries": [unclosed]}])])
    assert ids(elasticsearch_backend.candidates(CandidateQuery())) == ["odd"]


def test_rebuild_swaps_the_alias_and_readers_never_see_an_empty_index(elasticsearch_backend):
    elasticsearch_backend.index([make_document("old-1"), make_document("old-2")])
    [first_index] = concrete_indices(elasticsearch_backend)
    seen_during_rebuild = []

    def documents():
        for number in range(1200):   # several bulk chunks
            if number % 500 == 0:
                seen = elasticsearch_backend.candidates(CandidateQuery(limit=10))
                seen_during_rebuild.append(ids(seen))
            yield make_document(f"new-{number:04d}")

    assert elasticsearch_backend.rebuild(documents()) == 1200
    assert seen_during_rebuild == [["old-1", "old-2"]] * 3
    [new_index] = concrete_indices(elasticsearch_backend)
    assert new_index != first_index
    assert not elasticsearch_backend.client.indices.exists(index=first_index)
    aliases = elasticsearch_backend.client.indices.get_alias(name=elasticsearch_backend.alias)
    assert list(aliases) == [new_index]
    assert elasticsearch_backend.count() == 1200


def test_a_failed_rebuild_keeps_the_old_index_and_leaves_nothing_behind(
        elasticsearch_backend):
    elasticsearch_backend.index([make_document("kept")])
    before = concrete_indices(elasticsearch_backend)

    def documents():
        yield make_document("new")
        raise RuntimeError("the store went away mid-rebuild")

    with pytest.raises(RuntimeError, match="went away"):
        elasticsearch_backend.rebuild(documents())
    assert concrete_indices(elasticsearch_backend) == before
    assert ids(elasticsearch_backend.candidates(CandidateQuery())) == ["kept"]


def test_a_backend_never_written_to_is_empty_and_says_why_it_is_unhealthy(
        elasticsearch_backend):
    elasticsearch_backend.delete(["x"])
    elasticsearch_backend.delete_service("s")
    assert elasticsearch_backend.count() == 0
    assert elasticsearch_backend.candidates(CandidateQuery()) == []
    health = elasticsearch_backend.health()
    assert not health.ok and health.documents is None
    assert "alias missing" in health.detail["error"]


def test_health_reports_the_alias_index_and_cluster(elasticsearch_backend):
    elasticsearch_backend.index([make_document("a")])
    health = elasticsearch_backend.health()
    assert health.ok and health.backend == "elasticsearch" and health.documents == 1
    assert health.detail["indices"] == concrete_indices(elasticsearch_backend)
    assert health.detail["status"] in ("green", "yellow")


def test_an_unreachable_cluster_is_unhealthy_rather_than_an_error():
    with socket.socket() as probe:      # a port nobody listens on once the probe closes
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    backend = ElasticsearchBackend(f"http://127.0.0.1:{port}", "directory-services",
                                   request_timeout=2, max_retries=0)
    try:
        health = backend.health()
    finally:
        backend.close()
    assert not health.ok and health.backend == "elasticsearch"
    assert "ConnectionError" in health.detail["error"]


def test_the_backend_is_enabled_and_rejects_invalid_alias_names():
    assert ElasticsearchBackend.enabled()
    with pytest.raises(ValueError, match="invalid Elasticsearch index name"):
        ElasticsearchBackend("http://127.0.0.1:9200", "Directory Services")
    with pytest.raises(ValueError, match="needs an url or a client"):
        ElasticsearchBackend(None, "directory-services")
