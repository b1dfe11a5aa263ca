"""What a run did, for people (`flask ingest report`) and for the admin API."""
from sqlalchemy import select

from ingest.models import COUNTS, DuplicateLink, IngestReject, IngestRun


def get_run(session, run_id=None, *, source=None):
    """Return run `run_id`, or the latest run (of `source`, if given); None when none."""
    if run_id is not None:
        return session.get(IngestRun, run_id)
    query = select(IngestRun).order_by(IngestRun.id.desc()).limit(1)
    if source is not None:
        query = query.where(IngestRun.source == source)
    return session.scalar(query)


def list_runs(session, *, limit=50, offset=0):
    """Return runs, newest first."""
    query = select(IngestRun).order_by(IngestRun.id.desc()).limit(limit).offset(offset)
    return list(session.scalars(query))


def rejects_of(session, run_id):
    """Return the run's rejects in the order they were read."""
    return list(session.scalars(select(IngestReject).where(IngestReject.run_id == run_id)
                                .order_by(IngestReject.id)))


def duplicates_of(session, run_id):
    """Return the duplicates the run merged or linked."""
    return list(session.scalars(select(DuplicateLink).where(DuplicateLink.run_id == run_id)
                                .order_by(DuplicateLink.id)))


def summary_line(run):
    """Return one line: source, status and every counter."""
    counts = ", ".join(f"{value} {name}" for name, value in run.counts().items())
    line = f"ingest run {run.id} of {run.source}: {run.status}; {counts}"
    if run.status in ("refused", "failed") and run.message:
        line += f"\n{run.status}: {run.message}"
    return line


def report_lines(session, run):
    """Return the full report of a run as lines of text."""
    lines = [f"run {run.id}: {run.source} ({run.format or 'unknown format'}) "
             f"from {run.location}",
             f"status: {run.status}" + (f" - {run.message}" if run.message else ""),
             f"started: {run.started_at.isoformat()}",
             f"finished: {run.finished_at.isoformat() if run.finished_at else '-'}"]
    lines += [f"  {name:<12}{getattr(run, name):>8}" for name in COUNTS]
    rejects = rejects_of(session, run.id)
    lines.append(f"rejects ({len(rejects)}):")
    lines += [f"  {r.file}:{r.line} [{r.external_id or '-'}] {r.reason}" for r in rejects]
    links = duplicates_of(session, run.id)
    lines.append(f"duplicates ({len(links)}):")
    lines += [f"  {link.kind} {link.record_id} -> {link.duplicate_of}: {link.reason}"
              for link in links]
    return lines
