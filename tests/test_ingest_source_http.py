"""The shared feed HTTP session over real loopback HTTP: retries, conditional GETs, timeouts."""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from ingest.sources import FeedHttp, make_session
from ingest.sources.http import USER_AGENT


class Script(BaseHTTPRequestHandler):
    """Answer each path from a per-server list of (status, headers, body), last one repeating."""

    def do_GET(self):
        self.server.seen.append((self.path, dict(self.headers)))
        answers = self.server.answers[self.path.split("?")[0]]
        status, headers, body = answers.pop(0) if len(answers) > 1 else answers[0]
        if status == "slow":
            time.sleep(1.0)
            status = 200
        if headers.get("ETag") and self.headers.get("If-None-Match") == headers["ETag"]:
            status, body = 304, ""
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body.encode())))
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def serve():
    """Start a scripted HTTP server on loopback; return a function(answers) -> base URL."""
    servers = []

    def start(answers):
        server = ThreadingHTTPServer(("127.0.0.1", 0), Script)
        server.answers, server.seen = answers, []
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}", server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_retries_a_server_error_then_succeeds(serve):
    base, server = serve({"/feed": [(500, {}, "oops"), (503, {}, "busy"), (200, {}, '{"ok": 1}')]})
    http = FeedHttp(make_session(retries=3, backoff=0.01))
    assert http.get_json(base + "/feed") == {"ok": 1}
    assert len(server.seen) == 3
    assert all(headers["User-Agent"] == USER_AGENT for _, headers in server.seen)


def test_gives_up_after_retries_with_an_http_error(serve):
    base, server = serve({"/feed": [(500, {}, "down")]})
    with pytest.raises(requests.HTTPError):
        FeedHttp(make_session(retries=2, backoff=0.01)).get(base + "/feed")
    assert len(server.seen) == 3


def test_client_error_is_raised_without_retry(serve):
    base, server = serve({"/feed": [(404, {}, "no such feed")]})
    with pytest.raises(requests.HTTPError):
        FeedHttp(make_session(backoff=0.01)).get(base + "/feed")
    assert len(server.seen) == 1


def test_conditional_request_replays_the_cached_body_on_304(serve, tmp_path):
    headers = {"ETag": '"v1"', "Last-Modified": "Wed, 01 May 2024 10:00:00 GMT"}
    base, server = serve({"/feed": [(200, headers, '{"items": [1, 2]}')]})
    first = FeedHttp(make_session(), cache_dir=tmp_path / "validators")
    assert first.get_json(base + "/feed") == {"items": [1, 2]}
    again = FeedHttp(make_session(), cache_dir=tmp_path / "validators")  # a later run
    assert again.get_json(base + "/feed") == {"items": [1, 2]}
    sent = server.seen[1][1]
    assert sent["If-None-Match"] == '"v1"'
    assert sent["If-Modified-Since"] == headers["Last-Modified"]


def test_without_a_cache_directory_no_validators_are_sent(serve):
    base, server = serve({"/feed": [(200, {"ETag": '"v1"'}, "{}")]})
    http = FeedHttp(make_session())
    http.get(base + "/feed")
    http.get(base + "/feed")
    assert "If-None-Match" not in server.seen[1][1]


def test_a_slow_feed_times_out_instead_of_hanging(serve):
    base, _ = serve({"/feed": [("slow", {}, "{}")]})
    started = time.monotonic()
    with pytest.raises(requests.RequestException):
        FeedHttp(make_session(retries=0), timeout=(2, 0.2)).get(base + "/feed")
    assert time.monotonic() - started < 1.0


def test_ndjson_lines_are_streamed(serve):
    body = "\n".join(json.dumps({"id": n}) for n in range(3)) + "\n\n"
    base, _ = serve({"/services": [(200, {"Content-Type": "application/x-ndjson"}, body)]})
    assert [json.loads(line)["id"] for line in FeedHttp().stream_lines(base + "/services")] == [
        0, 1, 2]
