"""The ingest fast paths give exactly what the plain computations give."""
import copy

from directory.store.ids import stable_id
from ingest.clean import text as clean
from ingest.sources.base import FeedRecord, feed_key, rewrite_ids


def test_feed_key_is_the_stable_id_of_source_table_and_id():
    for parts in (("demo", "service", "1"), ("a b", "location", "é/ü"), ("x", "phone", "")):
        assert feed_key(*parts) == stable_id("source", *parts)


def test_cached_cleaning_matches_uncached_cleaning_and_is_repeatable():
    values = ["  Café  <b>open</b> ", "N/A", "itâ€™s here", "two\n\nlines  here", "plain"]
    for value in values * 2:
        assert clean.clean_line(value) == clean._clean_line(value)
        assert clean.clean_text_detail(value) == clean._clean_text_detail(value)


def test_rewrite_ids_copies_the_record_and_leaves_the_feed_data_alone():
    data = {"id": "s1", "organization_id": "o1", "name": "Food",
            "phones": [{"id": "p1", "number": "555", "languages": [{"name": "en"}]}]}
    before = copy.deepcopy(data)
    record = FeedRecord("service", "s1", data, "services.csv", 2)
    rewritten = rewrite_ids(record, "demo").data
    assert data == before
    assert rewritten["id"] == feed_key("demo", "service", "s1")
    assert rewritten["organization_id"] == feed_key("demo", "organization", "o1")
    assert rewritten["phones"][0]["id"] == feed_key("demo", "phone", "p1")
    assert rewritten["phones"][0]["languages"][0]["id"] == \
        feed_key("demo", "language", "p1/languages/0")


def test_the_zip_table_gives_what_a_zipcodes_scan_gives():
    import zipcodes

    from ingest.clean import address

    address.zip_state.cache_clear()
    saved = dict(address._lookups)
    address._lookups.update(scans=address.SCANS_BEFORE_TABLE, table=None)
    try:
        for zip5 in ("94401", "02134", "10001", "96799", "00501", "99950", "00000", "12345"):
            found = zipcodes.matching(zip5)
            assert address.zip_state(zip5) == (found[0]["state"] if found else None)
    finally:
        address._lookups.update(saved)
        address.zip_state.cache_clear()


def test_shared_taxonomy_terms_keep_their_stable_ids():
    term = {"id": "t1", "code": "food", "taxonomy": "Open Eligibility"}
    record = FeedRecord("service", "s1", {"id": "s1", "attributes": [
        {"id": "a1", "taxonomy_term": term}]}, "services.csv", 2)
    rewritten = rewrite_ids(record, "demo").data["attributes"][0]
    assert rewritten["taxonomy_term"]["id"] == stable_id("open-eligibility", "food")
    assert rewritten["taxonomy_term"]["taxonomy_id"] == stable_id("taxonomy", "open-eligibility")
    assert rewritten["taxonomy_term_id"] == rewritten["taxonomy_term"]["id"]


class Subdict(dict):
    pass


def test_one_pass_rewrite_gives_what_copy_then_rewrite_gives():
    from ingest.sources import base

    data = {"id": "s1", "organization_id": "o1", "link_id": "x", "link_entity": "service",
            "parent_id": "p", "location_id": "", "program_id": None, "taxonomy_term_id": 5,
            "phones": [{"id": "p1", "languages": [{"name": "en"}, "junk", Subdict(id="d")]}, 3],
            "service_at_locations": [{"id": "sal", "location": {"id": "L1",
                                                                "addresses": [{"a": 1}]}}],
            "attributes": [{"id": "a", "taxonomy_term": {
                "id": "t", "code": "food", "taxonomy": "Open Eligibility",
                "taxonomy_detail": {"id": "x"}}},
                {"id": "b", "taxonomy_term": {"id": "t2", "code": "c", "taxonomy": "ours"}}],
            "service_areas": [{"postal_codes": ["1", "2"], "id": ""}],
            "capacities": Subdict(id="c1", unit={"id": "u"}), "extra": {"x": [{"id": "k"}]}}
    for record in (data, {"name": "no ids", "contacts": [{"phones": [{"number": "1"}]}]}):
        plain_input, fast_input = copy.deepcopy(record), copy.deepcopy(record)
        plain = base._copy_tree(plain_input)
        base._rewrite(plain, "service", "demo", fallback="")
        fast = base.rewrite_data("service", fast_input, "demo")
        assert fast == plain and list(fast) == list(plain)
        assert fast_input == plain_input  # the same (in-place) effects on subclassed parts


def test_terms_found_while_rewriting_are_the_terms_of_the_copy():
    from ingest.sources import base

    term = {"id": "t2", "code": "c", "taxonomy": "ours", "taxonomy_term": {"id": "inner"}}
    data = {"id": "s1", "attributes": [
                {"id": "a", "taxonomy_term": {"id": "t", "code": "food",
                                              "taxonomy": "Open Eligibility"}},
                {"id": "b", "taxonomy_term": term}, Subdict(id="s", taxonomy_term={"id": "u"})],
            "phones": [{"id": "p", "attributes": [{"id": "c", "taxonomy_term": {"id": "v"}}]}],
            "capacities": Subdict(id="c1", taxonomy_term={"id": "w"}),
            "extra": {"x": [{"taxonomy_term": {"id": "k"}}]}}
    for kind, record in (("service", data), ("service", Subdict(data))):
        found = []
        copy_ = base.rewrite_data(kind, copy.deepcopy(record), "demo", found)
        walked = base.taxonomy_terms(copy_)
        assert [id(term) for term in found] == [id(term) for term in walked]
        assert len(found) == 6  # a term's own insides are not searched
