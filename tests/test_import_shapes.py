"""The shapes of a document's opening (issue 15): where the resolution starts and who adopted it, on short
excerpts of real texts (tests/corpus/excerpts, sources in tests/corpus/SOURCES.md). Each imports, validates as
the import checks it, and renders back as printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from resolvetool.rendering import render
from resolvetool.textimport import Records, import_text

EXCERPTS = Path(__file__).parent / "corpus" / "excerpts"


def _import(name: str):
    text = (EXCERPTS / name).read_text(encoding="utf-8")
    result = import_text(text, records=Records())
    rendered = render(result.resolution, resolve=result.resolve)
    assert " ".join(rendered.split()) == " ".join(text.split())
    return result, text


def _phrases(clauses) -> list[str | None]:
    return [clause.phrase for clause in clauses]


def test_a_formula_without_punctuation_alone_on_its_line():
    result, _ = _import("unsc-10-formula-without-punctuation.txt")
    resolution = result.resolution
    assert result.facts.body_formula == "The Security Council"
    assert _phrases(resolution.operative) == ["Resolves", "Requests"]


def test_a_whole_resolution_printed_as_one_run_on_paragraph():
    # "The Committee of Ministers,Having regard to ...,Having regard to ...;Having noted ...;...Declares ..."
    result, _ = _import("coe-56-10-run-on-resolution.txt")
    resolution = result.resolution
    assert result.facts.body_formula == "The Committee of Ministers"
    assert _phrases(resolution.preamble) == ["Having regard to", "Having regard to", "Having noted",
                                             "Having regard to", "Considering"]
    assert _phrases(resolution.operative) == ["Declares", "Decides"]
    assert "preamble-1" in resolution.layout.glued and "operative-1" in resolution.layout.glued
    assert not result.warnings


def test_a_formula_glued_to_the_heading_and_to_its_first_clause():
    # "... 3.2 (b))The CouncilHaving noted the Declaration ..."
    result, _ = _import("esro-formula-glued-run-on.txt")
    resolution = result.resolution
    assert result.facts.body_formula == "The Council"
    assert _phrases(resolution.preamble) == ["Having noted", "Having considered"]
    assert resolution.layout.glued[:2] == ["formula", "preamble-1"]


@pytest.mark.parametrize("name", ["ilo-1925-formula-glued-to-title.txt", "ilo-1951-opening-run-on.txt"])
def test_an_ilo_opening_paragraph_is_formula_preamble_and_the_adopting_clause(name):
    # "...ACCIDENTS.The General Conference of the International Labour Organisation, Having been convened ...,
    # and Having decided ..., and Having determined ..., adopts ... the following Convention ...:"
    result, _ = _import(name)
    resolution = result.resolution
    assert result.facts.body_formula == "The General Conference of the International Labour Organisation"
    assert [phrase.split()[0] for phrase in _phrases(resolution.preamble)] == ["Having"] * 3
    assert resolution.preamble[0].text.endswith(", and")  # the "and" that joins the clauses stays with them
    assert _phrases(resolution.operative) == ["adopts"]
    assert resolution.operative[0].text.endswith(":")


def test_a_formula_after_a_sentence_on_the_same_line():
    # "... set out below.The Council for Trade in Services,Acting pursuant to ...,Decides as follows:"
    result, _ = _import("wto-formula-mid-line.txt")
    resolution = result.resolution
    assert result.facts.body_formula == "The Council for Trade in Services"
    assert _phrases(resolution.preamble) == ["Acting"]
    assert _phrases(resolution.operative) == ["Decides"]


def _warned(result, code: str) -> list:
    return [warning for warning in result.warnings if warning.code == code]


def test_a_narrative_decision_prints_no_formula_and_names_its_body():
    # "At its 51st plenary meeting, on 5 December 2016, the General Assembly, ..., decided to include ..."
    result, text = _import("unga-decision-narrative.txt")
    resolution = result.resolution
    assert resolution.layout.no_formula and result.facts.body_name == "General Assembly"
    assert [clause.text[:30] for clause in resolution.operative] == [text[:30]]
    assert resolution.adoption.statement.startswith("(See A/71/450")
    assert resolution.title is None  # no heading printed: none invented
    [warning] = _warned(result, "RT520")
    assert warning.line == 1 and "General Assembly" in warning.message


def test_numbered_paragraphs_that_each_name_the_body():
    # "1. Ministers invite the Committee on Government Procurement ... to clarify that:"
    result, _ = _import("wto-numbered-naming-the-body.txt")
    resolution = result.resolution
    assert resolution.layout.no_formula and result.facts.body_name == "Ministers"
    assert resolution.operative[0].number == "1." and resolution.operative[0].text.startswith("Ministers invite")
    assert _warned(result, "RT520")


def test_the_body_speaking_in_a_sentence():
    # "Ministers recognize, with respect to dispute settlement ..., the need for ..."
    result, _ = _import("wto-ministers-sentence.txt")
    resolution = result.resolution
    assert result.facts.body_formula == "Ministers"
    assert resolution.operative[0].text.startswith("recognize, with respect")


def test_clauses_under_a_heading_that_names_no_body_take_the_council_from_its_numbering():
    # "Resolution 462 (1980)" above "Having considered ...": no formula printed
    result, _ = _import("unsc-462-no-formula.txt")
    resolution = result.resolution
    assert resolution.layout.no_formula and result.facts.body_name == "Security Council"
    assert _phrases(resolution.preamble) == ["Having considered", "Taking into account"]
    assert _phrases(resolution.operative) == ["Decides"]
    assert _warned(result, "RT520")


def test_a_text_that_opens_with_the_formula_gets_no_title_and_no_header():
    result, text = _import("unesco-1997-no-heading.txt")
    resolution = result.resolution
    assert resolution.title is None and not (resolution.layout and resolution.layout.heading)
    assert render(resolution, resolve=result.resolve).startswith("The General Conference,")
