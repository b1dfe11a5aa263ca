"""Search backends by name; each says whether its optional dependency is installed.

Backends register by import path so an absent optional dependency (elasticsearch) never
breaks importing the registry; `enabled()` answers whether one can actually be used.
"""
import importlib

DEFAULT = "tantivy"
BACKENDS = {
    "tantivy": "matcher.backends.tantivy_backend:TantivyBackend",
    "elasticsearch": "matcher.backends.elasticsearch_backend:ElasticsearchBackend",
}


class UnknownBackend(LookupError):
    """Raised for a backend name that is not registered or cannot be used here."""


def backend_class(name):
    """Return the class registered under `name`, or raise UnknownBackend."""
    if name not in BACKENDS:
        raise UnknownBackend(f"unknown search backend {name!r}; known: {sorted(BACKENDS)}")
    module_name, _, class_name = BACKENDS[name].partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise UnknownBackend(f"search backend {name!r} is not installed: {error}") from error
    return getattr(module, class_name)


def enabled():
    """Return the names of registered backends whose dependencies are importable."""
    names = []
    for name in BACKENDS:
        try:
            if backend_class(name).enabled():
                names.append(name)
        except UnknownBackend:
            continue
    return names


def get_backend(name=None, **settings):
    """Return a backend instance by name (tantivy by default) configured with `settings`."""
    cls = backend_class(name or DEFAULT)
    if not cls.enabled():
        raise UnknownBackend(f"search backend {name!r} is not available here")
    return cls(**settings)
