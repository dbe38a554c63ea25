"""Import judges its own result, whatever the text's shape: records that do not give the text back (RT508) and
numbered clauses that do not run 1, 2, 3 (RT509) are warned at the line where they go wrong."""

from __future__ import annotations

from conftest import CORPUS_TEXTS
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
