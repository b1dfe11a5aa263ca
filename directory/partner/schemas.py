"""marshmallow schemas for partner writes, derived from the store's HSDS models.

One schema per table, built from the same spec the store validates with (`store.nested`), so
every HSDS field and nested collection is known, each value's type is checked at the edge, and
any key that is not a field is refused by name (a typo never silently drops an edit).
"""
import functools

from marshmallow import Schema, fields, validate
from sqlalchemy import inspect

from directory.api.json_fields import JSONInteger, JSONNumber
from directory.errors import InvalidInput
from directory.store import nested as spec
from directory.store.models import Service
from directory.store.values import column_kind

# A wait time or capacity beyond these is a typo, not a fact.
MAX_WAIT_DAYS = 3650


def _number(**kwargs):
    return JSONNumber(**kwargs)


FIELD_OF_KIND = {
    "datetime": lambda: fields.AwareDateTime(allow_none=True),
    "date": lambda: fields.Date(allow_none=True),
    "float": lambda: _number(allow_none=True),
    "int": lambda: JSONInteger(allow_none=True),
    "json": lambda: fields.List(fields.String(), allow_none=True),
    "text": lambda: fields.String(allow_none=True),
}
EXTRA_RULES = {
    (Service, "wait_time_days"): validate.Range(0, MAX_WAIT_DAYS),
    (Service, "minimum_age"): validate.Range(0, 130),
    (Service, "maximum_age"): validate.Range(0, 130),
}


def _column_field(model, column):
    field = FIELD_OF_KIND[column_kind(column)]()
    rule = EXTRA_RULES.get((model, column.key))
    if rule is not None:
        field.validators.append(rule)
    return field


@functools.cache
def schema_for(model):
    """Return the (cached) strict schema class for one HSDS table and everything it nests."""
    attrs = {column.key: _column_field(model, column) for column in inspect(model).columns}
    for child in spec.children(model):
        attrs[child.key] = fields.List(fields.Nested(schema_for(child.model)), allow_none=True)
    for nest in spec.nested(model):
        attrs[nest.key] = fields.Nested(schema_for(nest.model), allow_none=True)
    # Read-only views from GET output (metadata, nested organization, ...): accepted, unused.
    for key in spec.READ_ONLY | spec.READ_ONLY_BY_MODEL.get(model, set()):
        attrs[key] = fields.Raw(allow_none=True)
    # Schema's default for unknown keys is RAISE, nested schemas included.
    return Schema.from_dict(attrs, name=f"{model.__name__}WriteSchema")


def flatten(errors, prefix=""):
    """Turn marshmallow's nested error dict into {"schedules[0].opens_at": [messages]}."""
    flat = {}
    for key, value in errors.items():
        if isinstance(key, int):
            path = f"{prefix}[{key}]"
        else:
            path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            flat.update(flatten(value, path))
        else:
            flat[path] = list(value)
    return flat


def check_service(body):
    """Raise InvalidInput (422) naming every unknown or mistyped field of a service body."""
    if not isinstance(body, dict):
        raise InvalidInput("The request body must be a JSON object.",
                           errors={"_schema": ["expected a JSON object"]})
    errors = flatten(schema_for(Service)().validate(body))
    if not errors:
        return body
    unknown = sorted(path for path, messages in errors.items() if "Unknown field." in messages)
    message = ("Unknown fields: " + ", ".join(unknown) + "." if unknown
               else "The service has invalid fields.")
    raise InvalidInput(message, errors=errors)
