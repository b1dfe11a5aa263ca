"""OpenAPI description of the partner API (bearer tokens): service writes and change requests."""
from directory.partner.models import KINDS, STATUSES
from directory.partner.schemas import schema_for
from directory.store import nested as spec
from directory.store.models import Base, Service

from .openapi_marshmallow import Converter
from .openapi_schemas import error, json_response, nullable, obj, ref

SECURITY = [{"bearerAuth": []}]
TEXT = {"type": "string"}
STAMP = {"type": "string", "format": "date-time"}
ETAG = {"ETag": {"description": "Strong ETag of the service: send it back in If-Match.",
                 "schema": TEXT}}
LOCATION = {"Location": {"description": "Where the new record can be read.", "schema": TEXT}}
ID = {"name": "id", "in": "path", "required": True, "schema": TEXT,
      "description": "The record's id."}
IF_MATCH = {"name": "If-Match", "in": "header", "required": True, "schema": TEXT,
            "description": "The ETag of GET /services/{id}; a stale one is refused (412)."}
AUTH = {"401": error("No valid bearer token (`WWW-Authenticate: Bearer`)."),
        "403": error("This role or organisation may not do this.")}


def components():
    """Return the write body schemas (from the partner API's marshmallow schemas) and more."""
    converter = Converter()
    converter.ref(schema_for(Service))
    schemas = store_rules(converter.components)
    # PUT and POST state a whole service: the store requires these (PATCH keeps the old ones).
    whole = {"required": ["name", "status"],
             "properties": {"name": {"type": "string", "pattern": "\\S"}, "status": TEXT}}
    schemas["ServiceFull"] = {"allOf": [ref("ServiceWrite"), whole]}
    change = obj(
        id=TEXT, organization_id=TEXT, service_id=nullable(TEXT),
        kind={"type": "string", "enum": list(KINDS)},
        status={"type": "string", "enum": list(STATUSES)},
        submitted_by=TEXT, submitted_at=STAMP, reviewed_by=nullable(TEXT),
        reviewed_at=nullable(STAMP), review_note=nullable(TEXT),
        diff={"type": "array", "items": obj(path=TEXT, old={}, new={})},
        stale={"type": "boolean"})
    schemas["ChangeRequest"] = change
    schemas["ChangeRequestList"] = obj(contents={"type": "array", "items": ref("ChangeRequest")})
    schemas["Decision"] = {"type": "object", "additionalProperties": False,
                           "properties": {"note": nullable({"type": "string",
                                                            "maxLength": 2000})}}
    return schemas


def store_rules(schemas):
    """Add what the store checks beyond types: ids are UUIDs, and its enumerations."""
    models = {mapper.class_.__name__ + "Write": mapper.class_ for mapper in Base.registry.mappers}
    for name, schema in schemas.items():
        model = models.get(name)
        for key, field in schema.get("properties", {}).items():
            value = field["anyOf"][0] if "anyOf" in field else field
            if key == "id" or key.endswith("_id"):
                value["format"] = "uuid"
            if (model, key) in spec.ENUMS:
                value["enum"] = list(spec.ENUMS[model, key])
    return schemas


def _operation(operation_id, summary, responses, parameters=(), body=None, required=True):
    operation = {"operationId": operation_id, "summary": summary, "security": SECURITY,
                 "parameters": list(parameters), "responses": {**responses, **AUTH}}
    if body is not None:
        operation["requestBody"] = {"required": required, "content": {
            "application/json": {"schema": body}}}
    return operation


def _write_responses(**extra):
    return {
        "200": json_response("Published: the service as now read.", ref("Service"), ETAG),
        "202": json_response("Held for review: the change request.", ref("ChangeRequest"),
                             LOCATION),
        "400": error("The body is not valid JSON."),
        "413": error("The body is larger than the configured maximum."),
        "422": error("Unknown or invalid fields; `errors` names each one."),
        **extra,
    }


def _edit(verb, summary, body):
    return _operation(f"{verb}Service", summary, _write_responses(
        **{"404": error("No service with that id."),
           "412": error("If-Match is not the service's current ETag."),
           "428": error("If-Match is missing.")}), [ID, IF_MATCH], ref(body))


def _decision(verb):
    return {"post": _operation(
        f"{verb}ChangeRequest", f"{verb.title()} a pending change request (admins).", {
            "200": json_response("The decided change request.", ref("ChangeRequest")),
            "400": error("The body is not valid JSON."),
            "404": error("No change request with that id."),
            "409": error("The change request is already decided."),
            "412": error("The service changed since the request was made (approve)."),
            "422": error("The body is not `{\"note\": ...}`.")},
        [ID], ref("Decision"), required=False)}


def paths():
    """Return the partner API's path items (merged with the read API's by the caller)."""
    created = json_response("Published: the new service.", ref("Service"), {**ETAG, **LOCATION})
    return {
        "/services/{id}": {
            "put": _edit("replace", "Replace a whole service; fields left out are cleared.",
                         "ServiceFull"),
            "patch": _edit("patch", "Change only the given fields of a service.",
                           "ServiceWrite")},
        "/services": {"post": _operation(
            "createService", "Create a service for the partner's organisation.",
            _write_responses(**{"201": created,
                                "409": error("A service with that id exists.")}),
            body=ref("ServiceFull"))},
        "/services/{id}/confirm": {"post": _operation(
            "confirmService", "Confirm a listing is still accurate (assured_date = today).",
            {key: value for key, value in _write_responses(
                **{"404": error("No service with that id.")}).items()
             if key not in ("400", "413", "422")}, [ID])},
        "/change_requests": {"get": _operation(
            "listChangeRequests", "List change requests (a partner: their organisation's).",
            {"200": json_response("Newest first.", ref("ChangeRequestList")),
             "422": error("Unknown status.")},
            [{"name": "status", "in": "query", "required": False,
              "schema": {"type": "string", "enum": list(STATUSES)}}])},
        "/change_requests/{id}": {"get": _operation(
            "getChangeRequest", "Show one change request.",
            {"200": json_response("The change request.", ref("ChangeRequest")),
             "404": error("No change request with that id.")}, [ID])},
        "/change_requests/{id}/approve": _decision("approve"),
        "/change_requests/{id}/reject": _decision("reject"),
    }
