"""HTTP API blueprints (HSDS 3.0 read side, with our profile)."""


def init_app(app):
    """Register the API blueprints; the profile lives under PROFILE_PATH."""
    from . import openapi, organizations, root, service_at_locations, services, taxonomies

    app.register_blueprint(root.bp)
    prefix = app.config["PROFILE_PATH"].rstrip("/")
    app.register_blueprint(root.profile_bp, url_prefix=prefix)
    app.register_blueprint(openapi.bp)
    app.register_blueprint(services.bp)
    app.register_blueprint(organizations.bp)
    app.register_blueprint(service_at_locations.bp)
    app.register_blueprint(taxonomies.bp)
    # Admin-only ingest run reports (bearer token).
    from . import ingest_runs
    app.register_blueprint(ingest_runs.bp)
