"""The matcher's shortcuts give what the plain computation gives: precomputed stems, the
geopy-free distance, folding only the non-ASCII runs of a text, and tantivy's capped radius
queries keeping the nearest sites."""
import random
import unicodedata
from datetime import datetime, timezone

from backend_contract import SITES, make_document, point
from matcher.backends.tantivy_backend import TantivyBackend
from matcher.engine import match
from matcher.geo import distance_km, great_circle_km
from matcher.profile import ClientProfile
from matcher.text import fold, joined_stems

LAT, LON = SITES["san_carlos"]
NOW = datetime(2025, 6, 1, tzinfo=timezone.utc)


def test_great_circle_km_agrees_with_geopy_to_the_last_bit():
    rng = random.Random(3)
    for _ in range(20000):
        a = (rng.uniform(-90, 90), rng.uniform(-180, 180))
        b = (min(90, max(-90, a[0] + rng.uniform(-1, 1))),
             min(180, max(-180, a[1] + rng.uniform(-1, 1))))
        assert great_circle_km(*a, *b) == distance_km(a, b)


def test_folding_only_non_ascii_runs_equals_folding_the_whole_text():
    def whole(text):   # decompose everything, drop every combining mark, lowercase
        decomposed = unicodedata.normalize("NFKD", text)
        return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()

    # Accents, marks after an ASCII letter, reordered marks, ligatures, full-width letters,
    # Hangul, dotted capital I, and Greek capitals whose lowercase depends on the next letter.
    alphabet = ([chr(c) for c in range(0x20, 0x250)] + list("ΣσςΟΔ한\u1100\u1161ﬁＡİẞǅΩ")
                + ["\u0301", "\u0308", "\u0323", "\u0345"])
    rng = random.Random(5)
    texts = ["", "Food pantry", "Comida y ropa para niños", "Café\u0301 ODOS ΟΔΟΣ ΣΑΣ", "ΑΣa"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 16)))
              for _ in range(50000)]
    for text in texts:
        assert fold(text) == whole(text), repr(text)
    assert fold("Niño CAFÉ") == "nino cafe" and fold(None) == ""


def test_precomputed_stems_rank_exactly_like_stemming_at_match_time():
    texts = ["Food pantries and hot meals", "Housing help; eviction defense", "comida gratis",
             "Legal clinic for immigrants", "Family counseling", "Shelter beds tonight"]
    plain = [make_document(f"d{i}", text=t, latitude=LAT + i / 200, longitude=LON)
             for i, t in enumerate(texts)]
    stemmed = [dict(doc, stems=joined_stems(doc)) for doc in plain]
    profile = ClientProfile(text="food housing eviction comida", latitude=LAT, longitude=LON,
                            limit=10, now=NOW)
    answers = []
    for docs in (plain, stemmed):
        backend = TantivyBackend()
        backend.index(docs)
        answers.append([(r.document["id"], r.score) for r in match(profile, backend).results])
    assert answers[0] == answers[1] and answers[0]


def test_a_capped_radius_query_keeps_the_nearest_sites():
    backend = TantivyBackend()
    backend.index([make_document(f"s{i}", latitude=LAT + i / 100, longitude=LON)
                   for i in (5, 1, 4, 2, 3)])
    found = backend.candidates(point("san_carlos", 15, limit=2, include_remote=False))
    assert [c.document["id"] for c in found] == ["s1", "s2"]
