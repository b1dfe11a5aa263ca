"""End to end in a real headless Chromium: a trusted partner signs in, changes opening hours
in the edit form, and the new hours show in GET /services/{id} and in POST /match results."""
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

import partner_world
from partner_world import sync_index

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SUNDAY_MORNING = {"needs": ["106-06-07-01"], "location": {"postal_code": "94401"},
                  "available": [{"day": "sun", "from": "09:00", "to": "11:00"}], "limit": 10}

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@pytest.fixture
def browser():
    """A headless Debian Chromium driven by Playwright; skip when it is not installed."""
    if not CHROMIUM.exists() and shutil.which("chromium") is None:
        pytest.skip("no browser: install Debian's chromium and chromium-driver "
                    "(.ci/run does) to run the browser end-to-end test")
    executable = str(CHROMIUM) if CHROMIUM.exists() else shutil.which("chromium")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def live_url(app):
    """Serve the app on a free loopback port in a thread, against the test database."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()


def open_on_sunday(client):
    body = client.post("/match", json=SUNDAY_MORNING).get_json()
    return [r["service"]["name"] for r in body["results"] if not r["fit"]["relaxed"]]


def test_partner_changes_hours_in_the_browser_and_search_follows(app, client, browser,
                                                                 live_url):
    world = partner_world.build(app, trusted_a=True)
    sync_index(app)
    assert "Counseling A" not in open_on_sunday(client)
    page = browser.new_page()
    page.goto(f"{live_url}/sign-in")
    page.get_by_label("Email").fill(world.users["partner_a"])
    page.get_by_label("Password").fill(partner_world.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_url}/partner/services")
    page.get_by_role("link", name="Edit Counseling A").click()
    page.select_option("#day-0", "SU")
    page.fill("#opens-0", "08:00")
    page.fill("#closes-0", "12:00")
    page.get_by_role("button", name="Save changes").click()
    assert "Your changes are published." in page.locator("main").inner_text()
    page.close()

    service = client.get(f"/services/{world.service_a}").get_json()
    hours = {(s["byday"], s["opens_at"], s["closes_at"]) for s in service["schedules"]}
    assert ("SU", "08:00", "12:00") in hours
    sync_index(app)
    assert "Counseling A" in open_on_sunday(client)
