"""Admin pages for accounts: list and create users, see and revoke API tokens."""
from flask import current_app, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from directory.auth import ROLES, ApiToken, User, login_required_page, require
from directory.auth import accounts, tokens
from directory.errors import InvalidInput
from directory.store.db import get_session
from directory.store.models import Organization

from .admin_pages import ADMIN, bp, record_or_404

FIELD_IDS = {"email": "email", "password": "password", "role": "role",
             "organization_id": "organization_id"}


def _page(values=None, errors=None, status=200):
    session = get_session()
    users = session.scalars(select(User).options(selectinload(User.tokens))
                            .order_by(User.email)).all()
    names = dict(session.execute(select(Organization.id, Organization.name)
                                 .order_by(Organization.name)).all())
    body = render_template("admin/accounts.html", users=users, organizations=names,
                           roles=ROLES, values=values or {}, errors=errors or {})
    response = current_app.make_response((body, status))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/accounts")
@login_required_page(roles=ADMIN)
def accounts_page():
    """List accounts with their roles, organisations and tokens."""
    return _page()


@bp.post("/accounts")
@login_required_page(roles=ADMIN)
def create_account():
    """Create an account from the form; show field errors inline."""
    require("user.manage")
    session = get_session()
    values = {name: request.form.get(name, "").strip() for name in FIELD_IDS}
    try:
        user = accounts.create_user(
            session, values["email"], request.form.get("password", ""), values["role"],
            values["organization_id"] or None,
            min_length=current_app.config["PASSWORD_MIN_LENGTH"])
    except InvalidInput as error:
        session.rollback()
        errors = {FIELD_IDS.get(k, "email"): " ".join(v) for k, v in error.errors.items()}
        return _page(values, errors, 422)
    session.commit()
    flash(f"Created the {user.role} account {user.email}.")
    return redirect(url_for(".accounts_page"), 303)


@bp.post("/tokens/<token_id>/revoke")
@login_required_page(roles=ADMIN)
def revoke_token(token_id):
    """Revoke any account's API token; it is refused from the next request on."""
    session = get_session()
    token = record_or_404(session, ApiToken, token_id)
    require("token.manage", token)
    tokens.revoke_token(session, token)
    session.commit()
    flash(f"Token “{token.name}” of {token.user.email} is revoked.")
    return redirect(url_for(".accounts_page"), 303)
