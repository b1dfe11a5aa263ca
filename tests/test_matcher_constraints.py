"""Hard constraints, one table per criterion: verdict and the label a clinician reads."""
import pytest

from backend_contract import make_document
from matcher import constraints as person
from matcher import constraints_access as access
from matcher.constraints import EXCLUDED, MET, UNKNOWN, Client
from matcher.profile import ClientProfile, Cost

SAN_CARLOS = dict(latitude=37.4969, longitude=-122.2674, postal_code="94070",
                  county="San Mateo County, CA")
# A square around San Carlos with a hole cut out around Redwood City (lon, lat).
SQUARE = {"type": "Polygon", "coordinates": [
    [[-122.40, 37.40], [-122.10, 37.40], [-122.10, 37.60], [-122.40, 37.60], [-122.40, 37.40]],
    [[-122.25, 37.47], [-122.22, 37.47], [-122.22, 37.50], [-122.25, 37.50], [-122.25, 37.47]]]}
FAR_SQUARE = {"type": "MultiPolygon", "coordinates": [[
    [[-118.5, 34.0], [-118.2, 34.0], [-118.2, 34.2], [-118.5, 34.2], [-118.5, 34.0]]]]}


def verdict(check, doc_fields, poverty_year=2025, distance=None, **profile_fields):
    """Return (status, label) of one check for a document and a profile, or None."""
    client = Client.of(ClientProfile(**profile_fields), poverty_year)
    doc = make_document("d", **doc_fields)
    result = check(doc, client, distance) if check is access.check_distance \
        else check(doc, client)
    return None if result is None else (result.status, result.label)


CASES = [
    # criterion, document data, client profile, expected status, expected label (or None)
    (person.check_status, {"status": "inactive"}, {}, EXCLUDED, "listing is inactive"),
    (person.check_status, {}, {}, MET, "active listing"),
    (person.check_age, {"min_age": 18, "max_age": 64}, {"age": 34}, MET, "age 34 within 18–64"),
    (person.check_age, {"min_age": 18, "max_age": 64}, {"age": 65}, EXCLUDED, None),
    (person.check_age, {"min_age": 18}, {"age": 17}, EXCLUDED, None),
    (person.check_age, {}, {"age": 30}, UNKNOWN,
     "unknown: age range not stated — check with provider"),
    (person.check_gender, {"genders": ["female"]}, {"gender": "female"}, MET, "serves female"),
    (person.check_gender, {"genders": ["any"]}, {"gender": "male"}, MET, None),
    (person.check_gender, {"genders": ["female"]}, {"gender": "male"}, EXCLUDED, None),
    (person.check_gender, {"genders": None}, {"gender": "male"}, UNKNOWN, None),
    # 2025, household of 3: guideline $26,650; $47,970 is 180%.
    (person.check_income, {"income_limit_fpl": 200}, {"annual_income": 47970,
                                                      "household_size": 3},
     MET, "income 180% FPL ≤ 200% limit"),
    (person.check_income, {"income_limit_fpl": 150}, {"annual_income": 47970,
                                                      "household_size": 3}, EXCLUDED, None),
    # The same income for a household of 5 ($37,650) is 127%: within 150%.
    (person.check_income, {"income_limit_fpl": 150}, {"annual_income": 47970,
                                                      "household_size": 5}, MET, None),
    (person.check_income, {"income_any": True}, {"annual_income": 1e6, "household_size": 1},
     MET, "no income limit"),
    (person.check_income, {}, {"annual_income": 20000, "household_size": 1}, UNKNOWN, None),
    (person.check_veteran, {"veteran_status": "required"}, {"veteran": False}, EXCLUDED,
     "veterans only"),
    (person.check_veteran, {"veteran_status": "required"}, {"veteran": True}, MET, None),
    (person.check_veteran, {"veteran_status": None}, {"veteran": False}, UNKNOWN, None),
    (person.check_insurance, {"insurance": ["medicaid"]}, {"insurance": "medicaid"}, MET, None),
    (person.check_insurance, {"insurance": ["private"]}, {"insurance": "medicaid"}, EXCLUDED,
     None),
    (person.check_insurance, {"insurance": ["private"], "cost_free": True},
     {"insurance": "none"}, MET, "free — no insurance needed"),
    (person.check_language, {"languages": ["en", "es"]}, {"languages": ("es",)}, MET,
     "speaks Spanish (es)"),
    (person.check_language, {"languages": ["en"], "interpretation": True},
     {"languages": ("es",), "interpreter_ok": True}, MET, "Spanish (es) via interpreter"),
    (person.check_language, {"languages": ["en"], "interpretation": True},
     {"languages": ("es",)}, EXCLUDED, "does not speak Spanish (es)"),
    (person.check_language, {"languages": ["en"]}, {"languages": ("es",),
                                                    "interpreter_ok": True}, EXCLUDED, None),
    (person.check_language, {"languages": None}, {"languages": ("vi",)}, UNKNOWN,
     "unknown: languages not stated — check with provider"),
    (access.check_residency, {"residency_open": True}, SAN_CARLOS, MET, None),
    (access.check_residency, {"service_areas": [{"postal_codes": ["94070", "94002"]}]},
     SAN_CARLOS, MET, "lives in the service area"),
    (access.check_residency, {"service_areas": [{"postal_codes": ["94301"]}]}, SAN_CARLOS,
     EXCLUDED, "lives outside the service area"),
    (access.check_residency, {"service_areas": [{"counties": ["san mateo county, ca"]}]},
     SAN_CARLOS, MET, None),
    (access.check_residency, {"service_areas": [{"counties": ["Santa Clara County, CA"]}]},
     SAN_CARLOS, EXCLUDED, None),
    (access.check_residency, {"service_areas": [{"geometries": [SQUARE]}]}, SAN_CARLOS, MET,
     None),
    (access.check_residency, {"service_areas": [{"geometries": [SQUARE]}]},
     {"latitude": 37.485, "longitude": -122.236}, EXCLUDED, None),       # in the hole
    (access.check_residency, {"service_areas": [{"geometries": [FAR_SQUARE]},
                                                {"postal_codes": ["94070"]}]}, SAN_CARLOS, MET,
     None),
    # Only a ZIP list, and the client gave only coordinates: cannot tell.
    (access.check_residency, {"service_areas": [{"postal_codes": ["94070"]}]},
     {"latitude": 37.5, "longitude": -122.26}, UNKNOWN, None),
    (access.check_residency, {"service_areas": None}, SAN_CARLOS, UNKNOWN, None),
    (access.check_accessibility, {"accessibility": ["wheelchair", "elevator"]},
     {"accessibility": ("wheelchair",)}, MET, "has wheelchair"),
    (access.check_accessibility, {"accessibility": ["elevator"]},
     {"accessibility": ("wheelchair",)}, EXCLUDED, "lacks wheelchair"),
    (access.check_accessibility, {"accessibility": None}, {"accessibility": ("asl",)},
     UNKNOWN, None),
    (access.check_accessibility, {"accessibility": [], "modalities": ["in_person", "phone"]},
     {"accessibility": ("wheelchair",)}, MET, "attended by phone"),
    (access.check_cost, {"cost_free": True}, {"cost": Cost(free_only=True)}, MET, "free"),
    (access.check_cost, {"cost_free": False, "cost_sliding": True},
     {"cost": Cost(free_only=True)}, MET, "sliding-scale fee"),
    (access.check_cost, {"cost_free": False, "cost_sliding": True},
     {"cost": Cost(free_only=True, sliding_scale_ok=False)}, EXCLUDED, "not free"),
    (access.check_cost, {"cost_free": None}, {"cost": Cost(free_only=True)}, UNKNOWN, None),
    (access.check_cost, {"cost_free": False, "cost_min_amount": 20.0},
     {"cost": Cost(max_amount=50)}, MET, "fee from $20 ≤ $50"),
    (access.check_cost, {"cost_free": False, "cost_min_amount": 80.0},
     {"cost": Cost(max_amount=50)}, EXCLUDED, None),
    (access.check_cost, {"cost_free": False}, {}, None, None),            # no limit stated
    (access.check_availability, {"hours": [{"day": 5, "opens": 540, "closes": 780}]},
     {"windows": (("sat", "10:00", "14:00"),)}, MET, "open during sat 10:00–14:00"),
    (access.check_availability, {"hours": [{"day": 0, "opens": 540, "closes": 1020}]},
     {"windows": (("sat", "10:00", "14:00"),)}, EXCLUDED, None),
    (access.check_availability, {"hours": None}, {"windows": (("sat", "10:00", "14:00"),)},
     UNKNOWN, None),
    (access.check_modality, {"modalities": ["virtual"]},
     {"modalities": frozenset({"in_person"})}, EXCLUDED, "only offered virtual"),
    (access.check_modality, {"modalities": None}, {"modalities": frozenset({"in_person"})},
     MET, "offered in person"),                                           # has coordinates
    (access.check_modality, {"modalities": None, "latitude": None, "longitude": None},
     {"modalities": frozenset({"virtual"})}, UNKNOWN, None),
]


