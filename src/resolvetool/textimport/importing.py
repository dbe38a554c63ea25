"""The three ways into import: `import_text` (one resolution), `import_document` (a text that may print several)
and `import_pdf` (a PDF's text layer), and what each gives, an `ImportResult`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .documents import split_resolutions
from .doubts import body_name, heading, numbering, render_back
from .facts import Facts, read_closing, read_formula, read_heading, settle_symbol
from .instrument import adopted_annex, read_instrument, read_paragraphs, split_adopted
from .parse import ImportFailure, TextWarning, parse_text
from .records import BuildError, Built, Planned, Records, add_instrument, records_from_text


@dataclass
class ImportResult:
    name: str
    resolution: Any
    planned: list[Planned] = field(default_factory=list)
    warnings: list[TextWarning] = field(default_factory=list)
    facts: Facts | None = None  # what the heading, formula and closing lines said
    source: str = ""  # for a PDF: the text read off its pages, which the records render back
    pages: dict[int, int] = field(default_factory=dict)  # for a PDF: the page of each line of `source`

    def resolve(self, ref: str) -> Any:
        """A record this import made or used, by id (for rendering the result before it is written)."""
        return self._records.get(ref)

    _records: Records = field(default=None, repr=False)  # type: ignore[assignment]


def import_text(
    text: str,
    *,
    name: str = "<text>",
    records: Records | None = None,
    records_folder: str = "records",
    body: str | None = None,
    session: str | None = None,
    hints: dict[int, str] | None = None,
) -> ImportResult:
    """Read `text` and build its records against `records` (the tree's and this run's); raises
    ImportFailure or BuildError when the text cannot be made a resolution. `hints`: see `parse_text`."""
    records = records if records is not None else Records()
    split = split_adopted(text)  # a convention, recommendation or declaration printed after the resolution
    parsed = parse_text(split.resolution if split is not None else text, hints)
    facts = Facts()
    # no formula printed, or an enacting one ("BE IT RESOLVED by the City Council of ..."): the body the text names
    if parsed.enacting and not parsed.speaker and body is None:
        raise ImportFailure(
            f"the enacting formula {parsed.formula!r} names no body, and neither do the heading, the "
            f"first clause or the preamble; give the body with --body",
            parsed.formula_line,
        )
    read_formula(parsed.speaker if parsed.enacting else parsed.formula or parsed.speaker, facts)
    read_heading(parsed.heading, parsed.heading_lines, facts)
    if parsed.told:  # a narrative decision says where and when: "At its 45th plenary meeting, on 10 November ..."
        read_closing([parsed.told], facts)
    facts.closing_line = parsed.closing_line or parsed.formula_line
    read_closing(parsed.closing, facts)
    settle_symbol(facts)
    built: Built = records_from_text(parsed, facts, records, records_folder, body_id=body, session_id=session)
    if split is not None:  # printed after the clause adopting it
        read = read_instrument(split)
        add_instrument(built, read, [split.cited_as, split.named], facts, records, records_folder, parsed.heading)
        built.warnings += read.warnings
    elif (annexed := adopted_annex(parsed)) is not None:  # printed in the annex the adopting clause names
        index, kind = annexed
        annex = parsed.annexes[index]
        read = read_paragraphs(annex.paragraphs, annex.paragraph_lines, kind)
        add_instrument(built, read, [annex.title], facts, records, records_folder, annex=index)
        built.warnings += read.warnings
    notes = [
        TextWarning(line, message, "RT502", "check the title field against the official document")
        for line, message in facts.notes
    ]
    notes += [TextWarning(line, message, code, hint) for line, code, message, hint in facts.doubts]
    result = ImportResult(name, built.resolution, built.planned, [], facts)
    result._records = records
    # whatever the text's shape, the result is judged: does it give the text back, do its numbers run?
    doubts = (
        render_back(built.resolution, result.resolve, text)
        + numbering(parsed.operative)
        + heading(parsed)
        + body_name(facts.body_formula, parsed.formula_line)
    )
    result.warnings = sorted(parsed.warnings + notes + built.warnings + doubts, key=lambda warning: warning.line)
    return result


def import_document(
    text: str,
    *,
    name: str = "<text>",
    records: Records | None = None,
    records_folder: str = "records",
    body: str | None = None,
    session: str | None = None,
) -> list[ImportResult]:
    """Read `text`, which may print several resolutions one after the other, into one result per resolution
    (in the order printed; rendering them in that order gives the text back). Raises ImportFailure or
    BuildError, with the line in the whole text, when one of them cannot be imported: a document is imported
    whole or not at all."""
    records = records if records is not None else Records()
    pieces = split_resolutions(text)
    if pieces is None:
        return [
            import_text(text, name=name, records=records, records_folder=records_folder, body=body, session=session)
        ]
    results = []
    for piece in pieces:
        try:
            result = import_text(
                piece.text, name=name, records=records, records_folder=records_folder, body=body, session=session
            )
        except ImportFailure as error:
            raise ImportFailure(
                f"resolution {piece.label} (of {len(pieces)} in this text): {error}", error.line + piece.first_line - 1
            ) from None
        for warning in result.warnings:
            warning.line += piece.first_line - 1
        results.append(result)
    _distinct_ids(results)
    return results


def _distinct_ids(results: list[ImportResult]) -> None:
    seen: dict[str, int] = {}  # path -> id() of the record planned there
    for result in results:
        for planned in result.planned:
            if (
                planned.path in seen
                and seen[planned.path] != id(planned.record)
                and planned.record.kind in ("resolution", "instrument")
            ):
                raise BuildError(
                    f"two resolutions of this text would both be {planned.record.id} "
                    f"({planned.path}); import them one by one with their own headings"
                )
            seen[planned.path] = id(planned.record)


def import_pdf(
    data: bytes,
    *,
    name: str = "<pdf>",
    records: Records | None = None,
    records_folder: str = "records",
    body: str | None = None,
    session: str | None = None,
    max_text: int | None = None,
) -> ImportResult:
    """Read a PDF's text layer (`pdfread`) and import it as text, with what the page layout shows (furniture,
    footnotes) as hints; `result.source` is the text read, which the records render back. Raises PdfUnreadable
    (an ImportFailure) for a file that is not a PDF with text, or whose text is over `max_text` characters."""
    from .pdfread import PdfUnreadable, read_pdf

    read = read_pdf(data)
    if max_text is not None and len(read.text.encode("utf-8")) > max_text:
        raise PdfUnreadable(
            f"the text of the PDF is over the limit of {max_text:,} bytes: its records would be too",
            "import it in parts (one resolution per file), or raise max-file-size in resolvetool.toml",
            code="RT003",
        )
    result = import_text(
        read.text,
        name=name,
        records=records,
        records_folder=records_folder,
        body=body,
        session=session,
        hints=read.hints,
    )
    result.source, result.pages = read.text, read.pages
    if read.pages_without_text:
        several = len(read.pages_without_text) > 1
        pages = _page_ranges(read.pages_without_text)
        result.warnings.append(
            TextWarning(  # at line 0: the pages named are where to look
                0,
                f"page{'s' if several else ''} {pages} of {read.page_count} {'hold' if several else 'holds'} "
                "no text (images, such as a scanned table): what they show is not imported",
                "RT592",
                "compare with the PDF; run OCR on it (ocrmypdf) to import those pages too",
            )
        )
        result.warnings.sort(key=lambda warning: warning.line)
    return result


def _page_ranges(pages: list[int]) -> str:
    """Pages in ranges ("2, 5-4999"): a long PDF of blank pages is named in a line, not in thousands of numbers."""
    runs: list[list[int]] = []
    for page in pages:
        if runs and page == runs[-1][1] + 1:
            runs[-1][1] = page
        else:
            runs.append([page, page])
    return ", ".join(str(first) if first == last else f"{first}-{last}" for first, last in runs)
