"""Model → HSDS 3.0 dicts (plus our profile fields), exactly the shape the API answers with.

Explicit dump functions rather than marshmallow schemas: every column is already named after its
HSDS field, so a dump is "the columns, minus None, plus the nested lists the schema names".
None-valued optional fields are omitted because the HSDS schemas type them without null.
"""
from datetime import date, datetime

# Profile extensions left out of list items so they validate against the plain list schemas.
SERVICE_PROFILE_FIELDS = ("wait_time_days", "wait_time_updated")


def value(raw):
    """Return a JSON-ready value: ISO dates, integral floats as ints."""
    if isinstance(raw, datetime):
        return raw.isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    return raw


def columns(record, exclude=()):
    """Dump a record's own (one-to-one) fields, omitting unknown values."""
    data = {}
    for column in record.__table__.columns:
        if column.key in exclude:
            continue
        raw = getattr(record, column.key)
        if raw is not None:
            data[column.key] = value(raw)
    return data


def term(record):
    """Dump a taxonomy term, with its taxonomy when that is loaded."""
    data = columns(record)
    if "taxonomy_detail" in record.__dict__ and record.taxonomy_detail is not None:
        data["taxonomy_detail"] = columns(record.taxonomy_detail)
    return data


def attribute(record):
    """Dump an attribute with its taxonomy term nested."""
    data = columns(record)
    data["taxonomy_term"] = term(record.taxonomy_term)
    return data


def phone(record):
    """Dump a phone with its languages."""
    return {**columns(record), "languages": [columns(lang) for lang in record.languages]}


def contact(record):
    """Dump a contact with its phones."""
    return {**columns(record), "phones": [phone(p) for p in record.phones]}


def location_full(record):
    """Dump a location with everything HSDS nests under it."""
    data = columns(record)
    data["languages"] = [columns(lang) for lang in record.languages]
    data["addresses"] = [columns(a) for a in record.addresses]
    data["contacts"] = [contact(c) for c in record.contacts]
    data["accessibility"] = [columns(a) for a in record.accessibility]
    data["phones"] = [phone(p) for p in record.phones]
    data["schedules"] = [columns(s) for s in record.schedules]
    data["attributes"] = [attribute(a) for a in record.attributes]
    return data


def service_at_location_nested(record):
    """Dump a service-at-location as nested inside its service (no `service` back-link)."""
    data = columns(record)
    data["contacts"] = [contact(c) for c in record.contacts]
    data["phones"] = [phone(p) for p in record.phones]
    data["schedules"] = [columns(s) for s in record.schedules]
    data["service_areas"] = [columns(a) for a in record.service_areas]
    data["location"] = location_full(record.location)
    data["attributes"] = [attribute(a) for a in record.attributes]
    return data


def capacity(record):
    """Dump a 3.1 service_capacity with its unit nested."""
    return {**columns(record), "unit": columns(record.unit)}


def service_summary(record):
    """Dump a service's HSDS one-to-one fields (the list-item shape, without nesting)."""
    return columns(record, exclude=SERVICE_PROFILE_FIELDS)


def service_list_item(record):
    """Dump a service as `compiled/service_list.json` has it: own fields, org and program."""
    data = service_summary(record)
    data["organization"] = columns(record.organization)
    if record.program is not None:
        data["program"] = columns(record.program)
    return data


def service_minimal(record):
    """Dump the id and modification date (plus the fields the list schema requires)."""
    data = {"id": record.id, "name": record.name, "status": record.status}
    if record.last_modified is not None:
        data["last_modified"] = value(record.last_modified)
    return data


def service_full(record, metadata=()):
    """Dump a fully nested service; `metadata` are the service's audit rows."""
    data = service_list_item(record)
    data.update(columns(record, exclude=data))
    data["phones"] = [phone(p) for p in record.phones]
    data["schedules"] = [columns(s) for s in record.schedules]
    data["service_areas"] = [
        columns(a) for a in record.service_areas if a.service_at_location_id is None
    ]
    data["service_at_locations"] = [
        service_at_location_nested(sal) for sal in record.service_at_locations
    ]
    data["languages"] = [columns(lang) for lang in record.languages]
    data["funding"] = [columns(f) for f in record.funding]
    data["cost_options"] = [columns(c) for c in record.cost_options]
    data["required_documents"] = [columns(d) for d in record.required_documents]
    data["contacts"] = [contact(c) for c in record.contacts]
    data["capacities"] = [capacity(c) for c in record.capacities]
    data["attributes"] = [attribute(a) for a in record.attributes]
    data["metadata"] = [columns(m) for m in metadata]
    return data


def service_at_location_list_item(record):
    """Dump a service-at-location as `compiled/service_at_location_list.json` describes."""
    data = columns(record)
    data["location"] = columns(record.location)
    data["service"] = service_list_item(record.service)
    return data


def service_at_location_minimal(record):
    """Dump just the ids linking a service to a location."""
    return columns(record, exclude=("description",))


def service_at_location_full(record):
    """Dump a fully nested service-at-location with its service's summary."""
    data = service_at_location_nested(record)
    data["service"] = service_list_item(record.service)
    return data


def organization_full(record, services):
    """Dump a fully nested organization; `services` are already-dumped service dicts."""
    data = columns(record)
    data["funding"] = [columns(f) for f in record.funding]
    data["contacts"] = [contact(c) for c in record.contacts]
    data["phones"] = [phone(p) for p in record.phones]
    data["locations"] = [location_full(loc) for loc in record.locations]
    data["programs"] = [columns(p) for p in record.programs]
    data["organization_identifiers"] = [columns(i) for i in record.organization_identifiers]
    data["attributes"] = [attribute(a) for a in record.attributes]
    data["services"] = services
    return data
