"""The authorisation policy: every role against every action on organisation A's records."""
import pytest
from flask_login import AnonymousUserMixin

from directory.auth import ApiToken, User, can
from directory.auth.policy import RULES
from directory.store.models import Organization, Service

ORG_A, ORG_B = "a" * 8, "b" * 8
PEOPLE = {
    "anonymous": None,
    "kiosk": AnonymousUserMixin(),
    "therapist": User(id="t", role="therapist", active=True),
    "partner A": User(id="pa", role="partner", organization_id=ORG_A, active=True),
    "partner B": User(id="pb", role="partner", organization_id=ORG_B, active=True),
    "admin": User(id="ad", role="admin", active=True),
}
ORG_A_RESOURCE = {
    "service.create": {"organization_id": ORG_A, "name": "New pantry"},
    "service.edit": Service(id="s", organization_id=ORG_A),
    "service.confirm": Service(id="s", organization_id=ORG_A),
    "organization.view": Organization(id=ORG_A),
    "organization.edit": ORG_A,
    "change.view": ORG_A,
    "change.review": ORG_A,
    "token.manage": ApiToken(id="tok", user_id="pa"),
    "user.manage": PEOPLE["partner A"],
    "admin.view": None,
}
ALLOWED = {
    "service.create": {"partner A", "admin"},
    "service.edit": {"partner A", "admin"},
    "service.confirm": {"partner A", "admin"},
    "organization.view": {"partner A", "admin"},
    "organization.edit": {"partner A", "admin"},
    "change.view": {"partner A", "admin"},
    "change.review": {"admin"},
    "token.manage": {"partner A", "admin"},
    "user.manage": {"admin"},
    "admin.view": {"admin"},
}


def test_every_action_is_in_the_matrix():
    assert set(ALLOWED) == set(RULES) == set(ORG_A_RESOURCE)


@pytest.mark.parametrize("action", sorted(ALLOWED))
@pytest.mark.parametrize("who", sorted(PEOPLE))
def test_policy_matrix(who, action):
    expected = who in ALLOWED[action]
    assert can(PEOPLE[who], action, ORG_A_RESOURCE[action]) is expected


def test_a_partner_cannot_move_a_service_into_another_organisation():
    partner_a = PEOPLE["partner A"]
    assert not can(partner_a, "service.edit", {"organization_id": ORG_B})
    assert not can(partner_a, "service.create", None)
    assert not can(partner_a, "service.edit", {"name": "no organisation named"})


def test_an_inactive_account_may_do_nothing():
    admin = User(id="old", role="admin", active=False)
    assert not any(can(admin, action, ORG_A_RESOURCE[action]) for action in RULES)


def test_a_misspelt_action_is_a_programming_error_not_a_silent_no():
    with pytest.raises(ValueError, match="service.edti"):
        can(PEOPLE["admin"], "service.edti", ORG_A)
