"""Fixtures giving tests an Elasticsearch to talk to: a real cluster or the osmem stand-in.

With DIRECTORY_TEST_ELASTICSEARCH_URL set, tests run against that cluster exactly as
production would (no transport tweaks). Otherwise one in-memory `osmem-server` (an
OpenSearch-compatible server from PyPI) starts per test session on a free loopback port.
It is a stand-in: its scores and edge cases are not Elasticsearch's.

Load with `pytest_plugins = ("es_standin",)` in a test module; then request
`elasticsearch_backend` (a fresh, empty backend per test) or `elasticsearch_target`.
"""
import os
import uuid
from dataclasses import dataclass

import pytest
from elastic_transport import HttpHeaders, Urllib3HttpNode

from matcher.backends.elasticsearch_backend import ElasticsearchBackend

URL_VARIABLE = "DIRECTORY_TEST_ELASTICSEARCH_URL"


class PlainJsonNode(Urllib3HttpNode):
    """Send plain JSON media types: osmem refuses the client's compatibility media types."""

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        """Rewrite the versioned Accept / Content-Type headers, then send the request."""
        headers = HttpHeaders(headers or {})
        for name in ("accept", "content-type"):
            if name in headers:
                headers[name] = plain_media_type(headers[name])
        return super().perform_request(method, target, body=body, headers=headers, **kwargs)


def plain_media_type(value: str) -> str:
    """Map `application/vnd.elasticsearch+x-ndjson; compatible-with=9` to `application/x-ndjson`."""
    media_type = value.split(";")[0].strip()
    return media_type.replace("application/vnd.elasticsearch+", "application/")


@dataclass(frozen=True)
class Target:
    """Where the tests' Elasticsearch lives and how to reach it."""

    url: str
    node_class: type | None
    standin: bool

    def backend(self, index: str) -> ElasticsearchBackend:
        """Return a backend on this target reading and writing through alias `index`."""
        return ElasticsearchBackend(self.url, index, node_class=self.node_class,
                                    request_timeout=30.0)


@pytest.fixture(scope="session")
def elasticsearch_target():
    """The configured real cluster, or a stand-in started for this session (skip if neither)."""
    url = os.environ.get(URL_VARIABLE)
    if url:
        yield Target(url, None, standin=False)
        return
    try:
        from osmem_server import OsmemError, OsmemServer
    except ImportError:
        pytest.skip(f"no Elasticsearch: set {URL_VARIABLE} or pip install osmem-server")
    try:
        server = OsmemServer.start(japanese=False, addr="127.0.0.1:0")
    except (OsmemError, OSError) as error:
        pytest.skip(f"the osmem-server stand-in did not start ({error}); "
                    f"set {URL_VARIABLE} to test against a real cluster")
    try:
        yield Target(server.url, PlainJsonNode, standin=True)
    finally:
        server.close()
        # OsmemServer.close leaves the startup pipe open; an unclosed file warns (= errors).
        server.process.stdout.close()


@pytest.fixture
def elasticsearch_backend(elasticsearch_target):
    """A fresh, empty backend on its own alias; its indices are deleted afterwards."""
    alias = f"test-{uuid.uuid4().hex[:12]}"
    backend = elasticsearch_target.backend(alias)
    try:
        yield backend
    finally:
        # Real clusters refuse wildcard deletes (action.destructive_requires_name): list first.
        indices = backend.client.indices.get(index=f"{alias}-*", allow_no_indices=True)
        for name in indices:
            backend.client.indices.delete(index=name, ignore_unavailable=True)
        backend.close()
