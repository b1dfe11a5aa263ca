"""GET /services?search= answers from the search index: BM25 best first, one item per service."""
import json
import logging

import pytest

from api_data import category
from directory.search.backend import search_backend
from directory.search.sync import drain
from directory.store.ids import stable_id
from directory.store.writes import save_service
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
