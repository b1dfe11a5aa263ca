"""Run every hard constraint on one document and summarise the fit for explanations."""
from dataclasses import dataclass, field

from matcher import constraints as person
from matcher import constraints_access as access
from matcher.constraints import EXCLUDED, MET, UNKNOWN

CHECKS = (person.check_status, person.check_age, person.check_gender, person.check_income,
          person.check_veteran, person.check_insurance, person.check_language,
          access.check_modality, access.check_residency, access.check_accessibility,
          access.check_cost, access.check_availability)


@dataclass
class Fit:
    met: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    relaxed: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)

    @property
    def feasible(self):
        """Return True when no constraint excludes the client."""
        return not self.excluded


def evaluate(doc, client, distance_km):
    """Return every applicable check for a document, in a fixed order."""
    checks = [check(doc, client) for check in CHECKS]
    checks.append(access.check_distance(doc, client, distance_km))
    return [c for c in checks if c is not None]


def fit_of(checks):
    """Return the Fit summarising a list of checks."""
    fit = Fit()
    buckets = {MET: fit.met, UNKNOWN: fit.unknown, EXCLUDED: fit.excluded}
    for check in checks:
        buckets[check.status].append(check.label)
    return fit
