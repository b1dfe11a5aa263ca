"""Password hashing with Argon2id (argon2-cffi) and the rules a new password must meet."""
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# RFC 9106 "low memory" parameters (argon2-cffi's defaults): memory-hard against GPU guessing.
_hasher = PasswordHasher()
# Longer passwords add nothing but hashing cost an attacker could exploit.
MAX_LENGTH = 1000
_dummy_hash = None


def hash_password(password):
    """Return an Argon2id hash of `password` (salted; the plain text is never stored)."""
    return _hasher.hash(password)


def verify_password(password_hash, password):
    """Return True if `password` matches `password_hash`."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash):
    """Return True if the hash was made with weaker parameters than today's."""
    return _hasher.check_needs_rehash(password_hash)


def spend_verify_time(password):
    """Verify against a throwaway hash so an unknown email costs as long as a wrong password."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = hash_password("not a real password, only a timing equaliser")
    verify_password(_dummy_hash, password)


def password_problems(password, min_length):
    """Return what is wrong with a proposed password (empty list when it is acceptable)."""
    if not password or not password.strip():
        return ["Enter a password."]
    if len(password) < min_length:
        return [f"Use at least {min_length} characters."]
    if len(password) > MAX_LENGTH:
        return [f"Use at most {MAX_LENGTH} characters."]
    return []
