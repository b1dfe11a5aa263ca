"""Community resource directory: the app factory wires every subsystem here and only here."""
import os

from flask import Flask

from config import DefaultConfig


def create_app(test_config=None):
    """Create the Flask app: defaults, instance config, DIRECTORY_* environment, test mapping."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(DefaultConfig)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("DIRECTORY")
    if test_config is not None:
        app.config.from_mapping(test_config)
    os.makedirs(app.instance_path, exist_ok=True)

    from directory import errors, json_responses, store, api, demo, taxonomy_cli, search

    json_responses.init_app(app)
    errors.init_app(app)
    store.init_app(app)
    taxonomy_cli.init_app(app)
    demo.init_app(app)
    api.init_app(app)
    search.init_app(app)
    from directory import auth
    auth.init_app(app)
    from directory import partner
    partner.init_app(app)
    import ingest
    ingest.init_app(app)
    return app
