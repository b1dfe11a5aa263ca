"""GET /openapi.json: an OpenAPI 3.1 document describing exactly what this API serves."""
from flask import Blueprint, current_app, jsonify, request

from directory.store.models import SERVICE_STATUSES

from . import openapi_admin, openapi_match, openapi_partner
from .common import NoParams
from .openapi_schemas import components, error, json_response, page_of, ref
from .params import ZIP, parse
from .root import patches

bp = Blueprint("api_openapi", __name__)

FLAG = {"type": "boolean"}
UUID = {"type": "string", "format": "uuid"}
TEXT = {
    "search": ({"type": "string", "maxLength": 500},
               "Case-insensitive words, all of which must appear (names, descriptions, terms)."),
    "search_services": ({"type": "string", "maxLength": 500},
                        "Plain words (no query syntax), each of which must appear, stemmed, in "
                        "names, descriptions, organization or category names; English stop "
                        "words are optional. Best match first (BM25 from the search index), "
                        "then by name and id; services the index does not hold (not active) "
                        "follow. Without an index yet, matched in SQL and sorted by name."),
    "page": ({"type": "integer", "minimum": 1, "default": 1}, "Page number, from 1."),
    "format": ({"type": "string", "enum": ["json", "ndjson"], "default": "json"},
               "`ndjson` streams every match, fully nested, one per line, without pagination."),
    "taxonomy_term_id": (UUID, "Only services with an attribute on this taxonomy term."),
    "taxonomy_id": (UUID, "Only services with an attribute on any term of this taxonomy."),
    "organization_id": (UUID, "Only services of this organization."),
    "modified_after": ({"type": "string", "format": "date-time"},
                       "Only services modified on or after this time (UTC when no offset)."),
    "minimal": (FLAG, "Items with just id, name, status and last_modified (or the ids of a "
                      "service at location); per_page defaults to its maximum."),
    "full": (FLAG, "Fully nested items."),
    "full_service": (FLAG, "Nest full services (not summaries) in organizations."),
    "status": ({"type": "string", "enum": list(SERVICE_STATUSES)},
               "Only services with this status."),
    "postcode": ({"type": "string", "pattern": ZIP},
                 "US ZIP: keep sites whose ZIP/county service areas cover it (sites stating no "
                 "such area are kept)."),
    "proximity": ({"type": "number", "exclusiveMinimum": 0, "maximum": 500000},
                  "Meters from the postcode's centroid (needs postcode); nearest first."),
    "top_only": (FLAG, "Only top-level terms (terms without a parent)."),
    "parent_id": (UUID, "Only terms whose parent is this term."),
    "taxonomy_id_terms": (UUID, "Only terms of this taxonomy."),
}
LISTS = {
    "/services": ("Service", ["taxonomy_term_id", "taxonomy_id", "organization_id",
                              "modified_after", "minimal", "full", "status"]),
    "/organizations": ("Organization", ["full", "full_service"]),
    "/service_at_locations": ("ServiceAtLocation", [
        "taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after", "minimal",
        "full", "status", "postcode", "proximity"]),
    "/taxonomies": ("Taxonomy", []),
    "/taxonomy_terms": ("TaxonomyTerm", ["taxonomy_id_terms", "parent_id", "top_only"]),
}
DETAILS = {
    "/services/{id}": ("Service", []),
    "/organizations/{id}": ("Organization", ["full_service"]),
    "/service_at_locations/{id}": ("ServiceAtLocation", []),
    "/taxonomies/{id}": ("Taxonomy", []),
    "/taxonomy_terms/{id}": ("TaxonomyTerm", []),
}


def query_param(name):
    """Return the OpenAPI object of one query parameter."""
    schema, description = TEXT[name]
    real = {"taxonomy_id_terms": "taxonomy_id", "search_services": "search"}.get(name, name)
    return {"name": real, "in": "query", "required": False, "schema": schema,
            "description": description}


BAD_PARAMS = "Invalid or unknown query parameters; `errors` names each one."


def list_operation(path, item, extra):
    """Describe one paginated listing."""
    per_page = {"type": "integer", "minimum": 1, "maximum": current_app.config["PER_PAGE_MAX"]}
    names = ["search_services" if path == "/services" else "search", "page", "format", *extra]
    params = [query_param(n) for n in names[:2]]
    params.append({"name": "per_page", "in": "query", "required": False, "schema": per_page,
                   "description": "Items per page."})
    params += [query_param(n) for n in names[2:]]
    ok = json_response("One page of results.", page_of(item))
    ok["content"]["application/x-ndjson"] = {"schema": {"type": "string"}}
    return {"get": {
        "operationId": "list" + path.strip("/").title().replace("_", ""),
        "summary": f"List {path.strip('/')} (HSDS 3.0 Page).",
        "parameters": params,
        "responses": {"200": ok, "400": error(BAD_PARAMS)},
    }}


