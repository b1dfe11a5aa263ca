"""OpenAPI description of GET /me (any token holder) and the admins' ingest run reports."""
from directory.auth.models import ROLES
from ingest.models import COUNTS

from .openapi_partner import AUTH, SECURITY
from .openapi_schemas import error, json_response, nullable, obj, page_of, ref

TEXT = {"type": "string"}
STAMP = {"type": "string", "format": "date-time"}
COUNT = {"type": "integer", "minimum": 0}
BAD_PARAMS = error("Invalid or unknown query parameters; `errors` names each one.")


def run_properties():
    """Return the properties of one ingest run as listed."""
    return {"id": {"type": "integer"}, "source": TEXT, "format": nullable(TEXT),
            "location": TEXT, "started_at": STAMP, "finished_at": nullable(STAMP),
            "status": TEXT, "counts": obj(**{name: COUNT for name in COUNTS}),
            "message": nullable(TEXT)}


def components():
    """Return the Me, IngestRun and IngestRunReport components."""
    reject = obj(file=nullable(TEXT), line=nullable({"type": "integer"}),
                 external_id=nullable(TEXT), reason=TEXT)
    duplicate = obj(kind=TEXT, record_id=TEXT, duplicate_of=TEXT, reason=TEXT)
    return {
        "Me": obj(id=TEXT, email=TEXT, role={"type": "string", "enum": list(ROLES)},
                  organization_id=nullable(TEXT), token=obj(id=TEXT, name=TEXT)),
        "IngestRun": obj(**run_properties()),
        "IngestRunReport": obj(**run_properties(),
                               rejects={"type": "array", "items": reject},
                               duplicates={"type": "array", "items": duplicate}),
    }


def paths():
    """Return the /me and /ingest/runs path items."""
    page = {"name": "page", "in": "query", "required": False,
            "schema": {"type": "integer", "minimum": 1, "default": 1}}
    per_page = {"name": "per_page", "in": "query", "required": False,
                "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}}
    run_id = {"name": "id", "in": "path", "required": True,
              "schema": {"type": "integer", "minimum": 0}, "description": "The run's number."}
    return {
        "/me": {"get": {
            "operationId": "getMe", "summary": "Whose token this is (check a token works).",
            "security": SECURITY,
            "responses": {"200": json_response("The token's account.", ref("Me")),
                          "401": AUTH["401"]}}},
        "/ingest/runs": {"get": {
            "operationId": "listIngestRuns", "summary": "List ingest runs, newest first (admins).",
            "security": SECURITY, "parameters": [page, per_page],
            "responses": {"200": json_response("One page of runs.", page_of("IngestRun")),
                          "400": BAD_PARAMS, **AUTH}}},
        "/ingest/runs/{id}": {"get": {
            "operationId": "getIngestRun",
            "summary": "One run with its rejected rows and merged duplicates (admins).",
            "security": SECURITY, "parameters": [run_id],
            "responses": {"200": json_response("The run's report.", ref("IngestRunReport")),
                          "404": error("No run with that number."), **AUTH}}},
    }
