"""One JSON error shape for every failure: {code, status, message, errors}."""
import logging

from flask import jsonify
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from matcher.backends.base import IndexNeedsRebuild

log = logging.getLogger(__name__)


class DomainError(Exception):
    """An error the domain raises and the HTTP layer turns into a response."""

    status = 400
    code = "bad_request"

    def __init__(self, message, errors=None, status=None, code=None):
        super().__init__(message)
        self.message = message
        self.errors = errors or {}
        if status is not None:
            self.status = status
        if code is not None:
            self.code = code


class NotFound(DomainError):
    status = 404
    code = "not_found"


class Conflict(DomainError):
    status = 409
    code = "conflict"


class InvalidInput(DomainError):
    status = 422
    code = "invalid"


def error_response(status, code, message, errors=None):
    """Build the one error body every endpoint answers with."""
    body = {"code": code, "status": status, "message": message, "errors": errors or {}}
    return jsonify(body), status


def init_app(app):
    """Register handlers so no bad input ever produces an HTML page or a stack trace."""

    @app.errorhandler(DomainError)
    def handle_domain_error(exc):
        return error_response(exc.status, exc.code, exc.message, exc.errors)

    @app.errorhandler(ValidationError)
    def handle_validation_error(exc):
        messages = exc.messages if isinstance(exc.messages, dict) else {"_schema": exc.messages}
        return error_response(422, "invalid", "The request has invalid fields.", messages)

    @app.errorhandler(HTTPException)
    def handle_http_error(exc):
        code = (exc.name or "error").lower().replace(" ", "_")
        response = error_response(exc.code or 500, code, exc.description or exc.name)
        if exc.code == 405 and exc.valid_methods:
            response[0].headers["Allow"] = ", ".join(exc.valid_methods)
        return response

    @app.errorhandler(IndexNeedsRebuild)
    def handle_index_needs_rebuild(exc):
        # After an upgrade that changed the index's files, until the rebuild is done.
        log.error("%s", exc)
        return error_response(503, "index_needs_rebuild",
                              "Matching is unavailable until the search index is rebuilt.")

    @app.errorhandler(Exception)
    def handle_unexpected(exc):
        log.exception("unhandled error")
        return error_response(500, "internal_error", "Something went wrong on our side.")
