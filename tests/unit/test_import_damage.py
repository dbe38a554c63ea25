"""The body of a text as pages damage it, and the facts: one test per construction, each on a short excerpt of a
real text (tests/corpus/excerpts/damage-*.txt; sources in tests/corpus/SOURCES.md). Each excerpt imports,
renders back (whitespace aside) and validates (tests/unit/test_import_excerpts.py); what the parser had to guess is
warned (RT53x), never silent."""

from __future__ import annotations

import datetime as dt

from helpers import import_excerpt as imported
from helpers import warning_codes as codes


def numbers(result) -> list[str | None]:
    return [clause.number for clause in result.resolution.operative]


# that each excerpt imports valid and renders back is tests/unit/test_import_excerpts.py's to check


# --- footnotes printed without a separator --------------------------------------------------------------------


def test_footnotes_under_the_closing_lines_are_footnotes_not_closing():
    # "22 Ibid., document S/10280." / "23 Ibid., ..., 1573rd meeting, ...": `meeting` in a footnote is no adoption line
    result = imported("damage-unsc-295-footnotes-after-closing.txt")
    resolution = result.resolution
    assert [footnote.marker for footnote in resolution.footnotes] == ["22", "23"]
    assert resolution.adoption.statement == "Adopted unanimously at the 1573rd meeting."
    assert resolution.adoption.meeting == "1573rd meeting" and resolution.adoption.method == "unanimous"
    assert result.warnings == []


def test_footnotes_whose_markers_the_text_cites_are_not_clauses():
    # "1965, 10 stating", "of 2 August, 11 5 August 12": footnotes 10-13 after clause 2, no closing lines
    result = imported("damage-unsc-207-footnotes-no-closing.txt")
    assert numbers(result) == ["1.", "2."]
    assert [footnote.marker for footnote in result.resolution.footnotes] == ["10", "11", "12", "13"]


def test_footnotes_marked_with_a_slash():
    result = imported("damage-unsc-779-slash-footnotes.txt")
    assert [(footnote.marker, footnote.text) for footnote in result.resolution.footnotes] == [
        ("1/", "8/24600."),
        ("2/", "8/24476."),
    ]


def test_page_foot_footnotes_of_raw_pdf_text_and_the_sentence_they_cut():
    # "... through its" / "2 A/79/552-S/2024/767." / "3 A/79/609-S/2024/827." / "the inputs from ...": the
    # footnotes come out and the sentence runs on across them
    result = imported("damage-unga-raw-80-11-page-foot.txt")
    resolution = result.resolution
    assert [footnote.marker for footnote in resolution.footnotes] == ["2", "3"]
    assert len(resolution.preamble) == 2 and resolution.operative == []
    assert "the inputs from the group of independent eminent persons" in resolution.preamble[0].text


def test_footnote_under_a_separator_across_page_furniture():
    # "____" / blank / "1 United Nations, Treaty Series ..." then the running head, job number and page number
    result = imported("damage-unga-raw-80-6-lone-number.txt")
    resolution = result.resolution
    assert [footnote.marker for footnote in resolution.footnotes] == ["1"]
    kinds = {mark.kind for mark in resolution.layout.marks}
    assert {"running-header", "page-footer"} <= kinds


def test_a_wrapped_footnote_line_the_conversion_marked_as_a_footnote():
    # "[^2]: ... as from" / "[^7]: February 1984." while "[^7]: See A/57/759..." is footnote 7
    result = imported("damage-unga-80-18-footnote-wrap.txt")
    footnotes = {footnote.marker: footnote.text for footnote in result.resolution.footnotes}
    assert footnotes["2"].endswith("as from [^7]: February 1984.")
    assert footnotes["7"] == "See A/57/759-S/2003/332, annex I."
    assert "RT533" in codes(result)


