"""Every format's records, with stable ids, are accepted by the store, and saving again
changes nothing: the contract the ingest jobs build on."""
from pathlib import Path

import pytest

from directory.errors import InvalidInput
from directory.store.ids import stable_id
from directory.store.models import Service, Taxonomy, TaxonomyTerm
from directory.store.writes import save_organization, save_service
from ingest.sources import FeedRecord, open_feed, rewrite_ids, taxonomy_terms
from tests.factories import ensure_terms

FEEDS = Path(__file__).parent / "fixtures" / "feeds"
OHANA = Path(__file__).parents[2] / "shared" / "datasets" / "ohana-san-mateo" / "sample-csv"
LOCATIONS = [FEEDS / "hsds3", FEEDS / "legacy", FEEDS / "ohana", FEEDS / "211" / "resources.csv"]
if OHANA.is_dir():
    LOCATIONS.append(OHANA)


def ensure_feed_terms(session, data):
    """Create the feed's own taxonomy terms (shared ones are loaded by ensure_terms)."""
    for term in taxonomy_terms(data):
        if session.get(TaxonomyTerm, term["id"]) is None:
            taxonomy_id = term.get("taxonomy_id")
            if taxonomy_id and session.get(Taxonomy, taxonomy_id) is None:
                session.add(Taxonomy(id=taxonomy_id, name=term.get("taxonomy") or "feed",
                                     description="from the feed"))
            session.add(TaxonomyTerm(id=term["id"], code=term.get("code"), name=term["name"],
                                     description="from the feed", taxonomy_id=taxonomy_id))
    session.flush()


def save_feed(session, location):
    """Save every record of a feed; return (created, changed) counts."""
    created = changed = 0
    for item in open_feed(location).records():
        if not isinstance(item, FeedRecord):
            continue
        record = rewrite_ids(item, "partner")
        ensure_feed_terms(session, record.data)
        save = save_organization if record.kind == "organization" else save_service
        try:
            result = save(session, record.data, actor="ingest-test")
        except InvalidInput as error:  # name the record and fields, not just "invalid"
            raise AssertionError(f"{record.kind} {record.external_id}: {error.errors}") from error
        created += result.created
        changed += result.changed and not result.created
    session.commit()
    return created, changed


@pytest.mark.parametrize("location", LOCATIONS, ids=lambda path: path.parent.name + "/" + path.name)
def test_records_save_into_the_store_and_a_second_save_changes_nothing(session, location):
    ensure_terms(session)
    created, _ = save_feed(session, location)
    assert created > 0
    assert save_feed(session, location) == (0, 0)


def test_saved_ids_are_stable_per_source_and_feed_id(session):
    ensure_terms(session)
    save_feed(session, FEEDS / "hsds3")
    service = session.get(Service, stable_id("source", "partner", "service", "svc-2"))
    assert service.name == "Hot Meals"
    assert service.organization_id == stable_id("source", "partner", "organization", "org-3")
    food = [a for a in service.attributes if a.taxonomy_term.code == "102-04"]
    assert food[0].taxonomy_term_id == stable_id("open-eligibility", "102-04")
