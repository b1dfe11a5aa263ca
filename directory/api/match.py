"""POST /match: a clinician describes a client and gets ranked, explained services.

The request is parsed by a strict schema (unknown fields are a 422 naming them), turned into
a matcher profile, matched against the search index, and shaped for people. Nothing about the
client is written anywhere: no store rows, no logs of the request.
"""
from flask import Blueprint, current_app, jsonify, request
from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from directory.api.json_fields import JSONBoolean, JSONInteger, JSONNumber
from directory.errors import InvalidInput
from directory.search.backend import search_backend
from directory.search.profiles import build_profile
from directory.search.results import response_body
from directory.store.db import get_session
from matcher.engine import match
from matcher.profile import DAYS, MAX_LIMIT, TIME_RE
from matcher.vocabulary import ACCESSIBILITY, GENDERS, INSURANCE, MODALITIES, PREFERENCES

bp = Blueprint("match", __name__)


def init_app(app):
    """Register the match endpoint."""
    app.register_blueprint(bp)


def _choice(values):
    return fields.String(validate=validate.OneOf(values))


class Strict(Schema):
    class Meta:
        unknown = RAISE


class PlaceSchema(Strict):
    latitude = JSONNumber(validate=validate.Range(-90, 90))
    longitude = JSONNumber(validate=validate.Range(-180, 180))
    postal_code = fields.String(validate=validate.Regexp(r"^\d{5}(-\d{4})?$"))
    address = fields.String(validate=validate.Length(min=2, max=300))

    @validates_schema
    def one_form(self, data, **_kwargs):
        """Require exactly one of: coordinates, a postal code, an address."""
        forms = [("latitude" in data or "longitude" in data), "postal_code" in data,
                 "address" in data]
        if sum(forms) != 1:
            raise ValidationError("give either latitude and longitude, or postal_code, "
                                  "or address")
        if forms[0] and not ("latitude" in data and "longitude" in data):
            raise ValidationError("latitude and longitude go together")


class CostSchema(Strict):
    free_only = JSONBoolean()
    sliding_scale_ok = JSONBoolean()
    max_amount = JSONNumber(validate=validate.Range(min=0), allow_none=True)


class WindowSchema(Strict):
    day = fields.String(required=True, validate=validate.OneOf(DAYS))
    from_ = fields.String(data_key="from", attribute="from", required=True,
                          validate=validate.Regexp(TIME_RE))
    to = fields.String(required=True, validate=validate.Regexp(TIME_RE))


class MatchRequestSchema(Strict):
    needs = fields.List(fields.String(validate=validate.Length(1, 255)),
                        validate=validate.Length(max=50))
    text = fields.String(validate=validate.Length(max=500), allow_none=True)
    location = fields.Nested(PlaceSchema)
    max_distance_km = JSONNumber(load_default=15.0, validate=validate.Range(
        min=0, min_inclusive=False, max=500))
    modality = fields.List(_choice(MODALITIES), validate=validate.Length(min=1))
    age = JSONNumber(validate=validate.Range(0, 130))
    gender = _choice(GENDERS)
    household_size = JSONInteger(validate=validate.Range(1, 20))
    annual_income = JSONNumber(validate=validate.Range(min=0))
    insurance = _choice(INSURANCE)
    veteran = JSONBoolean()
    languages = fields.List(fields.String(validate=validate.Regexp(r"^[A-Za-z]{2,3}$")))
    interpreter_ok = JSONBoolean(load_default=False)
    accessibility = fields.List(_choice(ACCESSIBILITY))
    cost = fields.Nested(CostSchema)
    available = fields.List(fields.Nested(WindowSchema), validate=validate.Length(max=21))
    preferences = fields.List(_choice(PREFERENCES))
    limit = JSONInteger(load_default=20, validate=validate.Range(1, MAX_LIMIT))
    page = JSONInteger(load_default=1, validate=validate.Range(1, 1000))


# One instance for the process: load() keeps no state between calls, and building the
# nested schemas per request cost more than a quarter of a fast match.
MATCH_REQUEST = MatchRequestSchema()


@bp.post("/match")
def match_view():
    """Return ranked, explained services for the client described in the JSON body."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise InvalidInput("The request body must be a JSON object.",
                           errors={"_schema": ["expected a JSON object"]})
    return jsonify(run_match(MATCH_REQUEST.load(body)))


def run_match(data):
    """Match a loaded request against the index and return the response body."""
    config = current_app.config
    session = get_session()
    profile = build_profile(session, data, config.get("GEOCODER_URL"),
                            config.get("GEOCODER_USER_AGENT", "community-directory"))
    response = match(profile, search_backend(),
                     poverty_year=config.get("POVERTY_GUIDELINE_YEAR", 2025))
    return response_body(session, response)
