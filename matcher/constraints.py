"""Hard constraints: may this client use this service, according to the service's data?

One small function per criterion returns a Check (MET, UNKNOWN or EXCLUDED with a label a
clinician can read) or None when the client gave nothing to check. Missing service data is
UNKNOWN, never a yes. Criteria about place, time, cost and access live in constraints_access.
"""
from dataclasses import dataclass
from typing import NamedTuple

from matcher.poverty import percent_of_fpl
from matcher.profile import ClientProfile

MET, UNKNOWN, EXCLUDED = "met", "unknown", "excluded"
LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "zh": "Chinese", "vi": "Vietnamese",
                  "tl": "Tagalog", "ar": "Arabic", "fr": "French", "ko": "Korean",
                  "ru": "Russian", "pt": "Portuguese", "fa": "Persian", "ht": "Haitian Creole",
                  "hi": "Hindi", "ja": "Japanese", "de": "German", "ase": "American Sign Language"}


class Check(NamedTuple):
    criterion: str
    status: str
    label: str


@dataclass(frozen=True)
class Client:
    """A profile plus what is derived from it once per match."""
    profile: ClientProfile
    fpl_percent: float | None
    radius_km: float

    @classmethod
    def of(cls, profile, poverty_year, radius_km=None):
        """Return the client for a profile, its income as % FPL for `poverty_year`."""
        fpl = None
        if profile.annual_income is not None and profile.household_size:
            fpl = percent_of_fpl(profile.annual_income, profile.household_size, poverty_year,
                                 profile.state)
        return cls(profile, fpl, radius_km or profile.max_distance_km)


def unknown(criterion, what):
    """Return the UNKNOWN check telling the clinician to ask the provider."""
    return Check(criterion, UNKNOWN, f"unknown: {what} not stated — check with provider")


def language_name(code):
    """Return "Spanish (es)" for an ISO code."""
    name = LANGUAGE_NAMES.get(code)
    return f"{name} ({code})" if name else code


def _number(value):
    return f"{value:g}"


def check_status(doc, client):
    """Exclude every listing that is not active."""
    status = doc.get("status")
    if status == "active":
        return Check("status", MET, "active listing")
    return Check("status", EXCLUDED, f"listing is {status or 'not active'}")


def check_age(doc, client):
    """Compare the client's age with the stated minimum and maximum."""
    age = client.profile.age
    if age is None:
        return None
    low, high = doc.get("min_age"), doc.get("max_age")
    if low is None and high is None:
        return unknown("age", "age range")
    low_text = _number(low) if low is not None else "0"
    span = f"{low_text}–{_number(high) if high is not None else '∞'}"
    if (low is not None and age < low) or (high is not None and age > high):
        return Check("age", EXCLUDED, f"age {_number(age)} outside {span}")
    return Check("age", MET, f"age {_number(age)} within {span}")


def check_gender(doc, client):
    """Require the client's gender among those served, or "any"."""
    gender = client.profile.gender
    if gender is None:
        return None
    genders = doc.get("genders")
    if not genders:
        return unknown("gender", "genders served")
    if "any" in genders or gender in genders:
        label = f"serves {gender}" if gender in genders else "serves all genders"
        return Check("gender", MET, label)
    return Check("gender", EXCLUDED, f"serves only {', '.join(sorted(genders))}")


def check_income(doc, client):
    """Compare the client's income as % of the poverty guideline with the stated limit."""
    percent = client.fpl_percent
    if percent is None:
        return None
    if doc.get("income_any"):
        return Check("income", MET, "no income limit")
    limit = doc.get("income_limit_fpl")
    if limit is None:
        return unknown("income", "income limit")
    if percent <= limit:
        return Check("income", MET, f"income {percent:.0f}% FPL ≤ {_number(limit)}% limit")
    return Check("income", EXCLUDED, f"income {percent:.0f}% FPL above {_number(limit)}% limit")


def check_veteran(doc, client):
    """Exclude non-veterans from veterans-only services."""
    veteran, status = client.profile.veteran, doc.get("veteran_status")
    if veteran is None or (veteran and status is None):
        return None    # nothing restricts veterans, so an unstated status cannot exclude one
    if status == "required":
        if veteran:
            return Check("veteran", MET, "serves veterans")
        return Check("veteran", EXCLUDED, "veterans only")
    if status == "any":
        return Check("veteran", MET, "veteran status not required")
    return unknown("veteran", "whether non-veterans are served")


def check_insurance(doc, client):
    """Require the client's payment source among those accepted (free services need none)."""
    insurance = client.profile.insurance
    if insurance is None:
        return None
    accepted = doc.get("insurance")
    if accepted is not None and insurance in accepted:
        return Check("insurance", MET, f"accepts {insurance}")
    if doc.get("cost_free"):
        return Check("insurance", MET, "free — no insurance needed")
    if accepted is None:
        return unknown("insurance", "insurance accepted")
    return Check("insurance", EXCLUDED, f"does not accept {insurance}")


def check_language(doc, client):
    """Require a shared language, or interpretation when the client accepts an interpreter."""
    wanted = [code.lower() for code in client.profile.languages]
    if not wanted:
        return None
    spoken = doc.get("languages")
    if spoken is None:
        return unknown("language", "languages")
    spoken = {code.lower().split("-")[0] for code in spoken}
    shared = [code for code in wanted if code.split("-")[0] in spoken]
    if shared:
        return Check("language", MET, f"speaks {language_name(shared[0])}")
    if client.profile.interpreter_ok and doc.get("interpretation"):
        return Check("language", MET, f"{language_name(wanted[0])} via interpreter")
    return Check("language", EXCLUDED,
                 f"does not speak {', '.join(language_name(c) for c in wanted)}")
