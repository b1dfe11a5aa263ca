"""HSDS `Page` envelopes over SQL statements, and keyset batches for streaming."""
import json
import math

from flask import Response, stream_with_context
from sqlalchemy import func, select

NDJSON = "application/x-ndjson"
BATCH = 200


def page_envelope(total, page, per_page, contents):
    """Wrap a page's items in the HSDS Page fields."""
    total_pages = math.ceil(total / per_page) if total else 0
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def count(session, stmt):
    """Count the rows `stmt` would return."""
    return session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))


def paginate(session, stmt, page, per_page, options=()):
    """Run one page of `stmt` (a select of one entity) and return (total, records)."""
    total = count(session, stmt)
    offset = (page - 1) * per_page
    if offset >= total:
        return total, []
    records = session.scalars(stmt.options(*options).limit(per_page).offset(offset)).unique()
    return total, list(records)


def page_of_ids(session, model, ids, page, per_page, options=()):
    """Return (total, records) for one page of an already-filtered, ordered id list."""
    chunk = ids[(page - 1) * per_page:page * per_page]
    if not chunk:
        return len(ids), []
    found = session.scalars(select(model).where(model.id.in_(chunk)).options(*options)).unique()
    by_id = {record.id: record for record in found}
    return len(ids), [by_id[i] for i in chunk if i in by_id]


def keyset_batches(session, stmt, model, options=()):
    """Yield lists of records matching `stmt`, BATCH at a time in id order, bounded in memory."""
    ids_stmt = stmt.with_only_columns(model.id).order_by(None).order_by(model.id)
    last = None
    while True:
        batch_stmt = ids_stmt if last is None else ids_stmt.where(model.id > last)
        ids = list(session.scalars(batch_stmt.limit(BATCH)))
        if not ids:
            return
        last = ids[-1]
        records = session.scalars(
            select(model).where(model.id.in_(ids)).order_by(model.id).options(*options)
        ).unique()
        yield list(records)
        # Forget the batch so a full export holds one batch in memory, not the directory.
        session.expunge_all()


def ndjson_response(lines):
    """Stream an iterable of dicts as newline-delimited JSON."""

    def generate():
        for item in lines:
            yield json.dumps(item, separators=(",", ":")) + "\n"

    return Response(stream_with_context(generate()), mimetype=NDJSON)
