"""OpenAPI description of POST /match: the request derived from its marshmallow schema."""
from .match import MatchRequestSchema, PlaceSchema
from .openapi_marshmallow import Converter
from .openapi_schemas import error, json_response, nullable, obj, ref

# PlaceSchema.one_form, stated in JSON Schema: exactly one way of saying where the client is.
PLACE_FORMS = {"oneOf": [{"required": ["latitude", "longitude"]}, {"required": ["postal_code"]},
                         {"required": ["address"]}]}
TEXT = {"type": "string"}
TEXTS = {"type": "array", "items": TEXT}
NUMBER = {"type": "number"}


def result_schema():
    """Return the schema of one match result (see directory.search.results.result_body)."""
    contact = obj(phone=nullable(TEXT), email=nullable(TEXT), url=nullable(TEXT))
    organization = obj(id=TEXT, name=TEXT)
    service = obj(id=TEXT, name=TEXT, organization=organization, description=TEXT,
                  contact=contact)
    address = obj(address_1=TEXT, city=TEXT, state_province=TEXT, postal_code=TEXT)
    location = obj(id=TEXT, name=nullable(TEXT), address=nullable(address),
                   latitude=nullable(NUMBER), longitude=nullable(NUMBER))
    return obj(
        service=service, service_at_location_id=nullable(TEXT), location=nullable(location),
        distance_km=nullable({"type": "number", "minimum": 0}), score=NUMBER, covers=TEXTS,
        fit=obj(met=TEXTS, unknown=TEXTS, relaxed=TEXTS),
        last_confirmed=nullable({"type": "string", "format": "date"}))


def components():
    """Return the request and response components of /match."""
    converter = Converter(extras={PlaceSchema: PLACE_FORMS})
    converter.ref(MatchRequestSchema)
    schemas = converter.components
    schemas["MatchResult"] = result_schema()
    schemas["MatchResponse"] = obj(
        results={"type": "array", "items": ref("MatchResult")},
        total_feasible={"type": "integer", "minimum": 0},
        relaxed=TEXTS)
    return schemas


def paths():
    """Return the /match path item."""
    return {"/match": {"post": {
        "operationId": "match",
        "summary": "Rank and explain the services that fit a client (nothing is stored).",
        "description": (
            "Hard constraints are never relaxed: a service whose data excludes the client is "
            "never returned; missing data is listed in `fit.unknown`. When fewer than `limit` "
            "fit, soft conditions are relaxed in a fixed order and named in `relaxed`."),
        "requestBody": {"required": True, "content": {
            "application/json": {"schema": ref("MatchRequest")}}},
        "responses": {
            "200": json_response("Ranked results, best first.", ref("MatchResponse")),
            "413": error("The body is larger than the configured maximum."),
            "422": error("The body is not a JSON object, or fields are unknown or invalid; "
                         "`errors` names each one."),
        },
    }}}
