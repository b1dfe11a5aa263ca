"""Match a client profile to services: retrieve, apply hard constraints, score, explain.

Relaxation, when fewer than `limit` services are feasible, follows one fixed order and is
always reported: widen the radius (doubling up to 50 km, then 100 km), then stop requiring
the client's preferences. Hard constraints (eligibility, language, access, cost, hours) are
never relaxed; opening hours are hard here, so they are not in the relaxation order.
"""
from dataclasses import dataclass, field
from datetime import datetime, timezone

from matcher import gcpause, scoring
from matcher.backends.base import CandidateQuery, Exclusions
from matcher.constraints import EXCLUDED, MET, Client
from matcher.constraints_access import CHECKS, Fit, check_distance, remote_ok
from matcher.geo import great_circle_km
from matcher.text import expanded_query

CANDIDATE_LIMIT = 10_000   # Elasticsearch's default result window; ample for one area
RADIUS_CAP_KM = (50.0, 100.0)


@dataclass
class MatchResult:
    document: dict
    score: float
    distance_km: float | None
    fit: Fit
    covers: list[str] = field(default_factory=list)
    last_confirmed: str | None = None


@dataclass
class MatchResponse:
    results: list[MatchResult]
    total_feasible: int
    relaxed: list[str]
    radius_km: float | None
    page: int
    limit: int


def radius_steps(start):
    """Return the radii to try: the client's, doubled while under 50 km, then 50 and 100."""
    steps, radius = [start], start
    while radius * 2 < RADIUS_CAP_KM[0]:
        radius *= 2
        steps.append(radius)
    steps.extend(cap for cap in RADIUS_CAP_KM if cap > steps[-1])
    return steps


def stages(profile):
    """Return (radius, preferences required, label) in relaxation order."""
    radii = radius_steps(profile.max_distance_km) if profile.has_point else [None]
    required = bool(profile.preferences)
    out = [(radii[0], required, None)]
    for before, after in zip(radii, radii[1:]):
        out.append((after, required, f"radius widened from {before:g} to {after:g} km"))
    if required:
        out.append((radii[-1], False, "preferences no longer required: "
                    + ", ".join(profile.preferences)))
    return out


def exclusions(client):
    """Return the hard constraints a backend may apply in its index for this client."""
    profile = client.profile
    return Exclusions(age=profile.age, income_fpl=client.fpl_percent, gender=profile.gender,
                      languages=tuple(code.lower() for code in profile.languages),
                      interpreter_ok=profile.interpreter_ok, modalities=profile.modalities,
                      accessibility=profile.accessibility, free_only=profile.cost.free_only,
                      sliding_scale_ok=profile.cost.sliding_scale_ok,
                      max_amount=profile.cost.max_amount)


def candidate_query(profile, radius, client=None):
    """Return the backend query: any needed term OR any word of the text, near the client."""
    return CandidateQuery(text=expanded_query(profile.text or ""), term_ids=profile.needs,
                          latitude=profile.latitude, longitude=profile.longitude,
                          radius_km=radius, include_remote=True, limit=CANDIDATE_LIMIT,
                          exclusions=exclusions(client) if client else Exclusions())


@dataclass
class Assessment:
    """What one match learns about a document that no relaxation stage changes."""
    document: dict
    distance_km: float | None
    met: list[str]
    unknown: list[str]
    score: float
    covers: list[str]


def _distance(profile, doc):
    if not profile.has_point or doc.get("latitude") is None or doc.get("longitude") is None:
        return None
    return great_circle_km(profile.latitude, profile.longitude, doc["latitude"], doc["longitude"])


def assess(doc, client, query):
    """Return a document's radius-independent checks and score, or None if one excludes it."""
    met, unknown = [], []
    for check in CHECKS:
        found = check(doc, client)
        if found is None:
            continue
        if found.status == EXCLUDED:
            return None   # the first exclusion settles it; later checks cannot undo it
        (met if found.status == MET else unknown).append(found.label)
    distance = _distance(client.profile, doc)
    return Assessment(doc, distance, met, unknown, scoring.score(doc, distance, query),
                      scoring.covered_needs(doc, query))


