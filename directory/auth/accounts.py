"""Accounts: create users with validated fields, find them, and check their passwords."""
import logging
import re

from sqlalchemy import select

from directory.errors import InvalidInput
from directory.store.models import Organization

from . import passwords
from .models import ROLES, User

log = logging.getLogger(__name__)
# Deliberately loose: the only reliable check of an address is mail reaching it.
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def normalise_email(email):
    """Return `email` trimmed and lower-cased, the form accounts are stored and found by."""
    return (email or "").strip().lower()


def find_user(session, email):
    """Return the user with this email (any letter case), or None."""
    return session.scalars(select(User).where(User.email == normalise_email(email))).first()


def _field_errors(session, email, password, role, organization_id, min_length):
    """Return {field: [messages]} for everything wrong with a new account."""
    errors = {}
    if not EMAIL_PATTERN.match(email):
        errors["email"] = ["Enter an email address like name@example.org."]
    elif find_user(session, email) is not None:
        errors["email"] = ["An account with this email already exists."]
    problems = passwords.password_problems(password, min_length)
    if problems:
        errors["password"] = problems
    if role not in ROLES:
        errors["role"] = [f"Choose one of: {', '.join(ROLES)}."]
    elif role == "partner" and not organization_id:
        errors["organization_id"] = ["A partner account needs its organisation."]
    elif role != "partner" and organization_id:
        errors["organization_id"] = ["Only partner accounts belong to an organisation."]
    elif organization_id and session.get(Organization, organization_id) is None:
        errors["organization_id"] = ["No organisation has this id."]
    return errors


def create_user(session, email, password, role, organization_id=None, *, min_length=12):
    """Add a new active user with a hashed password; the caller commits."""
    email = normalise_email(email)
    errors = _field_errors(session, email, password, role, organization_id, min_length)
    if errors:
        raise InvalidInput("The account cannot be created.", errors)
    user = User(email=email, password_hash=passwords.hash_password(password), role=role,
                organization_id=organization_id or None, active=True)
    session.add(user)
    session.flush()
    log.info("created %s account %s", role, user.id)
    return user


def set_password(user, password, *, min_length=12):
    """Replace a user's password with a new hash; the caller commits."""
    problems = passwords.password_problems(password, min_length)
    if problems:
        raise InvalidInput("The password cannot be used.", {"password": problems})
    user.password_hash = passwords.hash_password(password)


def authenticate(session, email, password):
    """Return the active user whose email and password match, else None (never says which)."""
    user = find_user(session, email)
    if user is None or not user.active:
        # Same work either way, so response time does not reveal which emails have accounts.
        passwords.spend_verify_time(password or "")
        return None
    if not passwords.verify_password(user.password_hash, password or ""):
        return None
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    return user
