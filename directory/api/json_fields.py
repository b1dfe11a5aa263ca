"""marshmallow fields that accept only the JSON type they name.

marshmallow is lenient by default: Float takes "30", Integer(strict=True) and Boolean take
true/false and 1/0 (in Python, True == 1). A client sending the wrong type has a bug worth
reporting, and our OpenAPI document promises these types, so the edge refuses the rest.
"""
from marshmallow import fields


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class JSONNumber(fields.Float):
    """A JSON number (never a string or a boolean); NaN and infinity are refused."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_nan", False)
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if not _is_number(value):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class JSONInteger(fields.Integer):
    """A JSON integer (never a string, a boolean or a number with a fraction)."""

    def __init__(self, **kwargs):
        kwargs["strict"] = True
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if not _is_number(value):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class JSONBoolean(fields.Boolean):
    """A JSON true or false (never 1, 0 or "yes")."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value
