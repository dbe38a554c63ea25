"""Import files into a project: read each one, build its records against the tree, and write them
(or show them, for a dry run), never replacing a record unless asked. The command line's `import` is this."""

from __future__ import annotations

import codecs
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import ValidationError

from ..diagnostics import Diagnostic, make
from ..source import line_col
from . import BuildError, ImportFailure, Planned, Records, import_document, import_pdf
from .pdfread import PdfUnreadable


@dataclass
class FileOutcome:
    name: str  # as given ("-" is standard input)
    planned: list[Planned] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # the text of each planned record's file
    refused: str | None = None  # why none of its records was written: one would not read back as itself, or
    # the write was refused (a link, outside the project) or failed (a full disk)

    @property
    def failed(self) -> bool:
        return self.refused is not None or any(d.severity.value == "error" for d in self.diagnostics)


@dataclass
class ImportRun:
    outcomes: list[FileOutcome]
    dry_run: bool

    @property
    def exit_code(self) -> int:
        """2 when records could not be written (a refused or failed write), 1 when a text could not be
        imported, 0 otherwise."""
        if any(outcome.refused for outcome in self.outcomes):
            return 2
        return 1 if any(outcome.failed for outcome in self.outcomes) else 0


# A PDF carries fonts and images besides its text: it may be this many times max-file-size, which limits the
# text read off its pages (the records hold that text).
PDF_SIZE_FACTOR = 64


