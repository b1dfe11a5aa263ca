"""Ingest: feed sources, cleaning, and jobs that run feeds into the store (`flask ingest`)."""


def init_app(app):
    """Register the `flask ingest` commands and the ingest defaults."""
    from .cli import ingest_cli

    app.config.setdefault("INGEST_SOURCES", [])
    app.config.setdefault("INGEST_DEACTIVATE_MISSING", True)
    app.config.setdefault("INGEST_BATCH_SIZE", 500)
    app.cli.add_command(ingest_cli)
