"""What a text adopts, and texts that hold several records (issue 15): a convention, recommendation or
declaration printed after the clause adopting it becomes an instrument record with its articles, and a text
printing several resolutions becomes several records. Short excerpts of real texts (tests/corpus/excerpts,
sources in tests/corpus/SOURCES.md); each imports, and the records render back as printed."""

from __future__ import annotations

from helpers import EXCERPTS

from resolvetool.rendering import render
from resolvetool.textimport import Records, import_document
from resolvetool.textimport.instrument import Split, read_instrument


def _import(name: str):
    text = (EXCERPTS / name).read_text(encoding="utf-8")
    results = import_document(text, records=Records())
    rendered = "\n".join(render(result.resolution, resolve=result.resolve) for result in results)
    assert " ".join(rendered.split()) == " ".join(text.split())
    return results


def _adopted(name: str):
    [result] = _import(name)
    instrument = result.resolve(result.resolution.adopts)
    assert instrument.kind == "instrument"
    assert any(planned.record is instrument for planned in result.planned)  # written with the resolution
    return result, instrument


def test_an_ilo_convention_has_articles_under_part_headings_with_nested_items():
    # "...adopts this twenty-ninth day of June ... the following Convention, which may be cited as the
    # Invalidity, Old-Age and Survivors' Benefits Convention, 1967:" / "### Part  I" / "### Article  1" /
    # "In this Convention—" / "(a)the term ..." ... "(h)the term “child” covers—" / "(i)a child ..." / "(ii)..."
    result, instrument = _adopted("ilo-1967-convention-parts-articles-items.txt")
    assert instrument.title == "Invalidity, Old-Age and Survivors' Benefits Convention, 1967"
    assert instrument.type == "convention" and instrument.organization == "ilo"
    [article] = instrument.articles
    assert article.number == "1" and article.heading.split("\n") == ["### Part I", "####General Provisions"]
    [paragraph] = article.paragraphs
    assert paragraph.text == "In this Convention—"
    assert [item.label for item in paragraph.items] == [f"({letter})" for letter in "abcdefghij"]
    child = paragraph.items[7]
    assert [item.label for item in child.items] == ["(i)", "(ii)"]  # (i) under "covers—"; the next (i) a letter
    assert all(item.glued for item in paragraph.items)
    assert [warning.code for warning in result.warnings] == ["RT541"]  # the glued labels, said once
    assert not result.resolution.operative[-1].items  # the articles are not clauses of the resolution


def test_a_sentence_naming_an_article_is_not_an_article_heading():
    # "###Article 4" / "Article 3 shall not apply—" / "(a)in cases of *force majeure* ..."
    _, instrument = _adopted("ilo-1948-article-named-in-a-sentence.txt")
    assert [article.number for article in instrument.articles] == ["1", "2", "3", "4"]
    fourth = instrument.articles[3]
    assert fourth.paragraphs[0].text == "Article 3 shall not apply—"
    assert [item.label for item in fourth.paragraphs[0].items] == ["(a)", "(b)"]
    assert [p.number for p in instrument.articles[0].paragraphs] == ["1.", "2."]


def test_a_recommendation_after_numbered_clauses_of_the_resolution():
    # "1. Adopts the present Recommendation on Open Educational Resources (OER)" / "2. Recommends that Member
    # States ..." / ... / "I. DEFINITION AND SCOPE" / "1. Open Educational Resources (OER) are ..."
    result, instrument = _adopted("unesco-2019-recommendation-numbered-adopting-clause.txt")
    assert [clause.number for clause in result.resolution.operative] == ["1.", "2.", "3.", "4."]
    assert instrument.title == "Recommendation on Open Educational Resources (OER)"
    assert instrument.type == "recommendation" and not instrument.articles
    assert [provision.number for provision in instrument.provisions] == ["1.", "2.", "3.", "4."]
    assert instrument.provisions[0].heading == "I. DEFINITION AND SCOPE"