def test_a_footnote_printed_again_on_a_later_page_is_one_footnote():
    # the text layer of WHA66.12 prints "2" / "Document A66/20." at the foot of page 1 and again on page 2
    result = imported("damage-who-66-12-footnote-reprinted.txt")
    resolution = result.resolution
    assert [(footnote.marker, footnote.text) for footnote in resolution.footnotes] == [("2", "Document A66/20.")]
    assert [mark.text for mark in resolution.layout.marks if mark.kind == "footnote"] == ["2", "2"]


# --- numbers and paragraphs ------------------------------------------------------------------------------------


def test_numbered_paragraphs_completing_an_unnumbered_clause_are_its_items():
    # "Resolves:" / "1. That applications ..." / "2. That applications ..."
    result = imported("damage-unsc-6-numbered-items.txt")
    (clause,) = result.resolution.operative
    assert clause.phrase == "Resolves" and [item.label for item in clause.items] == ["1.", "2."]


def test_a_number_alone_on_its_line_before_its_paragraph():
    # "4." / "Notes the recent ratifications ..."
    result = imported("damage-unga-raw-80-6-lone-number.txt")
    clause = result.resolution.operative[0]
    assert clause.number == "4." and clause.phrase == "Notes"


def test_clause_numbers_damaged_by_ocr_are_read_and_warned():
    # "Z. Demands that Iraq ..." after "1. Affirms ..."
    result = imported("damage-unsc-686-damaged-number.txt")
    assert numbers(result) == ["1.", "Z."]
    assert result.resolution.operative[1].items and "RT531" in codes(result)


def test_an_unnumbered_clause_among_numbered_ones_is_warned():
    # "6. Urges ..." / "Decides to remain seized of the matter." printed with no number (the excerpt starts at 6)
    result = imported("damage-unsc-778-unnumbered-clause.txt")
    assert numbers(result) == ["6.", None]
    assert "RT509" in codes(result)


def test_preambular_paragraphs_ending_in_a_stop_stay_in_the_preamble():
    # "Further gravely concerned at ... integrity of Angola." (OCR "." for ",") above "1. Strongly condemns"
    result = imported("damage-unsc-602-preamble-stop.txt")
    assert len(result.resolution.preamble) == 9
    assert numbers(result) == ["1.", "8."]


def test_a_quotation_under_a_clause_finishes_it():
    # "1. Reaffirms the appeal ..., worded as follows:" / "“The Security Council has authorized me ...”:"
    result = imported("damage-unsc-193-quotation.txt")
    assert numbers(result) == ["1.", "2.", "3.", "4."]
    assert result.resolution.operative[0].tail.startswith("“The Security Council has authorized me")


def test_a_sentence_continued_across_a_blank_line_on_a_number():
    # "... and in Vienna on" / blank / "8 and 9 December 2014 and on 20 June 2022, ...": no footnote 8
    result = imported("damage-unga-80-24-number-continuation.txt")
    (clause,) = result.resolution.preamble
    assert "in Vienna on 8 and 9 December 2014" in clause.text
    assert [footnote.marker for footnote in result.resolution.footnotes] == ["15"]
    assert "RT532" in codes(result)


def test_a_capitalised_continuation_across_a_blank_line_is_warned():
    # "1. Welcomes the reports of the Secretary-General dated 16 July 1993" / blank / "(S/26090) and ..."
    result = imported("damage-unsc-860-capitalised-continuation.txt")
    assert "(S/26090) and 26 August 1993" in result.resolution.operative[0].text
    assert numbers(result) == ["1.", "2.", "3.", "4.", "5."]
    assert any(warning.code == "RT532" and warning.line == 33 for warning in result.warnings)


# --- facts ------------------------------------------------------------------------------------------------


def test_the_security_council_volume_heading():
    # "6 (1946). Resolution of 17 May 1946 21"
    resolution = imported("damage-unsc-6-numbered-items.txt").resolution
    assert resolution.symbol == "S/RES/6 (1946)" and resolution.adoption.date == dt.date(1946, 5, 17)


def test_a_security_council_heading_without_its_year():
    # "Resolution 290" / "of 8 December 1970"
    result = imported("damage-unsc-290-no-year.txt")
    assert result.resolution.symbol == "S/RES/290 (1970)" and "RT534" not in codes(result)