@pytest.mark.parametrize("check, doc, profile, status, label", CASES,
                         ids=[f"{c[0].__name__}-{i}" for i, c in enumerate(CASES)])
def test_criterion(check, doc, profile, status, label):
    result = verdict(check, doc, **profile)
    if status is None:
        assert result is None
        return
    assert result[0] == status
    if label:
        assert result[1] == label


@pytest.mark.parametrize("doc, profile, distance, status", [
    ({}, SAN_CARLOS, 3.0, MET),
    ({}, SAN_CARLOS, 30.0, EXCLUDED),
    ({"modalities": ["in_person", "virtual"]}, SAN_CARLOS, 300.0, MET),
    ({"modalities": ["in_person", "virtual"]},
     dict(SAN_CARLOS, modalities=frozenset({"in_person"})), 300.0, EXCLUDED),
    ({"latitude": None, "longitude": None, "modalities": ["phone"]}, SAN_CARLOS, None, MET),
    ({"latitude": None, "longitude": None}, SAN_CARLOS, None, UNKNOWN),
    ({}, {}, None, None),                                   # client gave no place
])
def test_distance(doc, profile, distance, status):
    result = verdict(access.check_distance, doc, distance=distance, **profile)
    assert (result and result[0]) == status


def test_client_data_not_given_is_not_evaluated():
    doc = {"min_age": 18, "genders": ["female"], "income_limit_fpl": 100, "languages": ["en"]}
    for check in (person.check_age, person.check_gender, person.check_income,
                  person.check_language, person.check_veteran, person.check_insurance,
                  access.check_accessibility, access.check_availability, access.check_cost):
        assert verdict(check, doc) is None


def test_alaska_guidelines_apply_to_alaskan_households():
    doc = {"income_limit_fpl": 100}
    # $17,000 for one person: above the 2025 contiguous guideline, below Alaska's $19,550.
    assert verdict(person.check_income, doc, annual_income=17000, household_size=1)[0] == EXCLUDED
    assert verdict(person.check_income, doc, annual_income=17000, household_size=1,
                   state="AK")[0] == MET
