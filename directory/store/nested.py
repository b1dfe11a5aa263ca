"""The shape of nested HSDS records: which collections each table owns and what input may set.

One table drives the generic upsert (writes), the validation pass and the eager-loading
options (reads), so adding a child collection is a one-line change here.
"""
from dataclasses import dataclass
from functools import cache

from sqlalchemy import inspect

from .models import (
    Accessibility, Address, Attribute, Contact, CostOption, Funding, Language, Location,
    Organization, OrganizationIdentifier, Phone, Program, RequiredDocument, Schedule, Service,
    ServiceArea, ServiceAtLocation, ServiceCapacity, SERVICE_STATUSES, TaxonomyTerm, Unit,
)


@dataclass(frozen=True)
class Child:
    """A one-to-many collection: input key = relationship name on the parent."""

    key: str
    model: type
    link_entity: str | None = None  # set for attribute collections


@dataclass(frozen=True)
class Nested:
    """A to-one record given inline (upserted on its own) and linked through `fk`."""

    key: str
    fk: str
    model: type


def _attributes(entity):
    return Child("attributes", Attribute, entity)


CHILDREN = {
    Organization: (
        Child("organization_identifiers", OrganizationIdentifier), Child("programs", Program),
        Child("funding", Funding), Child("contacts", Contact), Child("phones", Phone),
        Child("locations", Location), _attributes("organization"),
    ),
    Service: (
        Child("phones", Phone), Child("schedules", Schedule), Child("service_areas", ServiceArea),
        Child("service_at_locations", ServiceAtLocation), Child("languages", Language),
        Child("funding", Funding), Child("cost_options", CostOption),
        Child("required_documents", RequiredDocument), Child("contacts", Contact),
        Child("capacities", ServiceCapacity), _attributes("service"),
    ),
    ServiceAtLocation: (
        Child("phones", Phone), Child("contacts", Contact), Child("schedules", Schedule),
        Child("service_areas", ServiceArea), _attributes("service_at_location"),
    ),
    Location: (
        Child("addresses", Address), Child("phones", Phone), Child("accessibility", Accessibility),
        Child("contacts", Contact), Child("schedules", Schedule), Child("languages", Language),
        _attributes("location"),
    ),
    Contact: (Child("phones", Phone),),
    Phone: (Child("languages", Language),),
}

NESTED = {
    ServiceAtLocation: (Nested("location", "location_id", Location),),
    ServiceCapacity: (Nested("unit", "unit_id", Unit),),
}

# Foreign keys the input may set, and the table each must point at. Every other foreign key
# is the parent link, which the nesting itself decides.
REFERENCES = {
    Service: {"organization_id": Organization, "program_id": Program},
    Location: {"organization_id": Organization},
    Organization: {"parent_organization_id": Organization},
    Attribute: {"taxonomy_term_id": TaxonomyTerm},
    ServiceAtLocation: {"location_id": Location},
    ServiceCapacity: {"unit_id": Unit},
}

# References a new record cannot do without although the column is nullable.
REQUIRED_REFERENCES = {
    Service: ("organization_id",),
    Attribute: ("taxonomy_term_id",),
    ServiceAtLocation: ("location_id",),
    ServiceCapacity: ("unit_id",),
}

# Columns the server manages: input values are ignored.
SERVER_MANAGED = {
    Service: {"last_modified", "assured_date"},
    Attribute: {"link_id", "link_entity"},
}

# Keys that are read-only views in HSDS output (nested copies of other records, audit rows).
READ_ONLY = {"metadata"}
READ_ONLY_BY_MODEL = {
    Organization: {"services"},
    Service: {"organization", "program"},
    ServiceAtLocation: {"service"},
    Attribute: {"taxonomy_term"},
}

ENUMS = {
    (Service, "status"): SERVICE_STATUSES,
    (Location, "location_type"): ("physical", "postal", "virtual"),
    (Address, "address_type"): ("physical", "postal", "virtual"),
    (Schedule, "freq"): ("WEEKLY", "MONTHLY"),
    (Schedule, "wkst"): ("MO", "TU", "WE", "TH", "FR", "SA", "SU"),
}


def children(model):
    """Return the child collections `model` owns."""
    return CHILDREN.get(model, ())


def nested(model):
    """Return the inline to-one records `model` links to."""
    return NESTED.get(model, ())


@cache  # the mapping is fixed at import; asked once per field of every saved record
def writable_columns(model):
    """Return the columns input may set on `model`, by name."""
    refs = REFERENCES.get(model, {})
    server = SERVER_MANAGED.get(model, set())
    return {
        column.key: column for column in inspect(model).columns
        if not column.primary_key and column.key not in server
        and (not column.foreign_keys or column.key in refs)
    }


@cache  # pure function of the fixed mapping, asked for every saved row
def parent_link(parent_model, child):
    """Return {child column: parent column} that ties a child row to its parent."""
    relationship = inspect(parent_model).relationships[child.key]
    return {remote.key: local.key for local, remote in relationship.local_remote_pairs}


@cache
def known_keys(model):
    """Return every input key `model` accepts (including the ones it ignores)."""
    columns = {column.key for column in inspect(model).columns}
    return (columns | {c.key for c in children(model)} | {n.key for n in nested(model)}
            | READ_ONLY | READ_ONLY_BY_MODEL.get(model, set()))
