"""Search integration: the index as a projection of the store, kept in sync through an outbox.

`init_app` installs the outbox listener, registers `flask index ...` and `flask match`, the
`POST /match` endpoint, and on the first request starts the sync thread (see worker.py) and
the offline geocoder's warm-up (matcher.geo.warm).
"""
import threading

from directory.search import outbox, worker
from directory.search.backend import search_backend
from matcher import geo

__all__ = ["init_app", "search_backend"]


def init_app(app):
    """Wire the outbox, the CLI commands, the match endpoint and the sync thread."""
    from directory.api import match
    from directory.search import cli

    outbox.install()
    cli.init_app(app)
    match.init_app(app)
    if _on_unless_testing(app, "SEARCH_SYNC_THREAD"):
        # On the first request, not at import: CLI commands and forked workers stay clean.
        app.before_request(lambda: worker.start_thread(app))
    if _on_unless_testing(app, "GEOCODER_WARM_UP") and not app.config.get("GEOCODER_URL"):
        # Often the first request is a page load, seconds before anyone searches.
        app.before_request(_warm_geocoder)


def _on_unless_testing(app, name):
    """Return a setting whose None means: on, except under TESTING."""
    value = app.config.get(name)
    return not app.testing if value is None else value


_warming = threading.Event()


def _warm_geocoder():
    """Start building the offline geocoder's tables in the background, once a process."""
    if not _warming.is_set():
        _warming.set()
        threading.Thread(target=geo.warm, name="geocoder-warm-up", daemon=True).start()
