"""The projection: what a saved service looks like to the search index."""
import json

from directory.search.sync import documents_of
from directory.store.ids import stable_id
from directory.store.writes import save_service
from factories import (
    ACTOR, COUNSELING, ensure_terms, location_data, make_organization, service_data, term,
)


def save(session, data):
    ensure_terms(session)
    record = save_service(session, data, actor=ACTOR).record
    session.commit()
    return record


def bare_service(organization_id, key="bare", **overrides):
    """A service that states almost nothing: name, status, one site without details."""
    site = {"accessibility": [], "languages": [], "addresses": []}
    site.update(overrides.pop("location", {}))
    location = location_data(key=key, organization_id=organization_id, **site)
    data = service_data(organization_id, key=key, location=location, schedules=[], languages=[],
                        cost_options=[], service_areas=[], attributes=[], phones=[],
                        contacts=[], required_documents=[], minimum_age=None, maximum_age=None)
    data["service_at_locations"][0]["schedules"] = []
    data.update(overrides)
    return data


def test_factory_service_projects_every_stated_fact(session):
    org = make_organization(session)
    service = save(session, service_data(org.id))
    [doc] = documents_of(session, [service.id])
    site = service.service_at_locations[0]
    assert doc["id"] == site.id and doc["service_at_location_id"] == site.id
    assert (doc["service_id"], doc["organization_id"]) == (service.id, org.id)
    assert doc["organization_name"] == "Peninsula Family Services"
    assert doc["status"] == "active"
    assert COUNSELING in doc["taxonomy_term_ids"]
    # Ancestors come along so a search for the parent category finds the service.
    assert doc["taxonomy_codes"] == ["106", "106-06", "106-06-07", "106-06-07-01"]
    assert stable_id("open-eligibility", "106") in doc["taxonomy_term_ids"]
    assert "Family Counseling" in doc["text"] and "Counseling" in doc["text"]
    assert (doc["min_age"], doc["max_age"]) == (12, 64)
    assert doc["genders"] == ["any"] and doc["income_limit_fpl"] == 200
    assert doc["modalities"] == ["in_person"]
    assert doc["languages"] == ["en", "es"] and doc["accessibility"] == ["wheelchair"]
    assert (doc["cost_free"], doc["cost_sliding"], doc["cost_min_amount"]) == (False, True, 20)
    assert doc["service_areas"] == [{"postal_codes": ["94401", "94402", "94403"],
                                     "counties": ["San Mateo County, CA"], "geometries": []}]
    assert doc["address"]["postal_code"] == "94401"
    assert (doc["latitude"], doc["longitude"]) == (37.5630, -122.3255)
    assert doc["timezone"] == "America/Los_Angeles"
    # The site's own Saturday hours replace the service-wide weekday hours.
    assert doc["hours"] == [{"day": 5, "opens": 600, "closes": 840}]
    assert doc["last_modified"].startswith(service.last_modified.date().isoformat())


def test_facts_a_service_does_not_state_are_unknown(session):
    org = make_organization(session)
    service = save(session, bare_service(org.id))
    [doc] = documents_of(session, [service.id])
    for field in ("min_age", "max_age", "genders", "income_limit_fpl", "veteran_status",
                  "insurance", "service_areas", "languages", "accessibility", "cost_free",
                  "cost_sliding", "cost_min_amount", "hours", "modalities", "timezone",
                  "wait_time_days", "capacity_available", "assured_date", "address"):
        assert doc[field] is None, field
    assert doc["income_any"] is False and doc["residency_open"] is False
    assert doc["preferences"] == [] and doc["taxonomy_term_ids"] == []


def test_stated_eligibility_preferences_and_free_cost(session):
    org = make_organization(session)
    data = bare_service(org.id, key="stated", cost_options=[
        {"id": stable_id("free"), "option": "Free for residents", "amount": None}])
    data["attributes"] = [
        {"id": stable_id("a", code, value), "taxonomy_term_id": term(code), "value": value}
        for code, value in [("gender", "female"), ("income_limit_fpl", "any"),
                            ("veteran_status", "required"), ("insurance_accepted", "medicaid"),
                            ("residency_required", "no"), ("preference", "peer_led")]]
    service = save(session, data)
    [doc] = documents_of(session, [service.id])
    assert doc["genders"] == ["female"] and doc["veteran_status"] == "required"
    assert doc["income_any"] is True and doc["income_limit_fpl"] is None
    assert doc["insurance"] == ["medicaid"] and doc["residency_open"] is True
    assert doc["preferences"] == ["peer_led"]
    assert (doc["cost_free"], doc["cost_sliding"], doc["cost_min_amount"]) == (True, False, 0)


