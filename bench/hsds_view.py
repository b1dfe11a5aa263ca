"""Read generated HSDS dicts as the store would hold them, without writing a million rows.

`Record` answers attribute reads the way a loaded SQLAlchemy model does: columns converted
by the store's own `values.convert`, child collections as the store's `nested` spec names
them, and the to-one links (organization, location) the projection follows. So the real
`directory.search.projection.project` runs unchanged on generated data.
"""
from datetime import datetime, timezone
from functools import lru_cache

from sqlalchemy import inspect

from directory.store import nested as spec
from directory.store.models import Location, Organization, Service
from directory.store.values import CONVERTERS, column_kind


@lru_cache(maxsize=None)
def _shape(model):
    """Return (store converter by column, child model by key) for a model, computed once."""
    # The store's own converters, looked up once per column instead of once per value.
    columns = {column.key: CONVERTERS[column_kind(column)] for column in inspect(model).columns}
    return columns, {child.key: child.model for child in spec.children(model)}


class Record:
    """One store record read from its HSDS dict; `links` holds its to-one relationships."""

    def __init__(self, model, data, links=None, locations=None):
        self._model, self._data, self._links = model, data, links or {}
        self._locations = locations  # a service's organisation's locations, by id

    def __getattr__(self, name):
        columns, children = _shape(self._model)
        if name in self._links:
            value = self._links[name]
        elif name in columns:
            value = self._data.get(name)
            value = None if value is None else columns[name](value)
        elif name in children:
            value = [Record(children[name], item, self._child_links(name, item))
                     for item in self._data.get(name) or ()]
        else:
            raise AttributeError(f"{self._model.__name__} has no attribute {name!r}")
        self.__dict__[name] = value  # read once, like a loaded attribute
        return value

    def _child_links(self, key, item):
        """Return the to-one links of a child: a site's location comes from its organisation."""
        if self._model is Service and key == "service_at_locations":
            return {"location": self._locations[item["location_id"]]}
        return None


def organization_record(data):
    """Return the organisation as a Record, with its locations by id for its services."""
    organization = Record(Organization, data)
    locations = {item["id"]: Record(Location, item) for item in data.get("locations") or ()}
    return organization, locations


def service_record(data, organization, locations, saved_at=None):
    """Return a service as a Record, stamped as the store stamps a save."""
    # last_modified is server-managed (the write API sets it); assured_date is seeded by
    # the demo loader from the generated value, exactly as `flask demo load` does.
    saved_at = saved_at or datetime.now(timezone.utc)
    return Record(Service, data, {"organization": organization, "last_modified": saved_at},
                  locations)
