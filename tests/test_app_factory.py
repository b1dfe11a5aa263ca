from directory import create_app
from directory.store import migrate


def test_test_mapping_overrides_defaults(app):
    assert app.testing
    assert app.config["PER_PAGE_DEFAULT"] == 50


def test_environment_prefix_is_read(monkeypatch, tmp_path):
    monkeypatch.setenv("DIRECTORY_PER_PAGE_DEFAULT", "7")
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3"})
    assert app.config["PER_PAGE_DEFAULT"] == 7


def test_unknown_url_answers_json_error(client):
    response = client.get("/no/such/thing")
    assert response.status_code == 404
    body = response.get_json()
    assert body["code"] == "not_found" and body["status"] == 404
    assert set(body) == {"code", "status", "message", "errors"}


def test_db_upgrade_command_is_idempotent(runner):
    first = runner.invoke(args=["db", "upgrade"])
    second = runner.invoke(args=["db", "upgrade"])
    assert first.exit_code == 0 and second.exit_code == 0
    assert f"revision {migrate.head_revision()}" in second.output, second.output
