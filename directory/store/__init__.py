"""The store: the system of record (SQLAlchemy models, sessions, migrations, write functions)."""
import click
from flask.cli import AppGroup

from . import db, migrate


def init_app(app):
    """Set up the database engine and register `flask db ...` commands."""
    db.init_app(app)
    app.cli.add_command(db_cli)


@click.group("db", cls=AppGroup, help="Manage the database schema.")
def db_cli():
    pass


@db_cli.command("upgrade")
def upgrade_command():
    """Apply pending migrations (creates the database on first run)."""
    engine = db.get_engine()
    migrate.upgrade(engine)
    click.echo(f"database at revision {migrate.current_revision(engine)}")


@db_cli.command("revision")
@click.option("-m", "--message", required=True)
def revision_command(message):
    """Autogenerate a migration from model changes (developers only)."""
    migrate.revision(db.get_engine(), message)


@db_cli.command("current")
def current_command():
    """Print the database's revision and the newest one the code knows."""
    engine = db.get_engine()
    click.echo(f"database: {migrate.current_revision(engine)}  code: {migrate.head_revision()}")
    click.echo(f"url: {engine.url.render_as_string(hide_password=True)}")
