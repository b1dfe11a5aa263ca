"""Accounts, roles and authorisation: sessions for pages, bearer tokens for the partner API.

How to use the auth layer (for blueprints that need a signed-in user)
--------------------------------------------------------------------
Roles: "admin", "therapist", "partner" (bound to one organisation: `user.organization_id`).
No user at all is the anonymous kiosk.

    from directory.auth import (can, require, current_user, current_token,
                                require_api_user, login_required_page, csrf_exempt)

Partner API (JSON, bearer token only; cookies never authenticate the API):

    @bp.put("/services/<service_id>")
    @require_api_user("partner", "admin")   # 401 + WWW-Authenticate: Bearer / 403 wrong role
    def put_service(service_id):
        service = ...load...
        require("service.edit", service)     # 403 unless admin or the service's organisation
        require("service.edit", payload)     # check the incoming data too (organization_id)
        save_service(session, payload, actor=current_user.actor)

    csrf_exempt(bp)  # bearer-only blueprints: body-less POSTs (e.g. .../confirm) skip CSRF
                     # (requests with an Authorization header or a JSON body already skip it)

Pages (session cookie, CSRF token in every form: `{{ form.hidden_tag() }}` with a FlaskForm,
or `<input type="hidden" name="csrf_token" value="{{ csrf_token() }}">`):

    @bp.get("/partner/services")
    @login_required_page                          # anonymous -> /sign-in?next=...
    def my_services(): ...

    @login_required_page(roles=("admin",))         # other roles -> 403 page
    def review_queue(): ...

Checks:
- `can(user, action, resource=None) -> bool` (an unknown action raises ValueError).
  Actions: service.create, service.edit, service.confirm, organization.view, organization.edit,
  change.view, change.review, token.manage, user.manage, admin.view (see policy.RULES).
  `resource` may be an organisation id, an Organization, any model or dict with
  `organization_id`; for token.manage a User or ApiToken. Admins may do everything; partners
  only within their organisation (their own account for tokens); therapists and anonymous
  may do none of these.
- `require(action, resource=None)` raises 401 (nobody signed in) or 403 (`NotAllowed`).
- `current_user` is Flask-Login's proxy (anonymous user when signed out), `current_user.actor`
  is the name for the audit trail, `current_token()` the ApiToken of this API request.
- 401/403/CSRF/429 errors answer with an HTML page for browsers and the JSON error shape
  `{code, status, message, errors}` otherwise (see responses.py).

Domain functions (the caller commits): accounts.create_user / authenticate / find_user /
set_password, tokens.create_token -> (token, secret) / revoke_token / tokens_of.
Pages extend `base.html` (blocks: title, content; `nav` for extra header links).
"""
from flask_login import current_user

from . import cli, csrf, passwords, responses, sessions, throttle
from .csrf import csrf_exempt
from .models import ROLES, ApiToken, User
from .policy import can, current_token, login_required_page, require, require_api_user

__all__ = [
    "ROLES", "ApiToken", "User", "can", "csrf_exempt", "current_token", "current_user",
    "init_app", "login_required_page", "require", "require_api_user",
]


def init_app(app):
    """Attach sessions, CSRF, sign-in throttling, error pages, pages and CLI commands."""
    from . import account, views  # noqa: F401  (account adds its routes to views.bp)

    passwords.init_app(app)
    sessions.init_app(app)
    csrf.init_app(app)
    throttle.init_app(app)
    responses.init_app(app)
    app.register_blueprint(views.bp)
    cli.init_app(app)
