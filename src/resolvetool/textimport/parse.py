"""Read a plain-text resolution: heading, opening formula, clauses and items, closing lines, annexes,
footnotes, and whatever else the page printed, each kept where it stood.

The text is read in three passes: lines that are not text (footnotes and markers set off by the layout,
separators, page furniture, running headers) are taken out and remembered; the rest is joined into
paragraphs, mending hard-wrapped lines and paragraphs that a page break cut in two; the paragraphs are then
classified in reading order. Removed lines come back as marks on the part they stood in.

This module finds the opening formula and the heading above it and runs the passes: `takeout`, `paragraphs`,
`classify` (with `parts` and `items`), then `marks`. What reading gives is in `parsed`.
"""

from __future__ import annotations

import re

from ..formulas import find_phrase
from .classify import classify
from .enacting import guess_body, starts_whereas
from .htmltext import html_blocks
from .lines import CLOSING, Line, read_lines, strip_markup
from .marks import place_marks
from .opening import find_opening
from .paragraphs import join_paragraphs
from .parsed import (
    ImportFailure,
    ParsedAnnex,
    ParsedClause,
    ParsedFootnote,
    ParsedItem,
    ParsedMark,
    ParsedPart,
    ParsedText,
    TextWarning,
)
from .takeout import take_out

# the result types live in `parsed`; importers (the package, `records`) still take them from here too
__all__ = [
    "ImportFailure",
    "ParsedAnnex",
    "ParsedClause",
    "ParsedFootnote",
    "ParsedItem",
    "ParsedMark",
    "ParsedPart",
    "ParsedText",
    "TextWarning",
    "parse_text",
]


def parse_text(source: str, hints: dict[int, str] | None = None) -> ParsedText:
    """Read `source`, the text of one resolution; raises ImportFailure when it cannot be read as one.

    `hints` (from a PDF's layout, see `pdfread`) names lines the page shows to be furniture, footnotes or
    headings, by line number: they are taken out or read as such, whatever the line's words look like; and
    with hints, running headers are only those the layout showed, never guessed from repeated words."""
    lines, lists = html_blocks(read_lines(source))  # HTML: its block tags are paragraph breaks
    opening = find_opening(lines)
    if opening is None:
        raise ImportFailure(
            "no opening formula found (a line such as 'The General Assembly,' before the clauses); "
            "is this the text of a resolution?"
        )
    lines, formula_at, formula_end = opening.lines, opening.formula_at, opening.formula_end
    if opening.enacting:
        preamble_at = _whereas_above(lines, formula_at)
    else:
        preamble_at = _preamble_above(lines, formula_at) if opening.printed else formula_at
    heading_lines = [line for line in lines[:preamble_at] if line.text]
    heading = _heading_paragraphs(lines[:preamble_at])
    formula = (
        " ".join(line.text for line in lines[formula_at : formula_end + 1] if line.text) if opening.printed else ""
    )
    parsed = ParsedText(
        heading=[text for text, _ in heading],
        heading_lines=[number for _, number in heading],
        formula=formula,
        formula_line=lines[formula_at].number,
        formula_after_preamble=preamble_at < formula_at,
        speaker=opening.speaker,
        starts_operative=opening.starts_operative,
        told=opening.told,
        enacting=opening.enacting,
    )
    if lists:
        parsed.warnings.append(
            TextWarning(
                lists,
                "the text is HTML on one line: its paragraphs were read from the tags, and its list items "
                "(<li>) as paragraphs, not as a clause's items",
                "RT551",
                "check the clauses: the items of a list the tags nest under a clause are read as clauses of their own",
            )
        )
    if opening.glued and heading:
        parsed.glued.append("formula")
    if re.match(r"(?:La|Le|Les|LA|LE|LES|El|Los|Las|EL|LOS)\s", formula):
        parsed.warnings.append(
            TextWarning(
                parsed.formula_line,
                "the text is in French or Spanish: import knows the "
                "leading formulas of English texts only, so its clauses were told apart "
                "by their punctuation and numbers alone",
                "RT529",
                "check where each clause starts and whether it is preambular or operative",
            )
        )
    if not opening.printed:
        parsed.warnings.append(
            TextWarning(
                lines[formula_at].number,
                opening.guess,
                "RT520",
                "check the body the records name, and that the text's first paragraph "
                "is its first clause (nothing of the text is lost either way)",
            )
        )
    if opening.enacting and not parsed.speaker:
        _guess_enacting_body(parsed, lines[formula_end + 1 :], [line.text for line in lines[preamble_at:formula_at]])
    body = lines[preamble_at:formula_at] + lines[formula_end + 1 :]
    content, removed = take_out(body, parsed, heading_lines, hints)
    if opening.enacting:  # how many of the content lines stand above the enacting formula: the preamble's
        above = {id(line) for line in lines[preamble_at:formula_at]}
        parsed.above_formula = sum(1 for line in content if id(line) in above)
    paragraphs = join_paragraphs(content)
    for paragraph in paragraphs:
        for index in paragraph.guessed:
            parsed.warnings.append(
                TextWarning(
                    content[index].number,
                    f"read as the continuation of the paragraph above, across a blank line or "
                    f"page break: {content[index].text[:60]!r}",
                    "RT532",
                    "check that the paragraph above runs on here; if this opens a paragraph of its own, the record "
                    "holds the two joined",
                )
            )
    anchors = classify(paragraphs, content, parsed, hints or {})
    place_marks(removed, anchors, len(content), parsed)
    return parsed