def test_each_site_gets_its_own_catchment(session):
    org = make_organization(session)
    north = location_data(key="north", organization_id=org.id)
    south = location_data(key="south", organization_id=org.id, latitude=37.44, longitude=-122.14)
    data = service_data(org.id, key="two-sites", location=north)
    south_site = stable_id("two-sites", "south-site")
    data["service_at_locations"].append({"id": south_site, "location": south, "service_areas": [
        {"id": stable_id("south-area"), "name": "Palo Alto", "postal_codes": ["94301"]}]})
    service = save(session, data)
    docs = {doc["id"]: doc for doc in documents_of(session, [service.id])}
    assert len(docs) == 2
    assert docs[south_site]["service_areas"][0]["postal_codes"] == ["94301"]
    north_doc = next(doc for key, doc in docs.items() if key != south_site)
    assert north_doc["service_areas"][0]["postal_codes"] == ["94401", "94402", "94403"]
    # The site without schedules of its own falls back to the service-wide weekday hours.
    assert [period["day"] for period in docs[south_site]["hours"]] == [0, 1, 2, 3, 4]


def test_time_zone_comes_from_the_site_zip_when_schedules_do_not_say(session):
    org = make_organization(session)
    address = {"id": stable_id("ny-address"), "address_1": "1 Broadway", "city": "New York",
               "state_province": "NY", "postal_code": "10004", "country": "US",
               "address_type": "physical"}
    data = bare_service(org.id, key="ny", location={"addresses": [address]}, schedules=[
        {"id": stable_id("ny-hours"), "freq": "WEEKLY", "byday": "MO,WE",
         "opens_at": "22:00", "closes_at": "06:00"}])
    service = save(session, data)
    [doc] = documents_of(session, [service.id])
    assert doc["timezone"] == "America/New_York"
    assert doc["hours"] == [{"day": 0, "opens": 1320, "closes": 360},
                            {"day": 2, "opens": 1320, "closes": 360}]


def test_service_without_sites_is_one_document_keyed_by_service(session):
    org = make_organization(session)
    data = bare_service(org.id, key="phone-line", service_at_locations=[])
    data["attributes"] = [{"id": stable_id("virtual"), "taxonomy_term_id": term("modality"),
                           "value": "phone"}]
    service = save(session, data)
    [doc] = documents_of(session, [service.id])
    assert doc["id"] == service.id and doc["service_at_location_id"] is None
    assert doc["latitude"] is None and doc["location_id"] is None
    assert doc["modalities"] == ["phone"]


def test_geojson_areas_are_parsed_and_broken_extents_ignored(session):
    org = make_organization(session)
    square = {"type": "Polygon", "coordinates": [[[-122.4, 37.4], [-122.2, 37.4],
                                                  [-122.2, 37.6], [-122.4, 37.4]]]}
    data = bare_service(org.id, key="areas", service_areas=[
        {"id": stable_id("good"), "extent": json.dumps(square), "extent_type": "geojson"},
        {"id": stable_id("bad"), "extent": "{not json", "extent_type": "geojson"}])
    service = save(session, data)
    [doc] = documents_of(session, [service.id])
    geometries = sorted(len(area["geometries"]) for area in doc["service_areas"])
    assert geometries == [0, 1]
    assert square in [g for area in doc["service_areas"] for g in area["geometries"]]


def test_inactive_and_missing_services_have_no_documents(session):
    org = make_organization(session)
    service = save(session, service_data(org.id, status="inactive"))
    assert documents_of(session, [service.id, stable_id("no-such-service")]) == []


