"""Insert brand-new record trees with Core executemany instead of building ORM objects.

A feed's first run creates almost everything it reads, and building, tracking and flushing
one ORM object per row was most of its cost. A record whose checked tree (`validate.Clean`)
has no existing row anywhere is turned straight into plain row dicts here, with exactly what
the ORM path would write:

- the same columns (fields equal to a new row's empty value are left out, so column
  defaults apply as they do for an ORM insert), the parent links and, for services,
  `last_modified`;
- one `create` audit change per record, in the order the ORM path's journal records them,
  and the locations whose children were created (the ORM path's touched locations);
- a search outbox row per new service. A Core insert does not pass the outbox's ORM
  after_flush hook, so we enqueue here, in the same transaction. Nothing else is due: a new
  organization, location or child row can only lead to services that are themselves new in
  this tree (no existing row can reference an id that did not exist).

Rows wait in a buffer and go out per table in foreign-key order. Anything that asks the
batch's lookup about a buffered id first writes the buffer (see `Prefetch`), so later saves
see these rows exactly as they would see flushed ORM rows.

On SQLite the rows go to the driver's executemany as tuples (`insert_rows`), each value
passed through its column type's bind processor as SQLAlchemy would: the per-parameter
processing of a Core executemany was a large share of a first feed run. PostgreSQL keeps
the Core insert (psycopg batches it already).
"""
import os
import time
from collections import defaultdict
from functools import lru_cache
from operator import itemgetter

from sqlalchemy import inspect, insert

from . import nested as spec
from .audit import CREATE, Change
from .models import Base, Location, Service


class FreshRows:
    """Buffered rows of brand-new trees for one batch, written in foreign-key order."""

    def __init__(self, session, now):
        self.session, self.now = session, now
        self.rows = defaultdict(list)  # table name -> [row dict]
        self.pending = set()  # (model, id) of buffered rows
        self.services = []  # new service ids for the search outbox

    def add(self, node, journal):
        """Buffer a brand-new checked tree; record its creations in `journal`."""
        self._add(node, journal)
        if node.model is Service:
            self.rows[Service.__tablename__][-1]["last_modified"] = self.now
            self.services.append(node.id)

    def _add(self, node, journal):
        # Mirrors sync.create + apply_node: the record first, then its inline records,
        # then its child collections, each child's subtree before the next child.
        # A new ORM row gets only the fields that differ from empty (`sync._apply_fields`);
        # `same(None, value)` holds exactly for None, so the rest keep their defaults.
        row = {name: value for name, value in node.fields.items() if value is not None}
        row.update(node.link, id=node.id)
        self.rows[node.model.__tablename__].append(row)
        self.pending.add((node.model, node.id))
        journal.record(Change(node.id, node.model.__tablename__, CREATE))
        is_location = node.model is Location
        if is_location:
            journal.enter_location(node.id)
        try:
            for nest in spec.nested(node.model):
                if nest.key in node.nested:
                    self._add(node.nested[nest.key], journal)
            for child in spec.children(node.model):
                for item in node.children.get(child.key, ()):
                    self._add(item, journal)
        finally:
            if is_location:
                journal.leave_location()

    def write(self):
        """Insert every buffered row (parents before children) and enqueue new services."""
        from directory.search.models import SearchOutbox  # the search layer imports the store

        connection = self.session.connection()
        for table in Base.metadata.sorted_tables:
            rows = self.rows.pop(table.name, None)
            for group in _same_keys(rows or ()):
                insert_rows(connection, table, group)
        if self.services:
            insert_rows(connection, SearchOutbox.__table__,
                        [{"service_id": ident, "enqueued_at": self.now}
                         for ident in self.services])
        self.rows.clear()
        self.pending.clear()
        self.services = []


def insert_rows(connection, table, rows):
    """Insert dict rows that all have the same keys, in the connection's transaction."""
    if not rows:
        return
    keys = tuple(rows[0])
    if connection.dialect.name != "sqlite" or _plan(connection.dialect, table, keys) is None:
        connection.execute(insert(table), rows)
        return
    take = itemgetter(*keys)
    values = [take(row) for row in rows] if len(keys) > 1 else [(row[keys[0]],) for row in rows]
    insert_values(connection, table, keys, values)


def insert_values(connection, table, keys, values):
    """Insert rows given as tuples of the `keys` columns, as `insert_rows` inserts dicts.

    For rows built only to be inserted (a batch's audit rows): no dict per row.
    """
    if not values:
        return
    plan = _plan(connection.dialect, table, keys) if connection.dialect.name == "sqlite" \
        else None
    if plan is None:
        connection.execute(insert(table), [dict(zip(keys, value)) for value in values])
        return
    sql, processors = plan
    if processors:
        values = _processed(values, processors)
    connection.exec_driver_sql(sql, values)


