"""The feed reader's shortcuts give exactly what the plain computations give, odd input too."""
from hypothesis import given, settings, strategies as st

from ingest.clean import notes, text
from ingest.sources.base import _uuid5
from ingest.sources.mapping.columns import copy_columns
from directory.store.ids import stable_id

# Characters that reach the slow paths: markers, case-folding look-alikes of keyword letters
# (long s, dotless i, Kelvin sign), line and paragraph separators, controls, mojibake.
ODD = "[]{}()*:-– \t\n\r\x0b\x0c\x85\u2028\u2029\u00a0ſıİKéâ€™<>!"
WORDS = ["internal", "INTERNAL NOTE", "staff only", "ſtaff note", "admın note", "private",
         "do not publish", "not  for\npublication", "confidential", "İnternal", "note"]
odd_text = st.lists(st.one_of(st.sampled_from(WORDS), st.text(alphabet=ODD, max_size=4),
                              st.text(max_size=3)), max_size=12).map("".join)


def _notes_without_prefilter(value):
    removed = []

    def keep(match):
        removed.append(match.group(0).strip())
        return ""

    for pattern in (notes.MARKER_WITH_TEXT, notes.MARKER_TO_EOL, notes.NOTE_LINE):
        value = pattern.sub(keep, value)
    return value, tuple(removed)


def _collapse_in_full(value):
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    lines = [text.SPACES.sub(" ", line).strip() for line in value.split("\n")]
    return text.BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


@settings(max_examples=400, deadline=None)
@given(odd_text)
def test_internal_notes_are_found_as_without_the_keyword_check(value):
    assert notes.remove_internal_notes(value) == _notes_without_prefilter(value)


def test_keyword_look_alikes_still_remove_notes():
    for value in ("ſtaff only: call Joe", "[ınternal] not for you", "** İNTERNAL ** x",
                  "ok\nDO NOT PUBLISH: secret", "[KONFIDENTIAL]", "[ConfıdentIal: x]"):
        assert notes.remove_internal_notes(value) == _notes_without_prefilter(value)


@settings(max_examples=400, deadline=None)
@given(odd_text)
def test_whitespace_is_collapsed_as_in_full(value):
    assert text.collapse_whitespace(value) == _collapse_in_full(value)


def test_one_line_separators_other_than_newline_are_spaces_as_before():
    for value in ("a\u2028b", "a\x0bb", " a\x85 ", "a\u00a0\u00a0b", "\t"):
        assert text.collapse_whitespace(value) == _collapse_in_full(value)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_ids_are_the_uuid5_of_the_name(name):
    assert _uuid5(name) == stable_id(name)


def test_copied_columns_skip_absent_empty_and_none_cells_and_any_skip_collection():
    row = {"id": "p1", "number": "650 555 1234", "description": "  Main <b>line</b> ",
           "type": None, "extension": "", "unknown": "x"}
    expected = {"description": "Main line"}
    for skip in ({"number", "extension", "type"}, frozenset({"number", "extension", "type"}),
                 ("number", "extension", "type")):
        assert copy_columns("phone", row, [], skip=skip) == expected
    assert copy_columns("phone", row, []) == {"number": "650 555 1234", **expected}


def test_child_rows_are_the_rows_table_rows_gives_whatever_their_shape(tmp_path):
    import shutil
    from pathlib import Path

    from ingest.sources.hsds3_csv import Hsds3CsvFeed
    from ingest.sources.mapping.build import OWNER_COLUMNS

    package = tmp_path / "feed"
    shutil.copytree(Path(__file__).parent / "fixtures" / "feeds" / "hsds3", package)
    phones = (package / "phones.csv").read_text(encoding="utf-8").splitlines()
    # A repeated column name (the last value wins in a row dict), short and long rows.
    phones[0] += ",Type "
    phones[1] += ",text"
    phones += ["ph-s1,,,svc-1,6505550000", "ph-l1,,,svc-1,6505550001,,voice,fax,EXTRA"]
    (package / "phones.csv").write_text("\n".join(phones) + "\n", encoding="utf-8")
    with open(package / "languages.csv", "a", encoding="utf-8") as languages:
        languages.write("lang-s1,svc-1\nlang-s2,svc-1,,French,fr,extra\n  ,  ,  \n")
    feed = Hsds3CsvFeed(str(package))
    feed.check()
    for table in OWNER_COLUMNS:
        expected = [(file, line, tuple(row), tuple(row.values()))
                    for file, line, row in feed.table_rows(table)]
        assert list(feed.child_rows(table)) == expected
        assert all(len(columns) == len(values) for _, _, columns, values in expected)
