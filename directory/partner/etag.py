"""ETags of services: a hash of exactly what `GET /services/{id}` answers, for If-Match."""
import hashlib
import json

from flask import request
from sqlalchemy import select

from directory.api import loading, serialize
from directory.errors import DomainError
from directory.store.models import Service

READ_ENDPOINT = "api_services.get_service"


class PreconditionRequired(DomainError):
    status = 428
    code = "precondition_required"


class PreconditionFailed(DomainError):
    status = 412
    code = "precondition_failed"


def canonical(value):
    """Return `value` with lists of records sorted by id: the database may load them in any
    order (PostgreSQL especially), and the ETag must change only when the content does."""
    if isinstance(value, dict):
        return {key: canonical(inner) for key, inner in value.items()}
    if isinstance(value, list):
        items = [canonical(inner) for inner in value]
        if all(isinstance(item, dict) and "id" in item for item in items):
            items.sort(key=lambda item: str(item["id"]))
        return items
    return value


def etag_of(document):
    """Return the strong ETag (quoted) of a serialized service."""
    text = json.dumps(canonical(document), sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False)
    return '"' + hashlib.sha256(text.encode("utf-8")).hexdigest()[:40] + '"'


def service_document(session, service_id):
    """Return the service as the read API shows it (with metadata), or None."""
    query = select(Service).where(Service.id == service_id).options(
        *loading.service_full_options())
    record = session.scalars(query).unique().one_or_none()
    if record is None:
        return None
    metadata = loading.metadata_for(session, [record.id])
    return serialize.service_full(record, metadata[record.id])


def current_etag(session, service_id):
    """Return the ETag the service has now, or None when it does not exist."""
    document = service_document(session, service_id)
    return None if document is None else etag_of(document)


def lock(session, *rows):
    """Start a write transaction that holds `rows` ((model, id) pairs) until it ends.

    A check such as If-Match must read what no other writer can change before this request
    commits. PostgreSQL locks the rows (FOR UPDATE); SQLite allows one writer at a time, so
    take its write lock now (BEGIN IMMEDIATE) rather than at the first UPDATE. Objects read
    before are expired, so the check re-reads them inside the lock.
    """
    session.commit()  # end earlier reads: the transaction must begin with the lock
    if session.get_bind().dialect.name == "sqlite":
        session.connection().exec_driver_sql("BEGIN IMMEDIATE")
    else:
        for model, key in rows:
            if key is not None:
                session.execute(select(model.id).where(model.id == key).with_for_update())
    session.expire_all()


def check_if_match(etag):
    """Require an If-Match header naming `etag`: 428 when absent, 412 when stale."""
    if not request.headers.get("If-Match"):
        raise PreconditionRequired(
            "Send If-Match with the ETag from GET /services/{id} so no edit is lost.",
            errors={"If-Match": ["header is required"]})
    if not request.if_match.contains(etag.strip('"')):
        raise PreconditionFailed(
            "The service changed since you read it: GET it again, re-apply your edit, retry.",
            errors={"If-Match": ["does not match the current ETag"]})


def add_read_etag(response):
    """Give successful single-service reads an ETag and answer If-None-Match with 304."""
    if request.endpoint != READ_ENDPOINT or response.status_code != 200:
        return response
    document = response.get_json(silent=True)
    if isinstance(document, dict):
        response.set_etag(etag_of(document).strip('"'))
        response.make_conditional(request)
    return response
