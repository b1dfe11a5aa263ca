"""Flat 211 resource exports (iCarol / ReferNET style): one CSV row per agency, site or program.

Levels come from TaxonomyLevelName (Agency, Site, Program; a row without it is an Agency
when it has no parent, else a Program). Agencies become organizations with their sites
(and their own address) as locations; programs become services at their parent site.
Prose columns (Hours, FeeStructureSource, Eligibility, LanguagesOffered, DisabilitiesAccess)
are parsed; bad phones or addresses in a row are dropped with a note, not the row.
"""
from . import mapping
from .base import FeedRecord, FeedRefused, Reject, Source
from .csv211_columns import canonical_header, level_of, location_of, service_fields
from .tables import Package, Row


class Csv211Feed(Source):
    """Read one flat 211 resource CSV."""

    format = "211-csv"

    def check(self):
        """Refuse the file unless it is UTF-8 and has a record number and a name column."""
        package = Package(self.location if not str(self.location).endswith(".csv")
                          else str(self.location).rsplit("/", 1)[0] or ".")
        self.file = str(self.location).rsplit("/", 1)[-1]
        if not package.has(self.file):
            raise FeedRefused(f"{self.file} not found")
        package.check_encoding(self.file)
        missing = {"num", "name"} - set(canonical_header(package.header(self.file)))
        if missing:
            raise FeedRefused(f"{self.file} lacks a column for: " + ", ".join(sorted(missing))
                              + " (e.g. ResourceAgencyNum, PublicName)")
        self.package = package

    def _rows(self):
        for line, row in self.package.rows(self.file):
            yield line, Row(canonical_header(list(row.keys())), list(row.values()))

    def records(self):
        """Yield agencies (with their sites), then programs; rejects for broken rows."""
        if not hasattr(self, "package"):
            self.check()
        parents, sites, seen = {}, {}, {}
        self.emitted = set()  # agencies and locations actually yielded
        for line, row in self._rows():
            num = row.text("num")
            if num and num not in seen:
                seen[num] = line
                parents[num] = (level_of(row), row.text("parent"))
                if parents[num][0] == "site":
                    sites.setdefault(row.text("parent"), []).append((line, row))
        yield from self._pass("agency", parents, sites, seen)
        yield from self._pass("program", parents, sites, seen)

    def _pass(self, level, parents, sites, seen):
        for line, row in self._rows():
            num = row.text("num")
            if level == "agency" and num is None:
                yield Reject(self.file, line, "missing required ResourceAgencyNum")
            elif num is None or parents[num][0] != level:
                continue
            elif seen[num] != line:
                yield Reject(self.file, line, f"duplicate record {num} (first on line "
                                              f"{seen[num]})", num)
            else:
                yield self._build(level, line, row, num, parents, sites)

    def _build(self, level, line, row, num, parents, sites):
        notes = []
        try:
            if level == "agency":
                data = self._agency(row, num, sites.get(num, ()), notes)
            else:
                data = self._program(row, num, parents, notes)
        except mapping.RowError as error:
            return Reject(self.file, line, error.reason, num)
        if level == "agency":
            self.emitted.add(num)
            self.emitted.update(f"loc:{location['id']}" for location in data["locations"])
        kind = "organization" if level == "agency" else "service"
        kind = "organization" if level == "agency" else "service"
        return FeedRecord(kind, num, data, self.file, line, notes)

    def _agency(self, row, num, site_rows, notes):
        data = {"id": num, "name": mapping.required(row.get("name"), "PublicName"),
                "description": mapping.text(row.get("description"), notes, "description"),
                "email": mapping.email(row.get("email"), notes),
                "website": mapping.url(row.get("website")), "locations": []}
        own = location_of(row, num, notes)
        if own:
            data["locations"].append(own)
        for _, site in site_rows:
            try:
                location = location_of(site, site.text("num"), notes, named=True)
            except mapping.RowError as error:
                notes.append(f"site {site.text('num')} skipped: {error.reason}")
                continue
            if location is None:
                notes.append(f"site {site.text('num')} skipped: no address or coordinates")
            else:
                data["locations"].append(location)
        return {key: value for key, value in data.items() if value is not None}

    def _program(self, row, num, parents, notes):
        parent = row.text("parent")
        level, grandparent = parents.get(parent, (None, None))
        if level not in ("agency", "site"):
            raise mapping.RowError(f"program's parent {parent!r} is not an agency or site "
                                   "in this file")
        agency = parent if level == "agency" else grandparent
        if agency not in self.emitted:
            raise mapping.RowError(f"agency {agency} is missing or was rejected")
        data = {"id": num, "organization_id": agency, **service_fields(row, num, notes)}
        if f"loc:{parent}" in self.emitted:
            data["service_at_locations"] = [{"id": f"{num}@{parent}", "location_id": parent}]
        else:
            notes.append(f"parent {parent} has no address or coordinates: no site linked")
        return data
