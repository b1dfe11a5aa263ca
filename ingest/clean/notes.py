"""Find and remove staff-only notes that feeds leave inside public text.

Recognised markers (case-insensitive), and how much text each removes:

1. A bracketed keyword alone - ``[INTERNAL]``, ``[STAFF ONLY]``, ``[ADMIN]``, ``[PRIVATE]``,
   ``[DO NOT PUBLISH]``, ``[NOT FOR PUBLICATION]``, ``[CONFIDENTIAL]``, also with ``{{ }}``
   or ``(( ))`` - removes the marker and the rest of its line.
2. A bracketed keyword with its own text - ``[INTERNAL: call Joe first]`` - removes the
   brackets and what is inside them only.
3. A starred banner - ``*** DO NOT PUBLISH ***``, ``** INTERNAL **`` (any keyword above,
   two or more stars each side) - removes the banner and the rest of its line.
4. A line that starts with ``INTERNAL:``, ``INTERNAL NOTE:``, ``STAFF NOTE:``,
   ``STAFF ONLY:``, ``ADMIN NOTE:``, ``DO NOT PUBLISH:`` - removes that whole line.

HTML comments are dropped earlier, by the markup step. Removed notes are returned so an
operator can still read them; they are never published.
"""

import re

KEYWORDS = (r"internal(?:\s+(?:note|use|only))?|staff\s+(?:only|note)|admin(?:\s+note)?"
            r"|private|do\s+not\s+publish|not\s+for\s+publication|confidential")
_OPEN, _CLOSE = r"(?:\[|\{\{|\(\()", r"(?:\]|\}\}|\)\))"

MARKER_TO_EOL = re.compile(
    rf"(?:{_OPEN}\s*(?:{KEYWORDS})\s*{_CLOSE}|\*{{2,}}\s*(?:{KEYWORDS})\s*\*{{2,}})[^\n]*",
    re.IGNORECASE)
MARKER_WITH_TEXT = re.compile(
    rf"{_OPEN}\s*(?:{KEYWORDS})\s*[:\-–]\s*[^\]\}}\)\n]*{_CLOSE}", re.IGNORECASE)
# Every marker above holds one of these words, so ASCII text without any (most text) has no
# note. Plain `in` tests on the lower-cased text are far cheaper than the three case-blind
# patterns; only ASCII text takes this shortcut, because the patterns also match letters
# such as "ſ" or "ı" that lower() keeps apart from "s" and "i".
KEYWORD_WORDS = ("internal", "staff", "admin", "private", "publi", "confidential")
NOTE_LINE = re.compile(
    r"^[ \t]*(?:internal(?:\s+note)?|staff\s+(?:note|only)|admin\s+note|do\s+not\s+publish)"
    r"[ \t]*:[^\n]*$", re.IGNORECASE | re.MULTILINE)


def remove_internal_notes(text):
    """Return (public text, removed notes) for `text`, using the documented markers."""
    if text.isascii():
        lowered = text.lower()
        if not any(word in lowered for word in KEYWORD_WORDS):
            return text, ()
    removed = []

    def keep(match):
        """Remember a removed note and drop it from the text."""
        removed.append(match.group(0).strip())
        return ""

    for pattern in (MARKER_WITH_TEXT, MARKER_TO_EOL, NOTE_LINE):
        text = pattern.sub(keep, text)
    return text, tuple(removed)
