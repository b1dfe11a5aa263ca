"""Sign-in throttling (Flask-Limiter): only failed attempts count, per client IP and per email.

After SIGNIN_FAILURE_LIMIT failures for one email (or SIGNIN_IP_FAILURE_LIMIT from one IP)
every further attempt, right or wrong, gets 429 until the moving window has room again.
Storage is in memory unless RATELIMIT_STORAGE_URI names a shared one (e.g. redis://), which
deployments with several worker processes need.
"""
import hashlib

from flask import current_app, g, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from .accounts import normalise_email

limiter = Limiter(key_func=get_remote_address)


def mark_failed_sign_in():
    """Record that this request was a failed sign-in, so the limits deduct it."""
    g.sign_in_failed = True


def _failed(_response):
    return bool(g.get("sign_in_failed"))


def _email_key():
    # Hashed, so neither the limiter's storage nor its log lines hold email addresses.
    email = normalise_email(request.form.get("email"))
    return "email:" + hashlib.sha256(email.encode("utf-8")).hexdigest()[:32]


def throttle_sign_in(view, on_breach):
    """Wrap the sign-in view with the per-IP and per-email failure limits."""
    per_email = limiter.limit(
        lambda: current_app.config["SIGNIN_FAILURE_LIMIT"], key_func=_email_key,
        methods=["POST"], deduct_when=_failed, on_breach=on_breach)
    per_ip = limiter.limit(
        lambda: current_app.config["SIGNIN_IP_FAILURE_LIMIT"], key_func=get_remote_address,
        methods=["POST"], deduct_when=_failed, on_breach=on_breach)
    return per_ip(per_email(view))


def init_app(app):
    """Attach the limiter with this app's storage (in memory unless configured)."""
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    app.config.setdefault("RATELIMIT_STRATEGY", "moving-window")
    app.config.setdefault("SIGNIN_FAILURE_LIMIT", "5 per 15 minutes")
    app.config.setdefault("SIGNIN_IP_FAILURE_LIMIT", "20 per 15 minutes")
    limiter.init_app(app)
