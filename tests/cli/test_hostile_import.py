"""`import` attacked as a hostile user and a careless clerk would: pathological PDFs and texts must be read in
bounded time or refused with a clear error naming the file, and nothing the user wrote is lost or changed."""

from __future__ import annotations

import contextlib
import time
import zlib

from resolvetool.textimport.pdfread import read_pdf

RESOLUTION = """Resolution 1

The General Assembly,

Recalling its earlier resolutions,

1. Decides to do something;

2. Requests the Secretary-General to report.

3rd plenary meeting
19 September 2025
"""


def make_pdf(pages: list[bytes]) -> bytes:
    """A PDF of these content streams (one a page, compressed), set in Helvetica: built byte by byte, so that a
    test can draw what no PDF writer would."""
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for content in pages:
        data = zlib.compress(content)
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> "
            b">> /Contents %d 0 R >>" % len(objects)
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % kid for kid in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def text_lines(lines: list[str], size: float = 11, top: float = 720, lead: float = 14) -> bytes:
    """A content stream printing these lines one under the other at the left margin."""
    shown = [b"BT /F1 %g Tf" % size]
    for number, line in enumerate(lines):
        words = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")
        shown.append(b"1 0 0 1 72 %g Tm (%s) Tj" % (top - number * lead, words))
    return b"\n".join([*shown, b"ET"])


# --- PDFs -------------------------------------------------------------------------------------------------------


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


# --- runs of several texts ----------------------------------------------------------------------------------------


def test_force_never_replaces_what_an_earlier_text_of_the_same_run_wrote(run_cli, make_tree):
    # two texts giving one id: with --force the second replaced the first's record, and both were said written
    other = RESOLUTION.replace("Decides to do something", "Decides otherwise")
    root = make_tree({"first.txt": RESOLUTION, "second.txt": other})
    dry = run_cli("import", "--dry-run", "first.txt", "second.txt", cwd=root)  # says so too
    assert "second.txt: error[RT504]" in dry.stdout and dry.exit_code == 1
    result = run_cli("import", "--force", "first.txt", "second.txt", cwd=root)
    assert result.exit_code == 1
    assert (
        "second.txt: error[RT504] records/resolutions/2025/general-assembly-1.yaml is given by first.txt too"
        in result.stdout
    )
    assert "to do something" in (root / "records/resolutions/2025/general-assembly-1.yaml").read_text()


def test_a_write_that_fails_says_nothing_was_written_once(run_cli, make_tree, monkeypatch):
    # a file over the size the shell allows (ulimit -f): "... File too large (nothing was written); nothing was
    # written"
    import errno

    from resolvetool import fileio

    def too_large(descriptor, data):
        raise OSError(errno.EFBIG, "File too large")

    root = make_tree({"res.txt": RESOLUTION})
    monkeypatch.setattr(fileio.os, "write", too_large)
    result = run_cli("import", "res.txt", cwd=root)
    monkeypatch.undo()
    assert result.exit_code == 2
    assert "File too large (nothing was written)\n" in result.stderr
    assert result.stderr.count("nothing was written") == 1
    assert not list((root / "records").rglob("*.yaml"))


def test_a_value_the_model_refuses_is_an_error_about_the_text_not_a_bug(run_cli, make_tree):
    # a symbol of 300 characters (a heading OCR ran together) was reported as "a bug in resolvetool"
    root = make_tree({"long.txt": "A/RES/80/" + "9" * 300 + "\n\n" + RESOLUTION})
    result = run_cli("import", "long.txt", cwd=root)
    assert result.exit_code == 1
    assert (
        "long.txt: error[RT507] the text gives resolution.symbol a value the records cannot hold (string should "
        "have at most 200 characters: 'A/RES/80/999" in result.stdout
    )
    assert "bug" not in result.stdout and not list((root / "records").rglob("*.yaml"))


def test_resolved_by_naming_no_body_is_not_a_crash():
    # "Resolved by th..." opening a text with no formula (a line cut short): the search for the stop after
    # "Resolved" found none and failed with AttributeError, reported as a bug in resolvetool
    from resolvetool.textimport import ImportFailure, import_document

    for text in ("Resolved by th\n\n1. Decides to act.\n", "Resolved by the Assembly, the Sen and others\n"):
        with contextlib.suppress(ImportFailure):
            import_document(text, name="cut.txt")


def test_a_text_naming_the_pdf_header_is_read_as_text(run_cli, make_tree):
    # "%PDF-" anywhere in the first kilobyte made a text a PDF, refused as damaged
    text = RESOLUTION.replace("Resolution 1", "Resolution 1 on documents kept as %PDF-1.7 files")
    pdf = make_pdf([text_lines(RESOLUTION.split("\n"))])
    root = make_tree({"formats.txt": text, "junk-before.pdf": b"MacBinary junk\n" + pdf})
    result = run_cli("import", "--dry-run", "formats.txt", cwd=root)
    assert result.exit_code == 0, result.stdout
    assert "    - Resolution 1 on documents kept as %PDF-1.7 files\n" in result.stdout
    result = run_cli("import", "--dry-run", "junk-before.pdf", cwd=root)  # a PDF with junk before its header
    assert result.exit_code == 0 and "text: the Secretary-General to report." in result.stdout


# --- what the clerk is told ---------------------------------------------------------------------------------------


def test_nul_bytes_and_utf16_are_named_where_and_what(run_cli, make_tree):
    # a NUL was reported at 0:0, and a text saved as "Unicode" (UTF-16) was told to be extracted with pdftotext
    root = make_tree({"nul.txt": b"ab\ncd\0ef\n", "u16.txt": "The General Assembly,\n".encode("utf-16")})
    result = run_cli("import", "nul.txt", "u16.txt", cwd=root)
    assert result.exit_code == 1
    assert "nul.txt:2:3: error[RT006] the file holds NUL bytes" in result.stdout
    assert "u16.txt:1:1: error[RT004] not UTF-8 text: the file is UTF-16" in result.stdout
    assert "iconv -f UTF-16 -t UTF-8" in result.stdout


def test_thousands_of_pages_without_text_are_named_in_ranges():
    from resolvetool.textimport import import_pdf

    data = make_pdf(
        [text_lines(RESOLUTION.split("\n"))] + [b""] * 300 + [text_lines(["Annex", "", "Words."])] + [b""] * 2
    )
    [warning] = [warning for warning in import_pdf(data, name="x.pdf").warnings if warning.code == "RT592"]
    assert warning.message.startswith("pages 2-301, 303-304 of 304 hold no text")


def test_a_pdf_that_is_no_resolution_is_not_given_a_line(run_cli, make_tree):
    # "x.pdf:1:1: error[RT503] ...": no editor opens a PDF at a line
    root = make_tree({"letter.pdf": make_pdf([text_lines(["Dear colleagues,", "", "Thank you for your letter."])])})
    result = run_cli("import", "letter.pdf", cwd=root)
    assert result.exit_code == 1
    assert "letter.pdf: error[RT503] no opening formula found" in result.stdout
