"""`flask index rebuild | compact | sync [--follow] | status`, and `flask match` (match_cli.py)."""
import signal
import threading

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import func, select

from directory.search import sync, worker
from directory.search.backend import backend_name, search_backend
from directory.search.match_cli import match_command
from directory.search.models import SearchOutbox
from directory.store.db import get_session


def init_app(app):
    """Register the `index` group and the `match` command."""
    app.cli.add_command(index_cli)
    app.cli.add_command(match_command)


@click.group("index", cls=AppGroup, help="Build and maintain the search index.")
def index_cli():
    pass


@index_cli.command("rebuild")
@click.option("--batch", default=500, show_default=True, help="Services loaded at a time.")
@click.option("--wait", default=60.0, show_default=True, help="Seconds to wait for a drain.")
@click.option("--if-empty", is_flag=True,
              help="Only when the index holds no documents (first start, index deleted) "
                   "or was built by an older version that lacks today's layout.")
def rebuild_command(batch, wait, if_empty):
    """Recreate the index from the store; searches keep answering from the old one meanwhile."""
    app = current_app._get_current_object()
    backend = search_backend(app)
    if if_empty and backend.count() > 0 and not backend.outdated():
        click.echo("index already has documents; nothing to do")
        return
    with worker.drain_lock(app, wait) as held:
        if not held:
            raise click.ClickException("another rebuild or drain holds the index; try again")
        count = sync.rebuild(get_session(), search_backend(app), batch=batch)
    click.echo(f"indexed {count} documents ({backend_name(app.config)})")


@index_cli.command("compact")
@click.option("--wait", default=60.0, show_default=True, help="Seconds to wait for a drain.")
def compact_command(wait):
    """Fold the documents written since the last build into a new one, without the store."""
    app = current_app._get_current_object()
    overlay, built = search_backend(app).overlay_size()
    if not overlay:
        click.echo("nothing to compact: every document is in the last build")
        return
    count = worker.compact(app, timeout=wait)
    if count is None:
        raise click.ClickException(
            "not compacted: the index changed meanwhile or a rebuild holds it (try again), "
            "or it predates this layout (`flask index rebuild`)")
    click.echo(f"compacted: {count} documents ({overlay} written since the last build, "
               f"{built} built)")


@index_cli.command("sync")
@click.option("--follow", is_flag=True, help="Keep draining until interrupted (a worker).")
@click.option("--interval", default=0.5, show_default=True, help="Seconds between polls.")
def sync_command(follow, interval):
    """Index the services changed since the last sync (the outbox)."""
    app = current_app._get_current_object()
    if follow:
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        click.echo("syncing the search index; Ctrl+C stops")
        try:
            worker.follow(app, interval, stop)
        except KeyboardInterrupt:
            stop.set()
        return
    leader = worker.writer_lock(app)
    if not leader.acquire():
        click.echo(f"process {leader.holder()} is the index writer and syncs continuously")
        return
    try:
        click.echo(f"indexed {worker.drain_once(app)} queued changes")
        compacted = worker.compact_if_due(app)
        if compacted is not None:
            click.echo(f"compacted: {compacted} documents")
    finally:
        leader.release()


@index_cli.command("status")
def status_command():
    """Show the backend's health, its document count and the sync backlog."""
    app = current_app._get_current_object()
    health = search_backend(app).health()
    pending, oldest = get_session().execute(
        select(func.count(SearchOutbox.id), func.min(SearchOutbox.enqueued_at))).one()
    writer = worker.writer_lock(app).holder()
    click.echo(f"backend: {health.backend} ({'ok' if health.ok else 'NOT OK'})")
    click.echo(f"documents: {health.documents if health.documents is not None else 'unknown'}")
    click.echo(f"queued changes: {pending}" + (f" (oldest {oldest.isoformat()})" if oldest else ""))
    click.echo(f"writer: {'process ' + str(writer) if writer else 'none running'}")
    for key, value in sorted(health.detail.items()):
        click.echo(f"{key}: {value}")
    if not health.ok:
        raise SystemExit(1)
