"""Load every row a batch of nested HSDS records may touch, one query per table.

A `Prefetch` then answers the validation pass's "is there a row with this id?" from memory:
rows it loaded or the batch created, rows it knows are absent, and the session (and so the
database) only for ids it was never asked about.
"""
from collections import defaultdict

from sqlalchemy import inspect, select

from . import nested as spec
from .fresh import stored_ids
from .ids import is_uuid
from .models import Location
from .reads import tree_options

CHUNK = 500  # ids per IN (...): well under every database's bound-parameter limit


def collect_ids(model, data, ids, refs):
    """Add the id of every record in `data` to ids[model], every id it references to refs."""
    if not isinstance(data, dict):
        return
    if is_uuid(data.get("id")):
        ids[model].add(data["id"])
    for name, target in spec.REFERENCES.get(model, {}).items():
        if is_uuid(data.get(name)):
            refs[target].add(data[name])
    for nest in spec.nested(model):
        collect_ids(nest.model, data.get(nest.key), ids, refs)
    for child in spec.children(model):
        items = data.get(child.key)
        for item in items if isinstance(items, list) else ():
            collect_ids(child.model, item, ids, refs)


class Prefetch:
    """Rows by (model, id) for one batch; callable like `session.get`."""

    def __init__(self, session):
        self.session = session
        # Strong references: the identity map is weak, and a collected row means a query.
        self.found = {}
        self.absent = set()
        self.deleted = set()
        self.fresh = None  # the batch's FreshRows, when it inserts new trees with Core

    def load(self, model, records):
        """Load the roots with their whole trees, inline locations likewise, then any other id."""
        ids, refs = defaultdict(set), defaultdict(set)
        for data in records:
            collect_ids(model, data, ids, refs)
        self._fetch(model, ids.pop(model, set()), refs.pop(model, set()), tree_options(model),
                    always=True)
        # Locations given inline may be edited: their trees are needed. Locations only
        # referenced (a service's sites) are checked for their organization alone.
        self._fetch(Location, ids.pop(Location, set()), set(), tree_options(Location))
        self._fetch(Location, set(), refs.pop(Location, set()), ())
        for other in set(ids) | set(refs):
            self._fetch(other, ids.get(other, set()), refs.get(other, set()), ())

    def _fetch(self, model, ids, refs, options, always=False):
        """Load rows by id; only a missing record id counts as absent.

        A missing reference may be created before it is checked (a feed's own taxonomy
        terms), so those are left to the session to look up again.
        """
        wanted = sorted(ident for ident in ids | refs
                        if always or (model, ident) not in self.found)
        if self.fresh is not None:
            wanted = stored_ids(self.session.connection(), model.__table__, wanted)
        for start in range(0, len(wanted), CHUNK):
            query = select(model).where(model.id.in_(wanted[start:start + CHUNK]))
            for row in self.session.scalars(query.options(*options)):
                self._keep(row)
        self.absent.update((model, ident) for ident in ids if (model, ident) not in self.found)

    def _keep(self, row):
        """Hold a loaded row and everything already loaded beneath it."""
        key = (type(row), row.id)
        if key in self.found:
            return
        self.found[key] = row
        loaded = inspect(row).dict
        for child in spec.children(type(row)):
            for item in loaded.get(child.key, ()):
                self._keep(item)
        for nest in spec.nested(type(row)):
            if loaded.get(nest.key) is not None:
                self._keep(loaded[nest.key])

    def remember(self, journal):
        """Take note of the rows one save created and deleted."""
        for row in journal.created_records:
            self.found[(type(row), row.id)] = row
            self.deleted.discard((type(row), row.id))
        for row in journal.deleted_records:
            self.found.pop((type(row), row.id), None)
            self.deleted.add((type(row), row.id))

    def __call__(self, model, ident):
        """Return the row with this id, or None, without a query when the batch knows."""
        row = self.found.get((model, ident))
        if row is not None:
            return row
        if self.fresh is not None and (model, ident) in self.fresh.pending:
            # A buffered new row is asked about: write the buffer so the database has it.
            self.absent -= self.fresh.pending
            self.fresh.write()
            return self.session.get(model, ident)
        if (model, ident) in self.deleted or (model, ident) in self.absent:
            return None
        return self.session.get(model, ident)
