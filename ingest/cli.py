"""`flask ingest ...`: run feeds (a file, a URL, configured sources) and show run reports."""
import itertools
import os
import sys

import click
from flask import current_app
from flask.cli import AppGroup

from directory.store.db import get_session
from ingest.config import SourceConfigError, configured_sources, find_source
from ingest.jobs import (JobOptions, get_run, record_refused, report_lines, run_feed,
                         summary_line)
from ingest.jobs.geocode import geocoder_for
from ingest.sources import FeedRefused, open_feed

FAILED = ("refused", "failed")


@click.group("ingest", cls=AppGroup, help="Import partner and 211 feeds into the directory.")
def ingest_cli():
    pass


def _options(deactivate, progress):
    config = current_app.config
    return JobOptions(actor="ingest", batch_size=int(config["INGEST_BATCH_SIZE"]),
                      deactivate_missing=deactivate, geocoder=geocoder_for(config),
                      progress=progress)


def _ingest(location, format, name, deactivate=None):
    """Run one feed with a progress bar on a terminal; print its summary; return the run."""
    session = get_session()
    if deactivate is None:
        deactivate = bool(current_app.config["INGEST_DEACTIVATE_MISSING"])
    try:
        source = open_feed(location, format, name=name)
    except FeedRefused as error:
        run = record_refused(session, name, format, location, str(error))
        click.echo(summary_line(run))
        return run
    if not sys.stdout.isatty():
        run = run_feed(session, source, _options(deactivate, None))
    else:
        # The total is unknown until the feed is read, so the bar counts items read.
        with click.progressbar(itertools.repeat(None), label=f"ingest {name}",
                               show_pos=True) as bar:
            state = {"read": 0}

            def progress(read):
                bar.update(read - state["read"])
                state["read"] = read
            run = run_feed(session, source, _options(deactivate, progress))
    click.echo(summary_line(run))
    return run


def _exit_for(runs):
    if any(run.status in FAILED for run in runs):
        sys.exit(1)


@ingest_cli.command("file")
@click.argument("path", type=click.Path(exists=True))
@click.option("--format", "format", default=None, help="Feed format (detected when omitted).")
@click.option("--source", "name", default=None, help="Source name (default: the path).")
def file_command(path, format, name):
    """Ingest a feed file or folder (CSV package, zip, 211 export)."""
    _exit_for([_ingest(path, format, name or os.path.abspath(path))])


@ingest_cli.command("url")
@click.argument("url")
@click.option("--format", "format", default=None, help="Feed format (detected when omitted).")
@click.option("--source", "name", default=None, help="Source name (default: the URL).")
def url_command(url, format, name):
    """Ingest an HSDS API at URL."""
    _exit_for([_ingest(url, format, name or url.rstrip("/"))])


def _configured():
    try:
        return configured_sources(current_app.config)
    except SourceConfigError as error:
        raise click.ClickException(str(error)) from None


@ingest_cli.command("run")
@click.argument("name", required=False)
@click.option("--all", "run_all", is_flag=True, help="Run every enabled configured source.")
def run_command(name, run_all):
    """Ingest a configured source by NAME, or all enabled ones with --all."""
    if bool(name) == run_all:
        raise click.UsageError("give a source NAME or --all, not both")
    if run_all:
        sources = [source for source in _configured() if source.enabled]
    else:
        _configured()
        source = find_source(current_app.config, name)
        if source is None:
            raise click.ClickException(f"no configured source named {name!r} (flask ingest list)")
        sources = [source]
    _exit_for([_ingest(s.location, s.format, s.name, s.deactivate_missing) for s in sources])


@ingest_cli.command("list")
def list_command():
    """List the configured sources and how their last run ended."""
    sources = _configured()
    if not sources:
        click.echo("no sources configured (set INGEST_SOURCES in the instance config)")
    session = get_session()
    for source in sources:
        last = get_run(session, source=source.name)
        state = f"last run {last.id}: {last.status}" if last else "never run"
        click.echo(f"{source.name}\t{source.format or 'auto'}\t"
                   f"{'enabled' if source.enabled else 'disabled'}\t{source.location}\t{state}")


@ingest_cli.command("report")
@click.argument("run_id", type=int, required=False)
def report_command(run_id):
    """Show what run RUN_ID did (the latest run when omitted)."""
    run = get_run(get_session(), run_id)
    if run is None:
        raise click.ClickException("no such run" if run_id is not None else "no runs yet")
    click.echo("\n".join(report_lines(get_session(), run)))
