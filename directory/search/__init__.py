"""Search integration: the index as a projection of the store, kept in sync through an outbox.

`init_app` installs the outbox listener, registers `flask index ...` and `flask match`, the
`POST /match` endpoint, and starts the sync thread on the first request (see worker.py).
"""
from directory.search import outbox, worker
from directory.search.backend import search_backend

__all__ = ["init_app", "search_backend"]


def init_app(app):
    """Wire the outbox, the CLI commands, the match endpoint and the sync thread."""
    from directory.api import match
    from directory.search import cli

    outbox.install()
    cli.init_app(app)
    match.init_app(app)
    sync_thread = app.config.get("SEARCH_SYNC_THREAD")
    if sync_thread is None:
        sync_thread = not app.testing
    if sync_thread:
        # On the first request, not at import: CLI commands and forked workers stay clean.
        app.before_request(lambda: worker.start_thread(app))
