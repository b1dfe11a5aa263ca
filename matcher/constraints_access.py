"""Hard constraints about reaching a service (where, how, when, at what cost); evaluate all."""
from dataclasses import dataclass, field

from matcher import constraints as P
from matcher import hours
from matcher.constraints import EXCLUDED, MET, UNKNOWN, Check, unknown
from matcher.geo import point_in_geometry

REMOTE = ("virtual", "phone")


def doc_modalities(doc):
    """Return the document's modalities; unstated with a site means in person, else None."""
    stated = doc.get("modalities")
    if stated:
        return set(stated)
    if doc.get("latitude") is not None and doc.get("longitude") is not None:
        return {"in_person"}
    return None


def remote_ok(doc, client):
    """Return the remote modality the client accepts and the service offers, or None."""
    offered = doc_modalities(doc) or set()
    return next((m for m in REMOTE if m in offered and m in client.profile.modalities), None)


def check_modality(doc, client):
    """Require a way of attending the client accepts."""
    accepted = client.profile.modalities
    if accepted >= {"in_person", *REMOTE}:
        return None
    offered = doc_modalities(doc)
    if offered is None:
        return unknown("modality", "how the service is delivered")
    shared = sorted(offered & accepted)
    if shared:
        return Check("modality", MET, "offered " + ", ".join(m.replace("_", " ") for m in shared))
    return Check("modality", EXCLUDED, "only offered " + ", ".join(sorted(offered)))


def check_distance(doc, client, distance_km):
    """Require in-person sites within the radius; accepted remote modalities go anywhere."""
    if not client.profile.has_point:
        return None
    remote = remote_ok(doc, client)
    if remote:
        return Check("distance", MET, f"available by {remote} from anywhere")
    if distance_km is None:
        return unknown("distance", "location")
    if distance_km <= client.radius_km:
        return Check("distance", MET, f"{distance_km:.1f} km away (within {client.radius_km:g} km)")
    return Check("distance", EXCLUDED,
                 f"{distance_km:.1f} km away (beyond {client.radius_km:g} km)")


def _in_area(area, client):
    """Return True/False whether the client lives in an area, None when it cannot tell."""
    profile, verdicts = client.profile, []
    if area.get("postal_codes") and profile.postal_code:
        verdicts.append(profile.postal_code[:5] in area["postal_codes"])
    if area.get("counties") and profile.county:
        verdicts.append(profile.county.lower() in {c.lower() for c in area["counties"]})
    if area.get("geometries") and profile.has_point:
        verdicts.append(any(point_in_geometry(profile.latitude, profile.longitude, g)
                            for g in area["geometries"]))
    has_data = any(area.get(k) for k in ("postal_codes", "counties", "geometries"))
    return any(verdicts) if verdicts else (None if has_data else False)


def check_residency(doc, client):
    """Require the client to live in one of the stated service areas (unless open to all)."""
    profile = client.profile
    if not (profile.has_point or profile.postal_code or profile.county):
        return None
    if doc.get("residency_open"):
        return Check("residency", MET, "open to residents of anywhere")
    areas = doc.get("service_areas")
    if not areas:
        return unknown("residency", "service area")
    verdicts = [_in_area(area, client) for area in areas]
    if any(verdicts):
        return Check("residency", MET, "lives in the service area")
    if None in verdicts:
        return unknown("residency", "whether your area is served")
    return Check("residency", EXCLUDED, "lives outside the service area")


def check_accessibility(doc, client):
    """Require every accessibility feature the client needs, unless attended remotely."""
    needed = client.profile.accessibility
    if not needed:
        return None
    remote = remote_ok(doc, client)
    if remote:
        return Check("accessibility", MET, f"attended by {remote}")
    present = doc.get("accessibility")
    if present is None:
        return unknown("accessibility", "accessibility")
    missing = [code for code in needed if code not in present]
    if missing:
        return Check("accessibility", EXCLUDED, "lacks " + ", ".join(missing))
    return Check("accessibility", MET, "has " + ", ".join(needed))


def check_cost(doc, client):
    """Compare stated costs with the client's limits (free only, sliding scale, maximum)."""
    cost = client.profile.cost
    if not cost.restricted:
        return None
    if doc.get("cost_free"):
        return Check("cost", MET, "free")
    if cost.sliding_scale_ok and doc.get("cost_sliding"):
        return Check("cost", MET, "sliding-scale fee")
    if cost.free_only:
        if doc.get("cost_free") is False:
            return Check("cost", EXCLUDED, "not free")
        return unknown("cost", "whether it is free")
    amount = doc.get("cost_min_amount")
    if amount is None:
        return unknown("cost", "fees")
    if amount <= cost.max_amount:
        return Check("cost", MET, f"fee from ${amount:g} ≤ ${cost.max_amount:g}")
    return Check("cost", EXCLUDED, f"fee from ${amount:g} above ${cost.max_amount:g}")


def check_availability(doc, client):
    """Require opening hours that overlap one of the client's windows."""
    windows = client.profile.windows
    if not windows:
        return None
    if not doc.get("hours"):
        return unknown("availability", "opening hours")
    if hours.overlaps(doc["hours"], windows):
        return Check("availability", MET,
                     "open during " + ", ".join(hours.format_window(w) for w in windows))
    return Check("availability", EXCLUDED, "not open during your available times")


# Fixed order: explanations list criteria the same way for every result.
CHECKS = (P.check_status, P.check_age, P.check_gender, P.check_income,
          P.check_veteran, P.check_insurance, P.check_language,
          check_modality, check_residency, check_accessibility,
          check_cost, check_availability)


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
    checks.append(check_distance(doc, client, distance_km))
    return [c for c in checks if c is not None]


def fit_of(checks):
    """Return the Fit summarising a list of checks."""
    fit = Fit()
    buckets = {MET: fit.met, UNKNOWN: fit.unknown, EXCLUDED: fit.excluded}
    for check in checks:
        buckets[check.status].append(check.label)
    return fit
