"""Authorisation in one place: which role may do which action on which organisation's records."""
from functools import wraps

from flask import g, redirect, request, url_for
from flask_login import current_user

from .responses import AuthRequired, NotAllowed
from .tokens import bearer_secret

# Scopes: ANY (whole directory), OWN_ORG (the resource belongs to the partner's organisation),
# OWN_ACCOUNT (the resource is the user's own account or one of its tokens).
ANY, OWN_ORG, OWN_ACCOUNT = "any", "own_organization", "own_account"

RULES = {
    "service.create": {"admin": ANY, "partner": OWN_ORG},
    "service.edit": {"admin": ANY, "partner": OWN_ORG},
    "service.confirm": {"admin": ANY, "partner": OWN_ORG},
    "organization.view": {"admin": ANY, "partner": OWN_ORG},
    "organization.edit": {"admin": ANY, "partner": OWN_ORG},
    "change.view": {"admin": ANY, "partner": OWN_ORG},
    "change.review": {"admin": ANY},
    "token.manage": {"admin": ANY, "partner": OWN_ACCOUNT},
    "user.manage": {"admin": ANY},
    "admin.view": {"admin": ANY},
}


def organization_of(resource):
    """Return the organisation id a resource belongs to (id string, dict, or model)."""
    if resource is None or isinstance(resource, str):
        return resource
    if isinstance(resource, dict):
        return resource.get("organization_id")
    if getattr(resource, "__tablename__", None) == "organization":
        return resource.id
    return getattr(resource, "organization_id", None)


def owner_of(resource):
    """Return the account id that owns a resource (a User or an ApiToken)."""
    if getattr(resource, "__tablename__", None) == "user_account":
        return resource.id
    return getattr(resource, "user_id", None)


def can(user, action, resource=None):
    """Return True if `user` (None or anonymous = kiosk) may do `action` on `resource`."""
    if action not in RULES:
        raise ValueError(f"unknown action {action!r}: add it to directory.auth.policy.RULES")
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    scope = RULES[action].get(user.role)
    if scope == ANY:
        return True
    if scope == OWN_ORG:
        owner = organization_of(resource)
        return owner is not None and owner == user.organization_id
    if scope == OWN_ACCOUNT:
        return resource is not None and owner_of(resource) == user.id
    return False


def require(action, resource=None):
    """Raise 401 when nobody is signed in, 403 when the current user may not do this."""
    if not current_user.is_authenticated:
        raise AuthRequired()
    if not can(current_user, action, resource):
        raise NotAllowed()


def current_token():
    """Return the ApiToken that authenticated this request, or None (page sessions)."""
    return g.get("api_token")


def require_api_user(*roles):
    """Decorate an API view: a valid bearer token is required (cookies never count) and,
    when roles are given, its user must have one of them."""
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            # Reading current_user runs the loaders, which record the token they accepted.
            if not current_user.is_authenticated or current_token() is None:
                raise AuthRequired(invalid_token=bearer_secret(request.headers) is not None)
            if roles and current_user.role not in roles:
                raise NotAllowed()
            return view(*args, **kwargs)
        return wrapped
    return decorator


def login_required_page(view=None, *, roles=()):
    """Decorate a page: send anonymous visitors to sign in, then back; 403 for other roles.
    Use bare (`@login_required_page`) or with roles (`@login_required_page(roles=("admin",))`)."""
    def decorator(page):
        @wraps(page)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
            if roles and current_user.role not in roles:
                raise NotAllowed()
            return page(*args, **kwargs)
        return wrapped
    return decorator(view) if view is not None else decorator
