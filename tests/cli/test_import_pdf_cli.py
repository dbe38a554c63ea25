"""`import FILE.pdf` refusing what it cannot read, plainly and without a traceback: scans, files that are not
PDFs, truncated and encrypted ones, text past max-file-size; a PDF known by its header, on standard input too.
(What a real PDF's text layer reads as is tests/integration/test_import_pdf.py's.)"""

from __future__ import annotations

import pytest
from helpers import CORPUS_PDFS as PDFS

from resolvetool.textimport import ImportFailure, Records, import_pdf
from resolvetool.textimport.pdfread import PdfUnreadable, read_pdf

SCAN = PDFS / "scan-rivergrove-1976-Res-22-PC.pdf"


def test_a_scan_is_refused_with_what_to_do(run_cli, make_tree):
    with pytest.raises(PdfUnreadable) as raised:
        read_pdf(SCAN.read_bytes())
    assert raised.value.code == "RT590" and "OCR" in raised.value.hint
    root = make_tree({})
    result = run_cli("import", str(SCAN), cwd=root)
    assert result.exit_code == 1
    assert "RT590" in result.stdout and "no text layer" in result.stdout and "OCR" in result.stdout
    assert SCAN.name in result.stdout and "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("content", [b"hello, this is not a PDF\n", b"GIF89a\x00\x01\x02"], ids=["text", "binary"])
def test_a_file_named_pdf_that_is_not_one_is_refused(content, run_cli, make_tree):
    root = make_tree({"fake.pdf": content})
    result = run_cli("import", str(root / "fake.pdf"), cwd=root)
    assert result.exit_code == 1
    assert "RT591" in result.stdout and "not a PDF" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("keep", [1000, 30000])
def test_a_truncated_pdf_is_refused(keep, run_cli, make_tree):
    data = (PDFS / "A_RES_80_4.pdf").read_bytes()[:keep]
    with pytest.raises(ImportFailure):
        import_pdf(data, records=Records())
    root = make_tree({"cut.pdf": data})
    result = run_cli("import", str(root / "cut.pdf"), cwd=root)
    assert result.exit_code == 1
    assert "RT591" in result.stdout and "damaged or cut short" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_a_pdf_is_known_by_its_header_not_its_name(run_cli, make_tree):
    root = make_tree({"who.txt": (PDFS / "who-WHA66.20.pdf").read_bytes()})
    result = run_cli("import", str(root / "who.txt"), "--dry-run", cwd=root)
    assert result.exit_code == 0, result.stdout
    assert "symbol: WHA66.20" in result.stdout


def test_max_file_size_limits_the_text_read_from_a_pdf(run_cli, make_tree):
    """The PDF (200 KB) may be 64 times max-file-size; its text (10 KB) not over it: its records would be too."""
    root = make_tree({"resolvetool.toml": "max-file-size = 5000\n"})
    result = run_cli("import", str(PDFS / "A_RES_80_4.pdf"), "--dry-run", cwd=root)
    assert result.exit_code == 1
    assert "RT003" in result.stdout and "text of the PDF" in result.stdout


def test_an_encrypted_pdf_is_refused(run_cli, make_tree):
    root = make_tree({})
    result = run_cli("import", str(PDFS / "encrypted-who-WHA66.20.pdf"), cwd=root)
    assert result.exit_code == 1
    assert "RT591" in result.stdout and "encrypted with a password" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_standard_input_is_known_as_a_pdf_by_its_header(run_cli, make_tree):
    root = make_tree({})
    result = run_cli("import", "-", "--dry-run", cwd=root, input=(PDFS / "who-WHA66.20.pdf").read_bytes())
    assert result.exit_code == 0, result.stdout
    assert "symbol: WHA66.20" in result.stdout
