"""`flask users ...` and `flask tokens ...`: manage accounts and API tokens from a shell."""
import sys

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from directory.errors import InvalidInput
from directory.store.db import get_session

from . import accounts, tokens
from .models import ROLES, ApiToken, User

users_cli = AppGroup("users", help="Manage accounts.")
tokens_cli = AppGroup("tokens", help="Manage API tokens.")


def read_password():
    """Prompt twice without echo on a terminal; otherwise read one line from standard input."""
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return sys.stdin.readline().rstrip("\r\n")


def _fail(error):
    details = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in error.errors.items())
    raise click.ClickException(f"{error.message} {details}".strip())


def _user(email):
    user = accounts.find_user(get_session(), email)
    if user is None:
        raise click.ClickException("No account has this email.")
    return user


@users_cli.command("create")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice(ROLES))
@click.option("--organization", "organization_id", help="Organisation id (partners only).")
def create_user_command(email, role, organization_id):
    """Create an account; the password comes from standard input."""
    session = get_session()
    try:
        user = accounts.create_user(session, email, read_password(), role, organization_id,
                                    min_length=current_app.config["PASSWORD_MIN_LENGTH"])
    except InvalidInput as error:
        _fail(error)
    session.commit()
    click.echo(f"created {user.role} {user.email} (id {user.id})")


@users_cli.command("list")
def list_users_command():
    """List accounts: id, email, role, organisation, active."""
    for user in get_session().scalars(select(User).order_by(User.email)):
        state = "active" if user.active else "inactive"
        click.echo(f"{user.id}  {user.email}  {user.role}  {user.organization_id or '-'}  {state}")


@tokens_cli.command("create")
@click.argument("email")
@click.option("--name", default="API token", show_default=True, help="What the token is for.")
def create_token_command(email, name):
    """Create an API token; the secret is printed once, as the last line."""
    session = get_session()
    user = _user(email)
    if not user.active:
        raise click.ClickException("This account is inactive.")
    token, secret = tokens.create_token(session, user, name)
    session.commit()
    click.echo(f"created token {token.id} ({token.name}) for {user.email}")
    click.echo("Store it now: it is not shown again.")
    click.echo(secret)


@tokens_cli.command("list")
@click.argument("email")
def list_tokens_command(email):
    """List an account's tokens (ids and names, never secrets)."""
    for token in tokens.tokens_of(get_session(), _user(email)):
        state = "revoked" if token.revoked_at else "active"
        click.echo(f"{token.id}  {token.name}  {token.created_at:%Y-%m-%d}  {state}")


@tokens_cli.command("revoke")
@click.argument("token_id")
def revoke_token_command(token_id):
    """Revoke a token by id; it is refused from the next request on."""
    session = get_session()
    token = session.get(ApiToken, token_id)
    if token is None:
        raise click.ClickException("No token has this id.")
    tokens.revoke_token(session, token)
    session.commit()
    click.echo(f"revoked token {token.id}")


def init_app(app):
    """Register the `users` and `tokens` command groups."""
    app.cli.add_command(users_cli)
    app.cli.add_command(tokens_cli)
