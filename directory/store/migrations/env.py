"""Alembic environment: runs on the connection handed over by directory.store.migrate."""
from alembic import context

from directory.store.models import Base
# The search outbox shares this metadata; import it so autogenerate sees its table.
import directory.search.models  # noqa: E402,F401
# Ingest's run, reject, source-record and duplicate tables share it too.
import ingest.models  # noqa: E402,F401
# Accounts and API tokens (directory.auth) too.
import directory.auth.models  # noqa: E402,F401
# Change requests and organisation trust (directory.partner) too.
import directory.partner.models  # noqa: E402,F401

target_metadata = Base.metadata


def run_migrations_online():
    connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things in place: batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
