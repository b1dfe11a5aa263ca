"""Change review: trusted organisations publish at once, reviewed ones wait for an admin.

Every edit, from the API or the pages, goes through `submit`. Partners' organisations are
reviewed until an admin marks them trusted; admins' own edits publish at once. Approving
saves the proposal with the submitter as the audit actor; the reviewer is kept on the request.
"""
import logging
from dataclasses import dataclass

from sqlalchemy import select

from directory.errors import Conflict, NotFound
from directory.store.models import Service, utcnow
from directory.store.writes import save_service

from . import diff as diffing
from .etag import PreconditionFailed, etag_of, lock, service_document
from .models import ChangeRequest, OrganizationTrust

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What a submission did: published (with the save result) or held as a change request."""

    service_id: str
    published: bool
    created: bool = False
    change: ChangeRequest | None = None


def is_trusted(session, organization_id):
    """Return True when the organisation's edits publish without review."""
    row = session.get(OrganizationTrust, organization_id)
    return bool(row and row.trusted)


def set_trusted(session, organization_id, trusted, *, actor):
    """Mark an organisation trusted or reviewed; the caller commits."""
    row = session.get(OrganizationTrust, organization_id)
    if row is None:
        row = OrganizationTrust(organization_id=organization_id)
        session.add(row)
    row.trusted, row.updated_at, row.updated_by = bool(trusted), utcnow(), actor
    log.info("organization %s trusted=%s by %s", organization_id, bool(trusted), actor)
    return row


def submit(session, user, *, kind, organization_id, data):
    """Publish `data` now or hold it for review, by the organisation's trust; commit."""
    actor, role = user.actor, user.role
    if role == "admin" or is_trusted(session, organization_id):
        result = save_service(session, data, actor=actor, assured=kind == "confirm")
        session.commit()
        return Outcome(result.record.id, True, created=result.created)
    service_id = data["id"]
    before = service_document(session, service_id)
    changes = preview(session, data, actor=actor, before=before, kind=kind)
    if not changes:
        return Outcome(service_id, True)  # nothing to review: the listing already says this
    change = ChangeRequest(
        organization_id=organization_id, service_id=service_id if before else None,
        kind=kind, payload=data, diff=changes, status="pending", submitted_by=actor,
        base_etag=etag_of(before) if before else None)
    session.add(change)
    session.commit()
    log.info("change request %s (%s) for service %s held for review", change.id, kind, service_id)
    return Outcome(service_id, False, change=change)


def preview(session, data, *, actor, before, kind):
    """Return the diff saving `data` would make, by saving it and rolling back."""
    try:
        save_service(session, data, actor=actor, assured=kind == "confirm")
        session.flush()
        session.expire_all()
        after = service_document(session, data["id"])
    finally:
        session.rollback()
    return diffing.diff(before or {}, after)


def is_stale(session, change):
    """Return True when the service changed since the change request was made."""
    if change.base_etag is None:
        return change.kind == "create" and service_document(session, change.payload["id"]) \
            is not None
    document = service_document(session, change.service_id)
    return document is None or etag_of(document) != change.base_etag


def approve(session, change, *, reviewer, note=None):
    """Apply a pending change (actor = its submitter) unless the service moved on; commit."""
    # Two reviewers, or a reviewer and an editor, must not both act on what they read.
    lock(session, (ChangeRequest, change.id), (Service, change.service_id))
    _require_pending(change)
    if is_stale(session, change):
        raise PreconditionFailed(
            "The listing changed after this request was made, so applying it could undo "
            "newer edits. Reject it and ask the partner to submit again.",
            errors={"base_etag": ["the service changed since submission"]})
    result = save_service(session, change.payload, actor=change.submitted_by,
                          assured=change.kind == "confirm")
    change.service_id = result.record.id
    _close(change, "approved", reviewer, note)
    session.commit()
    return change


def reject(session, change, *, reviewer, note=None):
    """Close a pending change without applying it; commit."""
    lock(session, (ChangeRequest, change.id))
    _require_pending(change)
    _close(change, "rejected", reviewer, note)
    session.commit()
    return change


def _require_pending(change):
    if change.status != "pending":
        raise Conflict(f"This change request is already {change.status}.")


def _close(change, status, reviewer, note):
    change.status, change.reviewed_by, change.reviewed_at = status, reviewer, utcnow()
    change.review_note = (note or "").strip() or None
    log.info("change request %s %s by %s", change.id, status, reviewer)


def get_change(session, change_id):
    """Return one change request or raise NotFound."""
    change = session.get(ChangeRequest, change_id) if change_id else None
    if change is None:
        raise NotFound(f"No change request with id {change_id!r}.")
    return change


def changes(session, *, organization_id=None, status=None):
    """Return change requests, newest first, optionally of one organisation or status."""
    query = select(ChangeRequest).order_by(ChangeRequest.submitted_at.desc())
    if organization_id is not None:
        query = query.where(ChangeRequest.organization_id == organization_id)
    if status is not None:
        query = query.where(ChangeRequest.status == status)
    return list(session.scalars(query))
