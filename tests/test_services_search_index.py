"""GET /services?search= answers from the search index: BM25 best first, one item per service."""
import json
import logging

import pytest
import tantivy

from api_data import category
from backend_contract import at, make_document
from directory.search.backend import search_backend
from directory.search.sync import drain
from directory.store.ids import stable_id
from directory.store.writes import save_service
from matcher.backends import tantivy_search
from matcher.backends.tantivy_backend import TantivyBackend
from matcher.backends.tantivy_schema import to_tantivy
from factories import (
    ACTOR, COUNSELING, FOOD_PANTRY, location_data, make_organization, make_service, service_data,
)

pytest_plugins = ("es_standin",)

LONG = ("Housing navigation, rental assistance applications, landlord mediation, budgeting "
        "workshops and referrals to partner agencies across the county, including help after "
        "an eviction notice arrives, plus utility bill support and moving grants.")


@pytest.fixture(params=["tantivy", "elasticsearch"])
def backend(request, app):
    """The app's backend: embedded tantivy, or Elasticsearch (the stand-in unless configured)."""
    if request.param == "elasticsearch":
        app.extensions["search_backend"] = request.getfixturevalue("elasticsearch_backend")
    return search_backend(app)


@pytest.fixture
def world(session):
    """Services around "eviction help": a name match with two sites, a passing mention, others."""
    org = make_organization(session)
    clinic = service_data(org.id, key="clinic", name="Eviction Defense Clinic",
                          description="Legal help for tenants.")
    clinic["service_at_locations"].append({
        "id": stable_id("clinic", "second-site"),
        "location": location_data(key="second", organization_id=org.id, latitude=37.49,
                                  longitude=-122.23)})
    save_service(session, clinic, actor=ACTOR)
    session.commit()
    tenants = make_service(session, organization_id=org.id, key="tenants", name="Tenant Services",
                           description=LONG, attributes=[category("tenants", FOOD_PANTRY)])
    archive = make_service(session, organization_id=org.id, key="archive", status="inactive",
                           name="Archived Desk", description="Former help desk for eviction.")
    make_service(session, organization_id=org.id, key="counseling")
    return {"clinic": clinic["id"], "tenants": tenants.id, "archive": archive.id, "org": org.id}


def listed(client, query):
    response = client.get("/services" + query)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def ids(client, query):
    return [item["id"] for item in listed(client, query)["contents"]]


def test_name_match_ranks_first_and_a_multi_site_service_appears_once(
        client, session, backend, world):
    drain(session, backend)
    body = listed(client, "?search=eviction%20help&status=active")
    assert [item["id"] for item in body["contents"]] == [world["clinic"], world["tenants"]]
    assert body["total_items"] == 2
    # Stop words need not appear; query words are stemmed like the listings.
    assert ids(client, "?search=help%20for%20evictions&status=active") == [
        world["clinic"], world["tenants"]]


def test_inactive_services_follow_the_status_filter(client, session, backend, world):
    drain(session, backend)
    everything = [world["clinic"], world["tenants"], world["archive"]]
    assert ids(client, "?search=eviction%20help") == everything
    assert ids(client, "?search=eviction%20help&status=inactive") == [world["archive"]]


def test_search_combines_with_the_other_filters(client, session, backend, world):
    drain(session, backend)
    assert ids(client, f"?search=eviction&taxonomy_term_id={FOOD_PANTRY}") == [world["tenants"]]
    assert ids(client, f"?search=eviction&taxonomy_term_id={COUNSELING}&status=active") == [
        world["clinic"]]
    other = make_organization(session, key="other", name="Other Org")
    assert ids(client, f"?search=eviction&organization_id={other.id}") == []
    assert ids(client, "?search=eviction&modified_after=2999-01-01T00:00:00Z") == []


def test_pages_and_totals_count_services(client, session, backend, world):
    drain(session, backend)
    pages = [listed(client, f"?search=eviction&per_page=1&page={n}") for n in (1, 2, 3, 4)]
    assert [p["total_items"] for p in pages] == [3, 3, 3, 3]
    assert [p["total_pages"] for p in pages] == [3, 3, 3, 3]
    assert [[i["id"] for i in p["contents"]] for p in pages] == [
        [world["clinic"]], [world["tenants"]], [world["archive"]], []]
    assert pages[2]["last_page"] and pages[3]["empty"]
    full = listed(client, "?search=eviction&full=true&status=active")["contents"]
    assert [item["id"] for item in full] == [world["clinic"], world["tenants"]]
    assert len(full[0]["service_at_locations"]) == 2
    stream = client.get("/services?search=eviction&format=ndjson").get_data(as_text=True)
    assert [json.loads(line)["id"] for line in stream.splitlines()] == [
        world["clinic"], world["tenants"], world["archive"]]


def test_equal_scores_are_ordered_by_name_then_id(client, session, backend):
    org = make_organization(session)
    made = [make_service(session, organization_id=org.id, key=f"twin{n}", name="Utility Aid",
                         description="Help with utility bills.") for n in range(3)]
    drain(session, backend)
    expected = sorted(service.id for service in made)
    assert ids(client, "?search=utility") == expected
    paged = [ids(client, f"?search=utility&per_page=1&page={n}") for n in (1, 2, 3)]
    assert sum(paged, []) == expected


