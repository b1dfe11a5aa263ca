"""The throwaway PostgreSQL cluster gives every test its own database at the current schema."""
import pytest
from sqlalchemy import func, select, text

from directory.store import migrate
from directory.store.db import make_engine
from directory.store.models import Organization

pytestmark = pytest.mark.postgres


@pytest.mark.parametrize("writer", ["first", "second"])
def test_each_test_starts_from_an_empty_database(session, writer):
    # Both cases assert emptiness then write: whichever runs second would see the other's row
    # if databases were shared, whatever the order or xdist worker.
    assert session.scalar(select(func.count()).select_from(Organization)) == 0
    session.add(Organization(name=f"written by the {writer} test", description="isolation check"))
    session.commit()
    assert session.scalar(select(func.count()).select_from(Organization)) == 1


def test_database_is_postgresql_at_head_revision(app):
    engine = app.extensions["sqlalchemy_engine"]
    assert engine.dialect.name == "postgresql"
    assert migrate.current_revision(engine) == migrate.head_revision()


def test_pg_url_is_a_separate_database_at_head(pg_url, database_url):
    assert pg_url != database_url
    engine = make_engine(pg_url)
    try:
        assert migrate.current_revision(engine) == migrate.head_revision()
        with engine.connect() as connection:
            assert connection.scalar(text("SELECT count(*) FROM organization")) == 0
    finally:
        engine.dispose()


def test_drop_database_disconnects_clients_and_removes_it(pg_cluster):
    url = pg_cluster.fresh_database()
    engine = make_engine(url)
    connection = engine.connect()
    connection.execute(text("SELECT 1"))
    try:
        pg_cluster.drop_database(url)
    finally:
        # The server has terminated this session; discard it rather than roll it back.
        connection.invalidate()
        connection.close()
        engine.dispose()
    admin = make_engine(pg_cluster.url("postgres"))
    try:
        with admin.connect() as connection:
            names = connection.scalars(text("SELECT datname FROM pg_database")).all()
    finally:
        admin.dispose()
    assert url.rsplit("/", 1)[1] not in names
