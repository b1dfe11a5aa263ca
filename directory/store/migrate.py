"""Schema migrations through Alembic, run programmatically (no alembic.ini to keep in sync)."""
import os

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

MIGRATIONS = os.path.join(os.path.dirname(__file__), "migrations")


def alembic_config(connection=None):
    """Return an Alembic config pointing at our migrations, bound to `connection`."""
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    config.attributes["connection"] = connection
    return config


def upgrade(engine, revision="head"):
    """Apply every pending migration up to `revision` in one transaction."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def current_revision(engine):
    """Return the revision the database is at, or None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision():
    """Return the newest revision shipped with the code."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def revision(engine, message):
    """Autogenerate a new migration from the models (for developers)."""
    with engine.begin() as connection:
        command.revision(alembic_config(connection), message=message, autogenerate=True)