def test_a_declaration_solemnly_proclaimed_with_titled_articles():
    # "Solemnly proclaims on this twelfth day of November 1997 this Declaration on the Responsibilities ..." /
    # "Article 1 - Needs and interests of future generations"
    result, instrument = _adopted("unesco-1997-declaration-solemnly-proclaims.txt")
    assert result.resolution.operative[-1].phrase == "Solemnly proclaims"
    assert instrument.type == "declaration"
    assert instrument.title.startswith("Declaration on the Responsibilities of the Present Generations")
    assert [(article.number, article.title) for article in instrument.articles] == [
        ("1", "Needs and interests of future generations"),
        ("2", "Freedom of choice"),
    ]


def test_an_item_wrapped_onto_a_second_line_keeps_its_words_in_order():
    # "(a) Each museum might have on its staff- educational specialists, to organize, " /
    # "under the curator's supervision, the use of the museum for educational purposes ;" / "(b) Museums ..."
    lines = (EXCERPTS / "unesco-1960-items-hard-wrapped.txt").read_text(encoding="utf-8").splitlines()
    read = read_instrument(Split("", list(enumerate(lines, 1)), "recommendation", None, None, 0))
    [provision] = read.provisions
    assert provision.number == "16."
    assert [item.label for item in provision.items] == ["(a)", "(b)", "(c)", "(d)"]
    assert provision.items[0].text.endswith("for educational purposes ;")
    assert provision.tail is None
    assert [warning.code for warning in read.warnings] == ["RT540"]  # an excerpt: "16." where 1 was expected


def test_numbering_that_does_not_run_is_warned():
    lines = ["Article 1", "", "1. First.", "", "3. Third.", "", "Article 3", "", "Words."]
    read = read_instrument(Split("", list(enumerate(lines, 1)), "convention", None, None, 0))
    assert sorted((warning.line, warning.code) for warning in read.warnings) == [(5, "RT540"), (7, "RT540")]


def test_several_resolutions_printed_in_one_text_are_several_records():
    # "####Resolutions" / "###I" / "The ConferenceRecommends ..." / "###II" / ... / "###Ill" (OCR) / "###IV"
    results = _import("un-conf-1961-several-resolutions.txt")
    assert len(results) == 4
    assert len({result.resolution.id for result in results}) == 4
    assert all(len(result.resolution.operative) == 1 for result in results)
    assert results[1].resolution.operative[0].phrase == "Resolves"
    # the body and its organization are made once, with the first
    assert [planned.record.kind for planned in results[1].planned] == ["resolution"]


def test_an_annex_heading_and_its_title_on_one_line_holding_the_declaration_adopted():
    # "Adopts the 2025 Political Declaration on ..., annexed to the present resolution." / "48th plenary meeting
    # 24 November 2025" / "Annex 2025 Political Declaration on the Implementation ..." / "1. We, the States ..."
    [result] = _import("unga-80-9-annex-title-on-heading-line.txt")
    [annex] = result.resolution.annexes
    assert annex.number is None and annex.heading is None  # printed "Annex", as render prints it
    assert annex.title.startswith("2025 Political Declaration on the Implementation")
    assert result.resolution.adoption.meeting and not result.warnings
    # the declaration it adopts is an instrument, printed in the annex from its own record
    assert annex.instrument == result.resolution.adopts and annex.text is None
    instrument = result.resolve(annex.instrument)
    assert instrument.type == "declaration" and instrument.title == annex.title
    assert [(p.number, p.text[:22]) for p in instrument.provisions] == [("1.", "We, the States Members")]


def test_what_an_annex_heading_with_a_title_is_and_is_not():
    from resolvetool.textimport.lines import annex_with_title

    # as issue 15 quotes them from held-out texts
    assert annex_with_title("Annex Awaza Political Declaration").group("title") == "Awaza Political Declaration"
    found = annex_with_title("Annex II Main lines of action")
    assert (found.group("number"), found.group("title")) == ("II", "Main lines of action")
    # a line of a sentence (bulk/unsc/S_RES_1454_2002), and a sentence
    assert annex_with_title("Annex A to this resolution and the revised procedures for implementation of the") is None
    assert annex_with_title("Annex II contains the list of States.") is None