def test_a_security_council_heading_with_a_wrong_year_is_warned():
    # "Resolution 434 (1973)" / "of 18 September 1978": the year of adoption is the symbol's
    result = imported("damage-unsc-434-wrong-year.txt")
    assert result.resolution.symbol == "S/RES/434 (1978)"
    assert [warning.line for warning in result.warnings if warning.code == "RT534"] == [1]


def test_meeting_and_vote():
    resolution = imported("damage-unsc-434-wrong-year.txt").resolution
    assert resolution.adoption.meeting == "2085th meeting"
    assert resolution.adoption.vote.in_favour == 12 and resolution.adoption.vote.abstaining == 2


# --- more of the same constructions, as other texts print them -------------------------------------------------


def test_a_footnote_whose_marker_the_text_lost_among_preambular_paragraphs():
    # "18 Resolutions or decisions on this question ..." between two preambular paragraphs: no clause 18
    result = imported("damage-unsc-310-footnote-no-marker.txt")
    assert [footnote.marker for footnote in result.resolution.footnotes] == ["18", "16", "17"]
    assert len(result.resolution.preamble) == 3 and numbers(result) == ["1."]
    assert any(warning.code == "RT533" and warning.line == 12 for warning in result.warnings)


def test_numbered_items_with_a_damaged_first_number():
    # "Resolves:" / "1, That the Trusteeship Council be requested ..." / "2. That ..."
    result = imported("damage-unsc-70-damaged-item-number.txt")
    (clause,) = result.resolution.operative
    assert [item.label for item in clause.items] == ["1,", "2.", "3.", "4."]
    assert "RT531" in codes(result)


def test_a_paragraph_among_numbered_items_runs_on_the_item_above():
    # "3. To set up a commission ..." / "The commission shall submit a plan of work ..." / ... / "4. To ..."
    result = imported("damage-unsc-18-item-runs-on.txt")
    (clause,) = result.resolution.operative
    assert [item.label for item in clause.items] == ["1.", "2.", "3.", "4."]
    assert "The commission shall submit a plan of work" in clause.items[2].text


def test_an_item_label_damaged_by_ocr():
    # "(c}) The principles adopted by the London International Conference ..." after (a) and (b)
    result = imported("damage-unsc-859-damaged-label.txt")
    affirms = result.resolution.operative[5]
    assert [item.label for item in affirms.items] == ["(a)", "(b)", "(c})", "(d)", "(e)"]
    assert "RT531" in codes(result)


def test_a_sentence_cut_inside_a_name_across_a_blank_line():
    # "... the Olympic and Paralympic Winter" / blank / "Games, as a defining feature ...": not a formula "Games"
    result = imported("damage-unga-80-8-name-continuation.txt")
    (clause,) = result.resolution.preamble
    assert "Paralympic Winter Games, as a defining feature" in clause.text and result.resolution.operative == []
    assert "RT532" in codes(result)


def test_a_list_under_a_clause_ending_in_a_colon_finishes_it():
    # "Establishes the following list of candidates ...:" then one name a line, some lines run together
    result = imported("damage-unsc-857-list-in-clause.txt")
    (clause,) = result.resolution.operative
    assert clause.phrase == "Establishes" and clause.tail.startswith("Mr. Georges Michel ABI-SAAB (Egypt)")
    assert clause.tail.endswith("Mr. Lal Chan VOHRAH (Malaysia)")
    assert result.resolution.adoption.statement.startswith("Adopted unanimously at the 3265th meeting.")


def test_the_adoption_line_of_a_heading_is_no_preambular_paragraph():
    # "Adopted by the Security Council at its 3119th meeting," / blank / "on 6 October 1992" above the formula
    result = imported("damage-unsc-780-heading-adoption-line.txt")
    layout = result.resolution.layout
    assert not (layout and layout.formula_after_preamble)
    assert result.resolution.preamble[0].phrase == "Reaffirming"


