"""`flask ingest ...` on real fixture feeds: summaries, exit codes, reports, search, admin API."""
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from auth_helpers import bearer, make_token, make_user
from directory import create_app
from directory.search.backend import search_backend
from directory.store.models import Service
from directory.store.db import get_session
from ingest.sources import feed_key
from matcher.backends.base import CandidateQuery

FEEDS = Path(__file__).parent / "fixtures" / "feeds"
HSDS3 = str(FEEDS / "hsds3")


def ingest(runner, *args):
    return runner.invoke(args=["ingest", *args])


def test_file_prints_a_summary_and_a_second_run_changes_nothing(runner):
    first = ingest(runner, "file", HSDS3, "--source", "bayside")
    assert first.exit_code == 0, first.output
    assert first.output.startswith("ingest run 1 of bayside: succeeded;")
    assert "4 created" in first.output and "10 rejected" in first.output
    second = ingest(runner, "file", HSDS3, "--source", "bayside")
    assert second.exit_code == 0
    assert "0 created, 0 updated, 4 unchanged" in second.output


def test_a_refused_feed_exits_non_zero_and_writes_nothing(runner, session):
    result = ingest(runner, "file", str(FEEDS / "broken" / "missing_table"), "--source", "bad")
    assert result.exit_code != 0
    assert "refused" in result.output and "services.csv" in result.output
    report = ingest(runner, "report")
    assert "status: refused" in report.output and "created            0" in report.output


def test_an_unreadable_format_is_refused_and_recorded(runner):
    result = ingest(runner, "file", str(FEEDS / "broken" / "not_a_zip.zip"), "--source", "zip")
    assert result.exit_code != 0
    assert "refused" in ingest(runner, "report").output


def test_report_lists_rejects_with_file_and_line(runner):
    ingest(runner, "file", HSDS3, "--source", "bayside")
    ingest(runner, "file", str(FEEDS / "legacy"), "--source", "legacy")
    latest = ingest(runner, "report").output
    assert latest.startswith("run 2: legacy (hsds-legacy-csv)")
    first = ingest(runner, "report", "1").output
    assert "services.csv:7 [svc-5] organization org-404 is not in this feed" in first
    assert ingest(runner, "report", "99").exit_code != 0


def test_configured_sources_run_by_name_or_all_and_are_listed(app, runner):
    app.config["INGEST_SOURCES"] = [
        {"name": "bayside", "format": "hsds3-csv", "location": HSDS3},
        {"name": "county-211", "location": str(FEEDS / "211" / "resources.csv")},
        {"name": "old", "location": str(FEEDS / "legacy"), "enabled": False}]
    assert "bayside\thsds3-csv\tenabled" in ingest(runner, "list").output
    assert ingest(runner, "run", "bayside").exit_code == 0
    everything = ingest(runner, "run", "--all")
    assert everything.exit_code == 0
    assert "of bayside" in everything.output and "of county-211" in everything.output
    assert "of old" not in everything.output
    listing = ingest(runner, "list").output
    assert "last run 2: succeeded" in listing and "never run" in listing
    assert ingest(runner, "run", "nowhere").exit_code != 0


def test_an_ingested_service_becomes_a_search_candidate_after_index_sync(app, runner):
    ingest(runner, "file", HSDS3, "--source", "bayside")
    assert runner.invoke(args=["index", "sync"]).exit_code == 0
    with app.app_context():
        found = search_backend(app).candidates(CandidateQuery(text="hot meals"))
    assert feed_key("bayside", "service", "svc-2") in {c.document["service_id"] for c in found}


def test_admins_see_runs_over_the_api_and_others_do_not(app, client, runner):
    ingest(runner, "file", HSDS3, "--source", "bayside")
    _, admin = make_token(app, make_user(app, "admin"))
    _, therapist = make_token(app, make_user(app, "therapist"))
    assert client.get("/ingest/runs").status_code == 401
    assert client.get("/ingest/runs", headers=bearer(therapist)).status_code == 403
    runs = client.get("/ingest/runs", headers=bearer(admin)).get_json()
    assert runs["total_items"] == 1 and runs["contents"][0]["counts"]["created"] == 4
    run = client.get("/ingest/runs/1", headers=bearer(admin)).get_json()
    assert run["status"] == "succeeded" and len(run["rejects"]) == 10
    assert {"file": "services.csv", "line": 6, "external_id": "svc-4",
            "reason": "missing required service name"} in run["rejects"]
    assert client.get("/ingest/runs/7", headers=bearer(admin)).status_code == 404


@pytest.fixture
def partner_api(app, tmp_path, runner):
    """A second directory, loaded from the HSDS 3 fixture, serving its API on loopback."""
    partner = create_app({"TESTING": True, "SECRET_KEY": "partner",
                          "DATABASE_URL": f"sqlite:///{tmp_path / 'partner.sqlite3'}",
                          "SEARCH_INDEX_PATH": str(tmp_path / "partner-index")})
    assert partner.test_cli_runner().invoke(args=["db", "upgrade"]).exit_code == 0
    partner.test_cli_runner().invoke(args=["ingest", "file", HSDS3, "--source", "bayside"])
    server = make_server("127.0.0.1", 0, partner, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()
    partner.extensions["sqlalchemy_engine"].dispose()


def test_url_ingests_an_hsds_api_over_http(app, runner, partner_api):
    result = ingest(runner, "url", partner_api, "--source", "partner")
    assert result.exit_code == 0, result.output
    assert "succeeded" in result.output and "0 rejected" in result.output
    again = ingest(runner, "url", partner_api, "--source", "partner")
    assert "0 created, 0 updated" in again.output
    with app.app_context():
        # The partner's API answers with its own ids: they become our partner-keyed ids.
        partner_id = feed_key("bayside", "service", "svc-2")
        service = get_session().get(Service, feed_key("partner", "service", partner_id))
        assert service is not None and service.name == "Hot Meals"
