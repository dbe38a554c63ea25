"""`import` at the command line attacked as a hostile user and a careless clerk would: odd texts and PDFs are
refused with a clear error naming the file, and nothing the user wrote is lost or changed. (That the importer
reads pathological input in bounded time is tests/unit/test_import_bounds.py's.)"""

from __future__ import annotations

from helpers import RESOLUTION_TEXT as RESOLUTION
from helpers import make_pdf, text_lines

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


def test_a_pdf_that_is_no_resolution_is_not_given_a_line(run_cli, make_tree):
    # "x.pdf:1:1: error[RT503] ...": no editor opens a PDF at a line
    root = make_tree({"letter.pdf": make_pdf([text_lines(["Dear colleagues,", "", "Thank you for your letter."])])})
    result = run_cli("import", "letter.pdf", cwd=root)
    assert result.exit_code == 1
    assert "letter.pdf: error[RT503] no opening formula found" in result.stdout
