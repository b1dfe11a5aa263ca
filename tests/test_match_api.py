"""POST /match over HTTP on a small directory, and `flask match` on the same data."""
import pytest
from sqlalchemy import func, select

from directory import taxonomy
from directory.search.backend import search_backend
from directory.search.sync import documents_of, drain, replace_services
from directory.store.ids import stable_id
from directory.store.models import Base
from factories import location_data, make_organization, make_service
from sql_statements import statements_run
from test_matcher_columns import live_columns, rewrite_meta

COUNSELING_CODE = "106-06-07-01"


@pytest.fixture
def directory(app, session):
    """Three counseling services near San Mateo (one for seniors only) and one far away."""
    org = make_organization(session)
    make_service(session, organization_id=org.id, key="family")
    make_service(session, organization_id=org.id, key="seniors", name="Senior Counseling",
                 minimum_age=65, maximum_age=None,
                 location=location_data(key="seniors", organization_id=org.id))
    sparse = location_data(key="sparse", organization_id=org.id, accessibility=[],
                           languages=[], latitude=37.55, longitude=-122.31)
    make_service(session, organization_id=org.id, key="sparse", name="Drop-in Counseling",
                 minimum_age=None, maximum_age=None, attributes=[
                     {"id": stable_id("sparse-cat"),
                      "taxonomy_term_id": stable_id("open-eligibility", COUNSELING_CODE)}],
                 cost_options=[], service_areas=[], location=sparse)
    far = location_data(key="far", organization_id=org.id, latitude=37.7749,
                        longitude=-122.4194)
    make_service(session, organization_id=org.id, key="far", name="City Counseling",
                 location=far, service_areas=[])
    drain(session, search_backend(app))
    return org


def names(body):
    return [result["service"]["name"] for result in body["results"]]


def post(client, **body):
    return client.post("/match", json=body)


def test_eligible_services_are_ranked_with_what_is_met_and_unknown(client, directory):
    response = post(client, needs=[COUNSELING_CODE], location={"postal_code": "94401"},
                    max_distance_km=10, age=30, limit=2)
    assert response.status_code == 200
    body = response.get_json()
    assert names(body) == ["Family Counseling", "Drop-in Counseling"]
    family, sparse = body["results"]
    assert any("age 30" in label for label in family["fit"]["met"])
    assert family["fit"]["unknown"] == [] and sparse["fit"]["unknown"]
    assert body["relaxed"] == []


def test_a_service_the_client_is_too_young_for_is_never_returned(client, directory):
    body = post(client, text="counseling", location={"postal_code": "94401"},
                age=30, limit=100).get_json()
    assert "Senior Counseling" not in names(body)
    assert body["relaxed"]          # too few results: the radius was widened, and said so
    older = post(client, text="counseling", location={"postal_code": "94401"},
                 age=70, limit=100).get_json()
    assert "Senior Counseling" in names(older) and "Family Counseling" not in names(older)


def test_too_few_results_relax_the_radius_and_say_so(client, directory):
    body = post(client, needs=[COUNSELING_CODE], location={"latitude": 37.7749,
                                                           "longitude": -122.4194},
                max_distance_km=2, age=30, limit=3).get_json()
    assert body["relaxed"][0].startswith("radius widened from 2")
    assert names(body)[0] == "City Counseling"
    widened = [r for r in body["results"] if r["fit"]["relaxed"]]
    assert widened and all(r["distance_km"] > 2 for r in widened)


def test_response_shape_for_a_postal_code_location(client, directory):
    body = post(client, needs=[COUNSELING_CODE], location={"postal_code": "94401"},
                max_distance_km=10, age=30, limit=1).get_json()
    assert set(body) == {"results", "total_feasible", "relaxed"}
    assert body["total_feasible"] == 2
    [result] = body["results"]
    assert {"service", "service_at_location_id", "location", "distance_km", "score", "fit",
            "last_confirmed"} <= set(result)
    service = result["service"]
    assert service["organization"] == {"id": directory.id, "name": directory.name}
    assert service["contact"] == {"phone": "650-403-4300", "email": "info@example.org",
                                  "url": "https://example.org"}
    assert set(result["location"]) == {"id", "name", "address", "latitude", "longitude"}
    assert result["distance_km"] < 5 and set(result["fit"]) == {"met", "unknown", "relaxed"}


