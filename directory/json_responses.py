"""JSON responses encoded by orjson: the same documents Flask's encoder writes, faster.

Encoding a page of match results with the standard library took about a sixth of the time
a /match request spent outside the matching engine. Only responses change: request bodies are still
parsed by Flask's own decoder, and the `tojson` template filter still uses `dumps`, so what
is accepted and what pages embed stay exactly as they were.
"""
import orjson
from flask.json.provider import DefaultJSONProvider

# Dates and dataclasses go through Flask's `default`, which writes dates as HTTP dates;
# orjson would write ISO 8601 and change what clients read.
_OPTIONS = (orjson.OPT_APPEND_NEWLINE | orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY
            | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS)


class JSONResponses(DefaultJSONProvider):
    """Flask's JSON provider, with `jsonify` and returned dicts encoded by orjson.

    Keys are sorted and debug responses indented as Flask does. What orjson refuses
    (integers beyond 64 bits, for one) is encoded by Flask's own code, so no response
    that worked before fails now. NaN and infinities, which are not
    JSON, become null instead of the bare NaN the standard library writes. Text is sent
    as UTF-8 rather than \\u escapes: the same strings to any JSON parser.
    """

    def response(self, *args, **kwargs):
        obj = self._prepare_response_obj(args, kwargs)
        options = _OPTIONS
        if self.sort_keys:
            options |= orjson.OPT_SORT_KEYS
        if (self.compact is None and self._app.debug) or self.compact is False:
            options |= orjson.OPT_INDENT_2
        try:
            body = orjson.dumps(obj, default=self.default, option=options)
        except TypeError:   # orjson.JSONEncodeError is one
            return super().response(obj)
        return self._app.response_class(body, mimetype=self.mimetype)


def init_app(app):
    """Encode this app's JSON responses with orjson."""
    app.json = JSONResponses(app)
