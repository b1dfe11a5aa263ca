"""Run one feed into the store: check, write in committed batches, deactivate, record the run.

Transaction design: resumable committed batches. Each batch of records is one transaction
together with its rejects, source identities and the run's counters, so a run killed midway
keeps every batch it committed and nothing half-written. Running the feed again completes
it: committed records are skipped by content hash, the rest are written. Services missing
from a full feed are deactivated only after the whole feed has been read.
"""
import logging
import time
from dataclasses import dataclass, field

from sqlalchemy import update

from directory import taxonomy
from directory.store.models import utcnow
from ingest.models import IngestRun
from ingest.sources import FeedRefused
from matcher.geo import make_geocoder

from .batch import BatchWriter
from .deactivate import deactivate_missing
from .pipeline import batches, read_ahead
from .tuning import between_batches, bulk_settings, collector_settings

log = logging.getLogger(__name__)
INTERRUPTED = "interrupted: the process ended before the run finished; its committed " \
              "batches are kept and a new run completes the feed"


@dataclass
class JobOptions:
    """How to run a feed: who writes, batch size, deactivation, geocoder, progress callback."""

    actor: str = "ingest"
    batch_size: int = 500
    deactivate_missing: bool = True
    geocoder: object = field(default_factory=make_geocoder)
    progress: object = None  # called with the number of items read after each batch
    # Read the feed in a second process while this one writes (see pipeline.read_ahead).
    reader_process: bool = True


def start_run(session, source):
    """Record a new running run (and close runs of this source a killed process left open)."""
    session.execute(update(IngestRun)
                    .where(IngestRun.source == source.name, IngestRun.status == "running")
                    .values(status="failed", message=INTERRUPTED))
    run = IngestRun(source=source.name, format=source.format, location=str(source.location),
                    status="running")
    session.add(run)
    session.commit()
    return run.id


def record_refused(session, name, format, location, message):
    """Record a run refused before its source could even be opened (unknown format)."""
    run = IngestRun(source=name, format=format, location=str(location), status="refused",
                    message=message, finished_at=utcnow())
    session.add(run)
    session.commit()
    return run


def save_progress(session, run_id, counts, **values):
    """Write the run's counters (and any other columns) in the current transaction."""
    columns = {name: int(value) for name, value in counts.items()}
    session.execute(update(IngestRun).where(IngestRun.id == run_id)
                    .values(**columns, **values))


def finish_run(session, run_id, counts, status, message=None):
    """Record how the run ended; return the run row."""
    save_progress(session, run_id, counts, status=status, message=message,
                  finished_at=utcnow())
    session.commit()
    return session.get(IngestRun, run_id, populate_existing=True)


def run_feed(session, source, options=None):
    """Ingest `source`; return the IngestRun (refused and failed runs are recorded too)."""
    options = options or JobOptions()
    run_id = start_run(session, source)
    writer = BatchWriter(session, run_id, source.name, actor=options.actor,
                         geocoder=options.geocoder)
    try:
        source.check()
    except FeedRefused as error:
        return finish_run(session, run_id, writer.counts, "refused", str(error))
    started = time.perf_counter()
    try:
        with bulk_settings(session), collector_settings():
            _write_feed(session, source, writer, options)
    except Exception as error:  # the run must be recorded as failed whatever went wrong
        session.rollback()
        log.exception("ingest run %s of %s failed", run_id, source.name)
        kind = "refused part-way" if isinstance(error, FeedRefused) else type(error).__name__
        return finish_run(session, run_id, writer.counts, "failed", f"{kind}: {error}")
    seconds = time.perf_counter() - started
    return finish_run(session, run_id, writer.counts, "succeeded",
                      f"{writer.counts['read']} items in {seconds:.1f} s")


def _write_feed(session, source, writer, options):
    """Write every batch, then deactivate what a full feed no longer lists."""
    taxonomy.load_open_eligibility(session)
    taxonomy.ensure_profile_taxonomy(session)
    session.commit()
    read = read_ahead if options.reader_process else batches
    for count, items in enumerate(read(source, options.batch_size), 1):
        writer.write(items)
        save_progress(session, writer.run_id, writer.counts)
        session.commit()
        # Forget the batch's objects so memory stays flat however long the feed is.
        session.expunge_all()
        del items
        between_batches(count)
        if options.progress:
            options.progress(writer.counts["read"])
    if source.full and options.deactivate_missing:
        def on_batch(count):
            writer.counts["deactivated"] = count
            save_progress(session, writer.run_id, writer.counts)
        deactivate_missing(session, source.name, writer.run_id, actor=options.actor,
                           batch_size=options.batch_size, on_batch=on_batch)
