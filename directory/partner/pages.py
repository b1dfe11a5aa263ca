"""Partner pages: my organisation's listings, the edit form, confirm-accurate, my changes.

Edits go through the same domain functions as the API (`review.submit`), so trust, review,
audit and search sync behave identically whichever way a partner works.
"""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from directory.auth import login_required_page, require
from directory.errors import InvalidInput
from directory.store.db import get_session
from directory.store.models import Organization, Service

from . import editform, etag, payloads, review

bp = Blueprint("partner", __name__, url_prefix="/partner")
EDITORS = ("partner", "admin")


def _document(session, service_id, action):
    document = etag.service_document(session, service_id)
    if document is None:
        abort(404)
    require(action, document)
    return document


@bp.get("/services")
@login_required_page(roles=EDITORS)
def my_services():
    """List the services of the partner's organisation (admins: ?organization=ID)."""
    session = get_session()
    organization_id = current_user.organization_id or request.args.get("organization")
    organization = session.get(Organization, organization_id or "")
    if organization is None:
        return redirect(url_for("admin.organizations"))
    require("organization.view", organization)
    services = session.scalars(select(Service).where(Service.organization_id == organization.id)
                               .order_by(Service.name)).all()
    pending = {c.service_id for c in review.changes(session, organization_id=organization.id,
                                                    status="pending")}
    return render_template("partner/services.html", organization=organization,
                           services=services, pending=pending,
                           trusted=review.is_trusted(session, organization.id))


def _edit_page(document, values, errors=None, status=200, message=None, extra=None):
    extra = extra or {"hours": 1, "fees": 1}
    return render_template("partner/edit.html", service=document, values=values,
                           errors=errors or {}, message=message, extra=extra,
                           days=editform.DAYS, base_etag=etag.etag_of(document)), status


@bp.get("/services/<service_id>/edit")
@login_required_page(roles=EDITORS)
def edit(service_id):
    """Show the edit form of one of the organisation's services."""
    document = _document(get_session(), service_id, "service.edit")
    return _edit_page(document, editform.values_of(document))


@bp.post("/services/<service_id>/edit")
@login_required_page(roles=EDITORS)
def save(service_id):
    """Publish or submit for review the sections of the form that changed."""
    session = get_session()
    etag.lock(session, (Service, service_id))  # the base_etag check and the save are one step
    document = _document(session, service_id, "service.edit")
    values, errors = editform.read_post(request.form)
    action = request.form.get("action", "save")
    if action in ("add_hours", "add_fee"):
        extra = {"hours": _count("extra_hours") + (action == "add_hours"),
                 "fees": _count("extra_fees") + (action == "add_fee")}
        return _edit_page(document, values, extra=extra)
    if errors:
        return _edit_page(document, values, errors, 422)
    if request.form.get("base_etag") != etag.etag_of(document):
        message = ("Someone changed this listing while you were editing. Check the current "
                   "details below, make your change again and save.")
        return _edit_page(document, editform.values_of(document), status=409, message=message)
    patch = editform.patch_of(document, values)
    if not patch:
        flash("Nothing changed, so nothing was saved.")
        return redirect(url_for(".my_services", organization=document["organization_id"]), 303)
    try:
        outcome = review.submit(session, current_user, kind="patch",
                                organization_id=document["organization_id"],
                                data=payloads.patch(document, patch))
    except InvalidInput as error:
        return _edit_page(document, values, {"form": error.message}, 422)
    _say(outcome, "Your changes are published.")
    return redirect(url_for(".my_services", organization=document["organization_id"]), 303)


def _count(name):
    value = request.form.get(name, "1")
    return min(int(value), 20) if value.isdigit() else 1


def _say(outcome, published):
    if outcome.published:
        flash(published)
    else:
        flash("Thank you. An administrator will review your change before it is published.")


@bp.post("/services/<service_id>/confirm")
@login_required_page(roles=EDITORS)
def confirm(service_id):
    """Confirm a listing is still accurate (one click, CSRF-protected)."""
    session = get_session()
    document = _document(session, service_id, "service.confirm")
    outcome = review.submit(session, current_user, kind="confirm",
                            organization_id=document["organization_id"],
                            data=payloads.confirm(service_id, current_user.email))
    _say(outcome, f"Thank you: “{document['name']}” is confirmed as accurate today.")
    return redirect(url_for(".my_services", organization=document["organization_id"]), 303)


@bp.get("/changes")
@login_required_page(roles=("partner",))
def my_changes():
    """List the organisation's change requests, pending first."""
    session = get_session()
    found = review.changes(session, organization_id=current_user.organization_id)
    found.sort(key=lambda c: c.status != "pending")
    names = dict(session.execute(select(Service.id, Service.name).where(
        Service.organization_id == current_user.organization_id)).all())
    return render_template("partner/changes.html", changes=found, names=names)
