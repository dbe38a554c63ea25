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