def detail_operation(path, item, extra):
    """Describe one fetch-by-id."""
    params = [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"},
               "description": "The record's id (a UUID; anything else is not found)."}]
    params += [query_param(n) for n in extra]
    return {"get": {
        "operationId": "get" + item,
        "summary": f"Fetch one fully nested {item}.",
        "parameters": params,
        "responses": {"200": json_response(f"The {item}.", ref(item)),
                      "400": error(BAD_PARAMS), "404": error("No record with that id.")},
    }}


def fixed_paths():
    """Describe the meta endpoints: /, the profile and this document."""
    meta = {"type": "object", "required": ["version", "profile", "openapi_url"],
            "additionalProperties": False,
            "properties": {"version": {"type": "string"}, "profile": {"type": "string"},
                           "openapi_url": {"type": "string"}}}
    anything = {"type": "object"}
    bad = {"400": error(BAD_PARAMS)}
    stems = [file_name.removesuffix(".json") for file_name in patches()]
    name = {"name": "name", "in": "path", "required": True,
            "schema": {"type": "string", "enum": stems}, "description": "Schema name."}
    return {
        "/": {"get": {"operationId": "getMeta", "summary": "HSDS version, profile, OpenAPI URL.",
                      "responses": {"200": json_response("API meta information.", meta), **bad}}},
        "/profile/": {"get": {"operationId": "getProfile",
                              "summary": "List our profile's JSON Merge Patch files.",
                              "responses": {"200": json_response("The profile.", anything),
                                            **bad}}},
        "/profile/{name}.json": {"get": {
            "operationId": "getProfilePatch", "summary": "One JSON Merge Patch to HSDS 3.0.",
            "parameters": [name],
            "responses": {"200": json_response("The merge patch.", anything), **bad,
                          "404": error("No patch for that schema.")}}},
        "/openapi.json": {"get": {"operationId": "getOpenAPI", "summary": "This document.",
                                  "responses": {"200": json_response("OpenAPI 3.1.", anything),
                                                **bad}}},
    }


def conditional_read(operation):
    """Describe the ETag and If-None-Match of GET /services/{id} (partners send it back)."""
    operation["parameters"].append({
        "name": "If-None-Match", "in": "header", "required": False,
        "schema": {"type": "string"}, "description": "An ETag you hold: 304 when unchanged."})
    operation["responses"]["200"]["headers"] = openapi_partner.ETAG
    operation["responses"]["304"] = {"description": "Unchanged since the ETag you sent.",
                                     "headers": openapi_partner.ETAG}


def all_paths():
    """Return every JSON endpoint's path item; HTML pages are left out."""
    paths = fixed_paths()
    paths.update({p: list_operation(p, item, extra) for p, (item, extra) in LISTS.items()})
    paths.update({p: detail_operation(p, item, extra) for p, (item, extra) in DETAILS.items()})
    conditional_read(paths["/services/{id}"]["get"])
    for module in (openapi_match, openapi_partner, openapi_admin):
        for path, item in module.paths().items():
            paths.setdefault(path, {}).update(item)
    return paths


def document():
    """Build the OpenAPI 3.1 document for the running app."""
    schemas = components()
    for module in (openapi_match, openapi_partner, openapi_admin):
        schemas.update(module.components())
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Community resource directory (HSDS 3.0, matching and partner API)",
            "version": current_app.config["HSDS_VERSION"],
            "description": (
                "Open Referral HSDS 3.0 with our profile (see /profile/), POST /match, and "
                "the partner API (bearer tokens from /account). Unknown query parameters are "
                "rejected with 400 so that typos never silently widen a search; unknown body "
                "fields with 422 so that a typo never silently drops an edit."
            ),
        },
        "servers": [{"url": request.host_url.rstrip("/")}],
        "paths": all_paths(),
        "components": {"schemas": schemas, "securitySchemes": {"bearerAuth": {
            "type": "http", "scheme": "bearer",
            "description": "An API token created on /account (partners and admins)."}}},
    }


@bp.get("/openapi.json")
def openapi_document():
    """Serve the OpenAPI document."""
    parse(NoParams)
    return jsonify(document())
