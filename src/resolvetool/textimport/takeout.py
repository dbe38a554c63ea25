"""Take out the lines that are not text: footnotes and markers set off by the layout, separators, page
footers and running headers. Each is remembered, with the content line it stood before, so that it can come
back as a mark on the part it stood in; footnotes are also kept on the parsed text."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..textforms import find_date
from .lines import (
    ANNEX_HEADING,
    FURNITURE,
    ITEM_LABEL,
    LONE_MARKER,
    MARKDOWN_FOOTNOTE,
    PLAIN_FOOTNOTE,
    SEPARATOR,
    SUPERSCRIPTS,
    TERMINAL,
    Line,
    ends_sentence_part,
    strip_markup,
)
from .pagefoot import FOOTNOTE_START, PageFoot, split_footnotes
from .paragraphs import is_heading, starts_unit
from .parsed import ParsedFootnote, ParsedText, TextWarning

if TYPE_CHECKING:  # only the name of a type: the reader does not load the models
    from ..models.resolution import MarkKind


@dataclass
class Removed:
    kind: MarkKind
    text: str
    line: int
    before: int  # index of the content line it stood before (len(content) at the end)
    footnote: bool = False  # a footnote printed here


def take_out(
    body: list[Line], parsed: ParsedText, heading_lines: list[Line], hints: dict[int, str] | None = None
) -> tuple[list[Line], list[Removed]]:
    content: list[Line] = []
    removed: list[Removed] = []
    lone_markers: list[Removed] = []
    repeated = {strip_markup(line.text) for line in heading_lines if len(line.text) >= 8}
    repeated |= {text for text in parsed.heading if len(text) >= 8}
    standalone, counts = _standalone(body)
    names = {_name(parsed.formula), *(_name(text) for text in parsed.heading)}
    index = 0
    under_separator = False  # footnotes printed one a line follow a separator: "____", then "1 See ..."
    after_annex = False  # the line after "ANNEX" is its title, even when it repeats the resolution's title
    foot = PageFoot()  # what the text above says of a line that may be a footnote printed with no separator
    opens = True  # the line stands after a blank line (or a footnote taken out): it may open a paragraph
    # a markdown conversion marks its footnotes ("[^1]: ..."): a line "1 ..." in it is text
    defined = Counter(found.group(1) for found in map(MARKDOWN_FOOTNOTE.match, (line.text for line in body)) if found)
    markdown, twice = bool(defined), {marker for marker, times in defined.items() if times > 1}
    while index < len(body):
        line = body[index]
        text = line.text
        if not text:
            content.append(line)
            opens = True
            index += 1
            continue
        # what the page layout showed (a PDF): furniture by where it stands, not guessed from the words (below)
        if hints and hints.get(line.number) in _HINTED:
            index = _take_hinted(body, index, hints, parsed, content, removed)
            continue
        title_of_annex, after_annex = after_annex, bool(ANNEX_HEADING.match(strip_markup(text)))
        # footnotes printed one a line: under a separator, or led by a superscript marker ("¹ Official ...")
        plain = (
            PLAIN_FOOTNOTE.match(text)
            if ((under_separator and not FURNITURE.match(text)) or text[0] in SUPERSCRIPTS)
            else None
        )
        if plain:
            words, index = _run_on(body, index + 1, lambda below: not PLAIN_FOOTNOTE.match(below.text))
            _keep_footnote(parsed, removed, plain.group(1), " ".join([plain.group(2), *words]), line, len(content))
            continue
        definition = MARKDOWN_FOOTNOTE.match(text)
        if definition:
            # "[^2]: ... as from" then "[^7]: February 1984.", and "[^7]" defined again below: a wrapped line of
            # footnote 2 that the conversion took for a footnote, its day read as the marker
            above = parsed.footnotes[-1] if parsed.footnotes else None
            wraps = (
                definition.group(1) in twice
                and above is not None
                and index > 0
                and bool(body[index - 1].text)
                and removed[-1].footnote
                and not ends_sentence_part(above.text)
            )
            words, index = _run_on(body, index + 1, lambda below: not MARKDOWN_FOOTNOTE.match(below.text))
            parsed.footnote_style = "markdown"
            _keep_footnote(
                parsed,
                removed,
                definition.group(1),
                " ".join([definition.group(2), *words]).strip(),
                line,
                len(content),
                printed=" ".join([text, *words]),
                wraps=wraps,
            )
            continue
        if SEPARATOR.match(text):  # before lone markers: "***" closes a text, it marks no footnote
            removed.append(Removed("markup", text, line.number, len(content)))
            under_separator = True
        elif LONE_MARKER.match(text):
            following = body[index + 1] if index + 1 < len(body) else None
            if following is not None and following.text and following.indent > line.indent:
                words, index = _indented_footnote(body, index + 1, line.indent)
                _keep_footnote(parsed, removed, text, " ".join(words), line, len(content))
                continue
            mark = Removed("page-number", text, line.number, len(content))
            lone_markers.append(mark)
            removed.append(mark)
        elif FURNITURE.match(text) and not title_of_annex:
            removed.append(Removed("page-footer", text, line.number, len(content)))
        elif (
            not title_of_annex
            and hints is None
            and (
                _repeats(strip_markup(text), repeated)
                or _page_header(text, names)
                or (index in standalone and counts.get(text, 0) > 1 and not starts_unit(text) and not is_heading(text))
            )
        ):
            removed.append(Removed("running-header", text, line.number, len(content)))
        else:
            after = (
                _bare_footnote(body, index, foot, parsed, removed, len(content))
                if opens and not markdown and not under_separator and text[0] not in SUPERSCRIPTS
                else None
            )
            if after is not None:
                index = after
                continue
            content.append(line)
            foot.saw(text, opens)
            under_separator = False  # text again: the footnotes under the separator have ended
            opens = False
        index += 1
    markers = {footnote.marker for footnote in parsed.footnotes}
    for mark in lone_markers:
        if mark.text in markers:
            mark.kind = "footnote-marker"
    return content, removed


_HINTED = ("running-header", "page-number", "page-footer", "footnote", "footnote-more", "separator")
# The hints kept as marks of their own kind (the first three above); any other is a page's foot.
_HINTED_MARKS: dict[str, MarkKind] = {
    "running-header": "running-header",
    "page-number": "page-number",
    "page-footer": "page-footer",
}


def _take_hinted(
    body: list[Line], index: int, hints: dict[int, str], parsed: ParsedText, content: list[Line], removed: list[Removed]
) -> int:
    """Take out the hinted line at `index` (with the lines that continue it, for a footnote); the index after."""
    line = body[index]
    kind = hints[line.number]
    if kind == "footnote":
        words, after = _run_on(body, index + 1, lambda below: hints.get(below.number) == "footnote-more")
        found = PLAIN_FOOTNOTE.match(line.text)
        marker, first = (found.group(1), found.group(2)) if found else (line.text.split(" ", 1)[0], "")
        _keep_footnote(parsed, removed, marker, " ".join([first, *words]).strip(), line, len(content))
        return after
    # a separator is markup, as in a text; a footnote's further line with no footnote above, a page's foot
    placed: MarkKind = "markup" if kind == "separator" else _HINTED_MARKS.get(kind, "page-footer")
    removed.append(Removed(placed, line.text, line.number, len(content)))
    return index + 1


def _keep_footnote(
    parsed: ParsedText,
    removed: list[Removed],
    marker: str,
    words: str,
    line: Line,
    before: int,
    printed: str | None = None,
    wraps: bool = False,
) -> None:
    """Keep a footnote printed here: a new one; the same one printed again on a later page (one footnote, shown
    again where it was reprinted); or, when its marker is taken and the footnote above never ended, a wrapped
    line of that one that the conversion made a footnote of its own ("... as from" / "[^7]: February 1984.")."""
    same = next((footnote for footnote in parsed.footnotes if footnote.marker == marker), None)
    if same is not None and " ".join(same.text.split()) == " ".join(words.split()):
        removed.append(Removed("footnote", marker, line.number, before, footnote=True))  # reprinted: shown again
        return
    if (same is not None or wraps) and parsed.footnotes:
        above = parsed.footnotes[-1]
        # the record cannot hold two footnotes of one marker: the line stays, as printed, in the one above
        above.text = f"{above.text} {printed or f'{marker} {words}'}"
        why = (
            f"a line of footnote {above.marker!r}, which never ended, marked as footnote {marker!r}, a marker "
            f"defined again below"
            if wraps
            else f"footnote {marker!r} again, with other words"
        )
        parsed.warnings.append(
            TextWarning(
                line.number,
                f"{why}: kept, as printed, in the words of footnote {above.marker!r}: {line.text[:60]!r}",
                "RT533",
                f"check footnote {above.marker!r}: the line may be its continuation, or a footnote of its own "
                f"that needs another marker",
            )
        )
        return
    parsed.footnotes.append(ParsedFootnote(marker, words, line.number))
    removed.append(Removed("footnote", marker, line.number, before, footnote=True))


def _bare_footnote(
    body: list[Line], index: int, foot: PageFoot, parsed: ParsedText, removed: list[Removed], before: int
) -> int | None:
    """When the line at `index` opens a footnote printed without a separator ("10 Ibid., document S/6569."
    under the closing lines, "2 A/79/552." at the foot of a page): the footnote (and those on its line)
    kept, and the index of the line after it; None when it does not."""
    line = body[index]
    found, guess = foot.footnote(line.text)
    if found is None:
        return None
    words, after = _run_on(body, index + 1, lambda below: not FOOTNOTE_START.match(below.text))
    for marker, words_of in split_footnotes(found.group(1), " ".join([found.group(2), *words])):
        _keep_footnote(parsed, removed, marker, words_of, line, before)
        foot.took(marker)
    if guess:
        parsed.warnings.append(
            TextWarning(
                line.number,
                f"read as a footnote printed without a separator ({guess}, and the text above shows no "
                f"marker {found.group(1)!r}): {line.text[:60]!r}",
                "RT533",
                "if it is a clause, move it from footnotes into the operative clauses",
            )
        )
    return after


def _standalone(body: list[Line]) -> tuple[set[int], dict[str, int]]:
    """The lines that stand alone between blank lines, and how many times each text not ending a sentence
    stands so."""
    # a line that stands alone between blank lines more than once is a running header ("Page header")
    standalone = {
        index
        for index, line in enumerate(body)
        if line.text
        and (index == 0 or not body[index - 1].text)
        and (index + 1 == len(body) or not body[index + 1].text)
    }
    counts: dict[str, int] = {}
    for index in standalone:
        text = body[index].text
        if not text.endswith(TERMINAL) and len(text) < 120:
            counts[text] = counts.get(text, 0) + 1
    return standalone, counts


def _indented_footnote(body: list[Line], index: int, indent: int) -> tuple[list[str], int]:
    """The words of a footnote indented under its marker (as `pdftotext -layout` prints a page's foot), up to
    the next marker, a blank line, or a line after its first that opens an item or a numbered clause of the
    text, printed as deep ("(2) to strengthen ..."); and the index of the line after them."""
    words, first = [], index
    while (
        index < len(body)
        and body[index].text
        and body[index].indent > indent
        and not LONE_MARKER.match(body[index].text)
        and not (index > first and _opens_item(body[index].text))
    ):
        words.append(body[index].text)
        index += 1
    return words, index


def _opens_item(text: str) -> bool:
    """Whether a line opens an item ("(2) to ...", "(b) The ...") or a numbered clause ("3. Requests ...")."""
    label = ITEM_LABEL.match(text)
    return bool((label and label.group(1).startswith("(")) or re.match(r"^\d{1,3}\.\s", text))


def _run_on(body: list[Line], index: int, belongs: Callable[[Line], bool]) -> tuple[list[str], int]:
    """The words of the lines from `index` on that continue a footnote, up to a blank line or a line that
    does not belong to it; and the index of the line after them."""
    words = []
    while index < len(body) and body[index].text and belongs(body[index]):
        words.append(body[index].text)
        index += 1
    return words, index


_NUMBERED = re.compile(r"^(?:\d{1,3}\s+(?P<after>.+)|(?P<before>.+?)\s+\d{1,3})$")


def _name(text: str) -> str:
    """ "The Seventy-fourth World Health Assembly," -> "seventy-fourth world health assembly"."""
    words = strip_markup(text).rstrip(",:;.").lower().split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _page_header(text: str, names: set[str]) -> bool:
    """A page number beside the body's name or a heading line: "18  SEVENTY-FOURTH WORLD HEALTH ASSEMBLY"."""
    numbered = _NUMBERED.match(text)
    return numbered is not None and _name(numbered.group("after") or numbered.group("before")) in names


_SYMBOL_LIKE = re.compile(r"^[A-Z][\w.()/-]*\d[\w.()/-]*(?: \(\d{4}\))?$")


def _repeats(text: str, heading: set[str]) -> bool:
    """Whether a body line repeats the heading, as running headers do ("80/1. Participation by ..." above,
    "Participation by ..." at the top of every later page)."""
    if text in heading:
        return True
    if _SYMBOL_LIKE.match(text) and any(text in line.split() or line.endswith(" " + text) for line in heading):
        return True  # "WHA74.7", "A/RES/78/122", "S/RES/2719 (2023)" at the top of a page
    if len(text) < 15 or text.endswith(TERMINAL) or (find_date(text) and len(text.split()) <= 4):
        return False  # too short to be sure, or the date line of a closing
    if any(line.endswith(" " + text) and len(line[: -len(text)].split()) <= 3 for line in heading):
        return True
    # "A/RES/79/250 Programme planning": the symbol of one heading line with the title of another
    words = text.split()
    for symbol, title in ((words[0], " ".join(words[1:])), (words[-1], " ".join(words[:-1]))):
        if (
            re.search(r"\d", symbol)
            and len(title.split()) >= 2
            and any(symbol in line.split() for line in heading)
            and any(line == title or line.endswith(" " + title) for line in heading)
        ):
            return True
    return False
