"""Password hashing with Argon2id (argon2-cffi) and the rules a new password must meet."""
import dataclasses

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context

# RFC 9106 "low memory" (argon2-cffi's default): memory-hard against GPU guessing. The test
# profile keeps the algorithm and lengths but costs ~1 ms, so suites can sign in freely;
# hashes made with weaker parameters are upgraded at the next sign-in (needs_rehash).
PROFILES = {
    "RFC_9106_LOW_MEMORY": profiles.RFC_9106_LOW_MEMORY,
    "RFC_9106_HIGH_MEMORY": profiles.RFC_9106_HIGH_MEMORY,
    "TESTING": dataclasses.replace(profiles.RFC_9106_LOW_MEMORY, time_cost=1,
                                   memory_cost=1024, parallelism=1),
}
_default_hasher = PasswordHasher.from_parameters(PROFILES["RFC_9106_LOW_MEMORY"])
# Longer passwords add nothing but hashing cost an attacker could exploit.
MAX_LENGTH = 1000


def init_app(app):
    """Choose the hash profile: PASSWORD_HASH_PROFILE, or None = TESTING only under tests."""
    name = app.config.get("PASSWORD_HASH_PROFILE") or (
        "TESTING" if app.testing else "RFC_9106_LOW_MEMORY")
    hasher = PasswordHasher.from_parameters(PROFILES[name])
    app.extensions["password_hasher"] = hasher
    app.extensions["password_dummy_hash"] = hasher.hash("a timing equaliser, never a password")


def _hasher():
    if has_app_context():
        return current_app.extensions.get("password_hasher", _default_hasher)
    return _default_hasher


def hash_password(password):
    """Return an Argon2id hash of `password` (salted; the plain text is never stored)."""
    return _hasher().hash(password)


def verify_password(password_hash, password):
    """Return True if `password` matches `password_hash`."""
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash):
    """Return True if the hash was made with weaker parameters than today's."""
    return _hasher().check_needs_rehash(password_hash)


def spend_verify_time(password):
    """Verify against a throwaway hash so an unknown email costs as long as a wrong password."""
    verify_password(current_app.extensions["password_dummy_hash"], password)


def password_problems(password, min_length):
    """Return what is wrong with a proposed password (empty list when it is acceptable)."""
    if not password or not password.strip():
        return ["Enter a password."]
    if len(password) < min_length:
        return [f"Use at least {min_length} characters."]
    if len(password) > MAX_LENGTH:
        return [f"Use at most {MAX_LENGTH} characters."]
    return []
