"""The importer attacked as a hostile user would, through the library: pathological PDFs and texts are read in
bounded (linear) time, or refused with what is wrong, never a crash. (The same at the command line, with what
is written and what the clerk is told, is tests/cli/test_hostile_import.py's.)"""

from __future__ import annotations

import contextlib
import time

from helpers import RESOLUTION_TEXT as RESOLUTION
from helpers import make_pdf, text_lines

from resolvetool.textimport.pdfread import read_pdf


def test_a_page_of_thousands_of_lines_in_mixed_sizes_is_read_in_linear_time():
    # each line was compared with every line below it in search of the one it could be the superscript of
    # (quadratic: a 20 KB page of 8,000 one-digit lines took 19 s); only the lines within a type's height
    # below can be that line
    ops = [b"BT"] + [b"/F1 %s Tf 1 0 0 1 10 %.3f Tm (1) Tj" % (b"0.5" if i % 2 else b"2", i * 0.6) for i in range(5000)]
    data = make_pdf([text_lines(RESOLUTION.split("\n")) + b"\n" + b"\n".join([*ops, b"ET"])])
    started = time.perf_counter()
    read = read_pdf(data)
    assert time.perf_counter() - started < 3
    assert "Decides to do something" in read.text


def test_thousands_of_page_marks_after_the_last_clause_are_placed_in_linear_time():
    # each mark (a running head, a page number, a paragraph not understood) looked for the part after it line by
    # line, to the end of the text: a 150 KB text of page furniture after the closing lines took 8 s
    from resolvetool.textimport import import_document

    text = RESOLUTION + "".join(f"\n\nPage {page}\n\nRUNNING HEAD\n" for page in range(4000))
    started = time.perf_counter()
    [result] = import_document(text, name="marks.txt")
    assert time.perf_counter() - started < 2.5
    assert [clause.text for clause in result.planned[-1].record.operative][-1] == "the Secretary-General to report."


def test_a_long_run_of_raised_digits_is_read_in_linear_time():
    # the pattern of a footnote marker glued to a clause's end ("operations,³") was tried at every raised digit
    # and ran to the end of the run each time: quadratic (40,000 of them took seconds per paragraph)
    from resolvetool.textimport.lines import ends_sentence_part

    started = time.perf_counter()
    assert ends_sentence_part("Recalling x" + "¹" * 40000 + ",")
    assert not ends_sentence_part("Recalling x," + "¹" * 40000 + " y")
    assert time.perf_counter() - started < 0.5
    assert ends_sentence_part("operations,³") and ends_sentence_part("session,1") and ends_sentence_part("Gabon, 39")


def test_a_paragraph_of_thousands_of_wrapped_lines_is_joined_in_linear_time():
    # each line joined to a paragraph made the whole paragraph be read again (its markup stripped, its end
    # tested) several times: 1,200 wrapped lines, 15 KB, took 6 s, a megabyte would take hours
    from resolvetool.textimport import import_document

    text = "Resolution 1\n\nThe General Assembly,\n\n" + "Recalling x-\n" * 1200 + "\n1. Decides to act.\n"
    started = time.perf_counter()
    [result] = import_document(text, name="wrapped.txt")
    assert time.perf_counter() - started < 2.5
    [preamble] = result.planned[-1].record.preamble
    assert preamble.text == " ".join(["x-"] + ["Recalling x-"] * 1199)


def test_resolved_by_naming_no_body_is_not_a_crash():
    # "Resolved by th..." opening a text with no formula (a line cut short): the search for the stop after
    # "Resolved" found none and failed with AttributeError, reported as a bug in resolvetool
    from resolvetool.textimport import ImportFailure, import_document

    for text in ("Resolved by th\n\n1. Decides to act.\n", "Resolved by the Assembly, the Sen and others\n"):
        with contextlib.suppress(ImportFailure):
            import_document(text, name="cut.txt")


def test_thousands_of_pages_without_text_are_named_in_ranges():
    from resolvetool.textimport import import_pdf

    data = make_pdf(
        [text_lines(RESOLUTION.split("\n"))] + [b""] * 300 + [text_lines(["Annex", "", "Words."])] + [b""] * 2
    )
    [warning] = [warning for warning in import_pdf(data, name="x.pdf").warnings if warning.code == "RT592"]
    assert warning.message.startswith("pages 2-301, 303-304 of 304 hold no text")
