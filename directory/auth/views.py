"""Sign-in and sign-out pages."""
import logging
import time
from urllib.parse import urlsplit

from flask import Blueprint, flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user

from directory.store.db import get_session

from . import accounts, sessions, throttle
from .forms import SignInForm

log = logging.getLogger(__name__)
bp = Blueprint("auth", __name__)
WRONG = "Your email or password is wrong."
THROTTLED = "Too many failed sign-in attempts. Wait 15 minutes, then try again."


# Where each role starts: partners at their listings, admins at the review queue.
HOME = {"partner": "partner.my_services", "admin": "admin.queue"}


def home_url(user):
    """Return the page `user` starts from (their account page unless their role has one)."""
    return url_for(HOME.get(getattr(user, "role", None), "auth.account"))


@bp.app_context_processor
def navigation():
    """Give every page the signed-in user's home page (for the brand link)."""
    return {"home_url": home_url(current_user) if current_user.is_authenticated
            else url_for("auth.sign_in")}


def safe_next(target, user):
    """Return `target` if it is a path on this site, else the user's home (no open redirect)."""
    parts = urlsplit(target or "")
    if not target or parts.scheme or parts.netloc or not target.startswith("/") \
            or target.startswith("//") or "\\" in target:
        return home_url(user)
    return target


def no_store(response):
    """Keep pages holding credentials or secrets out of browser and proxy caches."""
    response.headers["Cache-Control"] = "no-store"
    return response


def _page(form, status=200, error=None):
    body = render_template("auth/sign_in.html", form=form, error=error,
                           next=request.values.get("next", ""))
    return no_store(make_response(body, status))


def _throttled(request_limit):
    """Render the sign-in page with a clear 429 message (Flask-Limiter on_breach callback)."""
    response = _page(SignInForm(), 429, THROTTLED)
    wait = min(request_limit.reset_at - int(time.time()), request_limit.limit.get_expiry())
    response.headers["Retry-After"] = str(max(1, wait))
    return response


def sign_in():
    """Show the sign-in form; on a valid post start a session and go where the user was headed."""
    form = SignInForm()
    if request.method == "GET":
        return _page(form)
    if not form.validate():
        return _page(form, 422)
    session = get_session()
    user = accounts.authenticate(session, form.email.data, form.password.data)
    if user is None:
        throttle.mark_failed_sign_in()
        log.info("failed sign-in from %s", request.remote_addr)
        return _page(form, 422, WRONG)
    session.commit()  # keeps a re-hashed password, if authenticate upgraded it
    sessions.sign_in(user)
    log.info("account %s signed in", user.id)
    return redirect(safe_next(request.form.get("next"), user))


bp.add_url_rule("/sign-in", "sign_in",
                throttle.throttle_sign_in(sign_in, on_breach=_throttled), methods=["GET", "POST"])


@bp.post("/sign-out")
def sign_out():
    """End the session (POST with a CSRF token, so no link or image can sign anyone out)."""
    if current_user.is_authenticated:
        log.info("account %s signed out", current_user.id)
    sessions.sign_out()
    flash("You are signed out.")
    return redirect(url_for("auth.sign_in"))