def test_sections_that_number_their_paragraphs_again_from_one():
    # "II – Scope" / "1. The present Declaration ..." / "2. ..." / "III – Measures ..." / "1. States should ..."
    lines = (EXCERPTS / "unesco-2003-sections-number-again.txt").read_text(encoding="utf-8").splitlines()
    read = read_instrument(Split("", list(enumerate(lines, 1)), "declaration", None, None, 0))
    assert [(provision.heading[:1], provision.number) for provision in read.provisions] == [
        (["I – Recognition of the importance of cultural heritage"], None),
        (["II – Scope"], "1."),
        ([], "2."),
        (["III – Measures to combat intentional destruction of cultural heritage"], "1."),
    ]
    assert not read.warnings


def test_a_yearly_volume_printing_resolutions_one_after_the_other():
    # "10 (1946). Resolution of 4 November 1946" / "The Security Council" / ... then "11 (1946). Resolution of
    # 15 November 1946" / ...: two real texts as the Council's yearly volume prints them, one after the other
    text = "\n\n".join(
        (EXCERPTS / name).read_text(encoding="utf-8")
        for name in ("unsc-10-formula-without-punctuation.txt", "unsc-11-1946-volume-entry.txt")
    )
    results = import_document(text, records=Records())
    assert [result.resolution.symbol for result in results] == ["S/RES/10 (1946)", "S/RES/11 (1946)"]
    rendered = "\n".join(render(result.resolution, resolve=result.resolve) for result in results)
    assert " ".join(rendered.split()) == " ".join(text.split())
    second = text[: text.index("11 (1946).")].count("\n") + 1
    assert all(warning.line >= second for warning in results[1].warnings)  # lines of the whole text


def test_general_assembly_resolutions_printed_one_after_the_other():
    # "80/9. 2025 Political Declaration ..." / "The General Assembly" / ... / "48th plenary meeting ..." then
    # "80/29. Conventional arms control ..." / "The General Assembly," / ...: as a volume of resolutions prints them
    text = "\n\n".join(
        (EXCERPTS / name).read_text(encoding="utf-8")
        for name in ("unga-80-9-compilation-entry.txt", "unga-80-29-compilation-entry.txt")
    )
    results = import_document(text, records=Records())
    assert len(results) == 2
    assert [len(result.resolution.operative) for result in results] == [1, 4]
    assert results[0].resolution.adoption.meeting == "48th plenary meeting"
    rendered = "\n".join(render(result.resolution, resolve=result.resolve) for result in results)
    assert " ".join(rendered.split()) == " ".join(text.split())


def test_letters_with_a_point_label_items_even_glued_to_their_words():
    # "1. Should the Conference adopt a new Convention ... otherwise provides —" / "a.the ratification ..." / "b.as ..."
    lines = (EXCERPTS / "ilo-1946-letter-labels-glued.txt").read_text(encoding="utf-8").splitlines()
    read = read_instrument(Split("", list(enumerate(lines, 1)), "convention", None, None, 0))
    [article] = read.articles
    assert [(point.label, point.glued) for point in article.paragraphs[0].items] == [("a.", True), ("b.", True)]
    assert [warning.code for warning in read.warnings] == ["RT541", "RT540"]  # an excerpt: article 8 alone


def test_page_furniture_inside_an_instrument_is_kept_and_warned():
    # "... it was decided" / "- 19 -" / an OCR banner / ...: read as an instrument's text, the page number is
    # neither dropped nor joined to the sentence above, and it is warned
    lines = (EXCERPTS / "unesco-2xc-1953-page-break-ocr.txt").read_text(encoding="utf-8").splitlines()
    read = read_instrument(Split("", list(enumerate(lines, 1)), "recommendation", None, None, 0))
    assert [provision.text for provision in read.provisions if provision.text == "- 19 -"] == ["- 19 -"]
    doubts = [warning.line for warning in read.warnings if warning.code == "RT501" and "furniture" in warning.message]
    assert doubts == [4]
