"""The kinds of service the demo directory offers, each tied to Open Eligibility codes."""
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Category:
    """One kind of service: its words, who it serves, how it is delivered and paid for."""

    key: str
    # Organisation types (names.ORG_PATTERNS keys) that offer this kind of service.
    org_types: tuple
    # Open Eligibility codes attached as service_category attributes (all in the shipped CSV).
    codes: tuple
    names: tuple
    # Translated names used as alternate_name: language code -> name.
    alt: dict
    blurbs: tuple
    process: tuple
    # Audiences ("all", "adult", "youth", "senior", "family", "women") to draw from.
    audience: tuple = ("all", "adult")
    # "site" (in person, maybe also phone), "virtual" (online only) or "phone" (hotline only).
    delivery: str = "site"
    # Schedule pattern keys (schedules.PATTERNS) to draw from.
    schedules: tuple = ("weekday", "split", "extended")
    # "free", "low" (free or small fees) or "clinical" (sliding scale, fees, insurance).
    cost: str = "free"
    medical: bool = False
    capacity: str | None = None
    wait: bool = False
    preferences: tuple = ("culturally_specific",)
    documents: tuple = field(default_factory=tuple)


def _registry():
    """Collect the categories from their modules, keyed by category key."""
    from .care import CARE
    from .needs import NEEDS

    return {category.key: category for category in NEEDS + CARE}


CATEGORIES = _registry()


def categories_for(org_type):
    """Return the categories an organisation of `org_type` may offer, in a stable order."""
    return tuple(c for c in CATEGORIES.values() if org_type in c.org_types)


def all_codes():
    """Return every Open Eligibility code the catalog uses."""
    return {code for category in CATEGORIES.values() for code in category.codes}