@pytest.mark.parametrize("text", ['"', "a:b", "(((", "AND OR NOT", "name:eviction",
                                  'eviction" OR "', "evict*", "eviction^9 -help", "{[", "\\"])
def test_query_syntax_is_only_words(client, session, backend, world, text):
    drain(session, backend)
    response = client.get("/services", query_string={"search": text})
    assert response.status_code == 200, response.get_json()
    found = [item["id"] for item in response.get_json()["contents"]]
    assert set(found) <= {world["clinic"], world["tenants"], world["archive"]}


def test_overlong_search_is_a_clear_400(client, session, backend, world):
    drain(session, backend)
    response = client.get("/services", query_string={"search": "eviction " * 1200})
    assert response.status_code == 400
    assert "search" in response.get_json()["errors"]


def test_a_saved_service_becomes_searchable_after_the_sync_drain(client, session, backend, world):
    drain(session, backend)
    hotline = make_service(session, organization_id=world["org"], key="hotline",
                           name="Eviction Hotline", description="Call us.")
    assert hotline.id not in ids(client, "?search=hotline&status=active")
    drain(session, backend)
    assert ids(client, "?search=hotline&status=active") == [hotline.id]


def test_an_index_not_built_yet_falls_back_to_sql(client, backend, world, caplog):
    # Nothing drained: the index is empty while the store has services.
    with caplog.at_level(logging.WARNING, logger="directory.api.filters"):
        found = ids(client, "?search=eviction&status=active")
    assert sorted(found) == sorted([world["clinic"], world["tenants"]])
    assert "search index is empty" in caplog.text


def test_an_unreachable_index_falls_back_to_sql(app, client, world, caplog):
    from matcher.backends.elasticsearch_backend import ElasticsearchBackend
    # Nothing listens on the loopback discard port: every request is refused at once.
    down = ElasticsearchBackend("http://127.0.0.1:9", max_retries=0, request_timeout=2)
    app.extensions["search_backend"] = down
    try:
        with caplog.at_level(logging.WARNING, logger="directory.api.filters"):
            found = ids(client, "?search=eviction&status=active")
    finally:
        down.close()
    assert sorted(found) == sorted([world["clinic"], world["tenants"]])
    assert "search index unavailable" in caplog.text


def searched(index, text):
    index.reload()
    return tantivy_search.search_services(index.searcher(), index.schema, text)


def by_text_field(index, text):
    """Group by the service_id text fast field: the reference the numeric grouping must equal."""
    searcher, schema = index.searcher(), index.schema
    query = tantivy_search.all_words_query(schema, tantivy_search.body_terms(text))
    hits = searcher.search(query, 1000, count=False).hits
    return tantivy_search._by_text_field(searcher, query, hits)


def sites(n):
    """Documents of UUID services with one to three sites, mentioning "rent" unevenly."""
    docs = []
    for s in range(n):
        service_id = stable_id("rent-service", s)
        for site in range(1 + s % 3):
            words = " ".join(["rent"] * (1 + (s * 7 + site) % 4))
            docs.append(make_document(f"{s}-{site}", service_id=service_id, name=f"Aid {s % 5}",
                                      description=f"{words} help", **at("redwood_city")))
    return docs


def test_services_group_by_uuid_numbers_exactly_as_by_text():
    backend = TantivyBackend()
    backend.rebuild(sites(60))
    backend.index(sites(63)[len(sites(60)):])   # three services written since the rebuild
    backend.delete_service(stable_id("rent-service", 3))   # a tomb among the documents
    found = searched(backend._index, "rent help")
    assert found == by_text_field(backend._index, "rent help")
    assert len(found) == 62 and stable_id("rent-service", 3) not in dict(found)
    assert [score for _s, score in found] == sorted((s for _s, s in found), reverse=True)


def test_a_service_id_that_is_no_uuid_is_still_found():
    backend = TantivyBackend()
    upper = stable_id("upper").upper()
    backend.index(sites(4) + [make_document("odd", service_id="clinic", text="rent"),
                              make_document("up", service_id=upper, text="rent")])
    found = dict(searched(backend._index, "rent"))
    assert set(found) == {stable_id("rent-service", s) for s in range(4)} | {"clinic", upper}


def test_a_generation_built_before_the_numeric_service_fields_still_answers():
    builder = tantivy.SchemaBuilder()
    for raw in ("id", "service_id", "status"):
        builder.add_text_field(raw, tokenizer_name="raw", fast=raw == "service_id")
    builder.add_text_field("body", tokenizer_name="en_stem", index_option="freq")
    builder.add_bytes_field("doc", stored=True)
    index = tantivy.Index(builder.build())
    writer = index.writer(15_000_000, 1)
    for doc in sites(6):
        writer.add_document(to_tantivy(doc, facts=False, current=False))
    writer.commit()
    found = searched(index, "rent")
    assert [s for s, _ in found] and found == by_text_field(index, "rent")
    assert len(found) == 6
