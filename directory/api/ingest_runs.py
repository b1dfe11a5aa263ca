"""GET /ingest/runs[/{id}]: what each feed run did, for admins (bearer token)."""
from flask import Blueprint, jsonify
from sqlalchemy import select
from marshmallow import RAISE, Schema, fields, validate

from directory.auth import require_api_user
from directory.errors import NotFound
from directory.store.db import get_session
from ingest.jobs.report import duplicates_of, get_run, list_runs, rejects_of
from ingest.models import COUNTS, IngestRun

from .pagination import count, page_envelope
from .params import parse

# Not "api_": the admin API is not part of the published HSDS OpenAPI document.
bp = Blueprint("ingest_runs", __name__)


class RunListParams(Schema):
    class Meta:
        unknown = RAISE

    page = fields.Integer(load_default=1, validate=validate.Range(min=1))
    per_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))


class RunSchema(Schema):
    id = fields.Integer()
    source = fields.String()
    format = fields.String(allow_none=True)
    location = fields.String()
    started_at = fields.DateTime()
    finished_at = fields.DateTime(allow_none=True)
    status = fields.String()
    counts = fields.Method("_counts")
    message = fields.String(allow_none=True)

    def _counts(self, run):
        return {name: getattr(run, name) for name in COUNTS}


class RejectSchema(Schema):
    file = fields.String(allow_none=True)
    line = fields.Integer(allow_none=True)
    external_id = fields.String(allow_none=True)
    reason = fields.String()


class DuplicateSchema(Schema):
    kind = fields.String()
    record_id = fields.String()
    duplicate_of = fields.String()
    reason = fields.String()


@bp.get("/ingest/runs")
@require_api_user("admin")
def list_ingest_runs():
    """List ingest runs, newest first."""
    params = parse(RunListParams)
    session = get_session()
    page, per_page = params["page"], params["per_page"]
    total = count(session, select(IngestRun))
    runs = list_runs(session, limit=per_page, offset=(page - 1) * per_page)
    return jsonify(page_envelope(total, page, per_page, RunSchema(many=True).dump(runs)))


@bp.get("/ingest/runs/<int:run_id>")
@require_api_user("admin")
def get_ingest_run(run_id):
    """Return one run with its rejects and the duplicates it merged or linked."""
    session = get_session()
    run = get_run(session, run_id)
    if run is None:
        raise NotFound(f"No ingest run {run_id}.")
    body = RunSchema().dump(run)
    body["rejects"] = RejectSchema(many=True).dump(rejects_of(session, run_id))
    body["duplicates"] = DuplicateSchema(many=True).dump(duplicates_of(session, run_id))
    return jsonify(body)
