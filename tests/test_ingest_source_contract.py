"""rewrite_ids: the one function that turns a feed's ids into stable per-source UUIDs."""
import pytest

from directory.store.ids import is_uuid, stable_id
from ingest.sources import FeedRecord, rewrite_ids, taxonomy_terms

SERVICE = {
    "id": "svc-1", "organization_id": "org-1", "name": "Counseling",
    "phones": [{"number": "650-555-0100"}, {"id": "ph-9", "number": "650-555-0101"}],
    "service_at_locations": [{"id": "sal-1", "location_id": "loc-1"}],
    "attributes": [
        {"id": "a1", "taxonomy_term": {"id": "t1", "code": "102-04",
                                       "taxonomy": "Open Eligibility"}},
        {"id": "a2", "value": "female", "taxonomy_term": {"code": "gender",
                                                          "taxonomy": "profile"}},
        {"id": "a3", "taxonomy_term": {"id": "BD-1800", "code": "BD-1800", "name": "Food",
                                       "taxonomy": "AIRS/211 Taxonomy", "parent_id": "BD"}}],
}


def rewritten(source="partner"):
    return rewrite_ids(FeedRecord("service", "svc-1", SERVICE, "services.csv", 2), source).data


@pytest.mark.parametrize("path, expected", [
    (("id",), stable_id("source", "partner", "service", "svc-1")),
    (("organization_id",), stable_id("source", "partner", "organization", "org-1")),
    (("phones", 1, "id"), stable_id("source", "partner", "phone", "ph-9")),
    (("phones", 0, "id"), stable_id("source", "partner", "phone", "svc-1/phones/0")),
    (("service_at_locations", 0, "location_id"), stable_id("source", "partner", "location",
                                                            "loc-1")),
    (("attributes", 0, "taxonomy_term_id"), stable_id("open-eligibility", "102-04")),
    (("attributes", 1, "taxonomy_term_id"), stable_id("profile", "gender")),
    (("attributes", 2, "taxonomy_term_id"), stable_id("source", "partner", "taxonomy_term",
                                                      "BD-1800")),
    (("attributes", 2, "taxonomy_term", "parent_id"), stable_id("source", "partner",
                                                                "taxonomy_term", "BD")),
])
def test_every_id_becomes_a_stable_uuid(path, expected):
    value = rewritten()
    for key in path:
        value = value[key]
    assert value == expected and is_uuid(value)


def test_rewrite_is_deterministic_per_source_and_leaves_the_input_alone():
    assert rewritten() == rewritten()
    assert rewritten("partner")["id"] != rewritten("county-211")["id"]
    assert SERVICE["id"] == "svc-1" and "id" not in SERVICE["phones"][0]


def test_taxonomy_terms_lists_the_terms_a_job_must_make_sure_exist():
    codes = [term["code"] for term in taxonomy_terms(rewritten())]
    assert codes == ["102-04", "gender", "BD-1800"]
