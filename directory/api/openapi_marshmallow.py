"""Derive OpenAPI request schemas from the marshmallow schemas that really validate requests.

Written once from the live schema classes, the document cannot drift from the validation:
types, enums, ranges, lengths, patterns, required fields, defaults, and `unknown = RAISE` as
`additionalProperties: false`. Rules marshmallow states in code (`@validates_schema`) are
added by the caller through `extras`, keyed by schema class.
"""
from marshmallow import RAISE, fields, missing, validate

PREFIX = "#/components/schemas/"


class Converter:
    """Collect component schemas for marshmallow schema classes, nested ones included."""

    def __init__(self, extras=None):
        self.components = {}
        self.extras = extras or {}

    def ref(self, schema_class):
        """Return a $ref to the component of `schema_class`, describing it on first use."""
        name = schema_class.__name__.removesuffix("Schema")
        if name not in self.components:
            self.components[name] = {}  # claimed first, so recursive nesting terminates
            self.components[name] = self._object(schema_class)
        return {"$ref": PREFIX + name}

    def _object(self, schema_class):
        schema = schema_class()
        properties, required = {}, []
        for name, field in schema.load_fields.items():
            key = field.data_key or name
            properties[key] = self.field(field)
            if field.required:
                required.append(key)
        body = {"type": "object", "properties": properties,
                "additionalProperties": schema.unknown != RAISE}
        if required:
            body["required"] = required
        body.update(self.extras.get(schema_class, {}))
        return body

    def field(self, field):
        """Return the JSON Schema of one marshmallow field, with its validators and default."""
        schema = self._base(field)
        for validator in field.validators:
            schema.update(rule(validator, schema.get("type")))
        default = field.load_default
        if default is not missing and not callable(default):
            schema["default"] = default
        if not field.allow_none or not schema:
            return schema
        return {"anyOf": [schema, {"type": "null"}]}

    def _base(self, field):
        if isinstance(field, fields.Nested):
            nested = field.nested if isinstance(field.nested, type) else type(field.nested)
            return self.ref(nested)
        if isinstance(field, fields.List):
            return {"type": "array", "items": self.field(field.inner)}
        for kind, schema in SIMPLE:
            if isinstance(field, kind):
                return dict(schema)
        return {}  # fields.Raw: any JSON value


# Order matters: Date is a DateTime and Integer a Number in marshmallow.
SIMPLE = (
    (fields.Boolean, {"type": "boolean"}),
    (fields.Integer, {"type": "integer"}),
    (fields.Number, {"type": "number"}),
    (fields.Date, {"type": "string", "format": "date"}),
    (fields.DateTime, {"type": "string", "format": "date-time"}),
    (fields.String, {"type": "string"}),
)


def rule(validator, kind):
    """Return the JSON Schema keywords of one marshmallow validator."""
    if isinstance(validator, validate.OneOf):
        return {"enum": list(validator.choices)}
    if isinstance(validator, validate.Regexp):
        return {"pattern": validator.regex.pattern}
    if isinstance(validator, validate.Length):
        low, high = ("minItems", "maxItems") if kind == "array" else ("minLength", "maxLength")
        bounds = {low: validator.min, high: validator.max}
        return {key: value for key, value in bounds.items() if value is not None}
    if isinstance(validator, validate.Range):
        return _range(validator)
    raise ValueError(f"no JSON Schema for validator {validator!r}")


def _range(validator):
    found = {}
    if validator.min is not None:
        found["minimum" if validator.min_inclusive else "exclusiveMinimum"] = validator.min
    if validator.max is not None:
        found["maximum" if validator.max_inclusive else "exclusiveMaximum"] = validator.max
    return found
