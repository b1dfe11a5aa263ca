"""Child rows of a table package, indexed by owner id so parents can stream.

A package's child tables (phones, addresses, schedules...) are not sorted by owner, so every
child row is read first and looked up when its owner is assembled. The index lives in a
private temporary SQLite database on disk (`sqlite3.connect("")`, deleted when closed), not
in Python objects: a 100k-service package has millions of child rows, and holding them in
memory made the reader grow by about 14 MB per 1,000 services. SQLite keeps only a bounded
page cache in memory. Each row is taken once, when its owner is assembled (one byte per row
marks it: deleting it from the index cost more than reading it); what is left at the end
belongs to no owner in the feed.

Asking the index once per owner and child table cost a query per collection of every record
(about 20 per service). The feed asks `prefetch` for a chunk of roots instead: one query per
level of nesting loads the rows of those roots and of every child row beneath them into a
cache that `take` serves.

Row values are stored with `marshal`, not `pickle`: they are str or None and never leave
this process (the temporary database dies with it), and marshal reads and writes such
tuples in about half the time. A value marshal cannot hold would raise, not be lost.
"""
import marshal
import sqlite3
from collections import defaultdict

from .base import Reject
from .mapping import RowError
from .mapping.build import CHILD_OWNERS, OWNER_COLUMNS, build_child, owner_of, owner_positions
from .tables import Row, text_of

INSERT_ROWS = 5_000  # rows per executemany while indexing
CHUNK = 500  # owner ids per IN (...), well under SQLite's bound-parameter limit


