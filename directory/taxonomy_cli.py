"""Taxonomy commands: `flask taxonomy load` and `flask taxonomy import PATH --name NAME`."""
import click
from flask.cli import AppGroup

from directory import taxonomy
from directory.errors import InvalidInput
from directory.store.db import get_session


def init_app(app):
    """Register taxonomy commands."""
    app.cli.add_command(taxonomy_cli)


@click.group("taxonomy", cls=AppGroup, help="Load and import service taxonomies.")
def taxonomy_cli():
    pass


@taxonomy_cli.command("load")
def load_command():
    """Load the shipped Open Eligibility taxonomy and the profile taxonomy."""
    session = get_session()
    open_eligibility = taxonomy.load_open_eligibility(session)
    profile = taxonomy.ensure_profile_taxonomy(session)
    session.commit()
    click.echo(f"Open Eligibility: {open_eligibility} terms created or changed")
    click.echo(f"profile taxonomy: {profile} terms created or changed")


@taxonomy_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--name", required=True, help='Taxonomy name, e.g. "AIRS/211 LA County".')
@click.option("--uri", default=None, help="Where the taxonomy is published.")
@click.option("--description", default=None, help="One sentence about the taxonomy.")
def import_command(path, name, uri, description):
    """Import a taxonomy CSV with columns taxonomy_id,name,parent_id[,description]."""
    session = get_session()
    try:
        report = taxonomy.import_taxonomy_file(session, path, name, uri, description)
    except InvalidInput as exc:
        session.rollback()
        detail = "; ".join(exc.errors.get("columns", []))
        raise click.ClickException(f"{exc.message} {detail}") from exc
    session.commit()
    for line, reason in report.rejected:
        click.echo(f"line {line}: rejected: {reason}", err=True)
    click.echo(f"{name}: {report.written} terms created or changed, "
               f"{report.unchanged} unchanged, {len(report.rejected)} rejected")
