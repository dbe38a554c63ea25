"""Every development text of tests/corpus: (a) its imported records pass validate, (b) rendering them
gives the text back (whitespace aside), (c) the structure read equals what a careful clerk reads
(tests/corpus/expected.yaml)."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from helpers import CORPUS_EXPECTED, CORPUS_NAMES, CORPUS_TEXTS, check_structure, imported, normalised

from resolvetool.rendering import render

EXPECTED = yaml.safe_load(CORPUS_EXPECTED.read_text(encoding="utf-8"))
TEXTS = CORPUS_NAMES


def test_every_text_has_expectations():
    assert TEXTS and set(TEXTS) == set(EXPECTED)


@pytest.mark.parametrize("name", TEXTS)
def test_imported_records_validate(name, run_cli, make_tree):
    root = make_tree({})
    result = run_cli("import", str(CORPUS_TEXTS / name), cwd=root)
    assert result.exit_code == 0, result.stderr
    assert "wrote" in result.stdout
    checked = run_cli("validate", cwd=root)
    assert checked.exit_code == 0, checked.stderr
    assert "no problems" in checked.stdout


@pytest.mark.parametrize("name", TEXTS)
def test_render_gives_the_text_back(name):
    result = imported(name)
    source = (CORPUS_TEXTS / name).read_text(encoding="utf-8")
    assert normalised(render(result.resolution, resolve=result.resolve)) == normalised(source)


@pytest.mark.parametrize("name", TEXTS)
def test_structure_matches_what_a_clerk_reads(name):
    check_structure(imported(name), EXPECTED[name])


def test_the_reference_text_imports_without_layout_or_warnings():
    """Everything the reference resolution prints is derived by the INTERPOL house style."""
    result = imported("interpol-ga81-impact-cooperation.txt")
    assert result.resolution.layout is None
    assert result.warnings == []
    body = result.resolve(result.resolution.body)
    assert body.house_style == "interpol" and body.formula == "The ICPO-INTERPOL General Assembly"


def test_reference_records_render_byte_for_byte(run_cli):
    """render --format text of records/ gives the reference text exactly (outer blank lines aside)."""
    from helpers import REFERENCE_TEXT, REPO

    result = run_cli("render", "interpol-ga-81-impact-cooperation", cwd=REPO)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip("\n") == REFERENCE_TEXT.read_text(encoding="utf-8").strip("\n")


def test_truncated_title_is_mended_from_the_agenda_line_with_a_warning():
    result = imported("unga-A-RES-80-2.txt")
    assert result.resolution.title == "Scale of assessments for the apportionment of the expenses of the United Nations"
    assert [(warning.code, warning.line) for warning in result.warnings] == [("RT502", 11)]


def test_page_furniture_is_kept_as_marks_and_left_out_by_clean():
    result = imported("unga-A-RES-80-1.txt")
    marks = result.resolution.layout.marks
    header = next(mark for mark in marks if mark.kind == "running-header")
    assert header.at == "operative-1/1" and header.offset
    item = result.resolution.operative[0].items[0]
    assert "general debate of the Assembly at its eightieth session" in item.text
    clean = render(result.resolution, resolve=result.resolve, clean=True)
    assert (
        "Participation by the State of Palestine during the eightieth session"
        not in clean.split("80/1. Participation")[1].split("3rd plenary")[0]
    )


def test_a_footnote_printed_mid_paragraph_stays_there():
    result = imported("who-WHA66.2.txt")
    footnote_marks = [mark for mark in result.resolution.layout.marks if mark.kind == "footnote"]
    assert [(mark.at, mark.text) for mark in footnote_marks] == [("operative-8", "2")]
    assert result.resolution.footnotes[0].text == "Document A66/7"
    assert result.resolution.operative[7].text.endswith("for the financial period 2014–2015;")


def test_adoption_facts_are_read_from_closing_lines():
    adoption = imported("unga-A-RES-80-2.txt").resolution.adoption
    assert (adoption.meeting, adoption.date) == ("18th plenary meeting", dt.date(2025, 10, 14))
