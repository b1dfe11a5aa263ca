"""The HSDS API source over real loopback HTTP: our own app as the partner, and a minimal
paging-only API for the fallback path."""
import json
import threading
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from werkzeug.serving import make_server

from directory.store.writes import save_organization, save_service
from ingest.sources import FeedRecord, FeedRefused, detect_format, open_feed, rewrite_ids
from tests.factories import location_data, make_organization, make_service


@pytest.fixture
def partner(app, session):
    """Serve the app (two services of one organization) on loopback; yield its base URL."""
    org = make_organization(session)
    make_service(session, organization_id=org.id)
    make_service(session, organization_id=org.id, key="food", name="Food Pantry",
                 location=location_data(key="pantry", organization_id=org.id))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_reads_our_own_api_organizations_first_then_full_services(partner):
    assert detect_format(partner) == "hsds-api"
    feed = open_feed(partner)
    feed.check()
    items = list(feed.records())
    assert all(isinstance(item, FeedRecord) for item in items)
    assert [item.kind for item in items] == ["organization", "service", "service"]
    assert feed.full
    names = sorted(item.data["name"] for item in items if item.kind == "service")
    assert names == ["Family Counseling", "Food Pantry"]
    counseling = next(i for i in items if i.data["name"] == "Family Counseling").data
    assert counseling["service_at_locations"][0]["location"]["addresses"]
    assert {lang["code"] for lang in counseling["languages"]} == {"en", "es"}


def test_records_from_the_api_save_again_unchanged(partner, session):
    items = list(open_feed(partner, "hsds-api").records())
    for attempt in (1, 2):
        for item in items:
            record = rewrite_ids(item, "mirror")
            save = save_organization if record.kind == "organization" else save_service
            result = save(session, record.data, actor="ingest-test")
            assert result.created == (attempt == 1) and result.changed == (attempt == 1)
        session.commit()


def test_modified_after_makes_an_incremental_pull(partner):
    future = datetime(2999, 1, 1, tzinfo=timezone.utc)
    feed = open_feed(partner, "hsds-api", modified_after=future)
    assert not feed.full
    assert list(feed.records()) == []


class PagingApi(BaseHTTPRequestHandler):
    """An HSDS API without NDJSON: pages of summary items, full records by id."""

    SERVICES = {f"s{n}": {"id": f"s{n}", "name": f"Service {n}", "organization_id": "o1",
                          "status": "active", "fees_description": "Free" if n == 1 else None,
                          "phones": [], "schedules": [], "service_at_locations": []}
                for n in range(1, 4)}

    def do_GET(self):
        url = urlparse(self.path)
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        self.server.seen.append((url.path, query))
        if url.path == "/":
            return self.answer(200, {"version": "3.0.0"})
        if url.path == "/services" and query.get("format") == "ndjson":
            return self.answer(400, {"message": "unknown parameter format"})
        if url.path == "/services":
            page, items = int(query["page"]), sorted(self.SERVICES)
            chunk = items[(page - 1) * 2: page * 2]
            return self.answer(200, {"contents": [{"id": i, "organization_id": "o1"}
                                                  for i in chunk], "last_page": page * 2 >= 3})
        if url.path.startswith("/services/"):
            return self.answer(200, self.SERVICES[url.path.rsplit("/", 1)[1]])
        if url.path == "/organizations/o1":
            return self.answer(200, {"id": "o1", "name": "Paging Org", "description": "x",
                                     "services": [{"id": "s1"}]})
        return self.answer(404, {"message": "not found"})

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def paging_api():
    server = ThreadingHTTPServer(("127.0.0.1", 0), PagingApi)
    server.seen = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", server
    server.shutdown()
    server.server_close()


def test_falls_back_to_pages_and_fetches_summaries_in_full(paging_api):
    base, server = paging_api
    when = datetime(2024, 5, 1, tzinfo=timezone.utc)
    items = list(open_feed(base, "hsds-api", modified_after=when).records())
    assert [(i.kind, i.external_id) for i in items] == [
        ("organization", "o1"), ("service", "s1"), ("service", "s2"), ("service", "s3")]
    assert "services" not in items[0].data
    assert items[1].data["cost_options"][0]["option"] == "Free"
    pages = [q for path, q in server.seen if path == "/services" and "page" in q]
    assert [q["page"] for q in pages] == ["1", "2"]
    assert all(q["modified_after"] == when.isoformat() for q in pages)
    assert sum(path.startswith("/services/") for path, _ in server.seen) == 3


def test_a_url_that_is_not_an_hsds_api_is_refused(paging_api):
    base, _ = paging_api
    with pytest.raises(FeedRefused, match="no HSDS API answered"):
        detect_format(base + "/nowhere")
