"""The "Whereas ...; Now, therefore, be it resolved" construction and the markup residue of texts copied from
repositories and web pages: one test per construction, each on a short excerpt of a real text
(tests/corpus/excerpts/resolved-*; sources in tests/corpus/SOURCES.md). Each excerpt imports, renders back
(whitespace aside) and validates (tests/unit/test_import_excerpts.py); what the parser had to guess is warned (RT550,
RT551), never silent."""

from __future__ import annotations

import datetime as dt

from helpers import import_excerpt as imported
from helpers import warning_codes as codes

from resolvetool.formulas import find_phrase
from resolvetool.textimport.facts import Facts, read_closing
from resolvetool.textimport.lines import strip_markup


def phrases(clauses) -> list[str | None]:
    return [clause.phrase for clause in clauses]


# that each excerpt imports valid and renders back is tests/unit/test_import_excerpts.py's to check


# --- the enacting formula -------------------------------------------------------------------------------------


def test_city_council_enacting_formula_names_the_body_and_sections_number_the_clauses():
    # "**WHEREAS**, ...; and" x4, "**NOW, THEREFORE, BE IT RESOLVED** by the City Council of Rivergrove:",
    # "**Section 1:** ...", closing "Approved and adopted ... on the 10th day of December, 2018." and signatures
    result = imported("resolved-rivergrove-259-2018.md")
    resolution = result.resolution
    assert phrases(resolution.preamble) == ["**WHEREAS**"] * 4
    assert [clause.number for clause in resolution.operative] == ["**Section 1:**", "**Section 2:**", "**Section 3:**"]
    assert resolution.layout.formula == "**NOW, THEREFORE, BE IT RESOLVED** by the City Council of Rivergrove:"
    assert resolution.layout.formula_after_preamble
    assert result.facts.body_name == "City Council of Rivergrove"
    assert resolution.adoption.date == dt.date(2018, 12, 10)
    assert result.warnings == []  # signatures and attestation are closing lines, not text nobody understood


def test_enacting_formula_in_capitals_gives_the_body_its_name():
    # "**NOW, THEREFORE, BE IT RESOLVED BY THE CITY COUNCIL OF THE CITY OF CHATTANOOGA:**", "**Section 2. **The City"
    result = imported("resolved-chattanooga-open-data.md")
    resolution = result.resolution
    assert result.facts.body_name == "City Council of the City of Chattanooga"
    assert len(resolution.preamble) == 4 and len(resolution.operative) == 3
    assert result.warnings == []


def test_enacting_formula_naming_no_body_is_warned():
    # "..., now, therefore," then "**BE IT RESOLVED**, that the City of <span ...>RIVERGROVE</span> hereby certifies"
    result = imported("resolved-rivergrove-72-1984-html.md")
    resolution = result.resolution
    assert resolution.layout.formula == "**BE IT RESOLVED**,"
    assert result.facts.body_name == "City of RIVERGROVE"  # read through the tags of the first clause
    assert "RT550" in codes(result)
    # the statute the preamble quotes ("Section 1. ...") stays in the preamble, above the formula
    assert [clause.number for clause in resolution.preamble][:2] == [None, "Section 1."]
    assert resolution.adoption.date == dt.date(1984, 7, 9)  # "this <span>9th</span> day of <span>July</span> 1984"


def test_now_therefore_the_body_proclaims():
    # "Whereas ...,  Now, therefore, The General Assembly, Proclaims this Universal Declaration ..." (one line)
    result = imported("resolved-udhr-now-therefore.txt")
    resolution = result.resolution
    assert phrases(resolution.preamble) == ["Whereas"] * 4
    assert phrases(resolution.operative) == ["Proclaims"]
    assert resolution.layout.formula == "Now, therefore, The General Assembly,"
    assert result.facts.body_name == "General Assembly"
    assert result.warnings == []


def test_whereas_clauses_and_the_body_run_on_in_one_line():
    # "Whereas ...; Whereas ...; and Whereas ..., The Board of Governors Resolves that: The attached ..."
    result = imported("resolved-idb-ag-10-76-one-line.txt")
    resolution = result.resolution
    assert phrases(resolution.preamble) == ["Whereas"] * 3
    assert phrases(resolution.operative) == ["Resolves"]
    assert result.facts.body_name == "Board of Governors"
    assert result.warnings == []


def test_whereas_paragraph_ending_in_and_is_preamble_above_the_formula():
    # "Whereas the Security Council on 29 April 1946 appointed ..., and" / "Whereas ...," / "The Security Council"
    result = imported("resolved-unsc-7-1946-whereas-and.txt")
    assert phrases(result.resolution.preamble) == ["Whereas", "Whereas"]
    assert result.resolution.layout.heading == ["7 (1946). Resolution of 26 June 1946"]


