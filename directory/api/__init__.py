"""HTTP API blueprints (HSDS read side)."""


def init_app(app):
    """Register the API blueprints."""
