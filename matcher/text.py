"""Text relevance computed by the matcher itself, so every backend ranks alike.

Deliberately simple: accent-folded lowercase words, a light suffix stemmer, and a small
Spanish <-> English map of the words people use for common needs ("comida" finds food).
"""
import re
import unicodedata

SYNONYMS = {
    "comida": ("food", "meal"), "alimento": ("food",), "despensa": ("pantry",),
    "vivienda": ("housing",), "alojamiento": ("housing", "shelter"), "refugio": ("shelter",),
    "albergue": ("shelter",), "renta": ("rent",), "alquiler": ("rent",),
    "trabajo": ("job", "employment"), "empleo": ("employment", "job"),
    "salud": ("health",), "mental": ("mental",), "consejeria": ("counseling",),
    "terapia": ("therapy", "counseling"), "transporte": ("transportation", "transit"),
    "abogado": ("legal", "lawyer"), "legal": ("legal",), "ropa": ("clothing",),
    "dinero": ("money", "cash"), "medico": ("medical", "doctor"), "dental": ("dental",),
    "nino": ("child", "children"), "familia": ("family",), "cuidado": ("care",),
    "escuela": ("school",), "educacion": ("education",), "inmigracion": ("immigration",),
    "violencia": ("violence",), "domestica": ("domestic",), "adiccion": ("addiction",),
    "drogas": ("drug", "substance"), "alcohol": ("alcohol",), "crisis": ("crisis",),
    "seguro": ("insurance",), "beneficios": ("benefits",), "veterano": ("veteran",),
    "anciano": ("senior",), "mayores": ("senior",), "discapacidad": ("disability",),
    "agua": ("water",), "luz": ("utilities", "electricity"), "electricidad": ("electricity",),
}
STOPWORDS = frozenset("a an and the of for in on to with de la el los las y para en con".split())
SUFFIXES = ("ies", "ing", "es", "ed", "s")


def fold(text):
    """Return text lowercased with accents removed."""
    if type(text) is not str:
        text = unicodedata.normalize("NFKD", text or "")   # TypeError for a non-string
    # Only runs of non-ASCII characters are decomposed and stripped of combining marks, a
    # step per character: ASCII has nothing to decompose, and neither decomposition nor the
    # reordering of combining marks reaches across an ASCII character (its combining class
    # is 0). Lowercasing stays on the whole text, where a final sigma sees its context.
    if not text.isascii():
        text = _NON_ASCII.sub(_strip_marks, text)
    return text.lower()


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _strip_marks(run):
    decomposed = unicodedata.normalize("NFKD", run.group())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def stem(word):
    """Return a light stem: drop one common English/Spanish plural or verb suffix."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def words(text):
    """Return the meaningful folded words of a text."""
    return [w for w in re.findall(r"\w+", fold(text)) if w not in STOPWORDS]


def _reverse():
    table = {}
    for spanish, english in SYNONYMS.items():
        for word in english:
            table.setdefault(word, set()).add(spanish)
    return table


REVERSE = _reverse()


def alternatives(word):
    """Return a word with its translations, all folded."""
    return {word, *SYNONYMS.get(word, ()), *SYNONYMS.get(stem(word), ()), *REVERSE.get(word, ())}


def query_groups(text):
    """Return one set of stems per query word (the word and its translations)."""
    return [{stem(w) for w in alternatives(word)} for word in words(text)]


def expanded_query(text):
    """Return the query text with translations appended, for backend retrieval."""
    seen = []
    for word in words(text):
        for alt in sorted(alternatives(word)):
            if alt not in seen:
                seen.append(alt)
    return " ".join(seen) or None


def document_stems(doc):
    """Return the set of stems in a document's searchable text."""
    body = " ".join(doc.get(f) or "" for f in ("name", "description", "organization_name", "text"))
    return {stem(w) for w in words(body)}


def joined_stems(doc):
    """Return a document's stems sorted and space-separated: its precomputed "stems" field."""
    return " ".join(sorted(document_stems(doc)))


def stems_of(doc):
    """Return a document's stems: the projection's precomputed field, else computed now."""
    # Folding and stemming every candidate per query was most of a match's time. One string
    # rather than a list: decoding a stored document then costs one object, not fifty.
    stems = doc.get("stems")
    return set(stems.split()) if stems is not None else document_stems(doc)


def relevance(groups, stems):
    """Return the fraction of query words (or a translation) found in the document."""
    if not groups:
        return 0.0
    return sum(1 for group in groups if group & stems) / len(groups)
