"""Bearer tokens for the partner API: random secrets shown once, stored only as SHA-256."""
import hashlib
import logging
import secrets
from datetime import timedelta

from sqlalchemy import select

from directory.store.models import utcnow

from .models import ApiToken

log = logging.getLogger(__name__)
# A recognisable prefix lets secret scanners (and people) spot a leaked token.
PREFIX = "dirtok_"
# Writing last_used_at on every call would make each API read a write; a minute is precise enough.
TOUCH_INTERVAL = timedelta(minutes=1)


def digest(secret):
    """Return the hex SHA-256 of a token secret (what the database stores)."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(session, user, name="API token"):
    """Add a token for `user` and return (token, secret); show the secret once, then forget it."""
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, token_hash=digest(secret), name=(name or "API token")[:100])
    session.add(token)
    session.flush()
    log.info("created API token %s for account %s", token.id, user.id)
    return token, secret


def revoke_token(session, token):
    """Revoke `token` from now on (idempotent); the caller commits."""
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        log.info("revoked API token %s", token.id)
    return token


def tokens_of(session, user):
    """Return the user's tokens, newest first, revoked ones included."""
    query = select(ApiToken).where(ApiToken.user_id == user.id)
    return list(session.scalars(query.order_by(ApiToken.created_at.desc())))


def bearer_secret(headers):
    """Return the secret from an `Authorization: Bearer <secret>` header, or None."""
    scheme, _, secret = (headers.get("Authorization") or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return None
    return secret.strip()


def find_active_token(session, secret):
    """Return the unrevoked token of an active user matching `secret`, else None; note its use."""
    if not secret or not secret.startswith(PREFIX):
        return None
    token = session.scalars(select(ApiToken).where(ApiToken.token_hash == digest(secret))).first()
    if token is None or not token.active:
        return None
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at > TOUCH_INTERVAL:
        token.last_used_at = now
        session.commit()
    return token
