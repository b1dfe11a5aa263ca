"""Killing an ingest mid-run keeps every committed batch intact; running again completes it."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select, text

from directory.demogen.generator import generate
from directory.store.db import make_engine
from directory.store.models import Organization, Service
from ingest.export.hsds_csv import export_package
from ingest.models import IngestRun, SourceRecord

ROOT = Path(__file__).resolve().parents[1]
SERVICES = 60
BATCH = 10


def start_ingest(database_url, package, tmp_path):
    env = dict(os.environ, DIRECTORY_DATABASE_URL=database_url,
               DIRECTORY_INGEST_BATCH_SIZE=str(BATCH),
               DIRECTORY_SEARCH_INDEX_PATH=str(tmp_path / "index"))
    return subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "ingest", "file",
                             str(package), "--source", "demo"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def scalar(engine, query):
    with engine.connect() as connection:
        return connection.execute(query).scalar()


def kill_after_some_batches(process, engine):
    """SIGKILL the process once a few batches are committed; return how many items were."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        read = scalar(engine, select(func.max(IngestRun.read))) or 0
        if read >= 3 * BATCH:
            process.send_signal(signal.SIGKILL)
            process.communicate()  # reaps it and closes its pipes
            return read
        assert process.poll() is None, process.communicate()
        time.sleep(0.05)
    raise AssertionError("the ingest never committed three batches")


def test_a_killed_run_keeps_committed_batches_and_a_rerun_completes(database_url, tmp_path):
    package = tmp_path / "feed"
    export_package(((r.kind, r.data) for r in generate(SERVICES, 7)), package)
    engine = make_engine(database_url)
    process = start_ingest(database_url, package, tmp_path)
    kill_after_some_batches(process, engine)
    run = select(IngestRun).order_by(IngestRun.id)
    with engine.connect() as connection:
        killed = connection.execute(run).first()
        assert killed.status == "running" and killed.read % BATCH == 0
        # Every identity that committed has its record, and every record its identity.
        kept = connection.execute(select(func.count()).select_from(Service)).scalar()
        known = connection.execute(select(func.count()).where(SourceRecord.kind == "service")
                                   ).scalar()
        assert 0 < kept == known < SERVICES
        if engine.dialect.name == "sqlite":
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
    rerun = start_ingest(database_url, package, tmp_path)
    output, errors = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, errors
    assert "succeeded" in output
    with engine.connect() as connection:
        first, second = connection.execute(run).all()
        assert first.status == "failed" and first.message.startswith("interrupted")
        assert second.status == "succeeded" and second.rejected == 0
        organizations = connection.execute(select(func.count()).select_from(Organization)
                                           ).scalar()
        assert second.unchanged == killed.created and second.updated == 0
        assert second.created + second.unchanged == SERVICES + organizations
        assert connection.execute(select(func.count()).select_from(Service)).scalar() == SERVICES
    engine.dispose()
