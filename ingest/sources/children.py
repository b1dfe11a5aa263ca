"""Child rows of a table package, indexed by owner id so parents can stream.

Each row is kept as (line, shared header tuple, tuple of values): about the size of the
CSV text, never a built record, and taken (removed) when its owner is assembled.
"""
from .base import Reject
from .mapping import RowError
from .mapping.build import OWNER_COLUMNS, build_child, owner_of
from .tables import Row


class ChildIndex:
    """Child rows of every table, grouped by (owner table, owner id), taken once each."""

    def __init__(self, feed):
        self.feed = feed
        self.groups = {}
        self.files = {}
        self.rejects = []
        headers = {}
        for table in OWNER_COLUMNS:
            for file, line, row in feed.table_rows(table):
                owner = owner_of(table, row)
                if owner is None:
                    self.rejects.append(Reject(file, line, f"{table} row has no owner id",
                                               row.text("id")))
                    continue
                # One shared header tuple per distinct column set keeps each row a bare tuple.
                header = headers.setdefault(tuple(row.keys()), tuple(row.keys()))
                self.files[table] = file
                self.groups.setdefault((table, *owner), []).append(
                    (line, header, tuple(row.values())))

    def take(self, table, owner, owner_id, notes):
        """Return the built child records of one owner (and remove them from the index)."""
        file = self.files.get(table, "")
        records = []
        for line, header, values in self.groups.pop((table, owner, owner_id), ()):
            row = Row(header, values)
            try:
                records.append(build_child(self, table, row, notes))
            except RowError as error:
                self.rejects.append(Reject(file, line, error.reason, row.text("id")))
        return records

    def drain(self):
        """Yield (and forget) the rejects collected so far."""
        rejects, self.rejects = self.rejects, []
        yield from rejects

    def orphans(self):
        """Yield remaining rejects and a reject for each row whose owner never appeared."""
        yield from self.drain()
        for (table, owner, owner_id), rows in self.groups.items():
            for line, header, values in rows:
                yield Reject(self.files[table], line,
                             f"{table} refers to unknown {owner} {owner_id}",
                             Row(header, values).text("id"))
