"""Clean free text from feeds: encoding damage, markup, staff notes, whitespace, blanks."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import ftfy

from .errors import MAX_TEXT_CHARS, as_text
from .markup import strip_markup
from .notes import remove_internal_notes

# Values spreadsheets and exports use for "nothing here". "None" is deliberately absent:
# in fee and eligibility columns it means "no fee" / "no restriction", which is data.
BLANK_TOKENS = frozenset({"", "n/a", "na", "n.a.", "null", "nil", "nan", "#n/a",
                          "undefined", "-", "--", "---", "—", "–", "?"})

# Repair mis-decoded text, but keep typographic quotes and leave entities to the markup
# step (which knows whether the text is HTML at all).
FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, unescape_html=False, explain=False)

# C0/C1 controls (except tab and newline), zero-width characters and the BOM: invisible,
# and NUL is refused outright by PostgreSQL text columns.
INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff]")
SPACES = re.compile(r"[^\S\n]+")
# Printable ASCII, tab and newline are all ftfy, NFC and INVISIBLE leave alone: mojibake and
# every other repair need a control or a non-ASCII character, so most feed text skips ftfy.
NEEDS_REPAIR = re.compile(r"[^\t\n\x20-\x7e]")
BLANK_LINES = re.compile(r"\n\s*\n\s*")


@dataclass(frozen=True)
class CleanedText:
    """Cleaned text plus everything taken out of it, so nothing is lost."""

    text: str | None
    original: str | None
    removed_notes: tuple = ()
    repaired: bool = False


def is_blank(value):
    """Return True when `value` is None or a placeholder such as "N/A" or "null"."""
    return value is None or (isinstance(value, str) and value.strip().casefold() in BLANK_TOKENS)


def repair_encoding(text):
    """Return `text` with mojibake ("CafÃ©", "itâ€™s") and control characters repaired."""
    if NEEDS_REPAIR.search(text) is None:
        return text
    # Feeds repeat the same short accented names and notes; long text is rarely repeated.
    return _repair_short(text) if len(text) <= 200 else _repair(text)


def _repair(text):
    return _normalized(ftfy.fix_text(text, FTFY_CONFIG))


_repair_short = lru_cache(maxsize=20_000)(_repair)


def _normalized(text):
    return INVISIBLE.sub("", unicodedata.normalize("NFC", text))


def collapse_whitespace(text):
    """Return `text` trimmed, spaces collapsed, paragraph breaks kept as one blank line."""
    if "\n" not in text and "\r" not in text:
        return SPACES.sub(" ", text).strip()  # one line (most values): no paragraphs to keep
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


# Feeds repeat short values (cities, states, languages, days, types, fee words) thousands of
# times; cleaning is pure, so the result of each distinct short string is kept.
CACHED_CHARS = 300


def clean_text_detail(value, limit=MAX_TEXT_CHARS):
    """Return a CleanedText for `value`; raise CleanError for non-text or oversize input."""
    if type(value) is str and limit == MAX_TEXT_CHARS and len(value) <= CACHED_CHARS:
        return _cached_detail(value)
    return _clean_text_detail(value, limit)


def _clean_text_detail(value, limit=MAX_TEXT_CHARS):
    raw = as_text(value, limit=limit)
    if raw is None or is_blank(raw):
        return CleanedText(None, value)
    repaired = repair_encoding(raw)
    plain, notes = remove_internal_notes(strip_markup(repaired))
    text = collapse_whitespace(plain)
    changed_chars = repaired is not raw and repaired != _normalized(raw)
    return CleanedText(None if is_blank(text) else text, value, notes, changed_chars)


_cached_detail = lru_cache(maxsize=50_000)(_clean_text_detail)


def clean_text(value, limit=MAX_TEXT_CHARS):
    """Return `value` as clean publishable text, or None when it says nothing."""
    return clean_text_detail(value, limit).text


def clean_line(value, limit=MAX_TEXT_CHARS):
    """Return clean text on a single line (names, titles): line breaks become spaces."""
    if type(value) is str and limit == MAX_TEXT_CHARS and len(value) <= CACHED_CHARS:
        return _cached_line(value)
    return _clean_line(value, limit)


def _clean_line(value, limit=MAX_TEXT_CHARS):
    text = clean_text(value, limit)
    return None if text is None else SPACES.sub(" ", text.replace("\n", " ")).strip()


_cached_line = lru_cache(maxsize=50_000)(_clean_line)
# clean_line for a caller that already knows `value` is a str of at most CACHED_CHARS
# characters: the feed reader cleans about fifty such cells a record.
clean_short_line = _cached_line