def test_plain_row_loading_projects_what_the_orm_graph_projects(session):
    """The projection reads plain rows; the ORM graph it replaced is the reference."""
    from sqlalchemy import select
    from sqlalchemy.orm import joinedload, selectinload

    from directory.search.projection import TermTree, project
    from directory.store.models import Location, Organization, Service, ServiceAtLocation

    org = make_organization(session, attributes=[
        {"id": stable_id("org-pref"), "taxonomy_term_id": term("preference"),
         "value": "faith_based"}])
    north = location_data(key="north", organization_id=org.id, attributes=[
        {"id": stable_id("north-insurance"), "taxonomy_term_id": term("insurance_accepted"),
         "value": "medicaid"}], schedules=[
        {"id": stable_id("north-building"), "freq": "WEEKLY", "byday": "SU",
         "opens_at": "08:00", "closes_at": "12:00"}])
    north["addresses"].append({
        "id": stable_id("north", "mail"), "address_1": "PO Box 9", "city": "San Mateo",
        "state_province": "CA", "postal_code": "94402", "country": "US",
        "address_type": "postal"})
    south = location_data(key="south", organization_id=org.id, latitude=37.44,
                          longitude=-122.14, languages=[], accessibility=[])
    data = service_data(org.id, key="rich", location=north)
    data["service_at_locations"].append({
        "id": stable_id("rich", "south"), "location": south,
        "attributes": [{"id": stable_id("south-age"), "taxonomy_term_id": term("veteran_status"),
                        "value": "required"}],
        "service_areas": [{"id": stable_id("south-area"), "name": "Palo Alto",
                           "postal_codes": ["94301"], "counties": ["Santa Clara County, CA"]}]})
    services = [save(session, data), save(session, bare_service(org.id, key="siteless")),
                save(session, service_data(org.id, key="shares-north", location=north))]
    bare = save(session, bare_service(org.id, key="no-sites"))
    bare.service_at_locations.clear()
    session.commit()
    ids = [service.id for service in [*services, bare]]

    graph = (
        joinedload(Service.organization).selectinload(Organization.attributes),
        selectinload(Service.attributes), selectinload(Service.schedules),
        selectinload(Service.languages), selectinload(Service.cost_options),
        selectinload(Service.service_areas), selectinload(Service.capacities),
        selectinload(Service.service_at_locations).options(
            selectinload(ServiceAtLocation.schedules),
            selectinload(ServiceAtLocation.service_areas),
            selectinload(ServiceAtLocation.attributes),
            joinedload(ServiceAtLocation.location).options(
                selectinload(Location.addresses), selectinload(Location.languages),
                selectinload(Location.accessibility), selectinload(Location.schedules),
                selectinload(Location.attributes))))
    session.expire_all()
    loaded = session.scalars(select(Service).where(Service.id.in_(ids)).options(*graph))
    terms = TermTree(session)
    expected = sorted((doc for service in loaded.unique() for doc in project(service, terms)),
                      key=lambda doc: doc["id"])
    found = sorted(documents_of(session, ids), key=lambda doc: doc["id"])
    assert len(found) == 5 and found == expected
    by_id = {doc["id"]: doc for doc in found}
    south_doc = by_id[stable_id("rich", "south")]
    assert south_doc["veteran_status"] == "required" and south_doc["languages"] == ["en", "es"]
    assert south_doc["service_areas"][0]["postal_codes"] == ["94301"]
    assert all("faith_based" in doc["preferences"] for doc in found)
    assert [doc["insurance"] for doc in found if doc["location_id"] == north["id"]] \
        == [["medicaid"], ["medicaid"]]


def test_contact_is_the_nearest_phone_and_the_service_or_organization_address(session):
    """What a referral hands the client: the site's own phone before its location's and the
    service's, and the organization's email and website when the service has none."""
    org = make_organization(session)
    north = location_data(key="north", organization_id=org.id, phones=[
        {"id": stable_id("north", "desk"), "number": "650-555-0110"}])
    south = location_data(key="south", organization_id=org.id, latitude=37.44,
                          longitude=-122.14)
    data = service_data(org.id, key="reach", location=north, email=None, url=None)
    data["service_at_locations"][0]["phones"] = [
        {"id": stable_id("reach", "north", "line"), "number": "650-555-0120"}]
    data["service_at_locations"].append({"id": stable_id("reach", "south"), "location": south})
    service = save(session, data)
    located = save(session, service_data(org.id, key="located", location=north,
                                         email="help@located.example.org"))
    docs = {doc["location_id"]: doc["contact"] for doc in documents_of(session, [service.id])}
    assert docs[north["id"]] == {"phone": "650-555-0120", "email": "info@example.org",
                                 "url": "https://example.org"}
    assert docs[south["id"]]["phone"] == data["phones"][0]["number"]   # no site or location phone
    [doc] = documents_of(session, [located.id])
    assert doc["contact"]["phone"] == "650-555-0110"                   # the location's
    assert doc["contact"]["email"] == "help@located.example.org"
