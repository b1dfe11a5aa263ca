"""Fixtures: an app with a fresh, migrated database per test; its client and CLI runner.

Set DIRECTORY_TEST_DATABASE=postgresql to run everything against a throwaway PostgreSQL 15
cluster instead of SQLite (see tests/pg_cluster.py).
"""
import os
import shutil

import pytest

from directory import create_app
from directory.store import migrate
from directory.store.db import make_engine
from pg_cluster import BinariesNotFound, PgCluster, find_bindir

BACKEND = os.environ.get("DIRECTORY_TEST_DATABASE", "sqlite")


def pytest_report_header(config):
    """Say which database this run tests, so the two `make test` runs are told apart."""
    return f"database backend: {BACKEND} (DIRECTORY_TEST_DATABASE)"


def pytest_collection_modifyitems(config, items):
    """Leave tests marked `postgres` to the PostgreSQL run instead of starting a cluster twice."""
    if BACKEND == "postgresql":
        return
    skip = pytest.mark.skip(reason="PostgreSQL-only: runs with DIRECTORY_TEST_DATABASE=postgresql")
    for item in items:
        if item.get_closest_marker("postgres"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL cluster for this session (per xdist worker); skip if not installed."""
    try:
        bindir = find_bindir()
    except BinariesNotFound as error:
        pytest.skip(str(error))
    cluster = PgCluster(bindir)
    try:
        yield cluster.start()
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_cluster):
    """A fresh PostgreSQL database at the current schema, whatever backend this run tests."""
    url = pg_cluster.fresh_database()
    yield url
    pg_cluster.drop_database(url)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """A migrated SQLite file, copied for each test (much faster than migrating each time)."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture
def database_url(request, tmp_path):
    """A fresh database holding the current schema, on the backend this run tests."""
    if BACKEND == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        url = cluster.fresh_database()
        yield url
        cluster.drop_database(url)
        return
    template = request.getfixturevalue("sqlite_template")
    path = tmp_path / "directory.sqlite3"
    shutil.copyfile(template, path)
    yield f"sqlite:///{path}"


@pytest.fixture
def app(database_url, tmp_path):
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test",
        "DATABASE_URL": database_url,
        "SEARCH_INDEX_PATH": str(tmp_path / "index"),
    })
    app.instance_path = str(tmp_path / "instance")
    os.makedirs(app.instance_path, exist_ok=True)
    yield app
    app.extensions["sqlalchemy_engine"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def session(app):
    """A store session inside an app context."""
    from directory.store.db import get_session

    with app.app_context():
        yield get_session()
