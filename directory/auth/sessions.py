"""Flask-Login: page sessions in signed, Secure, HttpOnly, SameSite=Lax cookies; bearer tokens
for the API. A request that sends an Authorization header is judged by its token alone."""
from flask import g, request, session
from flask_login import LoginManager, login_user, logout_user

from directory.store.db import get_session

from . import tokens
from .models import User

login_manager = LoginManager()
# A stolen cookie replayed from another browser loses its "fresh" mark (re-sign-in for
# sensitive steps); "strong" would sign out phones whose IP address changes on every network.
login_manager.session_protection = "basic"


def _cookie_defaults(app):
    """Resolve Secure=None to 'Secure unless testing or debugging over plain http'."""
    secure = app.config.get("SESSION_COOKIE_SECURE")
    if secure is None:
        secure = not (app.testing or app.debug)
    app.config["SESSION_COOKIE_SECURE"] = bool(secure)
    for name, default in (("SECURE", bool(secure)), ("HTTPONLY", True), ("SAMESITE", "Lax")):
        if app.config.get(f"REMEMBER_COOKIE_{name}") is None:
            app.config[f"REMEMBER_COOKIE_{name}"] = default


@login_manager.user_loader
def load_session_user(user_id):
    """Return the signed-in user of this cookie session, unless the request brings a token."""
    # The API never acts on cookie authority; that is what makes it safe without CSRF tokens.
    if request.headers.get("Authorization"):
        return None
    user = get_session().get(User, user_id)
    return user if user is not None and user.active else None


@login_manager.request_loader
def load_token_user(req):
    """Return the owner of the request's bearer token and remember the token in `g`."""
    token = tokens.find_active_token(get_session(), tokens.bearer_secret(req.headers))
    if token is None:
        return None
    g.api_token = token
    return token.user


def sign_in(user):
    """Start a fresh session for `user` (a new session so nothing set before sign-in survives)."""
    session.clear()
    session.permanent = True
    return login_user(user)


def sign_out():
    """End the session and drop everything stored in it."""
    logout_user()
    session.clear()


def init_app(app):
    """Apply cookie defaults and attach Flask-Login."""
    _cookie_defaults(app)
    login_manager.init_app(app)

