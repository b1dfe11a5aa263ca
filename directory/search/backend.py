"""The app's search backend, chosen by configuration and created on first use."""
import os

from flask import current_app

from matcher.backends.registry import get_backend


def backend_name(config):
    """Return the configured backend: SEARCH_BACKEND, else elasticsearch when a URL is set."""
    if config.get("SEARCH_BACKEND"):
        return config["SEARCH_BACKEND"]
    return "elasticsearch" if config.get("ELASTICSEARCH_URL") else "tantivy"


def index_path(app):
    """Return the tantivy index directory: SEARCH_INDEX_PATH or <instance>/search-index."""
    return app.config.get("SEARCH_INDEX_PATH") or os.path.join(app.instance_path, "search-index")


def create_backend(app):
    """Create a new backend instance from the app's configuration."""
    config = app.config
    settings = dict(config.get("SEARCH_BACKEND_SETTINGS") or {})
    name = backend_name(config)
    if name == "elasticsearch":
        settings.setdefault("url", config.get("ELASTICSEARCH_URL"))
        settings.setdefault("index", config.get("ELASTICSEARCH_INDEX", "directory-services"))
    elif name == "tantivy":
        settings.setdefault("path", index_path(app))
    return get_backend(name, **settings)


def search_backend(app=None):
    """Return the app's backend, shared by every thread of this process."""
    app = app or current_app._get_current_object()
    backend = app.extensions.get("search_backend")
    if backend is None:
        # setdefault: two threads racing on first use still end up sharing one instance.
        backend = app.extensions.setdefault("search_backend", create_backend(app))
    return backend


def lock_path(app, name):
    """Return the path of a search lock file in the instance folder."""
    os.makedirs(app.instance_path, exist_ok=True)
    return os.path.join(app.instance_path, f"search-{name}.lock")
