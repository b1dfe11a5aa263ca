"""Authentication and permission failures: an HTML page for browsers, the JSON shape for the API."""
from flask import make_response, render_template, request
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import Forbidden, Unauthorized

from directory.errors import error_response


class AuthRequired(Unauthorized):
    """No valid credentials: 401 with `WWW-Authenticate: Bearer`."""

    def __init__(self, message="Sign in or send a valid bearer token.", invalid_token=False):
        super().__init__(message)
        self.invalid_token = invalid_token


class NotAllowed(Forbidden):
    """Signed in, but this role or organisation may not do this: 403."""

    def __init__(self, message="Your account may not do this."):
        super().__init__(message)


def wants_html():
    """Return True when the client is a browser that asked for a page rather than JSON."""
    if request.is_json or request.headers.get("Authorization"):
        return False
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "text/html"


def respond(status, code, message, headers=None):
    """Answer with the error page or the `{code, status, message, errors}` JSON body."""
    if wants_html():
        response = make_response(render_template("auth/error.html", status=status,
                                                 message=message), status)
    else:
        response = make_response(error_response(status, code, message))
    response.headers.update(headers or {})
    return response


def _challenge(exc):
    # RFC 6750: tell the client which scheme to use, and whether the token it sent was bad.
    value = 'Bearer realm="directory"'
    if exc.invalid_token:
        value += ', error="invalid_token"'
    return value


def init_app(app):
    """Register handlers that win over the app's generic HTTPException handler."""

    @app.errorhandler(AuthRequired)
    def handle_auth_required(exc):
        headers = {"WWW-Authenticate": _challenge(exc)}
        return respond(401, "unauthorized", exc.description, headers)

    @app.errorhandler(NotAllowed)
    def handle_not_allowed(exc):
        return respond(403, "forbidden", exc.description)

    @app.errorhandler(CSRFError)
    def handle_csrf(exc):
        if wants_html():
            message = ("This form has expired or did not come from this site. "
                       "Reload it and try again.")
        else:
            # Usually `curl -d` or a client that forgot its content type: a form post
            # without a page's token, where JSON was meant.
            message = ("Send the request body as JSON (Content-Type: application/json). "
                       "A form post needs the token of a page of this site.")
        return respond(400, "csrf_failed", message)

    @app.errorhandler(RateLimitExceeded)
    def handle_rate_limit(exc):
        if exc.response is not None:
            return exc.response
        return respond(429, "too_many_requests", "Too many requests. Wait and try again.")