def test_a_narrative_after_the_closing_lines_is_no_closing_line():
    # "Adopted at the 2226th meeting by 14 votes to none, with 1 abstention" / "Decisions" / "In a note ..." /
    # "At its 2232nd meeting, ... to participate, without vote, in the discussion ...": meeting and vote are the first's
    result = imported("damage-unsc-471-after-closing.txt")
    adoption = result.resolution.adoption
    assert adoption.statement.startswith("Adopted at the 2226th meeting") and "2232nd" not in adoption.statement
    assert adoption.method == "vote" and adoption.vote.in_favour == 14 and adoption.vote.abstaining == 1
    assert adoption.meeting == "2226th meeting"


def test_a_page_foot_footnote_numbered_like_the_next_clause_under_a_cut_sentence():
    # "5. Calls upon ... military holdings to the" / "6 A/77/126, para. 106." / ... / "Register in addition ..."
    result = imported("damage-unga-raw-80-28-footnote-mid-sentence.txt")
    assert numbers(result) == ["4.", "5.", "6."]
    assert [footnote.marker for footnote in result.resolution.footnotes] == ["6", "7", "8", "9"]
    assert "to the Register in addition to information" in result.resolution.operative[1].text
    assert any(warning.code == "RT533" and warning.line == 19 for warning in result.warnings)


def test_unnumbered_paragraphs_between_numbered_clauses_are_items_that_lost_their_labels():
    # "7. Requests the Secretary-General, within available resources:" / "To continue ...;" / "To circulate ...;" /
    # "(c) To continue consultations ..." ... "(i) ..." / "8. Encourages Member States:" / "To inform ..." / "9. ..."
    result = imported("damage-unga-80-12-labels-lost.txt")
    assert numbers(result) == ["7.", "8.", "9."]
    requests = result.resolution.operative[0]
    assert "resources: To continue the practice" in requests.text
    assert [item.label for item in requests.items] == ["(c)", "(d)", "(e)", "(f)", "(g)", "(h)", "(i)"]
    assert [warning.line for warning in result.warnings if warning.code == "RT536"] == [17, 37]


def test_a_form_feed_inside_a_sentence_is_a_page_break_it_runs_across():
    # "... any measures which,\fafter discussion with the parties ..." inside clause 3
    result = imported("damage-unsc-113-form-feed.txt")
    assert numbers(result) == ["1.", "2.", "3.", "4.", "5."]
    assert "which, after discussion with the parties" in result.resolution.operative[2].text


def test_footnote_text_indented_under_its_marker_stops_at_an_item_of_the_text():
    # No text of the corpus prints an item right under a footnote (a blank line always parts them); these are two
    # real lines of WHA66.12's text layer (the excerpt above) set one under the other, the item as deep as the note
    from resolvetool.textimport.lines import read_lines
    from resolvetool.textimport.takeout import _indented_footnote

    lines = read_lines(
        "          2\n           Document A66/20.\n"
        "           (1) to sustain WHO’s leadership in the drive to overcome neglected tropical "
        "diseases;\n"
    )
    words, after = _indented_footnote(lines, 1, lines[0].indent)
    assert words == ["Document A66/20."] and lines[after].text.startswith("(1) to sustain")


def test_a_meeting_number_damaged_by_ocr_is_read_and_warned():
    # "Adopted unanimously at the" / "I364th meeting."
    result = imported("damage-unsc-291-meeting-damaged.txt")
    assert result.resolution.adoption.meeting == "1364th meeting" and result.resolution.adoption.method == "unanimous"
    assert [warning.line for warning in result.warnings if warning.code == "RT537"] == [41]


def test_vote_counts_damaged_by_ocr():
    # "Adopted at the 338th meeting by 7 votes to I (Syria), with 3 abstentions (...)"
    vote = imported("damage-unsc-54-vote-damaged.txt").resolution.adoption.vote
    assert (vote.in_favour, vote.against, vote.abstaining) == (7, 1, 3)
