"""A small directory for API tests: two organizations, three services at three sites."""
from dataclasses import dataclass

from directory.store.ids import stable_id
from factories import (
    FOOD_PANTRY, location_data, make_organization, make_service,
)

SAN_FRANCISCO = {"latitude": 37.7509, "longitude": -122.4153}  # ZIP 94110 centroid
DALY_CITY = {"latitude": 37.6879, "longitude": -122.4702}  # ~8 km from 94110


@dataclass
class Directory:
    family: object
    harbor: object
    counseling: object
    pantry: object
    meals: object


def category(key, term_id):
    """Return an attribute tagging a service with an Open Eligibility term."""
    return {"id": stable_id(key, "category"), "taxonomy_term_id": term_id}


def build(session):
    """Create the directory and return its records."""
    family = make_organization(session, key="family")
    harbor = make_organization(session, key="harbor", name="Harbor Food Bank",
                               description="Groceries for San Francisco.")
    counseling = make_service(session, organization_id=family.id, key="counseling")
    pantry = make_service(
        session, organization_id=family.id, key="pantry", name="Weekend Food Pantry",
        description="Groceries on Saturdays.", status="inactive", service_areas=[],
        attributes=[category("pantry", FOOD_PANTRY)],
        location=location_data(key="daly", organization_id=family.id, **DALY_CITY),
    )
    meals = make_service(
        session, organization_id=harbor.id, key="meals", name="Hot Meals",
        description="Free meals every day.", service_areas=[],
        attributes=[category("meals", FOOD_PANTRY)],
        location=location_data(key="mission", organization_id=harbor.id, **SAN_FRANCISCO),
    )
    return Directory(family, harbor, counseling, pantry, meals)