def _relaxed_labels(doc, client, distance, prefs_relaxed):
    """Return why a feasible document is only here thanks to relaxation."""
    profile, labels = client.profile, []
    if distance is not None and distance > profile.max_distance_km and not remote_ok(doc, client):
        labels.append(f"radius widened to {client.radius_km:g} km ({distance:.1f} km away)")
    missing = [p for p in profile.preferences if p not in (doc.get("preferences") or ())]
    if prefs_relaxed and missing:
        labels.append("preference not met: " + ", ".join(missing))
    return labels


def staged_result(entry, client, prefs_relaxed):
    """Return the MatchResult of an assessed document at this stage's radius, or None."""
    doc = entry.document
    fit = Fit(list(entry.met), list(entry.unknown))
    # Distance is the last check, as in constraints_access.evaluate, so labels keep their order.
    found = check_distance(doc, client, entry.distance_km)
    if found is not None:
        if found.status == EXCLUDED:
            return None
        (fit.met if found.status == MET else fit.unknown).append(found.label)
    fit.relaxed = _relaxed_labels(doc, client, entry.distance_km, prefs_relaxed)
    return MatchResult(doc, entry.score, entry.distance_km, fit, entry.covers,
                       doc.get("assured_date"))


def feasible(profile, source, radius, require_prefs, poverty_year, query, seen=None):
    """Return unsorted MatchResults of every candidate no hard constraint excludes.

    `seen` carries assessments (None: excluded) between the stages of one match, so a
    widened radius only assesses the documents it newly reaches.
    """
    client = Client.of(profile, poverty_year, radius)
    wanted, seen = set(profile.preferences), {} if seen is None else seen
    prefs_relaxed = bool(wanted) and not require_prefs
    out = []
    for candidate in source.candidates(candidate_query(profile, radius, client)):
        doc = candidate.document
        if not scoring.on_topic(doc, query):
            continue
        if require_prefs and not wanted <= set(doc.get("preferences") or ()):
            continue
        key = doc["id"]
        if key not in seen:
            seen[key] = assess(doc, client, query)
        entry = seen[key]
        result = entry and staged_result(entry, client, prefs_relaxed)
        if result is not None:
            out.append(result)
    return out


def sort_key(result):
    """Confirmed fits first, then fewer unknowns, then higher score; id breaks ties."""
    return (bool(result.fit.relaxed), len(result.fit.unknown), -result.score,
            result.document["id"])


def match(profile, backend, *, poverty_year=2025):
    """Return the ranked, explained, paginated services for a client profile."""
    with gcpause.paused():
        return _match(profile, backend, poverty_year)


def _match(profile, backend, poverty_year):
    """Run the relaxation stages, then sort and paginate (match() without the GC pause)."""
    now = profile.now or datetime.now(timezone.utc)
    query = scoring.prepare(profile, now.date())
    relaxed, results, radius = [], [], None
    # One consistent view of the index for every stage; backends may cache decoded documents.
    source, seen = backend.snapshot(), {}
    if getattr(source, "columns", None) is not None:
        # Imported here: the column engine builds on this module's stages and checks.
        from matcher.columns.engine import match_columns
        return match_columns(profile, source, poverty_year, query)
    for radius, require_prefs, label in stages(profile):
        if label:
            relaxed.append(label)
        results = feasible(profile, source, radius, require_prefs, poverty_year, query, seen)
        if len(results) >= profile.limit:
            break
    results.sort(key=sort_key)
    start = (profile.page - 1) * profile.limit
    return MatchResponse(results[start:start + profile.limit], len(results), relaxed, radius,
                         profile.page, profile.limit)
