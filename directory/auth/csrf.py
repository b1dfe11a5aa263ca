"""CSRF protection (Flask-WTF) for every cookie-authenticated form post.

Exempt, because a cross-site page cannot forge them with the victim's cookies:
- requests with an `Authorization` header (the API reads only the token, never the cookie);
- JSON bodies (a browser sends them cross-site only after a CORS preflight we never grant);
- views or blueprints passed to `csrf_exempt` (bearer-only APIs whose clients send no body).
"""
from flask import current_app, request
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def csrf_exempt(view_or_blueprint):
    """Exclude a view or blueprint that authenticates only by bearer token from CSRF checks."""
    return csrf.exempt(view_or_blueprint)


def _is_api_request():
    """Return True for requests that carry no cookie-based authority worth forging."""
    return bool(request.headers.get("Authorization")) or request.is_json


def protect():
    """Check the CSRF token of an unsafe, cookie-authenticated request (400 when missing/bad)."""
    if not current_app.config["WTF_CSRF_ENABLED"] or request.method in SAFE_METHODS:
        return
    if _is_api_request():
        return
    csrf.protect(apply_exemptions=True)


def init_app(app):
    """Attach Flask-WTF and replace its blanket check with ours (which knows about the API)."""
    app.config.setdefault("WTF_CSRF_ENABLED", True)
    # Flask-WTF's own hook would reject the JSON API; `protect` applies the same check selectively.
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False
    csrf.init_app(app)
    app.before_request(protect)
