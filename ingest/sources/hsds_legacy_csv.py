"""HSDS 1.x / 2.x CSV packages (folder or zip): older table names mapped to HSDS 3.0."""
from itertools import chain

from .tables import Row
from .mapping.rows import renamed, weekly
from .tabular import TableFeed

FILES = {
    "organization": "organizations.csv", "service": "services.csv", "location": "locations.csv",
    "phone": "phones.csv", "contact": "contacts.csv", "program": "programs.csv",
    "schedule": "regular_schedules.csv", "service_at_location": "services_at_location.csv",
    "accessibility": "accessibility_for_disabilities.csv", "language": "languages.csv",
    "attribute": "services_taxonomy.csv", "taxonomy_term": "taxonomy.csv",
    "service_area": "service_area.csv", "required_document": "required_documents.csv",
    "funding": "funding.csv", "address": "physical_addresses.csv",
}
POSTAL = "postal_addresses.csv"
RENAMES = {
    "organization": {"url": "website"},
    "service": {"fees": "fees_description", "url": "url"},
    "accessibility": {"accessibility": "description"},
    "language": {"language": "name"},
    "service_area": {"service_area": "name"},
    "attribute": {"taxonomy_id": "taxonomy_term_id", "service_id": "link_id",
                  "taxonomy_detail": "value"},
    "taxonomy_term": {"vocabulary": "taxonomy"},
    "funding": {"source": "source"},
}


class LegacyCsvFeed(TableFeed):
    """Read an HSDS 1.x or 2.x CSV package."""

    format = "hsds-legacy-csv"
    FILES = FILES
    REQUIRED = {"organization": ("id", "name"), "service": ("id", "name", "organization_id")}
    EXTRA_FILES = (POSTAL, "eligibility.csv")

    def table_rows(self, table):
        """Yield 3.0-shaped rows; addresses come from both the physical and postal files."""
        rows = super().table_rows(table)
        if table == "address" and self.package.has(POSTAL):
            postal = ((POSTAL, line, renamed(row, {}, address_type="postal",
                                               id=f"postal-{row.get('id')}"))
                      for line, row in self.package.rows(POSTAL))
            rows = chain(rows, postal)
        return rows

    def prepare(self, table, row):
        """Rename legacy columns and fill what 3.0 states explicitly."""
        extra = {}
        if table == "schedule":
            extra = weekly(row)
        elif table == "attribute":
            extra = {"link_entity": "service"}
        elif table == "taxonomy_term":
            extra = {"code": row.get("code") or row.get("id")}
        elif table == "address":
            extra = {"address_type": row.get("address_type") or "physical"}
        return renamed(row, RENAMES.get(table, {}), **extra)

    def enrich_service(self, row, data, notes):
        """Read eligibility.csv prose into the service, then parse fees and eligibility."""
        texts = self._eligibility().get(data["id"])
        if texts and not data.get("eligibility_description"):
            data["eligibility_description"] = "; ".join(texts)
        super().enrich_service(row, data, notes)

    def _eligibility(self):
        if not hasattr(self, "_eligibility_text"):
            self._eligibility_text = {}
            if self.package.has("eligibility.csv"):
                for _, found in self.package.rows("eligibility.csv"):
                    if isinstance(found, Row) and found.text("service_id") and found.text(
                            "eligibility"):
                        self._eligibility_text.setdefault(found.text("service_id"), []).append(
                            found.text("eligibility"))
        return self._eligibility_text
