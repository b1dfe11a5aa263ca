"""Parse fee prose into HSDS cost options, keeping every sentence it could not price.

Each sentence (or comma clause, when one sentence names several prices) becomes at most
one option: "Free" (amount 0), "Sliding scale", "Suggested donation", "Copay" or "Fee".
A price range ("$5-$90") gives no single amount: amount stays None and the clause text
(always kept as amount_description) carries it. Sentences about payment methods or
insurance ("Cash and checks accepted", "Medi-Cal accepted") are returned in `other`.
"""

import re
from dataclasses import dataclass

from .errors import as_text
from .text import collapse_whitespace, repair_encoding

CURRENCY = "USD"
MONEY = r"\$\s*(\d{1,3}(?:,\d{3})*(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)"
AMOUNT = re.compile(MONEY)
PRICE_RANGE = re.compile(MONEY + r"\s*(?:-|–|to)\s*\$?\s*\d")
FREE = re.compile(r"^\s*(?:free\b|none\b|no\s+(?:fee|charge|cost)s?\b|n/c\b|\$\s*0(?:\.00)?\b)"
                  r"|\b(?:free of charge|at no (?:cost|charge)|no (?:fee|charge|cost)s?\b"
                  r"|without (?:cost|charge)|is free\b|are free\b)", re.IGNORECASE)
SLIDING = re.compile(r"sliding|(?:based|depend\w*|vary|varies|according)\s+(?:\w+\s+){0,3}"
                     r"(?:income|ability to pay)|income[- ]based|ability to pay", re.IGNORECASE)
DONATION = re.compile(r"donation", re.IGNORECASE)
COPAY = re.compile(r"co-?pay|co-?payment|share of cost", re.IGNORECASE)
FEE_WORDS = re.compile(r"\b(?:fees?|charges?|dues|tuition)\b", re.IGNORECASE)
SENTENCE = re.compile(r"(?<=[.;!?])\s+|;|\n")


@dataclass(frozen=True)
class CostOption:
    """One HSDS cost_option: what kind, how much (None if not one number), the words."""

    option: str
    amount: float | None
    currency: str | None
    amount_description: str


@dataclass(frozen=True)
class Fees:
    """Cost options found, sentences that are not prices, and the original text."""

    options: tuple
    other: tuple
    original: str | None


def _amount(clause):
    """Return the single amount in `clause`, or None when there is none or a range."""
    if PRICE_RANGE.search(clause):
        return None
    found = AMOUNT.findall(clause)
    return float(found[0].replace(",", "")) if len(found) == 1 else None


def _option(clause):
    """Return a CostOption for one clause, or None when it states no price."""
    amount = _amount(clause)
    # "None, except $5 for copies" is free at heart; "Free parking, $20 per class" is not.
    if amount == 0 or FREE.search(clause) and not AMOUNT.search(clause.split(",")[0]):
        return CostOption("Free", 0.0, CURRENCY, clause)
    if SLIDING.search(clause):
        return CostOption("Sliding scale", amount, CURRENCY, clause)
    if DONATION.search(clause) and AMOUNT.search(clause):
        return CostOption("Suggested donation", amount, CURRENCY, clause)
    if COPAY.search(clause):
        return CostOption("Copay", amount, CURRENCY, clause)
    if AMOUNT.search(clause) or FEE_WORDS.search(clause):
        return CostOption("Fee", amount, CURRENCY, clause)
    return None


def _clauses(sentence):
    """Split a sentence naming several separate prices into one clause per price."""
    if len(AMOUNT.findall(sentence)) < 2 or PRICE_RANGE.search(sentence):
        return [sentence]
    parts = [part.strip() for part in re.split(r",\s*|\band\b", sentence) if part.strip()]
    return parts if sum(bool(AMOUNT.search(part)) for part in parts) > 1 else [sentence]


def parse_fees(value):
    """Return Fees for text like "Free", "$25 per visit" or "Medi-Cal accepted; $10 copay"."""
    text = as_text(value)
    if not text:
        return Fees((), (), value)
    options, other = [], []
    for sentence in SENTENCE.split(collapse_whitespace(repair_encoding(text))):
        sentence = sentence.strip(" .;,")
        for clause in _clauses(sentence) if sentence else ():
            option = _option(clause)
            (options if option else other).append(option or clause)
    return Fees(tuple(options), tuple(other), value)
