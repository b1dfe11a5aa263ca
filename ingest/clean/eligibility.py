"""Read explicit eligibility rules out of prose; anything not explicit stays unknown.

Confidence rule: a field is set only by an explicit pattern below, and the phrase that
set it is listed in `evidence`. Ages need an age word ("age", "ages", "aged", "years",
"yrs", "older", "younger", "+") next to the number; "under 21" counts on its own,
"200% FPL" never does; "over 18" reads as 18 and over. When a text states several age
groups ("55 or over for most programs, 60 or over for lunch"), the loosest bounds win,
so no one eligible for part of the service is excluded.
Gender is set only for "women only", "must be male" and the like, or when the population
is nothing but one gender ("Women", "Men 18+"); "Women and children" sets none, because the
children may be boys. Veteran is set only for "veterans only", "must be a veteran" and
similar, never for "veterans and their families".
"""

import re
from dataclasses import dataclass

from .errors import as_text
from .text import collapse_whitespace, repair_encoding

N = r"(\d{1,3})"
AGE = r"(?:age[sd]?|aged)\s*:?\s*"
AGE_RULES = (  # (pattern, minimum offset, maximum offset); None = bound not stated
    (rf"\b(?:{AGE})?(?:between\s+)?{N}\s*(?:-|–|to|and|through)\s*{N}\s*(?:years|yrs)"
     rf"|\b{AGE}(?:between\s+)?{N}\s*(?:-|–|to|and|through)\s*{N}\b", "range"),
    (rf"\b{N}\s*(?:years|yrs)?(?:\s+of\s+age)?\s*(?:or|and|&)\s*(?:over|older|above|up)\b"
     rf"|\b{N}\s*\+|\bat\s+least\s+{N}\b", 0),
    # "Over 18" means 18+ as feeds write it; the loose reading never wrongly excludes.
    (rf"\b(?:over|older\s+than)\s+(?:age\s+)?{N}\b(?!\s*(?:%|percent))", 0),
    (rf"\b{N}\s*(?:years|yrs)?(?:\s+of\s+age)?\s*(?:or|and|&)\s*(?:under|younger|below)\b"
     rf"|\bup\s+to\s+(?:age\s+)?{N}\s*(?:years|yrs)\b", "max0"),
    (rf"\b(?:under|younger\s+than|below\s+age)\s+(?:age\s+)?{N}\b(?!\s*(?:%|percent))", "max1"),
)
FPL = re.compile(r"(?<!above )(?<!over )(?<!least )(?<![\d.])(\d{2,3})\s*(?:%|percent)\s*"
                 r"(?:of\s+)?(?:the\s+)?(?:federal\s+)?(?:poverty|fpl|fpg)", re.IGNORECASE)
RESIDENCY = (
    ("county", r"\bcounty\s+residents?\b|\bresid\w*\s+(?:of|in)\s+(?:the\s+)?([\w .']+?county)\b"
               r"|\b(?:live|reside)s?\s+(?:and/or\s+work\s+)?in\s+([\w .']+?county)\b"),
    ("city", r"\bcity\s+residents?\b|\bresid\w*\s+of\s+the\s+city\s+of\s+([\w .']+)"),
    ("state", r"\bresid\w*\s+of\s+(?:the\s+state\s+of\s+)?(california|[A-Z][a-z]+ state)\b"
              r"|\bstate\s+residents?\b"),
)
GENDER_WORDS = {"female": r"women|woman|females?|girls", "male": r"men|man|males?|boys"}
VETERAN = re.compile(r"\bveterans?\s+only\b|\bonly\s+(?:for\s+)?veterans\b|\bmust\s+be\s+an?\s+"
                     r"veteran\b|\bveteran\s+status\s+(?:is\s+)?required\b|^\s*veterans?\W*$", re.I)


@dataclass(frozen=True)
class Eligibility:
    """Structured eligibility found in the text (None = not stated) and the phrases used."""

    minimum_age: int | None = None
    maximum_age: int | None = None
    genders: tuple | None = None
    veteran: bool | None = None
    income_limit_fpl: int | None = None
    residency: str | None = None
    residency_area: str | None = None
    evidence: tuple = ()
    original: str | None = None


def _age_bounds(text, evidence):
    """Return (min, max) over every age phrase, loosest bounds winning."""
    groups = []
    for pattern, kind in AGE_RULES:
        for match in re.finditer(pattern, text, re.IGNORECASE):
            numbers = [int(n) for n in match.groups() if n]
            if not numbers or max(numbers) > 120:
                continue
            evidence.append(match.group(0).strip())
            if kind == "range":
                groups.append((min(numbers), max(numbers)))
            elif kind in ("max0", "max1"):
                groups.append((None, numbers[0] - (kind == "max1")))
            else:
                groups.append((numbers[0] + kind, None))
            text = text.replace(match.group(0), " ")  # one phrase, one rule
    if not groups:
        return None, None
    lows, highs = [g[0] for g in groups], [g[1] for g in groups]
    return (None if None in lows else min(lows)), (None if None in highs else max(highs))


def _genders(text, evidence):
    """Return a one-gender tuple only when the text explicitly limits gender."""
    for gender, words in GENDER_WORDS.items():
        explicit = (rf"\b(?:{words})\s+only\b|\bonly\s+(?:for\s+)?(?:{words})\b"
                    rf"|\bmust\s+be\s+(?:an?\s+)?(?:{words})\b")
        # The whole population is one gender, maybe with an age: "Women", "Men 18+".
        bare = (rf"^\s*(?:adult\s+|young\s+|single\s+)?(?:{words})\b[\s,]*"
                rf"(?:(?:age[sd]?\s*)?[\d\s+\-–]*(?:or\s+(?:over|older))?(?:years)?)?\W*$")
        match = re.search(explicit, text, re.I) or re.search(bare, text, re.I)
        if match:
            evidence.append(match.group(0).strip())
            return (gender,)
    return None


def _residency(text, evidence):
    """Return (level, area or None) for an explicit residency requirement."""
    for level, pattern in RESIDENCY:
        match = re.search(pattern, text, re.IGNORECASE)
        if match:
            evidence.append(match.group(0).strip())
            area = next((group for group in match.groups() if group), None)
            return level, (" ".join(area.split()).title() if area else None)
    return None, None


def parse_eligibility(value):
    """Return Eligibility for text like "Age 55 or over, county resident"."""
    text = as_text(value)
    if not text:
        return Eligibility(original=value)
    text = collapse_whitespace(repair_encoding(text))
    evidence = []
    minimum, maximum = _age_bounds(text, evidence)
    genders = _genders(text, evidence)
    veteran = VETERAN.search(text)
    if veteran:
        evidence.append(veteran.group(0).strip())
    limits = [int(n) for n in FPL.findall(text)]
    if limits:
        evidence.append(f"{max(limits)}% of the federal poverty level")
    residency, area = _residency(text, evidence)
    return Eligibility(minimum, maximum, genders, True if veteran else None,
                       max(limits) if limits else None, residency, area,
                       tuple(evidence), value)
