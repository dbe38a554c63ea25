"""The shapes of a document's opening (issue 15): where the resolution starts and who adopted it, on short
excerpts of real texts (tests/corpus/excerpts, sources in tests/corpus/SOURCES.md). Each imports, validates as
the import checks it, and renders back as printed."""

from __future__ import annotations

import pytest
from helpers import EXCERPTS

from resolvetool.rendering import render
from resolvetool.textimport import Records, import_text


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
    assert _phrases(resolution.preamble) == [
        "Having regard to",
        "Having regard to",
        "Having noted",
        "Having regard to",
        "Considering",
    ]
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
    assert resolution.operative[0].text[:30] == text[:30]
    assert (str(resolution.adoption.date), resolution.adoption.meeting) == ("2016-12-05", "51st plenary meeting")
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


def test_the_body_speaking_in_a_sentence_whose_object_ends_in_a_comma():
    # "The Conference requests the European Council for Nuclear Research, having due regard to ..., to prepare
    # ...": the words up to the comma are no formula, whatever the comma suggests; the body is the Conference
    result, _ = _import("cern-1953-speaker-sentence-with-comma.txt")
    assert result.facts.body_formula == "The Conference"
    clause = result.resolution.operative[0]
    assert clause.phrase == "requests" and clause.text.startswith("the European Council for Nuclear Research,")


def test_clauses_under_a_heading_that_names_no_body_take_the_council_from_its_numbering():
    # "Resolution 462 (1980)" above "Having considered ...": no formula printed
    result, _ = _import("unsc-462-no-formula.txt")
    resolution = result.resolution
    assert resolution.layout.no_formula and result.facts.body_name == "Security Council"
    assert _phrases(resolution.preamble) == ["Having considered", "Taking into account"]
    assert _phrases(resolution.operative) == ["Decides"]
    assert _warned(result, "RT520")


def test_a_text_that_opens_with_the_formula_gets_no_title_and_no_header():
    result, _text = _import("unesco-1997-no-heading.txt")
    resolution = result.resolution
    assert resolution.title is None and not (resolution.layout and resolution.layout.heading)
    assert render(resolution, resolve=result.resolve).startswith("The General Conference,")


def _planned(result, kind: str):
    return [planned.record for planned in result.planned if planned.record.kind == kind]


def test_a_body_nobody_listed_is_named_whole_and_its_session_line_read():
    # "The General Conference of the United Nations Educational, Scientific and Cultural Organization, meeting at
    # New Delhi, from 5 November to 5 December 1956, at its ninth session,"
    result, _ = _import("unesco-1956-body-and-session.txt")
    assert result.facts.body_formula == (
        "The General Conference of the United Nations Educational, Scientific and Cultural Organization"
    )
    [session] = _planned(result, "session")
    assert session.number == 9 and (session.venue.city, session.venue.country) == ("New Delhi", "India")
    assert (str(session.start), str(session.end)) == ("1956-11-05", "1956-12-05")
    assert result.resolution.title is None and not (result.resolution.layout and result.resolution.layout.heading)


def test_the_country_of_a_city_is_the_state_of_the_year():
    # "... meeting in Belgrade from 23 September to 28 October 1980, at its twenty-first session,"
    result, _ = _import("unesco-1980-belgrade.txt")
    [session] = _planned(result, "session")
    assert session.number == 21 and (session.venue.city, session.venue.country) == ("Belgrade", "Yugoslavia")


def test_a_session_and_city_in_brackets_after_the_name():
    # "The World Administrative Radio Conference on the Use of the Geostationary-Satellite Orbit and the Planning
    # of Space Services Utilizing It (Second Session - Geneva, 1988),considering"
    result, _ = _import("itu-orb88-bracketed-session.txt")
    assert result.facts.body_name.endswith("Planning of Space Services Utilizing It")
    [session] = _planned(result, "session")
    assert session.number == 2 and (session.venue.city, session.venue.country) == ("Geneva", "Switzerland")


def test_a_body_of_a_named_organization_gets_that_organization():
    # "The Committee of Ministers of the Council of Europe, Having regard to ..."
    result, _ = _import("coe-98-7-organization-named.txt")
    [body] = _planned(result, "body")
    [organization] = _planned(result, "organization")
    assert (body.name, organization.name) == ("Committee of Ministers", "Council of Europe")
    assert body.organization == organization.id and not organization.notes


