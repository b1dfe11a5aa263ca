"""Language lists become ISO codes with notes; names we do not know are reported."""

import pytest

from ingest.clean import Language, parse_languages
from ingest.clean.language_codes import MACROLANGUAGE


@pytest.mark.parametrize("raw, expected", [
    ("Spanish (limited), Tagalog; Chinese (Cantonese)",
     [("es", "Spanish", "limited"), ("tl", "Tagalog", None), ("yue", "Cantonese", None)]),
    ("Chinese (Mandarin), Tagalog, Italian, Spanish",  # Ohana locations.csv
     [("cmn", "Mandarin", None), ("tl", "Tagalog", None), ("it", "Italian", None),
      ("es", "Spanish", None)]),
    ("Chinese (Cantonese and Mandarin)", [("yue", "Cantonese", None), ("cmn", "Mandarin", None)]),
    ("Chinese", [("zh", "Chinese", None)]),
    ("Chinese - Mandarin", [("cmn", "Mandarin", None)]),
    ("ASL", [("ase", "American Sign Language", None)]),
    ("American Sign Language", [("ase", "American Sign Language", None)]),
    ("Español, 中文, Tiếng Việt",
     [("es", "Spanish", None), ("zh", "Chinese", None), ("vi", "Vietnamese", None)]),
    ("Espanol", [("es", "Spanish", None)]),
    ("普通话 / 廣東話", [("cmn", "Mandarin", None), ("yue", "Cantonese", None)]),
    ("Hmong, Mien, Lao", [("hmn", "Hmong", None), ("ium", "Mien", None), ("lo", "Lao", None)]),
    ("English and Spanish", [("en", "English", None), ("es", "Spanish", None)]),
    ("Russian / Ukrainian", [("ru", "Russian", None), ("uk", "Ukrainian", None)]),
    ("Farsi & Dari", [("fa", "Farsi", None), ("prs", "Dari", None)]),
    ("Filipino", [("tl", "Tagalog", None)]),
    ("Limited Spanish", [("es", "Spanish", "limited")]),
    ("Spanish - limited", [("es", "Spanish", "limited")]),
    ("Spanish-speaking staff", [("es", "Spanish", None)]),
    ("Spanish (by appointment)", [("es", "Spanish", "by appointment")]),
    ("Sign language interpreters on request",
     [("sgn", "Sign language", "interpreters on request")]),
    ("Spanish, spanish, SPANISH", [("es", "Spanish", None)]),
    ("es; vi", [("es", "Spanish", None), ("vi", "Vietnamese", None)]),
    ("EspaÃ±ol", [("es", "Spanish", None)]),  # mis-decoded export repaired first
])
def test_parse_languages(raw, expected):
    found = parse_languages(raw)
    assert [tuple(language) for language in found.languages] == expected
    assert found.unknown == ()
    assert found.original == raw


@pytest.mark.parametrize("raw, known, unknown", [
    ("Klingon, Spanish", ["es"], ("Klingon",)),
    ("Language Line interpretation available", [], ("Language Line interpretation available",)),
    ("Sign up required", [], ("Sign up required",)),
])
def test_unknown_names_are_reported_not_dropped(raw, known, unknown):
    found = parse_languages(raw)
    assert [language.code for language in found.languages] == known
    assert found.unknown == unknown


@pytest.mark.parametrize("raw", [None, "", "  ", ", ;"])
def test_no_languages(raw):
    assert parse_languages(raw).languages == ()


def test_results_are_named_tuples_and_varieties_relate_to_chinese():
    spanish = parse_languages("Spanish").languages[0]
    assert spanish == Language("es", "Spanish", None) and spanish.code == "es"
    assert MACROLANGUAGE["yue"] == MACROLANGUAGE["cmn"] == "zh"
