"""Free text from feeds comes out readable, publishable and without staff notes."""

import unicodedata

import ftfy
import pytest
from hypothesis import given, settings, strategies as st

from ingest.clean import clean_line, clean_text, clean_text_detail, is_blank
from ingest.clean.text import FTFY_CONFIG, INVISIBLE, repair_encoding


@pytest.mark.parametrize("raw, expected", [
    ("  Food   pantry \t open ", "Food pantry open"),
    ("CafÃ© Ole", "Café Ole"),
    ("Weâ€™re open", "We’re open"),
    ("SeÃ±or Cares â€“ Family Center", "Señor Cares – Family Center"),
    ("Food &amp; Shelter", "Food & Shelter"),
    ("AT&T donated phones", "AT&T donated phones"),
    ("<p>Hot meals&nbsp;daily</p><p>Bring <b>ID</b></p>", "Hot meals daily\n\nBring ID"),
    ("Line one<br>Line two<br/>Line three", "Line one\nLine two\nLine three"),
    ("<ul><li>Food</li><li>Clothing</li></ul>", "Food\nClothing"),
    ("<script>alert('x')</script>Shelter beds", "Shelter beds"),
    ("Visible<!-- staff: fix this -->text", "Visibletext"),
    ("First paragraph.\r\n\r\n\r\n\r\nSecond paragraph.", "First paragraph.\n\nSecond paragraph."),
    ("a < b and c > d", "a < b and c > d"),
    ("Ｆｏｏｄ Bank", "Food Bank"),
    ("Zero\u200bwidth\ufeff", "Zerowidth"),
    ("Null\x00byte\x07s", "Nullbytes"),
    ("Open 🍎 daily", "Open 🍎 daily"),
    ("中文服务", "中文服务"),
    ("None.", "None."),  # "None" in a fee column means free: it is data, not a blank
])
def test_clean_text(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize("raw", [None, "", "   ", "N/A", "n/a", "NULL", "null", "nan",
                                 "#N/A", "-", "—", "<p> </p>", "<br><br>"])
def test_blank_placeholders_become_none(raw):
    assert clean_text(raw) is None


@pytest.mark.parametrize("raw, public, notes", [
    ("Walk in. [INTERNAL] director prefers calls\nBring ID.", "Walk in.\nBring ID.",
     ("[INTERNAL] director prefers calls",)),
    ("Walk in [INTERNAL: verify address] today", "Walk in today", ("[INTERNAL: verify address]",)),
    ("*** DO NOT PUBLISH *** cell 650-555-0000\nOpen Mon-Fri", "Open Mon-Fri",
     ("*** DO NOT PUBLISH *** cell 650-555-0000",)),
    ("Meals daily\nStaff note: key under mat", "Meals daily", ("Staff note: key under mat",)),
    ("Help [staff only] ask for Ana", "Help", ("[staff only] ask for Ana",)),
    ("{{confidential}} shelter address withheld", None,
     ("{{confidential}} shelter address withheld",)),
    ("Internal use is fine in prose", "Internal use is fine in prose", ()),
])
def test_internal_notes_are_removed_and_kept_aside(raw, public, notes):
    detail = clean_text_detail(raw)
    assert detail.text == public
    assert detail.removed_notes == notes
    assert detail.original == raw


def test_detail_reports_repair_and_keeps_original():
    detail = clean_text_detail("CafÃ©")
    assert (detail.text, detail.repaired, detail.original) == ("Café", True, "CafÃ©")
    assert clean_text_detail("Café").repaired is False


def test_clean_line_joins_lines():
    assert clean_line("Senior\n\nCenter <br> North") == "Senior Center North"


@pytest.mark.parametrize("value, blank", [(None, True), ("N/A", True), (" null ", True),
                                          ("0", False), ("None", False), ("x", False)])
def test_is_blank(value, blank):
    assert is_blank(value) is blank


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x7f)))
def test_ascii_fast_path_matches_ftfy(text):
    # Plain ASCII skips ftfy for speed; the result must be what the full repair gives.
    assert repair_encoding(text) == INVISIBLE.sub(
        "", unicodedata.normalize("NFC", ftfy.fix_text(text, FTFY_CONFIG)))


@pytest.mark.parametrize("raw, fixed", [
    ("CafÃ©", "Café"), ("itâ€™s open", "it’s open"), ("line\r\nbreak", "line\nbreak"),
    ("bell\x07", "bell"), ("\x1b[31mred\x1b[0m", "red"), ("Ｆｕｌｌ", "Full"),
])
def test_text_needing_repair_still_goes_through_ftfy(raw, fixed):
    assert repair_encoding(raw) == fixed
    assert repair_encoding(raw) == fixed  # the cached answer is the same
