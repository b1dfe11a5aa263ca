"""Soft score in [0, 1]: how well a feasible service suits the client.

A weighted sum of components, each in [0, 1]. Backend relevance scores are ignored on
purpose: the matcher recomputes relevance so the same profile ranks the same everywhere.
Unknown constraints and relaxations are not in the score; they come first in the sort key.
"""
import math
from dataclasses import dataclass
from datetime import date

from matcher import text as textmatch

WEIGHTS = {"relevance": 0.40, "distance": 0.20, "cost": 0.10, "language": 0.08,
           "wait": 0.07, "freshness": 0.08, "preferences": 0.07}
FRESHNESS_HALF_LIFE_DAYS = 365
WAIT_HALF_DAYS = 14


@dataclass(frozen=True)
class Query:
    """What scoring needs from the profile, prepared once per match."""
    needs: frozenset
    groups: tuple
    has_text: bool
    languages: frozenset
    preferences: frozenset
    radius_km: float
    today: date


# Words nearly every listing uses: they count only when the text says nothing more specific,
# so "eviction help" is about eviction, and "help" alone still finds something.
GENERIC_WORDS = frozenset({"help", "helps", "service", "services", "servicio", "servicios",
                           "support", "program", "programs", "assistance", "resource",
                           "resources", "need", "needs", "ayuda", "apoyo", "programa"})


def query_groups(text):
    """Return the query's word groups (matcher.text), generic words dropped when others exist."""
    words, groups = textmatch.words(text or ""), textmatch.query_groups(text or "")
    specific = [group for word, group in zip(words, groups) if word not in GENERIC_WORDS]
    return specific or groups


def prepare(profile, today):
    """Return the scoring query for a profile on a given day."""
    groups = tuple(frozenset(g) for g in query_groups(profile.text))
    return Query(frozenset(profile.needs), groups, bool(groups),
                 frozenset(c.lower() for c in profile.languages), frozenset(profile.preferences),
                 profile.max_distance_km, today)


def covered_needs(doc, query):
    """Return the requested needs the document's taxonomy terms (or codes) cover."""
    terms = set(doc.get("taxonomy_term_ids") or ()) | set(doc.get("taxonomy_codes") or ())
    return sorted(query.needs & terms)


def on_topic(doc, query):
    """Return True when a document meets a requested need or word, or none was asked for."""
    # The one definition of a candidate: backends may retrieve more (their own stemming),
    # never fewer; this keeps every backend, and the column path, to the same set.
    if not query.needs and not query.has_text:
        return True
    if query.needs and covered_needs(doc, query):
        return True
    return query.has_text and textmatch.relevance(query.groups, textmatch.stems_of(doc)) > 0


def relevance(doc, query):
    """Combine need coverage and text relevance; no needs and no text means 1."""
    coverage = len(covered_needs(doc, query)) / len(query.needs) if query.needs else None
    text = textmatch.relevance(query.groups, textmatch.stems_of(doc)) \
        if query.has_text else None
    if coverage is None and text is None:
        return 1.0
    if coverage is None or text is None:
        return coverage if text is None else text
    return 0.7 * coverage + 0.3 * text


def distance_score(distance_km, query):
    """Halve every half-radius: 1 at the door, 0.25 at the original radius."""
    if distance_km is None:
        return 0.5
    return 0.5 ** (distance_km / (query.radius_km / 2))


def cost_score(doc):
    if doc.get("cost_free"):
        return 1.0
    if doc.get("cost_sliding"):
        return 0.7
    return 0.3 if doc.get("cost_min_amount") is not None else 0.4


def language_score(doc, query):
    if not query.languages:
        return 1.0
    spoken = {c.lower().split("-")[0] for c in doc.get("languages") or ()}
    if spoken & {c.split("-")[0] for c in query.languages}:
        return 1.0
    return 0.5 if doc.get("interpretation") else 0.3


def wait_score(doc):
    days = doc.get("wait_time_days")
    score = 0.4 if days is None else 0.5 ** (max(days, 0) / WAIT_HALF_DAYS)
    capacity = doc.get("capacity_available")
    return score * 0.5 if capacity is not None and capacity <= 0 else score


def freshness_score(doc, query):
    """Favour listings a person confirmed recently; never-confirmed ones score 0."""
    assured = doc.get("assured_date")
    if not assured:
        return 0.0
    try:
        age = (query.today - date.fromisoformat(assured[:10])).days
    except ValueError:
        return 0.0
    return 0.5 ** (max(age, 0) / FRESHNESS_HALF_LIFE_DAYS)


def preference_score(doc, query):
    if not query.preferences:
        return 1.0
    return len(query.preferences & set(doc.get("preferences") or ())) / len(query.preferences)


def score(doc, distance_km, query):
    """Return the soft score of a feasible document, rounded so ties are exact."""
    parts = {"relevance": relevance(doc, query), "distance": distance_score(distance_km, query),
             "cost": cost_score(doc), "language": language_score(doc, query),
             "wait": wait_score(doc), "freshness": freshness_score(doc, query),
             "preferences": preference_score(doc, query)}
    total = sum(WEIGHTS[name] * value for name, value in parts.items())
    return round(min(1.0, max(0.0, total)), 9) if math.isfinite(total) else 0.0
