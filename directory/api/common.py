"""Helpers every API view shares: id parsing, lookups that 404, empty parameter lists."""
import uuid

from marshmallow import RAISE, Schema
from sqlalchemy import select

from directory.errors import NotFound


class NoParams(Schema):
    """Detail endpoints take no query parameters; any given is reported as unknown."""

    class Meta:
        unknown = RAISE


def get_or_404(session, model, raw_id, options=()):
    """Load one record by id with `options`, or raise a 404 (malformed ids are unknown ids)."""
    try:
        record_id = str(uuid.UUID(raw_id))
    except ValueError:
        record_id = None
    record = None
    if record_id is not None:
        stmt = select(model).where(model.id == record_id).options(*options)
        record = session.scalars(stmt).unique().one_or_none()
    if record is None:
        name = model.__tablename__.replace("_", " ")
        raise NotFound(f"No {name} with id {raw_id!r}.")
    return record
