"""HSDS 3.x CSV datapackage: a folder or zip with datapackage.json and one CSV per table."""
import json

from .base import FeedRefused
from .tables import Package
from .tabular import TableFeed

# HSDS 3.0 resource name -> default file name (datapackage.json may name others).
DEFAULT_FILES = {
    "organization": "organizations.csv", "program": "programs.csv", "service": "services.csv",
    "attribute": "attributes.csv", "service_at_location": "service_at_location.csv",
    "location": "locations.csv", "phone": "phones.csv", "contact": "contacts.csv",
    "address": "addresses.csv", "schedule": "schedules.csv", "funding": "funding.csv",
    "service_area": "service_areas.csv", "required_document": "required_documents.csv",
    "language": "languages.csv", "accessibility": "accessibility.csv",
    "taxonomy_term": "taxonomy_terms.csv", "taxonomy": "taxonomies.csv",
    "cost_option": "cost_options.csv", "organization_identifier": "organization_identifiers.csv",
}


class Hsds3CsvFeed(TableFeed):
    """Read an HSDS 3.x tabular datapackage."""

    format = "hsds3-csv"
    REQUIRED = {"organization": ("id", "name"), "service": ("id", "name", "organization_id")}

    def check(self):
        """Read datapackage.json for the table files, then check tables as every package."""
        self.FILES = dict(DEFAULT_FILES)
        self.FILES.update(read_resources(Package(self.location)))
        super().check()


def read_resources(package):
    """Return {resource name: file name} from datapackage.json; refuse a broken one."""
    if not package.has("datapackage.json"):
        raise FeedRefused("missing datapackage.json")
    try:
        descriptor = json.loads(package.read_bytes("datapackage.json").decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FeedRefused(f"datapackage.json is not valid JSON: {error}") from None
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list) or not resources:
        raise FeedRefused("datapackage.json has no resources list")
    files = {}
    for resource in resources:
        path = resource.get("path") if isinstance(resource, dict) else None
        if isinstance(path, str) and isinstance(resource.get("name"), str):
            files[resource["name"]] = path.rsplit("/", 1)[-1]
    return files
