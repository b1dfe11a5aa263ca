"""What a clinician says about a client: needs, constraints and preferences.

Everything is optional: a field left as None (or empty) is simply not evaluated, so an
anonymous kiosk lookup ("food near 94070") is just a profile with needs and a place.
"""
import dataclasses
import re
from dataclasses import dataclass, field
from datetime import datetime

from matcher.geo import county_of_zip
from matcher.vocabulary import ACCESSIBILITY, GENDERS, INSURANCE, MODALITIES, PREFERENCES

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MAX_LIMIT = 100
TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$|^24:00$")


@dataclass(frozen=True)
class Cost:
    free_only: bool = False          # only free services (sliding scale too if allowed below)
    sliding_scale_ok: bool = True    # a sliding-scale fee is acceptable
    max_amount: float | None = None  # highest acceptable stated fee in dollars

    @property
    def restricted(self):
        """Return True when the client stated any cost limit."""
        return self.free_only or self.max_amount is not None


@dataclass(frozen=True)
class ClientProfile:
    needs: tuple[str, ...] = ()                # taxonomy term ids (codes also match)
    text: str | None = None                    # free-text need, any language
    latitude: float | None = None
    longitude: float | None = None
    postal_code: str | None = None             # for ZIP-based service areas
    county: str | None = None                  # "San Mateo County, CA"; derived from ZIP
    state: str | None = None                   # two-letter; picks Alaska/Hawaii guidelines
    max_distance_km: float = 15.0
    modalities: frozenset[str] = frozenset(MODALITIES)   # ways the client can attend
    age: float | None = None
    gender: str | None = None
    household_size: int | None = None
    annual_income: float | None = None
    insurance: str | None = None
    veteran: bool | None = None
    languages: tuple[str, ...] = ()            # ISO 639 codes the client speaks
    interpreter_ok: bool = False
    accessibility: tuple[str, ...] = ()        # vocabulary.ACCESSIBILITY codes required
    cost: Cost = field(default_factory=Cost)
    windows: tuple[tuple[str, str, str], ...] = ()   # (day, "HH:MM", "HH:MM"), service-local
    preferences: tuple[str, ...] = ()          # vocabulary.PREFERENCES codes
    limit: int = 20
    page: int = 1
    now: datetime | None = None                # evaluation instant (aware); default: now

    def __post_init__(self):
        object.__setattr__(self, "modalities", frozenset(self.modalities))
        for name in ("needs", "languages", "accessibility", "preferences", "windows"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        _validate(self)

    @property
    def has_point(self):
        """Return True when the client's location is known as coordinates."""
        return self.latitude is not None and self.longitude is not None


def _check(condition, message):
    if not condition:
        raise ValueError(message)


def _validate(profile):
    """Raise ValueError naming the first field that cannot be right."""
    _check(1 <= profile.limit <= MAX_LIMIT, f"limit must be between 1 and {MAX_LIMIT}")
    _check(profile.page >= 1, "page must be at least 1")
    _check(profile.max_distance_km > 0, "max_distance_km must be positive")
    _check(profile.modalities and profile.modalities <= set(MODALITIES),
           f"modalities must be a non-empty subset of {MODALITIES}")
    _check(profile.gender in (None,) + GENDERS, f"gender must be one of {GENDERS}")
    _check(profile.insurance in (None,) + INSURANCE, f"insurance must be one of {INSURANCE}")
    _check(set(profile.accessibility) <= set(ACCESSIBILITY),
           f"accessibility codes must be among {ACCESSIBILITY}")
    _check(set(profile.preferences) <= set(PREFERENCES),
           f"preferences must be among {PREFERENCES}")
    _check(profile.age is None or 0 <= profile.age <= 130, "age must be between 0 and 130")
    _check(profile.household_size is None or profile.household_size >= 1,
           "household_size must be at least 1")
    _check(profile.annual_income is None or profile.annual_income >= 0,
           "annual_income cannot be negative")
    _check(profile.now is None or profile.now.tzinfo is not None, "now must be timezone-aware")
    _check((profile.latitude is None) == (profile.longitude is None),
           "latitude and longitude go together")
    for window in profile.windows:
        _check(len(window) == 3 and window[0] in DAYS and all(
            TIME_RE.match(t) for t in window[1:]), f"bad window {window!r}: (day, HH:MM, HH:MM)")


def locate(profile, place, geocode):
    """Return the profile placed at a geocoded place ("94070", "san carlos, ca")."""
    location = geocode(place)
    if location is None:
        raise ValueError(f"place not found: {place!r}")
    raw = location.raw if isinstance(location.raw, dict) else {}
    zips = raw.get("zip_codes") or []
    postal_code = profile.postal_code or (zips[0] if len(zips) == 1 else None)
    county = profile.county or (county_of_zip(postal_code) if postal_code else None)
    return dataclasses.replace(profile, latitude=location.latitude,
                               longitude=location.longitude, postal_code=postal_code,
                               county=county, state=profile.state or raw.get("state"))
