"""What an import checks of its own result, whatever the text's shape: that the records give the text back, and
that numbered clauses run 1, 2, 3 ... Either failing means the structure read may be wrong; the reader is told
where (RT508, RT509) rather than left to find it, because a wrong structure nobody was told about is the worst
outcome of an import.

These checks know nothing of how the text was read: they judge the result, so that a construction the parser
has never seen cannot slip through in silence."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..formulas import find_phrase, operative_verb
from .lines import CLAUSE_NUMBER, strip_markup
from .parsed import ParsedClause, ParsedText, TextWarning

_CONTEXT = 40  # characters of each side shown where the render parts from the text


def render_back(resolution: Any, resolve: Callable[[str], Any], source: str, first_line: int = 1) -> list[TextWarning]:
    """An RT508 when rendering `resolution` does not give `source` back (whitespace aside), at the source line
    where the two part."""
    from ..rendering import RenderError, render

    try:
        rendered = render(resolution, resolve=resolve)
    except RenderError as error:
        return [
            TextWarning(first_line, f"the records cannot be rendered to compare with the text: {error}", "RT508", _HINT)
        ]
    expected, got = _words(source), _words(rendered)
    if expected == got:
        return []
    # the first word that differs, else where the shorter ends
    at = next(
        (index for index, (a, b) in enumerate(zip(expected, got, strict=False)) if a != b), min(len(expected), len(got))
    )
    line = first_line + _line_of_word(source, at)
    text_side = " ".join(expected[at : at + 8])
    record_side = " ".join(got[at : at + 8])
    message = (
        f"the records do not give the text back from here: the text has {_quote(text_side)}, the records "
        f"give {_quote(record_side)}"
    )
    return [TextWarning(line, message, "RT508", _HINT)]


def numbering(clauses: list[ParsedClause]) -> list[TextWarning]:
    """An RT509 for each run of numbered operative clauses (each part on its own) that does not go 1, 2, 3 ...:
    a number that jumps, repeats or goes back, or an unnumbered clause among numbered ones."""
    warnings: list[TextWarning] = []
    runs: dict[str | None, list[ParsedClause]] = {}
    for clause in clauses:
        runs.setdefault(clause.part, []).append(clause)
    for part, run in runs.items():
        numbers = [_number(clause.number) for clause in run]
        if not any(number is not None for number in numbers):
            continue  # unnumbered clauses throughout: nothing to run
        for position, (clause, number) in enumerate(zip(run, numbers, strict=True), start=1):
            if number == position:
                continue
            where = f" of part {part}" if part else ""
            if number is None:
                message = f"operative clause {position}{where} has no number among numbered clauses"
            else:
                message = f"operative clause {position}{where} is numbered {number}: the numbers do not run 1, 2, 3"
            warnings.append(
                TextWarning(
                    clause.line,
                    message,
                    "RT509",
                    "compare the clauses with the official document: a paragraph may have been "
                    "split, joined or taken for a clause (import --dry-run shows the records)",
                )
            )
            break  # one warning a run: the first place it goes wrong; the rest follows from it
    return warnings


def heading(parsed: ParsedText) -> list[TextWarning]:
    """An RT510 for the first paragraph read as heading (above the formula) that reads like the text of the
    resolution: a numbered paragraph, one that opens with a formula and ends as clauses end, or a long
    sentence. Headings are titles, symbols, dates and references; a clause there means the formula found
    is not where the resolution opens (a treaty's parties, a "Whereas" preamble, an earlier statement)."""
    for text, line in zip(parsed.heading, parsed.heading_lines, strict=True):
        if text.lstrip().startswith("#"):
            continue  # marked as a heading by the source's markdown: a title, however long
        plain = strip_markup(text).strip()
        words = len(plain.split())
        number = CLAUSE_NUMBER.match(plain)
        phrase = find_phrase(plain[number.end() :] if number else plain)
        clause_like = plain.endswith(_CLAUSE_ENDS) or plain.endswith(" and") or plain.endswith(" or")
        if (number and phrase) or (phrase and clause_like) or (words > _LONG_SENTENCE and clause_like):
            return [
                TextWarning(
                    line,
                    f"read as heading, above the formula {_quote(parsed.formula or '(none)')}, "
                    f"though it reads like the text of the resolution: {_quote(plain)}",
                    "RT510",
                    "check where the resolution's text opens: the formula found may be a "
                    "later one, and the clauses before it are kept in the heading",
                )
            ]
    return []


def body_name(name: str, line: int) -> list[TextWarning]:
    """An RT511 when the body's name, as read from the formula, holds a verb a body resolves with ("Conference
    requests the European Council ..."): the formula found is then the start of a clause, and the body record
    made for it would carry a sentence for a name."""
    for word in re.findall(r"[a-z]+", name):
        if word.endswith("s") and operative_verb(word):  # "requests": a body names itself with no such word
            return [
                TextWarning(
                    line,
                    f"the body's name read from the formula holds the verb {word!r}: {_quote(name)}",
                    "RT511",
                    "check who adopted the text: the formula may be the start of a clause; give the body with --body",
                )
            ]
    return []


_CLAUSE_ENDS = (",", ";", ":", ".", ";\u201d", ".\u201d", ",\u201d")
_LONG_SENTENCE = 40  # words: longer than the titles of the corpus's headings that end in a full stop


_HINT = (
    "compare the records with the official document around this line (import --dry-run shows them): a "
    "paragraph may have been read as something it is not"
)


def _words(text: str) -> list[str]:
    return text.split()


def _line_of_word(source: str, index: int) -> int:
    """The 0-based line of `source` holding its word number `index`."""
    for count, match in enumerate(re.finditer(r"\S+", source)):
        if count == index:
            return source.count("\n", 0, match.start())
    return source.count("\n")


def _number(number: str | None) -> int | None:
    digits = re.sub(r"\D", "", number or "")
    return int(digits) if digits else None


def _quote(words: str) -> str:
    return repr(words if len(words) <= _CONTEXT * 2 else words[: _CONTEXT * 2 - 3] + "...")
