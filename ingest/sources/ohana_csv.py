"""Ohana API CSV import format (organizations, locations, services with prose columns).

Each Ohana service sits at exactly one location (services.location_id) and has no
organization_id: both come from that location. Languages, fees, eligibility, service
areas and Open Eligibility codes are text columns, parsed here through ingest.clean.
"""
from itertools import chain

from . import mapping
from .tables import Row
from .mapping.rows import renamed, weekly
from .tabular import TableFeed

FILES = {
    "organization": "organizations.csv", "location": "locations.csv",
    "service": "services.csv", "address": "addresses.csv", "phone": "phones.csv",
    "contact": "contacts.csv", "schedule": "regular_schedules.csv", "program": "programs.csv",
    "taxonomy_term": "taxonomy.csv",
}
POSTAL = "mail_addresses.csv"
RENAMES = {"phone": {"number_type": "type", "department": "description"},
           "taxonomy_term": {"taxonomy_id": "code"}, "service": {"fees": "fees_description"},
           "location": {"languages": "languages_text", "accessibility": "accessibility_text"}}


def _items(value):
    """Split an Ohana comma list ("City, County, Donations")."""
    return [item.strip() for item in (value or "").split(",") if item.strip()]


class OhanaCsvFeed(TableFeed):
    """Read an Ohana API CSV export (see ../shared/datasets/ohana-san-mateo/SOURCE.md)."""

    format = "ohana-csv"
    FILES = FILES
    EXTRA_FILES = (POSTAL,)
    REQUIRED = {"organization": ("id", "name"), "location": ("id", "organization_id", "name"),
                "service": ("id", "location_id", "name")}

    def table_rows(self, table):
        """Yield 3.0-shaped rows, adding postal addresses and one site per service."""
        if table == "service_at_location":
            return ((f, n, Row(["id", "service_id", "location_id"],
                               [f"{r.get('id')}@{r.get('location_id')}", r.get("id"),
                                r.get("location_id")]))
                    for f, n, r in super().table_rows("service") if r.text("location_id"))
        rows = super().table_rows(table)
        if table == "address" and self.package.has(POSTAL):
            rows = chain(rows, ((POSTAL, line, renamed(row, {}, address_type="postal",
                                                     id=f"mail-{row.get('id')}"))
                                for line, row in self.package.rows(POSTAL)))
        return rows

    def prepare(self, table, row):
        """Rename Ohana columns; give a service its location's organization."""
        extra = {}
        if table == "schedule":
            extra = weekly(row)
        elif table == "service":
            extra = {"organization_id": self._owners().get(row.text("location_id"), "")}
        elif table == "taxonomy_term":
            extra = {"id": row.get("taxonomy_id"), "taxonomy": "Open Eligibility"}
        elif table == "location" and (row.text("virtual") or "").lower() == "true":
            extra = {"location_type": "virtual"}
        return renamed(row, RENAMES.get(table, {}), **extra)

    def _owners(self):
        """Return {location id: organization id}, read once (two short strings a location)."""
        if not hasattr(self, "_location_owners"):
            self._location_owners = {row.text("id"): row.text("organization_id")
                                     for _, row in self.package.rows(FILES["location"])
                                     if isinstance(row, Row)}
        return self._location_owners

    def validate(self, table, data, notes):
        """Name the missing location when a service's organization cannot be found."""
        if table == "service" and not data.get("organization_id"):
            sites = data.get("service_at_locations") or [{}]
            raise mapping.RowError(f"location {sites[0].get('location_id')} is not in this feed")
        super().validate(table, data, notes)

    def enrich_child(self, table, row, data, notes):
        """Parse a location's language and accessibility lists; use short_desc as fallback."""
        if table != "location":
            return
        owner = f"location:{data['id']}"  # child ids must not collide with a service's
        data["languages"] += mapping.languages(row.get("languages_text"), notes, owner)
        data["accessibility"] += mapping.accessibility(row.get("accessibility_text"), notes,
                                                       owner)
        if not data.get("description") and row.text("short_desc"):
            data["description"] = mapping.text(row.get("short_desc"), notes, "short_desc")

    def enrich_service(self, row, data, notes):
        """Turn Ohana's prose columns into languages, cost options, areas, documents, terms."""
        owner = f"service:{data['id']}"
        data["languages"] = mapping.languages(row.get("languages"), notes, owner)
        elig = mapping.text(row.get("eligibility"), notes, "eligibility")
        if elig:
            data["eligibility_description"] = elig
        data["service_areas"] = [{"id": f"{owner}/area/{i}", "name": name}
                                 for i, name in enumerate(_items(row.get("service_areas")))]
        data["funding"] = [{"id": f"{owner}/funding/{i}", "source": source}
                           for i, source in enumerate(_items(row.get("funding_sources")))]
        document = mapping.line(row.get("required_documents"), "required_documents")
        data["required_documents"] = ([{"id": f"{owner}/document", "document": document}]
                                      if document else [])
        data["attributes"] = data.get("attributes", []) + [
            {"id": f"{owner}/category/{code}",
             "taxonomy_term": {"code": code, "taxonomy": "Open Eligibility"}}
            for code in _items(row.get("taxonomy_ids"))]
        super().enrich_service(row, data, notes)