@pytest.mark.parametrize("body, field", [
    ({"needs": ["106"], "diagnosis": "private"}, "diagnosis"),
    ({"age": "thirty"}, "age"),
    ({"age": 131}, "age"),
    ({"limit": 0}, "limit"),
    ({"veteran": "yes"}, "veteran"),
    ({"languages": ["english!"]}, "languages"),
    ({"available": [{"day": "someday", "from": "09:00", "to": "10:00"}]}, "available"),
    ({"max_distance_km": 0}, "max_distance_km"),
    ({"location": {"postal_code": "94401", "address": "San Mateo"}}, "location"),
    ({"location": {"address": "Nowhere Town, Atlantis"}}, "location"),
    ({"needs": ["no-such-code"]}, "needs"),
    # Wrong JSON types are client bugs, not values to coerce.
    ({"age": "30"}, "age"),
    ({"max_distance_km": True}, "max_distance_km"),
    ({"interpreter_ok": 1}, "interpreter_ok"),
    ({"limit": True}, "limit"),
    ({"household_size": 2.5}, "household_size"),
    ({"location": {"latitude": "37.5", "longitude": -122.3}}, "location"),
])
def test_bad_requests_are_422_naming_the_field(client, directory, body, field):
    response = post(client, **body)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_a_non_object_body_is_422(client, directory):
    assert client.post("/match", json=[1, 2]).status_code == 422


def test_a_form_encoded_body_is_told_to_send_json(client, directory):
    # What `curl -d text=food` sends: refused before matching, with advice an API client can act on.
    response = client.post("/match", data={"text": "food"})
    assert response.status_code == 400
    body = response.get_json()
    assert body["code"] == "csrf_failed" and "Content-Type: application/json" in body["message"]


def test_matching_stores_nothing_about_the_client(app, client, directory, session):
    def rows():
        return {table.name: session.execute(select(func.count()).select_from(table)).scalar()
                for table in Base.metadata.sorted_tables}
    before = rows()
    post(client, needs=[COUNSELING_CODE], location={"postal_code": "94401"}, age=30,
         gender="female", annual_income=20000, household_size=3, veteran=False)
    session.rollback()
    assert rows() == before


def test_a_need_unknown_to_one_request_is_found_once_its_term_is_loaded(
        client, directory, session):
    term_id = stable_id("feed-term", "peer-counseling")
    assert post(client, needs=[term_id]).status_code == 422
    taxonomy.save_feed_term(session, {"id": term_id, "name": "Peer counseling"})
    session.commit()
    assert post(client, needs=[term_id]).status_code == 200


def test_needs_resolved_before_are_not_looked_up_again(app, client, directory):
    """The match path remembers the terms it found (ids are stable, terms never deleted)."""
    body = {"needs": [COUNSELING_CODE], "location": {"postal_code": "94401"}, "age": 30}
    with statements_run(app.extensions["sqlalchemy_engine"]) as statements:
        first = post(client, **body)
        assert len(lookups(statements)) == 1
        second = post(client, **body)
        assert len(lookups(statements)) == 1
        assert names(second.get_json()) == names(first.get_json())
        assert post(client, needs=[COUNSELING_CODE, "no-such-code"]).status_code == 422
        assert len(lookups(statements)) == 2   # an unknown need is asked about each time


def lookups(statements):
    return [statement for statement in statements if "taxonomy_term" in statement]


def test_an_index_this_version_cannot_read_answers_503_until_rebuilt(
        app, client, directory, session, runner):
    backend = search_backend(app)
    assert runner.invoke(args=["index", "rebuild"]).exit_code == 0
    rewrite_meta(live_columns(backend.path), format=9)   # two formats before this one
    app.extensions.pop("search_backend")    # a new process after the upgrade
    body = dict(needs=[COUNSELING_CODE], location={"postal_code": "94401"})
    response = post(client, **body)
    assert response.status_code == 503
    assert response.get_json()["code"] == "index_needs_rebuild"
    assert runner.invoke(args=["index", "rebuild", "--if-empty"]).exit_code == 0
    assert post(client, **body).status_code == 200


