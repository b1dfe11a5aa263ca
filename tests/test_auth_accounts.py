"""Accounts: hashed passwords, validated fields, and the `flask users` / `flask tokens` commands."""
import logging

import pytest
from auth_helpers import PASSWORD, bearer, make_org, make_user, sign_in
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from directory.auth import User, accounts
from directory.errors import InvalidInput
from directory.store.db import get_session


def stored_user(app, email):
    with app.app_context():
        return get_session().scalars(select(User).where(User.email == email)).one_or_none()


def test_passwords_are_stored_as_argon2id_hashes(app):
    make_user(app, "admin", email="root@example.org")
    user = stored_user(app, "root@example.org")
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


@pytest.mark.parametrize("email, password, role, org, field", [
    ("not-an-email", PASSWORD, "therapist", None, "email"),
    ("a@example.org", "too short", "therapist", None, "password"),
    ("a@example.org", "            ", "therapist", None, "password"),
    ("a@example.org", PASSWORD, "wizard", None, "role"),
    ("a@example.org", PASSWORD, "partner", None, "organization_id"),
    ("a@example.org", PASSWORD, "partner", "no-such-org", "organization_id"),
    ("a@example.org", PASSWORD, "therapist", "ORG", "organization_id"),
    ("PAT@example.org", PASSWORD, "therapist", None, "email"),
])
def test_invalid_accounts_are_refused_with_field_errors(app, email, password, role, org, field):
    org_id = make_org(app)
    make_user(app, "therapist", email="pat@example.org")
    with app.app_context():
        with pytest.raises(InvalidInput) as refused:
            accounts.create_user(get_session(), email, password, role,
                                 org_id if org == "ORG" else org)
    assert field in refused.value.errors


def test_the_database_refuses_a_partner_without_an_organisation(app):
    make_user(app, "therapist", email="pat@example.org")
    with app.app_context():
        session = get_session()
        session.get(User, stored_user(app, "pat@example.org").id).role = "partner"
        with pytest.raises(IntegrityError):
            session.commit()


def test_users_create_reads_the_password_from_standard_input(app, client, runner, caplog):
    caplog.set_level(logging.DEBUG)
    org_id = make_org(app)
    args = ["users", "create", "Ana@Partner.org", "--role", "partner", "--organization", org_id]
    result = runner.invoke(args=args, input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert "created partner ana@partner.org" in result.output
    assert PASSWORD not in result.output and PASSWORD not in caplog.text
    assert stored_user(app, "ana@partner.org").organization_id == org_id
    assert sign_in(client, "ana@partner.org").status_code == 302


@pytest.mark.parametrize("password", ["", "short pass"])
def test_users_create_refuses_empty_and_short_passwords(app, runner, password):
    result = runner.invoke(args=["users", "create", "x@example.org", "--role", "therapist"],
                           input=password + "\n")
    assert result.exit_code == 1
    assert "password" in result.output
    assert stored_user(app, "x@example.org") is None


def test_users_create_refuses_an_unknown_role(runner):
    result = runner.invoke(args=["users", "create", "x@example.org", "--role", "owner"],
                           input=PASSWORD + "\n")
    assert result.exit_code == 2 and "owner" in result.output


def test_users_list_shows_accounts_without_secrets(app, runner):
    make_user(app, "admin", email="root@example.org")
    result = runner.invoke(args=["users", "list"])
    assert "root@example.org  admin  -  active" in result.output
    assert "argon2" not in result.output


def test_tokens_create_prints_the_token_as_its_last_line(app, client, runner):
    make_user(app, "partner", email="ana@partner.org", organization_id=make_org(app))
    result = runner.invoke(args=["tokens", "create", "ana@partner.org", "--name", "sync"])
    assert result.exit_code == 0, result.output
    secret = result.output.strip().splitlines()[-1]
    assert client.get("/me", headers=bearer(secret)).get_json()["token"]["name"] == "sync"
    listed = runner.invoke(args=["tokens", "list", "ana@partner.org"]).output
    assert "sync" in listed and "active" in listed and secret not in listed


def test_token_commands_report_unknown_accounts_and_ids(runner):
    created = runner.invoke(args=["tokens", "create", "ghost@example.org"])
    revoked = runner.invoke(args=["tokens", "revoke", "no-such-id"])
    assert created.exit_code == 1 and "No account has this email." in created.output
    assert revoked.exit_code == 1 and "No token has this id." in revoked.output


def test_production_hashes_use_the_rfc_9106_parameters(tmp_path):
    from directory import create_app
    from directory.auth import passwords

    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3"})
    with app.app_context():
        assert "$argon2id$v=19$m=65536,t=3,p=4$" in passwords.hash_password(PASSWORD)
    app.extensions["sqlalchemy_engine"].dispose()
