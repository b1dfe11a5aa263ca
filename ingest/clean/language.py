"""Parse free-text language lists into ISO codes, keeping notes and unknown names."""

import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from .errors import as_text
from .language_codes import name_lookup
from .text import repair_encoding

NAMES = name_lookup()
LONGEST_NAME_WORDS = max(len(key.split()) for key in NAMES)
# Between languages: commas, semicolons, slashes, pipes, "and", "&", "or", newlines.
SEPARATOR = re.compile(r"\s*(?:[,;/|\n•]|&|\+|\band\b|\bor\b)\s*", re.IGNORECASE)
NOTE_AFTER = re.compile(r"^(.*?)\s*(?:\(([^()]*)\)|\s[-–:]\s*(.+))\s*$")
NOISE = re.compile(r"\b(?:language|languages|speaking|speakers|spoken|staff)\b|-", re.I)


class Language(NamedTuple):
    """One language a service offers: ISO code, display name, and any qualifying note."""

    code: str
    name: str
    note: str | None


@dataclass(frozen=True)
class LanguageList:
    """Languages recognised, names not recognised (never dropped), and the original."""

    languages: tuple
    unknown: tuple
    original: str | None


def _key(text):
    """Return a lookup key: lower case, Latin accents removed, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    # Only strip marks from Latin letters; Devanagari or Thai vowel signs are letters.
    kept = "".join(ch for ch in decomposed
                   if not (unicodedata.combining(ch) and ch < "\u0370"))
    return " ".join(unicodedata.normalize("NFC", kept).replace("’", "'").strip(" .").split())


def _split(text):
    """Split a list on separators outside parentheses."""
    items, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and (match := SEPARATOR.match(text, index)) and match.end() > index:
            if index >= start:
                items.append(text[start:index])
                start = match.end()
    items.append(text[start:])
    return [item.strip() for item in items if item.strip(" .")]


def _lookup(text):
    """Return (code, name, note) for a phrase that starts or ends with a language name."""
    key = _key(text)
    if key in NAMES:
        return (*NAMES[key], None)
    words = key.replace("-", " ").split()
    for size in range(min(LONGEST_NAME_WORDS, len(words)), 0, -1):
        for name, rest in ((words[:size], words[size:]), (words[-size:], words[:-size])):
            found = NAMES.get(" ".join(name))
            note = NOISE.sub(" ", " ".join(rest)).strip()
            if found:
                return (*found, " ".join(note.split()) or None)
    return None


def _parse_item(item):
    """Return (languages, unknown) for one list item such as "Chinese (Cantonese)"."""
    match = NOTE_AFTER.match(item)
    head, inner = (match.group(1), match.group(2) or match.group(3)) if match else (item, None)
    if inner:
        varieties = [_lookup(part) for part in _split(inner)]
        if all(varieties):
            # "Chinese (Cantonese and Mandarin)": the brackets name the languages offered.
            return [Language(*found) for found in varieties], []
    found = _lookup(head) if inner else _lookup(item)
    if found is None:
        return [], [item]
    code, name, note = found
    notes = " ".join(part for part in (note, inner) if part) or None
    return [Language(code, name, notes)], []


def parse_languages(value):
    """Return a LanguageList for text like "Spanish (limited), Tagalog; Chinese (Cantonese)"."""
    text = as_text(value)
    if not text:
        return LanguageList((), (), value)
    languages, unknown, seen = [], [], set()
    for item in _split(repair_encoding(text)):
        found, missed = _parse_item(item)
        unknown.extend(missed)
        for language in found:
            if language.code not in seen:
                seen.add(language.code)
                languages.append(language)
    return LanguageList(tuple(languages), tuple(unknown), value)
