"""Demo directory loading (`flask demo load`)."""


def init_app(app):
    """Register the demo commands."""
