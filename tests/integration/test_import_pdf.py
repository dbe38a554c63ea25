"""`import FILE.pdf`: a PDF's text layer read with what the page knows (positions, type sizes, italics), imported
by the text parser with hints, and rendered back as the text read. What is refused, and how, is
tests/cli/test_import_pdf_cli.py's.

The PDFs are byte copies of real documents in tests/corpus/pdf/ (provenance in tests/corpus/SOURCES.md)."""

from __future__ import annotations

import pytest
import yaml
from helpers import CORPUS_EXPECTED, CORPUS_PDFS, EXCERPTS, check_structure, normalised

from resolvetool.rendering import render
from resolvetool.textimport import Records, import_pdf
from resolvetool.textimport.pdfread import read_pdf

PDFS = CORPUS_PDFS
TEXT_PDFS = ["who-WHA66.20.pdf", "who-WHA66.2.pdf", "A_RES_80_4.pdf"]


def imported(name: str):
    return import_pdf((PDFS / name).read_bytes(), name=name, records=Records())


@pytest.mark.parametrize("name", TEXT_PDFS)
def test_render_gives_the_text_read_back(name):
    result = imported(name)
    assert result.source.strip()
    assert normalised(render(result.resolution, resolve=result.resolve)) == normalised(result.source)


@pytest.mark.parametrize("name", TEXT_PDFS)
def test_imported_records_validate(name, run_cli, make_tree):
    root = make_tree({})
    result = run_cli("import", str(PDFS / name), cwd=root)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "wrote" in result.stdout
    checked = run_cli("validate", cwd=root)
    assert checked.exit_code == 0, checked.stdout
    assert "no problems" in checked.stdout


@pytest.mark.parametrize("name", ["who-WHA66.20.pdf", "who-WHA66.2.pdf"])
def test_a_who_pdf_reads_as_the_text_of_the_same_resolution(name):
    """The clause structure equals what a clerk reads in the pdftotext text of the same resolution
    (tests/corpus/texts/who-WHA66.*.txt), the footnote marker aside (printed raised: ³)."""
    expected = yaml.safe_load(CORPUS_EXPECTED.read_text(encoding="utf-8"))[name.replace(".pdf", ".txt")]
    check_structure(imported(name), expected)


def test_a_paragraph_cut_by_a_page_break_and_its_footnote_runs_on():
    """WHA66.2: operative paragraph 8 runs from page 1 to page 2; nothing stands between its halves."""
    result = imported("who-WHA66.2.pdf")
    eighth = result.resolution.operative[7]
    assert "not exceeding 5% of the amount allocated to the category from which the transfer is made" in eighth.text


def test_page_furniture_by_position_is_kept_as_marks():
    """A/RES/80/4: the job number and barcode at page 1's foot, the running head of page 2 (smaller type
    above the text) and its page number and job number are marks, where they stood (inside preambular
    paragraph 6, which the page break cuts); the paragraph itself runs on."""
    resolution = imported("A_RES_80_4.pdf").resolution
    marks = [(mark.kind, mark.at, mark.text) for mark in resolution.layout.marks]
    assert ("page-footer", "preamble-6", "25-17552 (E)") in marks
    assert ("page-footer", "preamble-6", "*2517552*") in marks
    assert [kind for kind, at, _ in marks if at == "preamble-6"].count("running-header") == 2
    assert any(kind == "page-footer" and text.startswith("2/2") for kind, _, text in marks)
    assert "November 1995, 51/17 of 12 November 1996, 52/10" in resolution.preamble[5].text
    assert (len(resolution.preamble), len(resolution.operative)) == (8, 5)
    assert resolution.symbol == "A/RES/80/4"
    assert str(resolution.adoption.date) == "2025-10-29"


def test_footnotes_by_type_size_and_raised_markers():
    """The raised marker after `resolution 79/7;` is printed as ¹, and the small type under the separator at
    the page foot is its footnote."""
    result = imported("A_RES_80_4.pdf")
    assert [(footnote.marker, footnote.text) for footnote in result.resolution.footnotes] == [("¹", "A/80/83.")]
    assert "resolution 79/7;¹" in result.source


def test_italic_type_is_read_and_gives_the_formula_the_words_do_not():
    """The formulas of UN texts are set in italics: the reader gives each line's italic runs, and the words in
    italics that open a clause are its formula where the words alone show none (`Once again urges`)."""
    read = read_pdf((PDFS / "A_RES_80_4.pdf").read_bytes())
    lines = read.text.split("\n")
    italic = {lines[number - 1][start:end] for number, runs in read.italic.items() for start, end in runs}
    assert {"The General Assembly", "Recalling also", "Once again urges", "Decides"} <= italic
    operative = imported("A_RES_80_4.pdf").resolution.operative
    assert [clause.phrase for clause in operative] == [
        "Takes note",
        "Reiterates",
        "Once again urges",
        "Requests",
        "Decides",
    ]


def test_a_resumed_meeting_closes_the_resolution():
    """`69th (resumed) plenary meeting` (A/RES/80/240, read off its PDF) is the adoption line, not a clause."""
    from resolvetool.textimport import import_text

    text = (EXCERPTS / "unga-80-240-resumed-meeting.txt").read_text(encoding="utf-8")
    result = import_text(text, records=Records())
    assert [clause.number for clause in result.resolution.operative] == ["1.", "2."]
    assert result.resolution.adoption.meeting == "69th (resumed) plenary meeting"
    assert str(result.resolution.adoption.date) == "2025-12-30"


def test_bold_paragraphs_among_the_clauses_are_section_headings():
    """A/RES/79/300 (its PDF's text, with the hints the PDF reader gave) heads groups of clauses with bold lines:
    `Budget performance report for the period ...`, `Financing of the budget estimates ...` (which opens as a
    formula could). Each is the heading of the clause below it, and the numbers run 1..7."""
    from resolvetool.textimport import import_text

    excerpt = EXCERPTS / "unga-79-300-bold-section-headings"
    text = excerpt.with_suffix(".txt").read_text(encoding="utf-8")
    hints = yaml.safe_load(excerpt.with_suffix(".hints.yaml").read_text(encoding="utf-8"))
    headings = [text.split("\n")[number - 1].strip() for number, hint in hints.items() if hint == "heading"]
    assert "Financing of the budget estimates for the period from 1 July 2025 to 30 June 2026" in headings
    operative = import_text(text, records=Records(), hints=hints).resolution.operative
    assert [clause.number for clause in operative] == [f"{number}." for number in range(1, 8)]
    assert [position for position, clause in enumerate(operative, 1) if clause.heading] == [4, 5, 6]
    assert operative[5].heading.startswith("Financing of the budget estimates")


def test_a_page_without_text_is_warned_of():
    """A page with no text (here a blank page added to WHA66.20; in the corpus, WHA66.15's scanned table of
    assessments, whose pages print only the footnote again) is named, with what to do."""
    import io

    import pypdfium2 as pdfium

    document = pdfium.PdfDocument((PDFS / "who-WHA66.20.pdf").read_bytes())
    document.new_page(595, 842)
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    result = import_pdf(buffer.getvalue(), records=Records())
    [warning] = [warning for warning in result.warnings if warning.code == "RT592"]
    assert "page 2 of 2 holds no text" in warning.message and "OCR" in warning.hint
    assert result.resolution.symbol == "WHA66.20"
