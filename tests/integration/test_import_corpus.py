"""Every development text of tests/corpus: (a) its imported records pass validate, (b) rendering them
gives the text back (whitespace aside), (c) the structure read equals what a careful clerk reads
(tests/corpus/expected.yaml)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from conftest import CORPUS_EXPECTED, CORPUS_TEXTS

from resolvetool.rendering import render
from resolvetool.textimport import Records, import_text

EXPECTED = yaml.safe_load(CORPUS_EXPECTED.read_text(encoding="utf-8"))
TEXTS = sorted(path.name for path in CORPUS_TEXTS.glob("*.txt"))


def normalised(text: str) -> str:
    return " ".join(text.split())


def imported(name: str, folder: Path = CORPUS_TEXTS):
    return import_text((folder / name).read_text(encoding="utf-8"), name=name, records=Records())


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


def check_structure(result, expected: dict) -> None:
    """The structure `result` read equals `expected` (the keys of tests/corpus/expected.yaml)."""
    resolution = result.resolution
    assert len(resolution.preamble) == expected["preamble"]
    assert len(resolution.operative) == expected["operative"]
    assert len(resolution.footnotes) == expected["footnotes"]
    assert result.facts.body_formula == expected["body_formula"]
    numbered = [clause.number is not None for clause in resolution.operative]
    if expected["numbered"] is not None:  # null: some parts number their clauses and some do not
        assert all(numbered) if expected["numbered"] else not any(numbered)
    parts = {
        part.label: [
            sum(clause.part == part.label for clause in clauses)
            for clauses in (resolution.preamble, resolution.operative)
        ]
        for part in resolution.parts
    }
    assert parts == expected.get("parts", {})
    items = {position: len(clause.items) for position, clause in enumerate(resolution.operative, 1) if clause.items}
    assert items == expected.get("items", {})
    preamble_items = {
        position: len(clause.items) for position, clause in enumerate(resolution.preamble, 1) if clause.items
    }
    assert preamble_items == expected.get("preamble_items", {})
    nested = {
        position: {index: len(item.items) for index, item in enumerate(clause.items, 1) if item.items}
        for position, clause in enumerate(resolution.operative, 1)
    }
    assert {position: inner for position, inner in nested.items() if inner} == expected.get("nested", {})
    headings = {position: clause.heading for position, clause in enumerate(resolution.operative, 1) if clause.heading}
    assert headings == expected.get("headings", {})
    assert [position for position, clause in enumerate(resolution.operative, 1) if clause.tail] == expected.get(
        "tails", []
    )
    assert len(resolution.annexes) == expected.get("annexes", 0)
    if "preamble_phrases" in expected:
        assert [clause.phrase for clause in resolution.preamble] == expected["preamble_phrases"]
    if "operative_phrases" in expected:
        assert [clause.phrase for clause in resolution.operative] == expected["operative_phrases"]
    if "symbol" in expected:
        assert resolution.symbol == expected["symbol"]
    if "title" in expected:
        assert resolution.title == expected["title"]
    if "adopted" in expected:
        assert resolution.adoption.date == expected["adopted"]
    if "outcome" in expected:
        assert resolution.adoption.outcome == expected["outcome"]
    if "vote" in expected:
        vote = expected["vote"]
        if vote == "unanimous":
            assert resolution.adoption.method == "unanimous"
        else:
            counts = resolution.adoption.vote
            assert (counts.in_favour, counts.against, counts.abstaining, counts.not_participating) == (
                vote["for"],
                vote["against"],
                vote["abstaining"],
                vote["not_participating"],
            )
    if "session_number" in expected:
        assert result.resolve(resolution.session).number == expected["session_number"]
    if "session" in expected:
        session = result.resolve(resolution.session)
        wanted = expected["session"]
        assert session.number == wanted["number"]
        assert f"{session.venue.city}, {session.venue.country}" == wanted["venue"]
        assert (session.start, session.end) == (wanted["start"], wanted["end"])


def test_the_reference_text_imports_without_layout_or_warnings():
    """Everything the reference resolution prints is derived by the INTERPOL house style."""
    result = imported("interpol-ga81-impact-cooperation.txt")
    assert result.resolution.layout is None
    assert result.warnings == []
    body = result.resolve(result.resolution.body)
    assert body.house_style == "interpol" and body.formula == "The ICPO-INTERPOL General Assembly"


def test_reference_records_render_byte_for_byte(run_cli):
    """render --format text of records/ gives the reference text exactly (outer blank lines aside)."""
    from conftest import REFERENCE_TEXT, REPO

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
