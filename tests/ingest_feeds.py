"""A tiny in-memory feed in the shape every real source yields (FeedRecord / Reject).

Used by the ingest job tests to state a feed's records exactly; real fixture feeds are
exercised through `flask ingest` in test_ingest_cli.py.
"""
from ingest.sources import FeedRecord, FeedRefused, Reject, Source


def org(ext="org-1", name="Peninsula Family Services", street="24 Second Ave", zip_code="94401",
        phone="650-403-4300", coordinates=True):
    """Return a feed organization with one site, using the feed's own ids."""
    location = {"id": f"{ext}-loc", "location_type": "physical", "name": f"{name} office",
                "addresses": [{"id": f"{ext}-addr", "address_1": street, "city": "San Mateo",
                               "state_province": "CA", "postal_code": zip_code,
                               "country": "US", "address_type": "physical"}]}
    if coordinates:
        location.update(latitude=37.5630, longitude=-122.3255)
    return FeedRecord("organization", ext, {
        "id": ext, "name": name, "description": f"{name} helps families.",
        "phones": [{"id": f"{ext}-ph", "number": phone}], "locations": [location]},
        "organizations.csv", 2)


def service(ext="svc-1", org_ext="org-1", name="Family Counseling", line=2, **extra):
    """Return a feed service offered at its organization's site."""
    data = {"id": ext, "organization_id": org_ext, "name": name, "status": "active",
            "description": f"{name} for everyone.",
            "service_at_locations": [{"id": f"{ext}-sal", "location_id": f"{org_ext}-loc"}]}
    data.update(extra)
    return FeedRecord("service", ext, data, "services.csv", line)


class ListFeed(Source):
    """A feed whose items are given as a list; `refuse` makes check() refuse it."""

    format = "test-list"

    def __init__(self, items, *, name="partner", full=True, refuse=None):
        super().__init__(f"memory://{name}", name=name)
        self.items, self.full, self.refuse = items, full, refuse

    def check(self):
        if self.refuse:
            raise FeedRefused(self.refuse)

    def records(self):
        yield from self.items


def bad_row(line=9, reason="missing required service name"):
    """Return the Reject a source yields for a row it could not read."""
    return Reject("services.csv", line, reason, "svc-bad")
