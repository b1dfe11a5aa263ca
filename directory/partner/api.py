"""The partner API (bearer tokens): edit, replace, confirm and create services; see changes.

Views are thin: check who may act, check the body with the schemas, build the save data,
and hand it to `review.submit`, which publishes or holds it for review (202).
"""
from flask import Blueprint, jsonify, request, url_for
from flask_login import current_user
from marshmallow import Schema, fields, validate

from directory.auth import require, require_api_user
from directory.errors import Conflict, DomainError, NotFound
from directory.store.db import get_session
from directory.store.models import Service

from . import etag, payloads, review, schemas
from .serialize import change_json

bp = Blueprint("partner_api", __name__)
EDITORS = ("partner", "admin")


class DecisionSchema(Schema):
    """The optional body of approve/reject: a note for the partner, nothing else."""

    note = fields.String(allow_none=True, validate=validate.Length(max=2000))


def json_body():
    """Return the parsed JSON body; 400 with the JSON error shape when it is not JSON."""
    body = request.get_json(silent=True)
    if body is None:
        problem = "malformed JSON" if request.get_data() else "a JSON body is required"
        raise DomainError("The request body is not valid JSON.", errors={"_schema": [problem]},
                          status=400, code="bad_request")
    return body


def owned_document(session, service_id, action):
    """Return the service as GET shows it; 404 when unknown, 403 when not the user's."""
    document = etag.service_document(session, service_id)
    if document is None:
        raise NotFound(f"No service with id {service_id!r}.")
    require(action, document)
    return document


def _check_target(body, document):
    """Refuse a body naming another service, or moving it to another organisation."""
    if body.get("id") not in (None, document["id"]):
        raise DomainError("The body names another service.", status=422, code="invalid",
                          errors={"id": ["must match the service in the URL"]})
    if body.get("organization_id") not in (None, document["organization_id"]):
        require("service.edit", body)


def respond(session, outcome, created_status=200):
    """Answer 202 with the change request, or the saved service with its new ETag."""
    if not outcome.published:
        response = jsonify(change_json(session, outcome.change))
        response.status_code = 202
        response.headers["Location"] = url_for(".get_change", change_id=outcome.change.id)
        return response
    document = etag.service_document(session, outcome.service_id)
    response = jsonify(document)
    response.status_code = 201 if outcome.created else created_status
    response.set_etag(etag.etag_of(document).strip('"'))
    if outcome.created:
        response.headers["Location"] = url_for("api_services.get_service",
                                               service_id=outcome.service_id)
    return response


def _edit(service_id, kind):
    session = get_session()
    # Compare the ETag and write inside one lock, so two editors holding the same ETag
    # cannot both pass the check: the second waits, then sees the new ETag (412).
    etag.lock(session, (Service, service_id))
    document = owned_document(session, service_id, "service.edit")
    etag.check_if_match(etag.etag_of(document))
    body = schemas.check_service(json_body())
    _check_target(body, document)
    build = payloads.patch if kind == "patch" else payloads.replace
    outcome = review.submit(session, current_user, kind=kind, data=build(document, body),
                            organization_id=document["organization_id"])
    return respond(session, outcome)


@bp.put("/services/<service_id>")
@require_api_user(*EDITORS)
def replace_service(service_id):
    """Replace a whole service (If-Match required); fields left out are cleared."""
    return _edit(service_id, "replace")


@bp.patch("/services/<service_id>")
@require_api_user(*EDITORS)
def patch_service(service_id):
    """Change only the given fields of a service (If-Match required)."""
    return _edit(service_id, "patch")


@bp.post("/services/<service_id>/confirm")
@require_api_user(*EDITORS)
def confirm_service(service_id):
    """Confirm a listing is still accurate: assured_date becomes today."""
    session = get_session()
    document = owned_document(session, service_id, "service.confirm")
    outcome = review.submit(session, current_user, kind="confirm",
                            organization_id=document["organization_id"],
                            data=payloads.confirm(service_id, current_user.email))
    return respond(session, outcome)


@bp.post("/services")
@require_api_user(*EDITORS)
def create_service():
    """Create a service for the partner's organisation (admins name the organisation)."""
    session = get_session()
    body = schemas.check_service(json_body())
    organization_id = body.get("organization_id") or current_user.organization_id
    require("service.create", organization_id)
    if body.get("id") and etag.service_document(session, body["id"]) is not None:
        raise Conflict("A service with this id exists; change it with PUT or PATCH.")
    outcome = review.submit(session, current_user, kind="create",
                            organization_id=organization_id,
                            data=payloads.create(body, organization_id))
    return respond(session, outcome)


@bp.get("/change_requests")
@require_api_user(*EDITORS)
def list_changes():
    """List change requests: a partner's own organisation's, or all for admins."""
    session = get_session()
    status = request.args.get("status")
    if status not in (None, "pending", "approved", "rejected"):
        raise DomainError("Unknown status.", status=422, code="invalid",
                          errors={"status": ["must be pending, approved or rejected"]})
    scope = None if current_user.role == "admin" else current_user.organization_id
    found = review.changes(session, organization_id=scope, status=status)
    return jsonify({"contents": [change_json(session, change) for change in found]})


@bp.get("/change_requests/<change_id>")
@require_api_user(*EDITORS)
def get_change(change_id):
    """Show one change request of the partner's organisation."""
    session = get_session()
    change = review.get_change(session, change_id)
    require("change.view", change)
    return jsonify(change_json(session, change))


@bp.post("/change_requests/<change_id>/<decision>")
@require_api_user("admin")
def decide_change(change_id, decision):
    """Approve or reject a pending change request (admins), with an optional note."""
    if decision not in ("approve", "reject"):
        raise NotFound("Unknown decision: use approve or reject.")
    session = get_session()
    change = review.get_change(session, change_id)
    require("change.review", change)
    note = DecisionSchema().load(json_body() if request.get_data() else {}).get("note")
    decide = review.approve if decision == "approve" else review.reject
    decide(session, change, reviewer=current_user.actor, note=note)
    return jsonify(change_json(session, change))
