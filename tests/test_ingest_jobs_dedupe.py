"""Duplicates (merged within a feed, linked across sources) and geocoding of bare sites."""
from sqlalchemy import func, select

from directory.store.models import Location, Service
from ingest.jobs import JobOptions, report_lines, run_feed
from ingest.models import DuplicateLink
from ingest.sources import feed_key
from ingest_feeds import ListFeed, org, service


def ingest(session, items, name="partner"):
    return run_feed(session, ListFeed(items, name=name), JobOptions(batch_size=2))


def test_the_same_service_twice_in_one_feed_is_merged_into_one(session):
    twice = [org(), service("svc-1"), service("svc-1-copy", name="FAMILY  counseling", line=3)]
    run = ingest(session, twice)
    assert (run.created, run.merged) == (2, 1)
    assert session.scalar(select(func.count()).select_from(Service)) == 1
    link = session.scalars(select(DuplicateLink)).one()
    assert (link.kind, link.duplicate_of) == ("service", feed_key("partner", "service", "svc-1"))
    assert any("merged: same service" in line for line in report_lines(session, run))
    again = ingest(session, twice)
    assert (again.created, again.updated, again.merged, again.unchanged) == (0, 0, 1, 2)


def test_the_same_listing_from_two_sources_is_linked_not_merged(session):
    ingest(session, [org(), service()], name="county-211")
    spelled_differently = org("A-17", name="The Peninsula Family Services, Inc.",
                              street="24 2nd Avenue", phone="(650) 403-4300")
    run = ingest(session, [spelled_differently, service("S-9", org_ext="A-17")], name="partner")
    assert run.created == 2
    links = {(link.kind, link.record_id, link.duplicate_of)
             for link in session.scalars(select(DuplicateLink))}
    assert links == {
        ("organization", feed_key("partner", "organization", "A-17"),
         feed_key("county-211", "organization", "org-1")),
        ("service", feed_key("partner", "service", "S-9"),
         feed_key("county-211", "service", "svc-1"))}
    assert session.scalar(select(func.count()).select_from(Service)) == 2


def test_different_services_of_one_organisation_are_not_duplicates(session):
    run = ingest(session, [org(), service(), service("svc-2", name="Food Pantry", line=3)])
    assert (run.created, run.merged) == (3, 0)
    assert session.scalar(select(func.count()).select_from(DuplicateLink)) == 0


def test_only_sites_without_coordinates_are_geocoded(session):
    run = ingest(session, [org(coordinates=False), org("org-2", name="Other", street="1 Main St",
                                                       phone="650-555-0100")])
    assert run.geocoded == 1
    bare = session.get(Location, feed_key("partner", "location", "org-1-loc"))
    assert round(bare.latitude, 1) == 37.6 and round(bare.longitude, 1) == -122.3
    kept = session.get(Location, feed_key("partner", "location", "org-2-loc"))
    assert (kept.latitude, kept.longitude) == (37.5630, -122.3255)
    assert ingest(session, [org(coordinates=False)]).geocoded == 0