def read_input(name: str, max_size: int) -> tuple[str | bytes | None, Diagnostic | None]:
    """The text of a file, or of standard input for "-", or the diagnostic saying why it cannot be read; a PDF
    (known by its `%PDF-` header, whatever its name) comes back as its bytes, to be read by `pdfread`.

    At most `max_size` bytes (the max-file-size setting) of text are read, and of a PDF at most PDF_SIZE_FACTOR
    times that: a larger text would give a record that validate refuses (RT003), after minutes of work, and an
    endless one (/dev/zero, a stream that never ends) would fill the memory."""
    if name == "-" and sys.stdin is None:  # closed by the caller (`<&-`)
        return None, make(
            "<stdin>",
            0,
            0,
            "RT001",
            "standard input is closed: there is no text to read",
            "pipe the text in (pdftotext -layout file.pdf - | resolvetool import -), or name its file",
        )
    try:
        if name == "-":
            raw = _read_input(sys.stdin.buffer, max_size)
        else:
            with open(name, "rb") as stream:
                raw = _read_input(stream, max_size)
    except FileNotFoundError:
        return None, make(name, 0, 0, "RT001", "no such file", "check the path")
    except IsADirectoryError:
        return None, make(
            name,
            0,
            0,
            "RT001",
            "this is a folder; import reads text files",
            "name the .txt files, for example folder/*.txt",
        )
    except OSError as error:
        return None, make(name, 0, 0, "RT001", f"cannot read: {error.strerror or error}")
    if is_pdf(raw):
        if len(raw) > max_size * PDF_SIZE_FACTOR:
            return None, make(
                name,
                0,
                0,
                "RT003",
                f"the PDF is over the limit of {max_size * PDF_SIZE_FACTOR:,} "
                f"bytes ({PDF_SIZE_FACTOR} times max-file-size)",
                "import it in parts, or raise max-file-size in resolvetool.toml",
            )
        return raw, None
    if name.lower().endswith(".pdf"):
        return None, make(
            name,
            0,
            0,
            "RT591",
            "the file is named .pdf but is not a PDF (it does not start with %PDF-)",
            "get a complete copy of the PDF; if the file is text, name it .txt",
        )
    if len(raw) > max_size:
        return None, make(
            name,
            0,
            0,
            "RT003",
            f"the text is over the limit of {max_size:,} bytes: its records would be too",
            "import it in parts (one resolution per file), or raise max-file-size in resolvetool.toml",
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # saved as "Unicode" by Notepad and Word
        return None, make(
            name,
            1,
            1,
            "RT004",
            "not UTF-8 text: the file is UTF-16 (it starts with its byte order mark)",
            "convert it first, for example: iconv -f UTF-16 -t UTF-8 file.txt",
        )
    if b"\0" in raw:
        before = raw[: raw.index(b"\0")].decode("utf-8", "replace")
        line, col = line_col(before, len(before))
        return None, make(
            name,
            line,
            col,
            "RT006",
            "the file holds NUL bytes: it is not plain text",
            "extract the text first (pdftotext -layout file.pdf)",
        )
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        before = raw[: error.start].decode("utf-8")
        line, col = line_col(before, len(before))
        return None, make(
            name,
            line,
            col,
            "RT004",
            f"not UTF-8 text (byte 0x{raw[error.start]:02x})",
            "convert it first, for example: iconv -f WINDOWS-1252 -t UTF-8 file.txt",
        )


def is_pdf(raw: bytes) -> bool:
    """Whether `raw` is a PDF: its header, `%PDF-`, at the start, or within the first kilobyte (where readers look
    for it) in a file that is not UTF-8 text (a PDF is binary; a text may name "%PDF-1.7" in its title)."""
    if raw.startswith(b"%PDF-"):
        return True
    if b"%PDF-" not in raw[:1024]:
        return False
    try:  # (a character cut at the end of what is looked at is no sign)
        codecs.getincrementaldecoder("utf-8")().decode(raw[: 1 << 16], final=False)
    except UnicodeDecodeError:
        return True
    return False


def _read_input(stream: Any, max_size: int) -> bytes:
    """Up to max_size + 1 bytes, or up to PDF_SIZE_FACTOR times that when the stream opens as a PDF."""
    raw = _read_at_most(stream, max_size + 1)
    if len(raw) > max_size and is_pdf(raw):
        raw += _read_at_most(stream, max_size * PDF_SIZE_FACTOR + 1 - len(raw))
    return raw


def _read_at_most(stream: Any, limit: int) -> bytes:
    """Up to `limit` bytes, a megabyte at a time (a read of `limit` at once would set aside that much memory,
    and the setting may be large)."""
    chunks: list[bytes] = []
    left = limit
    while left > 0:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def run_import(
    names: list[str],
    settings: Any,
    corpus: Any,
    *,
    body: str | None = None,
    session: str | None = None,
    dry_run: bool = False,
    force: bool = False,
) -> ImportRun:
    from ..fileio import WriteError, write_files
    from ..recordyaml import record_file_text
    from ..writecheck import WriteRefused
    from .verify import TreeCheck

    records = Records(corpus)
    tree = TreeCheck(corpus)  # what is built is checked as validate would, against the tree, before a write
    folder = settings.records
    records_folder = (
        str(PurePosixPath(*folder.relative_to(settings.root).parts))
        if folder.is_relative_to(settings.root)
        else str(folder)
    )
    outcomes = []
    claimed: dict[str, str] = {}  # the files this run has written (or, in a dry run, would write), and whose text
    for name in names:
        outcome = FileOutcome(name)
        outcomes.append(outcome)
        text, problem = read_input(name, settings.max_file_size)
        shown = "<stdin>" if name == "-" else name
        if problem is not None:
            outcome.diagnostics.append(problem)
            continue
        assert text is not None, "read_input gives the text or the problem"
        results, failure = _read_text(text, shown, records, records_folder, body, session, settings.max_file_size)
        if failure is not None:
            outcome.diagnostics.append(failure)
            continue
        outcome.diagnostics += [_located(shown, result, warning) for result in results for warning in result.warnings]
        # a text's records, of every resolution it prints, are written together or not at all
        outcome.planned = [planned for result in results for planned in result.planned]
        outcome.diagnostics += _taken(outcome.planned, shown, settings.root, corpus, claimed, force or dry_run)
        try:
            outcome.texts = [record_file_text(settings, planned.record, planned.path) for planned in outcome.planned]
        except WriteRefused as error:
            outcome.refused = str(error)
            continue
        if outcome.failed:
            continue
        planned_files = {planned.path: text for planned, text in zip(outcome.planned, outcome.texts, strict=True)}
        problems = tree.problems(planned_files)
        if problems:
            _report_problems(outcome, shown, problems, dry_run)
        if outcome.failed:
            continue
        if dry_run:
            claimed.update(dict.fromkeys(planned_files, shown))
            continue
        files = {settings.root / path: text for path, text in planned_files.items()}
        try:
            write_files(settings.root, files)  # a text's records land together or not at all
        except WriteError as error:
            outcome.refused = f"{os.path.relpath(error.path, settings.root)}: {error.reason}"
            continue
        tree.accept(planned_files)
        claimed.update(dict.fromkeys(planned_files, shown))
        outcome.written += [planned.path for planned in outcome.planned]
    return ImportRun(outcomes, dry_run)


def _read_text(
    text: str | bytes,
    shown: str,
    records: Records,
    records_folder: str,
    body: str | None,
    session: str | None,
    max_text: int,
) -> tuple[list[Any], Diagnostic | None]:
    """The import results of one text (a PDF's bytes or a text), or why it cannot be imported."""
    try:
        if isinstance(text, bytes):
            pdf = import_pdf(
                text,
                name=shown,
                records=records,
                records_folder=records_folder,
                body=body,
                session=session,
                max_text=max_text,
            )
            return [pdf], None
        results = import_document(
            text, name=shown, records=records, records_folder=records_folder, body=body, session=session
        )
        return results, None
    except PdfUnreadable as error:
        return [], make(shown, 0, 0, error.code, str(error), error.hint)
    except ImportFailure as error:
        # a line of the text read off a PDF's pages is no line anyone can open: the PDF as a whole is named
        line, col = (0, 0) if isinstance(text, bytes) else (error.line, 1)
        return [], (
            make(
                shown,
                line,
                col,
                "RT503",
                str(error),
                "import reads resolutions: a heading, a formula such as 'The General Assembly,', then the clauses",
            )
        )
    except BuildError as error:
        return [], make(shown, 0, 0, "RT505", str(error))
    except ValidationError as error:  # what the text says does not fit the model (a symbol of 300 characters)
        return [], (
            make(
                shown,
                0,
                0,
                "RT507",
                f"the text gives {_refusal(error)}; nothing was written",
                "correct that part of the text (a heading run into the "
                "symbol, a line cut wrongly), then import it again",
            )
        )
    except Exception as error:  # a defect of resolvetool's: say so plainly, never as a traceback
        return [], (
            make(
                shown,
                0,
                0,
                "RT503",
                f"resolvetool failed to read this text ({type(error).__name__}: {error}); nothing was written",
                "this is a bug in resolvetool: please report it with the text",
            )
        )


def _taken(
    planned_records: list[Any],
    shown: str,
    root: Path,
    corpus: Any,
    claimed: dict[str, str],
    replacing: bool,
) -> list[Diagnostic]:
    """A file the text's records would be written to that holds a record already (unless `replacing`: --force
    or --dry-run), or that an earlier text of this run gave."""
    out: list[Diagnostic] = []
    for planned in planned_records:
        target = root / planned.path
        exists = not planned.new or target.exists()
        if exists and not replacing:
            held = next((entry for entry in corpus.entries if entry.path == planned.path), None)
            what = (
                f"{held.kind} {held.id}"
                if held is not None and held.kind and held.id
                else f"{planned.record.kind} {planned.record.id}"
            )
            out.append(
                make(
                    shown,
                    0,
                    0,
                    "RT504",
                    f"{planned.path} already holds {what}; nothing was written",
                    "compare with --dry-run, then use --force to replace it",
                )
            )
    for planned in planned_records:
        # --force replaces what the tree held, never what an earlier text of this run gave: two texts giving
        # one id would leave only the last one's record, with both said to be written
        if planned.path in claimed:
            out.append(
                make(
                    shown,
                    0,
                    0,
                    "RT504",
                    f"{planned.path} is given by "
                    f"{claimed[planned.path]} too, imported before this text in this run; "
                    "nothing of this text was written",
                    "compare them with --dry-run: one "
                    "resolution is imported once; two resolutions need texts with their "
                    "own symbols or titles",
                )
            )
    return out


def _refusal(error: Any) -> str:
    """What the model refused of a record built from the text, in words: the field, why, and the value."""
    first = error.errors()[0]
    field_name = ".".join(str(part) for part in first["loc"] if not str(part).startswith("tagged-union"))
    value = repr(first.get("input"))
    return (
        f"{field_name} a value the records cannot hold ({first['msg'].lower()}: {value[:60]}"
        f"{'...' if len(value) > 60 else ''})"
    )


def _located(name: str, result: Any, warning: Any) -> Diagnostic:
    """A warning at its line of a text; for a PDF, whose lines nobody sees, at its page, with the words there."""
    if not result.pages:
        return make(name, warning.line, 1, warning.code, warning.message, warning.hint)
    if warning.line < 1:  # about the whole PDF (its message names the pages)
        return make(name, 0, 0, warning.code, warning.message, warning.hint)
    page = result.pages.get(warning.line) or next(
        (result.pages[line] for line in sorted(result.pages) if line >= warning.line), None
    )
    lines = result.source.split("\n")
    words = lines[warning.line - 1].strip() if 0 < warning.line <= len(lines) else ""
    where = f"page {page}" + (f" ('{words[:60]}')" if words else "") + ": " if page else ""
    return make(name, 0, 0, warning.code, where + warning.message, warning.hint)


def _report_problems(outcome: FileOutcome, shown: str, problems: list[Diagnostic], dry_run: bool) -> None:
    """The problems validate would report of the planned records, under their planned paths; when one is an
    error, an RT507 on the text says that nothing is written."""
    from .verify import blocking

    if blocking(problems):
        outcome.diagnostics.append(
            make(
                shown,
                0,
                0,
                "RT507",
                f"the records built from this text would not pass validate "
                f"({len(problems)} problem{'s' if len(problems) != 1 else ''}, listed "
                f"under the paths they would have); "
                f"{'this is a dry run' if dry_run else 'nothing was written'}",
                "correct what the problems name (in the text, or in the tree with "
                "--body/--session or a fix of the record they point to), then import "
                "again; --dry-run shows the records",
            )
        )
    outcome.diagnostics += problems


def dry_run_text(run: ImportRun, settings: Any) -> str:
    """The files an import would write, each under a `# ==> path <==` line, as `head` prints files."""
    return "\n".join(
        f"# ==> {planned.path} <==\n{text}"
        for outcome in run.outcomes
        # a text refused before its files were made has planned records but no texts: nothing to show
        for planned, text in zip(outcome.planned, outcome.texts, strict=False)
    )