class ChildIndex:
    """Child rows of every table, grouped by (owner table, owner id), taken once each."""

    def __init__(self, feed):
        self.feed = feed
        self.files = {}
        self.rejects = []
        self.headers = []  # distinct column tuples; rows store the index of theirs
        self.db = sqlite3.connect("", isolation_level=None)
        self.cache = {}  # (table, owner, owner id) -> [(rowid, line, header, vals)]
        self.covered = set()  # (owner, owner id) whose rows of every table are in the cache
        # Rows are numbered 0, 1, 2... in reading order; taken[n] is 1 once row n was taken.
        self.db.execute("CREATE TABLE child (n INTEGER PRIMARY KEY, tbl TEXT, owner TEXT, "
                        "owner_id TEXT, ident TEXT, line INTEGER, header INTEGER, vals BLOB)")
        header_ids, pending, self._count = {}, [], 0
        dumps = marshal.dumps
        self.db.execute("BEGIN")
        for table in OWNER_COLUMNS:
            layouts = {}  # columns -> (header number, id position, owner positions)
            last = None, None
            for file, line, columns, values in feed.child_rows(table):
                if columns is last[0]:  # a file's plain rows share one columns tuple
                    header, id_at, owners = last[1]
                else:
                    if columns not in layouts:
                        if columns not in header_ids:
                            header_ids[columns] = len(self.headers)
                            self.headers.append(columns)
                        position = columns.index("id") if "id" in columns else None
                        layouts[columns] = (header_ids[columns], position,
                                            owner_positions(table, columns))
                    last = columns, layouts[columns]
                    header, id_at, owners = last[1]
                ident = text_of(values[id_at]) if id_at is not None else None
                owner = owner_of(table, owners, values)
                if owner is None:
                    self.rejects.append(Reject(file, line, f"{table} row has no owner id",
                                               ident))
                    continue
                self.files[table] = file
                pending.append((len(pending) + self._count, table, *owner, ident, line,
                                header, dumps(values)))
                if len(pending) >= INSERT_ROWS:
                    self._insert(pending)
        self._insert(pending)
        # Built after the rows are in: one sort instead of an index update per row.
        self.db.execute("CREATE INDEX child_owner ON child (owner, owner_id, tbl)")
        self.db.execute("COMMIT")
        self.taken = bytearray(self._count)

    def _insert(self, pending):
        self.db.executemany("INSERT INTO child VALUES (?, ?, ?, ?, ?, ?, ?, ?)", pending)
        self._count += len(pending)
        pending.clear()

    def prefetch(self, owner, owner_ids):
        """Cache the rows of these owners and of every row beneath them, a query per level."""
        self.cache, self.covered = cache, covered = {}, set()
        taken = self.taken
        level = {owner: sorted(set(owner_ids))}
        while level:
            below = defaultdict(list)
            for table, ids in level.items():
                covered.update((table, ident) for ident in ids)
                for start in range(0, len(ids), CHUNK):
                    chunk = ids[start:start + CHUNK]
                    # The index's own order (owner id, table, row number): no sort step, and
                    # each owner's rows of a table still come in file order.
                    for rowid, tbl, owner_id, ident, line, header, vals in self.db.execute(
                            "SELECT n, tbl, owner_id, ident, line, header, vals FROM child "
                            f"WHERE owner = ? AND owner_id IN ({', '.join('?' * len(chunk))}) "
                            "ORDER BY owner_id, tbl, n", (table, *chunk)):
                        if taken[rowid]:
                            continue
                        key = (tbl, table, owner_id)
                        rows = cache.get(key)
                        if rows is None:
                            cache[key] = [(rowid, line, header, vals)]
                        else:
                            rows.append((rowid, line, header, vals))
                        if ident is not None and tbl in CHILD_OWNERS:
                            below[tbl].append(ident)
            level = {table: sorted(set(ids)) for table, ids in below.items()}

    def _rows(self, table, owner, owner_id):
        """Return (and mark taken) the (line, Row) of one owner's rows, in file order."""
        if (owner, owner_id) in self.covered:
            found = self.cache.pop((table, owner, owner_id), ())
        else:  # not prefetched: ask the database
            found = [row for row in self.db.execute(
                "SELECT n, line, header, vals FROM child "
                "WHERE tbl = ? AND owner = ? AND owner_id = ? ORDER BY n",
                (table, owner, owner_id)) if not self.taken[row[0]]]
        taken, headers, loads = self.taken, self.headers, marshal.loads
        for rowid, _, _, _ in found:
            taken[rowid] = 1
        return [(line, Row(headers[header], loads(vals))) for _, line, header, vals in found]

    def take(self, table, owner, owner_id, notes):
        """Return the built child records of one owner (and remove them from the index)."""
        file = self.files.get(table, "")
        records = []
        for line, row in self._rows(table, owner, owner_id):
            try:
                records.append(build_child(self, table, row, notes))
            except RowError as error:
                self.rejects.append(Reject(file, line, error.reason, row.text("id")))
        return records

    def _untaken(self):
        """Yield (n,) for each row nobody took."""
        position = self.taken.find(0)
        while position != -1:
            yield (position,)
            position = self.taken.find(0, position + 1)

    def drain(self):
        """Yield (and forget) the rejects collected so far."""
        rejects, self.rejects = self.rejects, []
        yield from rejects

    def orphans(self):
        """Yield remaining rejects and a reject for each row whose owner never appeared."""
        yield from self.drain()
        self.cache, self.covered = {}, set()
        # An owner's rows are taken all at once, so the rows left are whole owners' rows.
        self.db.execute("CREATE TEMP TABLE left_over (n INTEGER PRIMARY KEY)")
        self.db.executemany("INSERT INTO left_over VALUES (?)", self._untaken())
        # Owners in the order their first row was read, each owner's rows in file order.
        for table, owner, owner_id, line, header, vals in self.db.execute(
                "SELECT tbl, owner, owner_id, line, header, vals FROM child "
                "WHERE n IN (SELECT n FROM left_over) ORDER BY "
                "MIN(n) OVER (PARTITION BY tbl, owner, owner_id), n"):
            yield Reject(self.files[table], line, f"{table} refers to unknown {owner} {owner_id}",
                         Row(self.headers[header], marshal.loads(vals)).text("id"))
        self.db.close()
