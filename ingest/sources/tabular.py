"""Assemble nested HSDS 3.0 records from a package of related tables (3.0 table names).

Subclasses say where each table lives (`FILES`), which columns are required (`REQUIRED`)
and how a raw row becomes 3.0 columns (`prepare`); `enrich_*` hooks add what prose columns
say. Parents stream; child rows are indexed by owner id first (see children.ChildIndex).
"""
from itertools import islice

from directory.store.models import SERVICE_STATUSES

from .base import FeedRecord, FeedRefused, Reject, Source
from .children import ChildIndex
from .mapping import RowError
from .mapping.build import CHILD_OWNERS
from .mapping.columns import copy_columns
from .mapping.enrich import structure_service
from .tables import Package, Row

ROOTS_AHEAD = 250  # roots read at a time, so their child rows load in a few queries


class TableFeed(Source):
    """A feed of related CSV tables; organizations first, then services."""

    FILES = {}  # 3.0 table -> file name
    REQUIRED = {}  # 3.0 table -> required columns (the table itself is required)
    EXTRA_FILES = ()  # other files the format reads, checked for encoding too

    def check(self):
        """Open the package and refuse it when a required table or column is missing."""
        package = Package(self.location)
        for table in self.REQUIRED:
            if not package.has(self.FILES[table]):
                raise FeedRefused(f"missing required table {self.FILES[table]}")
        for name in (*self.FILES.values(), *self.EXTRA_FILES):
            if package.has(name):
                package.check_encoding(name)
        for table, columns in self.REQUIRED.items():
            missing = set(columns) - set(self.raw_header(package, table))
            if missing:
                raise FeedRefused(f"{self.FILES[table]} lacks required column(s) "
                                  + ", ".join(sorted(missing)))
        self.package = package

    def raw_header(self, package, table):
        """Return the file's header (formats with renamed columns override this)."""
        return package.header(self.FILES[table])

    def prepare(self, table, row):
        """Return the row with 3.0 column names (identity for HSDS 3.0)."""
        return row

    def table_rows(self, table):
        """Yield (file, line, row) for a table in 3.0 columns; nothing when it is absent."""
        name = self.FILES.get(table)
        if name and self.package.has(name):
            for line, row in self.package.rows(name):
                yield name, line, self.prepare(table, row)

    def child_rows(self, table):
        """Yield (file, line, columns, values) of a table's rows, for the child index.

        `dict(zip(columns, values))` is the row `table_rows` yields. HSDS 3.0 rows need no
        renaming, so one with a value for each column of a header without repeated names
        is passed on as the CSV reader gave it: the index stores the values, and making a
        Row dict of each of a large feed's child rows only to take them apart again cost
        more than the rest of indexing them.
        """
        plain = (type(self).prepare is TableFeed.prepare
                 and type(self).table_rows is TableFeed.table_rows)
        name = self.FILES.get(table)
        if not plain:
            for file, line, row in self.table_rows(table):
                yield file, line, tuple(row), tuple(row.values())
        elif name and self.package.has(name):
            columns = None
            for line, header, values in self.package.value_rows(name):
                if columns is None:
                    columns = tuple(header)
                    unique = len(set(columns)) == len(columns)
                if unique and len(values) == len(columns):
                    yield name, line, columns, tuple(values)
                else:  # the dict keeps the last of repeated names and drops missing cells
                    row = Row(header, values)
                    yield name, line, tuple(row), tuple(row.values())

    def records(self):
        """Yield organizations, then services, then rejects for rows nobody claimed."""
        if not hasattr(self, "package"):
            self.check()
        self.children = ChildIndex(self)
        self.emitted = {"organization": set(), "location": set()}
        yield from self._roots("organization")
        yield from self._roots("service")
        yield from self.children.orphans()

    def _roots(self, table):
        seen = {}
        rows = self.table_rows(table)
        while chunk := list(islice(rows, ROOTS_AHEAD)):
            # The child rows of a chunk of roots come out of the index together.
            self.children.prefetch(table, [row.text("id") for _, _, row in chunk
                                           if row.text("id")])
            yield from self._chunk(table, chunk, seen)

    def _chunk(self, table, chunk, seen):
        for file, line, row in chunk:
            external = row.text("id")
            if row.extra:
                yield Reject(file, line, f"row has {row.extra} value(s) beyond the header",
                             external)
            elif external is None:
                yield Reject(file, line, f"missing required {table} id")
            elif external in seen:
                yield Reject(file, line, f"duplicate {table} id {external} "
                                         f"(first on line {seen[external]})", external)
            else:
                seen[external] = line
                yield self._root(table, file, line, row, external)
            yield from self.children.drain()

    def _root(self, table, file, line, row, external):
        notes = []
        try:
            data = {"id": external, **copy_columns(table, row, notes)}
            for key, (child_table, owner) in CHILD_OWNERS[table].items():
                data[key] = self.children.take(child_table, owner, external, notes)
            getattr(self, f"enrich_{table}")(row, data, notes)
            self.validate(table, data, notes)
        except RowError as error:
            return Reject(file, line, error.reason, external)
        if table == "organization":
            self.emitted["organization"].add(external)
            self.emitted["location"].update(loc["id"] for loc in data.get("locations", ()))
        return FeedRecord(table, external, data, file, line, notes)

    def validate(self, table, data, notes):
        """Raise RowError when a record lacks what the store requires; drop dangling sites."""
        if not data.get("name"):
            raise RowError(f"missing required {table} name")
        if table != "service":
            return
        data.setdefault("status", "active")
        if data["status"] not in SERVICE_STATUSES:
            raise RowError(f"service status {data['status']!r} is not one of "
                           + ", ".join(SERVICE_STATUSES))
        if data.get("organization_id") not in self.emitted["organization"]:
            raise RowError(f"organization {data.get('organization_id')} is not in this feed "
                           "(missing or rejected)")
        sites = data.get("service_at_locations", [])
        kept = [site for site in sites if site.get("location_id") in self.emitted["location"]]
        for site in sites:
            if site not in kept:
                notes.append(f"dropped site at location {site.get('location_id')}: "
                             "location missing or rejected")
        data["service_at_locations"] = kept

    def enrich_organization(self, row, data, notes):
        """Add what an organization row's prose columns say (none in HSDS 3.0)."""

    def enrich_child(self, table, row, data, notes):
        """Add what a child row's prose columns say (none in HSDS 3.0)."""

    def enrich_service(self, row, data, notes):
        """Parse fee and eligibility prose into structure when the feed has none."""
        structure_service(data, notes)

    def taxonomy_term(self, term_id):
        """Return the feed's taxonomy term dict for an id (None when unknown)."""
        if not hasattr(self, "_terms"):
            names = {row.text("id"): row.text("name") for _, _, row in self.table_rows("taxonomy")}
            self._terms = {}
            for _, _, row in self.table_rows("taxonomy_term"):
                term = {k: v.strip() for k, v in row.items() if k and v and v.strip()}
                if names.get(term.get("taxonomy_id")) and not term.get("taxonomy"):
                    term["taxonomy"] = names[term["taxonomy_id"]]
                self._terms[row.text("id")] = term
        return self._terms.get(term_id)