def _processed(values, processors):
    """Return the value tuples with each processed position passed through its processor."""
    # A batch's timestamps are one object: remember the last value of each position.
    last = {index: (_NOTHING, None) for index, _ in processors}
    out = []
    for value in values:
        value = list(value)
        for index, process in processors:
            seen, done = last[index]
            if value[index] is not seen:
                done = process(value[index])
                last[index] = (value[index], done)
            value[index] = done
        out.append(tuple(value))
    return out


_NOTHING = object()


@lru_cache(maxsize=256)  # per engine dialect, table and column set
def _plan(dialect, table, keys):
    """Return (INSERT statement, [(position, bind processor)]) or None when Core must do it.

    Core must insert when a column the rows leave out has a Python-side default (Core would
    fill it in) or when a key is not a column.
    """
    columns = table.columns
    if any(key not in columns for key in keys) or any(
            column.default is not None and column.key not in keys for column in columns):
        return None
    quote = dialect.identifier_preparer
    names = ", ".join(quote.quote(columns[key].name) for key in keys)
    sql = (f"INSERT INTO {quote.format_table(table)} ({names}) "
           f"VALUES ({', '.join('?' * len(keys))})")
    processors = [(index, process) for index, key in enumerate(keys)
                  if (process := columns[key].type._cached_bind_processor(dialect))]
    return sql, processors


_last_stamp = 0  # the millisecond of the latest `ordered_ids` call
RANDOM_BITS = (1 << 42) - 1


def ordered_ids(count):
    """Return `count` new UUID strings in increasing order, after every earlier call's.

    A first feed run writes one audit row per created row. With random (version 4) ids each
    insert into the audit table's primary-key index landed on a random page, so a batch
    dirtied (and its commit wrote) about one index page per audit row, more as the table
    grew. These ids follow the version 7 layout: 48 bits of Unix milliseconds, the position
    in this call (32 bits) and 42 random bits, so a batch's ids go to the end of the index
    in order. A call never reuses an earlier call's millisecond in this process (it takes
    the next one), so they stay unique and ordered whatever the clock does; across
    processes the random bits tell apart ids of the same millisecond and position.
    """
    global _last_stamp
    stamp = _last_stamp = max(time.time_ns() // 1_000_000, _last_stamp + 1)
    head = f"{stamp:012x}"
    prefix = f"{head[:8]}-{head[8:]}-7"
    ids = []
    for position, tail in enumerate(memoryview(os.urandom(8 * count)).cast("Q")):
        # The variant bits, the position's low 20 bits, then 42 random bits.
        low = f"{(0b10 << 62) | ((position & 0xFFFFF) << 42) | (tail & RANDOM_BITS):016x}"
        ids.append(f"{prefix}{position >> 20:03x}-{low[:4]}-{low[4:]}")
    return ids


def stored_ids(connection, table, ids, chunk=500):
    """Return those of `ids` (sorted) that `table` holds, asked with plain SQL on SQLite.

    A bulk feed asks about every id it reads, and a first load finds none of them: a bare
    driver query per chunk costs a fraction of the ORM query that would load nothing.
    """
    if connection.dialect.name != "sqlite":
        return ids
    found = set()
    column = connection.dialect.identifier_preparer.quote(table.c.id.name)
    name = connection.dialect.identifier_preparer.format_table(table)
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        found.update(connection.exec_driver_sql(
            f"SELECT {column} FROM {name} WHERE {column} IN ({', '.join('?' * len(part))})",
            tuple(part)).scalars())
    return [ident for ident in ids if ident in found]


def _same_keys(rows):
    """Group rows by their column set: one executemany needs the same keys in every row."""
    groups = defaultdict(list)
    for row in rows:
        groups[tuple(row)].append(row)
    return groups.values()


def references_pending(session, lookup, node):
    """Tell whether a tree references a row the session has not flushed yet.

    Buffered rows go out before the session's flush, so such a tree takes the ORM path.
    """
    for name, target in spec.REFERENCES.get(node.model, {}).items():
        row = lookup.found.get((target, node.fields.get(name)))
        if row is not None and inspect(row).pending:
            return True
    return (any(references_pending(session, lookup, inner) for inner in node.nested.values())
            or any(references_pending(session, lookup, child)
                   for nodes in node.children.values() for child in nodes))
