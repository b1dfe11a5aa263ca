"""Taxonomy loading commands."""


def init_app(app):
    """Register taxonomy commands."""
