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
