"""Fill the tables POST /match reads for contact details, fast, for a benchmark store.

`directory.search.results.contact_details` loads each result's service, organisation,
sites, locations and phones from the store. An empty store would make that lookup free and
flatter the HTTP figures, and saving a million services through the audited write API takes
hours, so the benchmark bulk-inserts just those tables. Values come from the same `Record`
view the projection reads (the store's converters), parent links from the store's `nested`
spec. This is benchmark set-up only: no audit rows, no outbox, no validation.
"""
import pickle

from sqlalchemy import insert, inspect

from directory.store import nested as spec
from directory.store.models import Location, Organization, Phone, Service, ServiceAtLocation

# Insert order satisfies the foreign keys (SQLite enforces them here).
TABLES = (Organization, Location, Service, ServiceAtLocation, Phone)
# The child collections contact_details follows, per parent model.
FOLLOWED = {Organization: ("phones",), Location: ("phones",),
            Service: ("phones", "service_at_locations"), ServiceAtLocation: ("phones",)}


def _columns(model):
    return [column.key for column in inspect(model).columns]


class RowBatch:
    """Row dicts per table for a run of organisations, handed over with `dump`."""

    def __init__(self):
        self.rows = {model.__tablename__: [] for model in TABLES}

    def add_organization(self, organization, locations):
        """Add an organisation, its phones, its locations and their phones."""
        self._add(Organization, organization, {})
        for location in locations.values():
            self._add(Location, location, {})

    def add_service(self, service):
        """Add a service, its phones, its sites and their phones."""
        self._add(Service, service, {})

    def _add(self, model, record, link):
        row = {key: getattr(record, key) for key in _columns(model)}
        row.update(link)
        self.rows[model.__tablename__].append(row)
        for key in FOLLOWED.get(model, ()):
            child = next(c for c in spec.children(model) if c.key == key)
            pairs = spec.parent_link(model, child)
            for item in getattr(record, key):
                self._add(child.model, item, {col: row[parent] for col, parent in pairs.items()})

    def dump(self, stream):
        """Pickle the collected rows to `stream` (if any) and start a new batch."""
        if any(self.rows.values()):
            pickle.dump(self.rows, stream, protocol=pickle.HIGHEST_PROTOCOL)
        self.rows = {model.__tablename__: [] for model in TABLES}


def insert_batches(connection, batches):
    """Insert row batches in foreign-key order; return rows written per table."""
    written = {model.__tablename__: 0 for model in TABLES}
    for batch in batches:
        for model in TABLES:
            rows = batch[model.__tablename__]
            if rows:
                connection.execute(insert(model.__table__), rows)
                written[model.__tablename__] += len(rows)
    return written