# --- the heading above the formula -------------------------------------------------------------------------


def _preamble_above(lines: list[Line], formula_at: int) -> int:
    """Where preambular paragraphs start above the formula, when they stand there ("Whereas ...;" then
    "The Assembly:", as ICAO prints); `formula_at` when the formula opens the text, as it usually does."""
    for index in range(formula_at):
        line = lines[index]
        if line.text and (index == 0 or not lines[index - 1].text):
            phrase = find_phrase(strip_markup(line.text))
            # ("Adopted by the Security Council at its 3119th meeting," is the heading's adoption line, its date cut
            # off below a blank line, not a preambular paragraph)
            if (
                phrase is not None
                and phrase.kind == "preamble"
                and phrase.text.lower() != "resolution"
                and not CLOSING.match(strip_markup(line.text))
            ):
                end = index
                while end + 1 < formula_at and lines[end + 1].text:
                    end += 1
                if _ENDS_PREAMBLE.search(lines[end].text):
                    return index
    return formula_at


# How a preambular paragraph ends: "," or ";", and the "and" that joins it to the next ("...; and", ", and").
_ENDS_PREAMBLE = re.compile(r"[,;][*_]*(?:\s+(?:and|or))?[*_]*$")


def _whereas_above(lines: list[Line], formula_at: int) -> int:
    """Where the "Whereas" paragraphs above an enacting formula start: the first line opening with "Whereas" (the
    heading above it may run into it with no blank line between, as PDF text does); `formula_at` when none does."""
    for index in range(formula_at):
        if starts_whereas(lines[index].text):
            return index
    return formula_at


def _guess_enacting_body(parsed: ParsedText, after: list[Line], preamble: list[str]) -> None:
    """An enacting formula that names no body ("BE IT RESOLVED that ..."): the body is read from the heading, the
    clauses ("that the Senate ...", "Resolved by the Assembly, ...") or the preamble, and the reader is told;
    failing all, `speaker` stays "" and the body must be given (`--body`)."""
    parsed.speaker = guess_body(parsed.heading, [line.text for line in after if line.text], preamble)
    if not parsed.speaker:
        return
    parsed.warnings.append(
        TextWarning(
            parsed.formula_line,
            f"the enacting formula {parsed.formula!r} names no body: read as a resolution of "
            f"{parsed.speaker[4:]!r}, named in the heading, the clauses or the preamble",
            "RT550",
            "check the body the records name (or give it with --body); nothing of the text is lost either way",
        )
    )


# Lines that open a heading paragraph of their own even without a blank line before them.
_HEADING_LINE = re.compile(
    r"^(?:United Nations\b|[A-Z][\w ]+ Distr\.|Distr\.|Agenda items?\b|Resolution adopted\b|\[|\(adopted\b|"
    r"(?:ES-\d+|S-\d+|\d{1,4})/\d{1,4}(?: [A-Z])?\.\s|Resolution \d|RESOLUTION\b|Subject\s*:|"
    r"[A-Z]/(?:[A-Z0-9-]+/)*RES/|"
    r"(?:WHA|EB)\d|[\w-]+ (?:regular |special )?session\b)",
    re.IGNORECASE,
)


def _heading_paragraphs(lines: list[Line]) -> list[tuple[str, int]]:
    """The heading as paragraphs: lines joined up to a blank line, or up to a line that opens a heading
    paragraph of its own (a symbol line, "Resolution adopted ...", "[on the report of ...]")."""
    paragraphs: list[tuple[str, int]] = []
    joined: list[str] = []
    first = 0
    for line in [*lines, Line(0, "", 0)]:
        if joined and (not line.text or _HEADING_LINE.match(strip_markup(line.text))):
            paragraphs.append((" ".join(joined), first))
            joined = []
        if line.text:
            if not joined:
                first = line.number
            joined.append(line.text)
    return paragraphs