@pytest.mark.parametrize(
    "formula, name, place, dates, session",
    [
        (
            "The General Conference of the United Nations Educational, Scientific and Cultural Organization, "
            "at its twentieth session, Paris, from 24 October to 28 November 1978,",
            "The General Conference of the United Nations Educational, Scientific and Cultural Organization",
            ("Paris", "France"),
            ("1978-10-24", "1978-11-28"),
            20,
        ),
        (
            "The ICPO-INTERPOL General Assembly, meeting in Rome, Italy, from 5 to 8 November 2012 at its 81st "
            "session:",
            "The ICPO-INTERPOL General Assembly",
            ("Rome", "Italy"),
            ("2012-11-05", "2012-11-08"),
            81,
        ),
        (
            "The World Administrative Telegraph and Telephone Conference (Melbourne, 1988),",
            "The World Administrative Telegraph and Telephone Conference",
            ("Melbourne", "Australia"),
            None,
            None,
        ),
    ],
)
def test_the_words_after_the_name_tell_the_meeting(formula, name, place, dates, session):
    from resolvetool.textimport.speaker import read_speaker

    speaker = read_speaker(formula)
    assert speaker.name == name and (speaker.city, speaker.country) == place and speaker.session == session
    assert (tuple(str(day) for day in speaker.dates) if speaker.dates else None) == dates


def test_numbers_printed_with_no_space_after_them_come_back_so():
    # "...,Decides as follows:" then "1.Any subsidiary bodies ...", "2.Any sectoral committee ..."
    result, _text = _import("wto-number-glued-to-text.txt")
    layout = result.resolution.layout
    assert layout.unspaced and "1.Any subsidiary" in render(result.resolution, resolve=result.resolve)
    assert not [warning for warning in result.warnings if warning.code == "RT508"]


def test_a_heading_between_the_formula_and_the_clauses():
    # "The Member States of ..., meeting in Paris at the twenty-eighth session of the General Conference, from 25
    # October to 16 November 1995," then "Preamble", then "Bearing in mind ..."
    result, _ = _import("unesco-1995-heading-under-formula.txt")
    assert result.facts.body_formula.startswith("The Member States of the United Nations Educational, Scientific")
    assert result.resolution.preamble[0].heading == "Preamble"
    [session] = _planned(result, "session")
    assert session.number == 28 and session.venue.city == "Paris"


def test_a_formula_after_the_resolution_number():
    # "1.1  The General         Conference," under "1.   Voting rights of delegations" (OCR of a 1973 volume)
    result, _ = _import("unesco-3xc-numbered-formula.txt")
    assert result.facts.body_formula == "The General Conference"
    assert _phrases(result.resolution.preamble) == ["Considering"]
    assert _phrases(result.resolution.operative) == ["Decides"]


def test_a_narrative_decision_that_names_states_before_the_body():
    # "At its 86th plenary meeting, ..., on the proposal of the Netherlands (Kingdom of the) and Switzerland,
    # (Footnote: A/79/L.103.) the General Assembly took note of ..."
    result, _ = _import("unga-decision-states-before-body.txt")
    assert result.facts.body_name == "General Assembly" and result.resolution.layout.no_formula


def test_a_title_that_reads_like_a_name_is_no_formula():
    # "80/46. The Arms Trade Treaty" stands alone above "The General Assembly,": a title, not a body
    result, _ = _import("unga-80-46-title-like-a-name.txt")
    assert result.facts.body_formula == "The General Assembly"
    assert result.resolution.title == "The Arms Trade Treaty"


@pytest.mark.parametrize(
    "name, formula",
    [
        ("unesco-3xc-french-formula.txt", "La Conférence générale"),
        ("unesco-3xc-spanish-formula.txt", "La Conferencia General"),
    ],
)
def test_a_formula_in_french_or_spanish(name, formula):
    # "1.1 La Conférence          générale," then "Considérant que ...", "Décide, ..."
    result, _ = _import(name)
    assert result.facts.body_formula.lower() == formula.lower()
    assert [warning.line for warning in result.warnings if warning.code == "RT529"] == [2]


def test_a_formula_led_by_therefore():
    # "The attention of the Security Council has been drawn ..." then "Therefore the Security Council,"
    result, _ = _import("unsc-4-therefore-formula.txt")
    assert result.facts.body_name == "Security Council"
    assert _phrases(result.resolution.preamble) == ["Keeping in mind"]