def test_now_therefore_be_it_then_resolved_that():
    # "WHEREAS, ...; and" / "(a) ...;" items / "now, therefore, be it" / "Resolved, That this measure ...; and be it
    # further" / "Resolved by the Assembly, the Senate concurring, That the Legislature ..."
    result = imported("resolved-california-aca13-now-therefore-be-it.txt")
    resolution = result.resolution
    assert phrases(resolution.preamble) == ["WHEREAS"] * 3 and len(resolution.preamble[2].items) == 3
    assert resolution.layout.formula == "now, therefore, be it"
    assert phrases(resolution.operative) == ["Resolved", "Resolved"]
    assert result.facts.body_name == "Assembly"  # from "Resolved by the Assembly, the Senate concurring"
    assert "RT550" in codes(result)


def test_clause_only_form_of_a_legislature():
    # "... (TEXT OF BILL BEGINS ON NEXT PAGE) Be it resolved by the House of Representatives of the State of Arizona,
    # the Senate concurring: 1. Under the power of the referendum, ..." (one line)
    result = imported("resolved-arizona-hcr2060-clause-only.txt")
    resolution = result.resolution
    assert resolution.layout.formula == (
        "Be it resolved by the House of Representatives of the State of Arizona, the Senate concurring:"
    )
    assert result.facts.body_name == "House of Representatives of the State of Arizona"
    assert [clause.number for clause in resolution.operative] == ["1."] and not resolution.preamble
    assert result.warnings == []


def test_council_closing_lines_give_date_and_vote():
    # the closing lines of Rivergrove's resolution 300-2024 (its PDF's text layer) and a roll call
    facts = Facts()
    read_closing(["Passed at the April 8, 2024 City of Rivergrove Meeting (4-1 vote)"], facts)
    assert facts.date == dt.date(2024, 4, 8)
    assert facts.vote == {"in_favour": 4, "against": 1, "abstaining": 0, "not_participating": 0}
    roll = Facts()
    read_closing(["ADOPTED: May 3, 2016", "AYES: Smith, Jones and Brown NAYS: None ABSENT: Lee"], roll)
    assert roll.date == dt.date(2016, 5, 3) and roll.vote["in_favour"] == 3 and roll.vote["against"] == 0


def test_resolving_formulas_open_operative_clauses():
    assert find_phrase("BE IT FURTHER RESOLVED, that the City Manager ...").kind == "operative"
    assert find_phrase("RESOLVED, that the corporation establish ...").text == "RESOLVED"
    assert find_phrase("Resolved, That the Senate recognizes ...").kind == "operative"
    assert find_phrase("And be it further resolved, that ...").text == "And be it further resolved"
    # as the Security Council prints it, "Resolved that ...," is preambular (S/RES/872 (1993))
    assert find_phrase("Resolved that the United Nations should, ...,").kind == "preamble"


# --- markup residue --------------------------------------------------------------------------------------------


def test_html_paragraphs_are_read_through_their_tags():
    # "<p>Whereas ...,</p>" x3, "<p>Now, therefore,</p>", "<p>The General Assembly,</p>", "<p>Proclaims ...&nbsp;</p>"
    result = imported("resolved-udhr-html-paragraphs.txt")
    resolution = result.resolution
    assert phrases(resolution.preamble) == ["<p>Whereas"] * 3  # the formula keeps its tag, as it keeps emphasis
    assert phrases(resolution.operative) == ["<p>Proclaims"]
    assert result.facts.body_name == "General Assembly"
    assert result.facts.title == "Preamble"  # "<h2 class=...>Preamble</h2>", without its tags
    assert result.warnings == []


def test_html_document_on_one_line_is_cut_at_its_blocks():
    # '<div ...><p>The General Assembly,</p><p>Believing ...,</p><p>Seeking ...,</p><p>Hereby:</p><p></p><ol><li>...'
    result = imported("resolved-nationstates-html-one-line.txt")
    resolution = result.resolution
    assert [strip_markup(phrase or "") for phrase in phrases(resolution.preamble)][:2] == ["Believing", "Seeking"]
    assert result.facts.body_name == "General Assembly"
    assert "RT551" in codes(result)  # its lists were read as paragraphs, not as a clause's items


def test_strip_markup_sees_through_html_and_blockquotes():
    assert strip_markup('<span class="x">Police protection;</span>') == "Police protection;"
    assert strip_markup("<p>Whereas a &amp; b,&nbsp;</p>") == "Whereas a & b,"
    assert strip_markup("> *Recalling* its resolution") == "Recalling its resolution"
    assert strip_markup("RESOLUTION NO. 12 ===============") == "RESOLUTION NO. 12"  # a setext underline
