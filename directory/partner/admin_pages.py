"""Admin pages: review queue, organisation trust, freshness report and ingest run reports."""
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import case, func, select

from directory.auth import login_required_page, require
from directory.store.db import get_session
from directory.store.models import Organization, Service
from ingest.models import IngestReject, IngestRun

from . import review
from .etag import PreconditionFailed
from .models import OrganizationTrust

bp = Blueprint("admin", __name__, url_prefix="/admin")
ADMIN = ("admin",)


def record_or_404(session, model, record_id):
    """Return the record with `record_id`, or answer 404 (an unknown id, typed or stale)."""
    record = session.get(model, record_id)
    if record is None:
        abort(404)
    return record


STALE_MONTHS = 6


@bp.get("/changes")
@login_required_page(roles=ADMIN)
def queue():
    """List pending change requests with their diffs, stale ones flagged."""
    session = get_session()
    pending = review.changes(session, status="pending")
    stale = {change.id for change in pending if review.is_stale(session, change)}
    names = dict(session.execute(select(Organization.id, Organization.name)).all())
    return render_template("admin/queue.html", changes=pending, stale=stale, names=names)


@bp.post("/changes/<change_id>/<decision>")
@login_required_page(roles=ADMIN)
def decide(change_id, decision):
    """Approve or reject one change request with an optional note."""
    if decision not in ("approve", "reject"):
        abort(404)
    session = get_session()
    change = review.get_change(session, change_id)
    require("change.review", change)
    note = request.form.get("note", "")[:2000]
    try:
        if decision == "approve":
            review.approve(session, change, reviewer=current_user.actor, note=note)
        else:
            review.reject(session, change, reviewer=current_user.actor, note=note)
    except PreconditionFailed as error:
        flash(error.message)
        return redirect(url_for(".queue"), 303)
    flash(f"Change request {decision}d.")
    return redirect(url_for(".queue"), 303)


@bp.get("/organizations")
@login_required_page(roles=ADMIN)
def organizations():
    """List organisations with their trust setting."""
    session = get_session()
    rows = session.execute(
        select(Organization.id, Organization.name, OrganizationTrust.trusted)
        .outerjoin(OrganizationTrust, OrganizationTrust.organization_id == Organization.id)
        .order_by(Organization.name)).all()
    return render_template("admin/organizations.html", organizations=rows)


@bp.post("/organizations/<organization_id>/trust")
@login_required_page(roles=ADMIN)
def set_trust(organization_id):
    """Mark an organisation trusted (edits publish at once) or reviewed."""
    session = get_session()
    organization = record_or_404(session, Organization, organization_id)
    require("organization.edit", organization)
    trusted = request.form.get("trusted") == "1"
    review.set_trusted(session, organization.id, trusted, actor=current_user.actor)
    session.commit()
    state = "trusted: its edits publish at once" if trusted else "reviewed: its edits wait"
    flash(f"{organization.name} is now {state}.")
    return redirect(url_for(".organizations"), 303)


def months_ago(today, months):
    """Return the same day `months` calendar months earlier (clamped to the month's end)."""
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    day = today.day
    while True:
        try:
            return date(year, month + 1, day)
        except ValueError:
            day -= 1  # 31 August - 6 months = 28 or 29 February


def freshness_rows(session, cutoff):
    """Return per organisation: unconfirmed active services since `cutoff`, never, oldest."""
    never = func.sum(case((Service.assured_date.is_(None), 1), else_=0))
    query = (select(Organization.id, Organization.name, func.count(Service.id).label("count"),
                    never.label("never"), func.min(Service.assured_date).label("oldest"))
             .join(Service, Service.organization_id == Organization.id)
             .where(Service.status == "active")
             .where((Service.assured_date.is_(None)) | (Service.assured_date <= cutoff))
             .group_by(Organization.id, Organization.name)
             .order_by(func.count(Service.id).desc(), Organization.name))
    return session.execute(query).all()


@bp.get("/freshness")
@login_required_page(roles=ADMIN)
def freshness():
    """Report active services not confirmed for six months or more, by organisation."""
    cutoff = months_ago(date.today(), STALE_MONTHS)
    rows = freshness_rows(get_session(), cutoff)
    return render_template("admin/freshness.html", rows=rows, cutoff=cutoff,
                           total=sum(row.count for row in rows))


@bp.get("/ingest")
@login_required_page(roles=ADMIN)
def ingest_runs():
    """List recent ingest runs with their counts."""
    runs = get_session().scalars(select(IngestRun).order_by(IngestRun.id.desc()).limit(100))
    return render_template("admin/ingest.html", runs=list(runs))


@bp.get("/ingest/<int:run_id>")
@login_required_page(roles=ADMIN)
def ingest_run(run_id):
    """Show one run's counts and its rejected rows with file and line."""
    session = get_session()
    run = record_or_404(session, IngestRun, run_id)
    rejects = session.scalars(select(IngestReject).where(IngestReject.run_id == run_id)
                              .order_by(IngestReject.id).limit(1000))
    return render_template("admin/ingest_run.html", run=run, rejects=list(rejects))
