"""The account page (who you are; partners and admins: API tokens) and GET /me for API clients."""
import logging

from flask import flash, jsonify, make_response, redirect, render_template, url_for
from flask_login import current_user

from directory.store.db import get_session
from directory.store.models import Organization

from . import tokens
from .forms import ConfirmForm, TokenForm
from .models import ApiToken
from .policy import can, current_token, login_required_page, require, require_api_user
from .responses import NotAllowed
from .views import bp, no_store

log = logging.getLogger(__name__)


def _page(token_form, status=200, new_secret=None):
    user = current_user
    organization = get_session().get(Organization, user.organization_id) \
        if user.organization_id else None
    manage = can(user, "token.manage", user)
    body = render_template(
        "auth/account.html", user=user, organization=organization, can_manage_tokens=manage,
        tokens=tokens.tokens_of(get_session(), user) if manage else [],
        token_form=token_form, revoke_form=ConfirmForm(), new_secret=new_secret)
    return no_store(make_response(body, status))


@bp.get("/account")
@login_required_page
def account():
    """Show the signed-in user's account and tokens."""
    return _page(TokenForm())


@bp.post("/account/tokens")
@login_required_page
def create_token():
    """Create a token and show its secret in this one response only (never in the session)."""
    require("token.manage", current_user)
    form = TokenForm()
    if not form.validate():
        return _page(form, 422)
    session = get_session()
    _token, secret = tokens.create_token(session, current_user, form.name.data.strip())
    session.commit()
    return _page(TokenForm(formdata=None), 201, new_secret=secret)


@bp.post("/account/tokens/<token_id>/revoke")
@login_required_page
def revoke_token(token_id):
    """Revoke one of the user's own tokens; it stops working on the next request."""
    session = get_session()
    token = session.get(ApiToken, token_id)
    if token is None:
        # Same answer as someone else's token, so token ids cannot be probed.
        raise NotAllowed()
    require("token.manage", token)
    tokens.revoke_token(session, token)
    session.commit()
    flash(f"Token “{token.name}” is revoked.")
    return redirect(url_for("auth.account"))


@bp.get("/me")
@require_api_user()
def me():
    """Tell an API client whose token it holds, so a partner can check a token works."""
    user, token = current_user, current_token()
    return jsonify({"id": user.id, "email": user.email, "role": user.role,
                    "organization_id": user.organization_id,
                    "token": {"id": token.id, "name": token.name}})
