"""Write HSDS 3.0 records as an HSDS 3 tabular datapackage: one CSV per table, streamed.

Nested records become rows of their own table with a `<parent table>_id` column (attributes
keep their `link_id`/`link_entity`); list-valued profile extensions are left out. Rows are
written as records arrive, so memory stays flat however many records are exported. The
shared taxonomies (Open Eligibility, the profile) are written whole so every
`taxonomy_term_id` resolves.
"""
import csv
import io
import json
import os
from importlib import resources

from directory.store.ids import stable_id
from directory.store.models import Base
from ingest.sources.base import TABLES
from ingest.sources.hsds3_csv import DEFAULT_FILES
from matcher import vocabulary


def _columns():
    """Return {table: [column names]} for every HSDS table the package format has a file for."""
    return {mapper.class_.__tablename__: [c.name for c in mapper.class_.__table__.columns]
            for mapper in Base.registry.mappers
            if mapper.class_.__tablename__ in DEFAULT_FILES}


def _cell(value):
    return "" if value is None else value


class PackageWriter:
    """Streams records into the CSV files of one package folder."""

    def __init__(self, folder):
        self.folder, self.columns, self.files, self.writers = folder, _columns(), {}, {}
        os.makedirs(folder, exist_ok=True)

    def row(self, table, values):
        """Append one row to `table`'s CSV (opening it with its header on first use)."""
        if table not in self.columns:
            return
        if table not in self.writers:
            stream = open(os.path.join(self.folder, DEFAULT_FILES[table]), "w",
                          encoding="utf-8", newline="")
            self.files[table] = stream
            self.writers[table] = csv.DictWriter(stream, self.columns[table],
                                                 extrasaction="ignore")
            self.writers[table].writeheader()
        self.writers[table].writerow({key: _cell(value) for key, value in values.items()})

    def record(self, table, data, parent=None):
        """Write a record and, recursively, everything nested under it."""
        # List-valued profile extensions (service_area.postal_codes, .counties) have no
        # column in HSDS 3.0 tables, so the tabular package leaves them out.
        values = {key: value for key, value in data.items()
                  if not isinstance(value, (dict, list))}
        if parent is not None and table != "attribute":
            values[f"{parent[0]}_id"] = parent[1]
        self.row(table, values)
        for key, value in data.items():
            if key in TABLES and isinstance(value, list) and key not in ("taxonomy_term",):
                for child in value:
                    if isinstance(child, dict):
                        self.record(TABLES[key], child, (table, data["id"]))

    def close(self):
        """Close every file and write datapackage.json naming them."""
        for stream in self.files.values():
            stream.close()
        package = {"name": "community-directory-export", "profile": "tabular-data-package",
                   "version": "3.0.0",
                   "resources": [{"name": table, "path": DEFAULT_FILES[table]}
                                 for table in sorted(self.files)]}
        with open(os.path.join(self.folder, "datapackage.json"), "w", encoding="utf-8") as out:
            json.dump(package, out, indent=1)


def _shared_taxonomies(writer):
    """Write the Open Eligibility and profile taxonomies and all their terms."""
    oe_id, profile_id = stable_id("taxonomy", "open-eligibility"), stable_id("taxonomy", "profile")
    writer.row("taxonomy", {"id": oe_id, "name": "Open Eligibility",
                            "description": "Open Eligibility human services taxonomy."})
    writer.row("taxonomy", {"id": profile_id, "name": vocabulary.PROFILE_TAXONOMY_NAME,
                            "description": vocabulary.PROFILE_TAXONOMY_DESCRIPTION})
    text = resources.files("directory").joinpath("data/open_eligibility.csv").read_text("utf-8")
    for row in csv.DictReader(io.StringIO(text)):
        writer.row("taxonomy_term", {"id": stable_id("open-eligibility", row["taxonomy_id"]),
                                     "code": row["taxonomy_id"], "name": row["name"],
                                     "taxonomy": "Open Eligibility", "taxonomy_id": oe_id})
    for code, (name, _description, _link, _values) in vocabulary.TERMS.items():
        writer.row("taxonomy_term", {"id": stable_id("profile", code), "code": code,
                                     "name": name, "taxonomy": "profile",
                                     "taxonomy_id": profile_id})


def export_package(records, folder):
    """Write (kind, data) pairs as an HSDS 3 CSV package in `folder`; return services written."""
    writer = PackageWriter(folder)
    services = 0
    try:
        _shared_taxonomies(writer)
        for kind, data in records:
            writer.record(kind, data)
            services += kind == "service"
    finally:
        writer.close()
    return services