def test_flask_match_prints_a_ranked_table(runner, directory):
    result = runner.invoke(args=["match", "--need", COUNSELING_CODE, "--zip", "94401",
                                 "--distance", "10", "--age", "30", "--limit", "2"])
    assert result.exit_code == 0, result.output
    header, first, second, *rest = result.output.splitlines()
    assert header.split()[:4] == ["#", "score", "service", "organization"]
    assert first.startswith("1") and "Family Counseling" in first
    assert "Drop-in Counseling" in second
    assert "2 feasible services" in rest


def test_flask_match_reports_bad_options(runner, directory):
    result = runner.invoke(args=["match", "--text", "food", "--age", "200"])
    assert result.exit_code != 0 and "age" in result.output


def index_without_contacts(session, backend, service_ids):
    """Index the services' documents as a release before contact details did."""
    older = [{key: value for key, value in doc.items() if key != "contact"}
             for doc in documents_of(session, service_ids)]
    replace_services(backend, service_ids, older)


def test_documents_indexed_without_contact_details_show_the_stores(
        app, client, directory, session):
    """An index built by a release that kept no contact details in its documents still
    answers with them, read from the store, until a rebuild or a change reindexes them."""
    index_without_contacts(session, search_backend(app),
                           [service.id for service in directory.services])
    body = post(client, needs=[COUNSELING_CODE], location={"postal_code": "94401"},
                max_distance_km=10, age=30, limit=2).get_json()
    assert [r["service"]["contact"] for r in body["results"]] == [
        {"phone": "650-403-4300", "email": "info@example.org", "url": "https://example.org"}] * 2


def test_contact_prefers_the_sites_own_phone_and_the_services_own_email(app, client, session):
    org = make_organization(session)
    site = location_data(key="clinic", organization_id=org.id,
                         phones=[{"id": stable_id("clinic", "desk"), "number": "415-555-0100"}])
    make_service(session, organization_id=org.id, key="clinic", name="Clinic Counseling",
                 email="desk@clinic.example.org", location=site)
    make_service(session, organization_id=org.id, key="plain", name="Plain Counseling",
                 email=None)
    drain(session, search_backend(app))
    body = post(client, text="counseling", location={"postal_code": "94401"},
                limit=10).get_json()
    contacts = {r["service"]["name"]: r["service"]["contact"] for r in body["results"]}
    assert contacts["Clinic Counseling"]["phone"] == "415-555-0100"      # the location's
    assert contacts["Clinic Counseling"]["email"] == "desk@clinic.example.org"
    assert contacts["Plain Counseling"]["phone"] == "650-403-4300"       # the service's
    assert contacts["Plain Counseling"]["email"] == "info@example.org"   # the organization's


def test_a_place_with_several_phones_shows_the_first_listed_from_index_and_store(
        app, client, session):
    """The phone shown is the one the HSDS API lists first (lowest id), whether it comes from
    the indexed document or, for a document indexed without contact details, the store."""
    org = make_organization(session)
    phones = [{"id": stable_id("desk", str(i)), "number": f"415-555-010{i}"} for i in range(4)]
    site = location_data(key="desk", organization_id=org.id, phones=phones)
    service = make_service(session, organization_id=org.id, key="desk", location=site,
                           name="Desk Counseling")
    backend = search_backend(app)
    drain(session, backend)
    first = min(phones, key=lambda phone: phone["id"])["number"]

    def shown():
        body = post(client, text="counseling", location={"postal_code": "94401"}).get_json()
        return [r["service"]["contact"]["phone"] for r in body["results"]
                if r["service"]["name"] == "Desk Counseling"]
    assert shown() == [first]
    index_without_contacts(session, backend, [service.id])
    assert shown() == [first]
