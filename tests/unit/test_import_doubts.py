"""Import judges its own result, whatever the text's shape: records that do not give the text back (RT508) and
numbered clauses that do not run 1, 2, 3 (RT509) are warned at the line where they go wrong."""

from __future__ import annotations

from helpers import CORPUS_TEXTS

from resolvetool.textimport import Records, import_text
from resolvetool.textimport.doubts import numbering, render_back
from resolvetool.textimport.parsed import ParsedClause

TEXT = (CORPUS_TEXTS / "unga-A-RES-80-1.txt").read_text(encoding="utf-8")


def test_a_faithful_import_raises_no_doubt():
    result = import_text(TEXT, records=Records())
    assert not [warning for warning in result.warnings if warning.code in ("RT508", "RT509")]


def test_a_clause_lost_is_warned_at_its_line():
    result = import_text(TEXT, records=Records())
    resolution = result.resolution
    lost = resolution.operative[1]
    damaged = resolution.model_copy(update={"operative": [resolution.operative[0], *resolution.operative[2:]]})
    [warning] = render_back(damaged, result.resolve, TEXT)
    assert warning.code == "RT508"
    first_words = lost.text.split()[:3] if lost.text else []
    line = TEXT.splitlines()[warning.line - 1]
    assert warning.line > 1 and (not first_words or first_words[0] in line or "2." in line), line
    assert "the text has" in warning.message and "the records give" in warning.message


def test_words_the_records_add_are_warned_too():
    result = import_text(TEXT, records=Records())
    [warning] = render_back(result.resolution, result.resolve, TEXT.replace("The General Assembly", "The Assembly"))
    assert warning.code == "RT508" and "'Assembly, Expressing" in warning.message
    assert "the records give 'General Assembly" in warning.message


def _clauses(*numbers: str | None, part: str | None = None) -> list[ParsedClause]:
    return [ParsedClause(number, None, "text", 10 + index, part=part) for index, number in enumerate(numbers)]


def test_numbers_that_run_raise_no_doubt():
    assert numbering(_clauses("1.", "2.", "3.")) == []
    assert numbering(_clauses(None, None)) == []  # unnumbered throughout (a declaration's paragraphs)
    assert numbering(_clauses("1.", "2.", part="A") + _clauses("1.", part="B")) == []  # each part runs anew


def test_a_jump_a_repeat_and_a_gap_are_each_warned_once_at_their_clause():
    [jump] = numbering(_clauses("1.", "2.", "4.", "5."))
    assert jump.code == "RT509" and jump.line == 12 and "numbered 4" in jump.message
    [repeat] = numbering(_clauses("1.", "1."))
    assert repeat.line == 11
    [gap] = numbering(_clauses("1.", None, "2."))
    assert gap.line == 11 and "no number" in gap.message
    [in_part] = numbering(_clauses("1.", "3.", part="B"))
    assert "of part B" in in_part.message


# S/RES/21 (1947), bulk corpus unsc/S_RES_0021_1947_EN_GOLD.txt (CR-UNSC, hand-revised OCR), first lines: the
# "Whereas" preamble stands above the formula, and a clause of the trusteeship agreement quoted later was
# taken for the formula.
WHEREAS_ABOVE = """21 (1947). Resolution of 2 April 1947

[S/318]

Whereas Article 75 of the Charter of the United Nations provides for the establishment of an International
Trusteeship System for the administration and supervision of such territories as may be placed thereunder
by subsequent agreements; and

The Security Council,

Approves the terms of trusteeship.
"""


def test_a_clause_read_as_heading_is_warned():
    from resolvetool.textimport.doubts import heading
    from resolvetool.textimport.parsed import ParsedText

    parsed = ParsedText(
        heading=["21 (1947). Resolution of 2 April 1947", "[S/318]", " ".join(WHEREAS_ABOVE.split("\n\n")[2].split())],
        heading_lines=[1, 3, 5],
        formula="The Security Council,",
        formula_line=9,
    )
    [warning] = heading(parsed)
    assert warning.code == "RT510" and warning.line == 5 and "'Whereas Article 75" in warning.message


def test_titles_symbols_and_markdown_headings_raise_no_doubt():
    from resolvetool.textimport.doubts import heading
    from resolvetool.textimport.parsed import ParsedText

    long_title = (
        "####Convention for the partial revision of the Conventions adopted by the General " + "word " * 50 + "."
    )
    parsed = ParsedText(
        heading=[
            "United Nations A/RES/80/1",
            "Resolution adopted by the General Assembly on 19 September 2025",
            "[without reference to a Main Committee (A/80/L.1)]",
            "80/1. Participation by the State of Palestine during the eightieth session",
            long_title,
        ],
        heading_lines=[1, 3, 5, 7, 9],
        formula="The General Assembly,",
        formula_line=11,
    )
    assert heading(parsed) == []


def test_a_body_named_with_a_verb_is_warned():
    from resolvetool.textimport.doubts import body_name

    # how CERN's 1953 resolution 4 was once read (other/cern-conf-1953-resolutions-1-6.txt, line 19)
    [warning] = body_name("The Conference requests the European Council for Nuclear Research", 19)
    assert warning.code == "RT511" and warning.line == 19 and "'requests'" in warning.message
    for name in (
        "The General Assembly",
        "The Conference of the Parties serving as the meeting of the Parties",
        "The Committee of Ministers of the Council of Europe",
        "Ministers",
        "The Board of Governors",
    ):
        assert body_name(name, 1) == []
