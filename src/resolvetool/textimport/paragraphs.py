"""Join the content lines into paragraphs: mend hard-wrapped lines and paragraphs that a page break or a
running header cut in two, and keep where each line starts in its paragraph's text, so that marks taken out
of the text can be put back where they stood. Also the tests of what a line can open (a clause, an item, a
heading) that taking out lines uses too."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..formulas import find_phrase
from .lines import (
    ANNEX_HEADING,
    BULLET,
    CLAUSE_NUMBER,
    CLOSING,
    ITEM_LABEL,
    MARKDOWN_FOOTNOTE,
    SECTION_HEADING,
    TERMINAL,
    Line,
    annex_with_title,
    ends_sentence_part,
    strip_markup,
)


@dataclass
class Paragraph:
    lines: list[int]  # indexes into the content lines
    starts: list[int]  # where each line starts in `text`
    text: str
    bullet: str | None = None
    guessed: list[int] = field(default_factory=list)  # lines joined to it by a guess across a blank line

    def add(self, text: str, index: int) -> None:
        self.starts.append(len(self.text) + 1)
        self.text += " " + text
        self.lines.append(index)


def starts_unit(text: str) -> bool:
    """Whether a line can open a paragraph of its own: a number, a label, a formula, a closing line."""
    text = BULLET.sub("", text)
    return bool(
        CLAUSE_NUMBER.match(text)
        or ITEM_LABEL.match(text)
        or find_phrase(text)
        or CLOSING.match(text)
        or ANNEX_HEADING.match(text)
        or MARKDOWN_FOOTNOTE.match(text)
    )


def _starts_clearly(text: str) -> bool:
    """A line that opens a paragraph beyond doubt: a number, a label, a formula in capitals, or a formula
    followed by words in lower case ("Decides that", "Recalling its"), not a name ("Comoros, Fiji")."""
    text = BULLET.sub("", text)
    if CLAUSE_NUMBER.match(text) or ITEM_LABEL.match(text) or CLOSING.match(text):
        return True
    phrase = find_phrase(text)
    if phrase is None:
        return False
    rest = phrase.rest.lstrip(",; ")
    return phrase.text.isupper() or rest[:1].islower()


def is_heading(text: str) -> bool:
    text = strip_markup(text)
    return bool(
        (SECTION_HEADING.match(text) and not text.endswith(TERMINAL) and len(text.split()) <= 14)
        or ANNEX_HEADING.match(text)
    )


def join_paragraphs(content: list[Line]) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    current: Paragraph | None = None
    gap = False  # a blank line since the last text line
    page_break = False  # and lines taken out since then (a running header, a page footer)
    for index, line in enumerate(content):
        if index and line.number > content[index - 1].number + 1:  # (the pieces a form feed parts share a number)
            page_break = True
        elif index and not line.text and not line.cut and line.number == content[index - 1].number:
            page_break = True  # a form feed inside a line ("which,\fafter discussion"): a page break there
        if not line.text:
            gap = True
            continue
        joined = _continues(current, line.text, gap, page_break) if current is not None else False
        if current is not None and joined:
            current.add(line.text, index)
            if joined == _GUESSED:
                current.guessed.append(index)
        else:
            current = Paragraph([index], [0], line.text)
            paragraphs.append(current)
        gap = page_break = False
    for paragraph in paragraphs:
        bullet = BULLET.match(paragraph.text)
        if bullet and (ITEM_LABEL.match(paragraph.text[bullet.end() :]) or find_phrase(paragraph.text[bullet.end() :])):
            paragraph.bullet = paragraph.text[: bullet.end()].strip()
            cut = bullet.end()
            paragraph.text = paragraph.text[cut:]
            paragraph.starts = [0] + [start - cut for start in paragraph.starts[1:]]
    return paragraphs


_GUESSED = 2  # what `_continues` says of a paragraph it runs on by a guess (truthy, as True is)
# A number or label standing alone on its line, its paragraph below it: "1.", "12.", "(i)", "(a)"
_LONE_LABEL = re.compile(r"^(?:\d{1,3}\.|\((?:[a-z]{1,3}|[ivx]{1,5}|\d{1,2})\))$")
# Words no sentence ends on: a paragraph ending so runs on below, whatever opens the next line
_OPEN_ENDED = {
    "a",
    "an",
    "the",
    "of",
    "on",
    "in",
    "to",
    "by",
    "for",
    "from",
    "with",
    "at",
    "and",
    "or",
    "as",
    "into",
    "upon",
    "between",
    "its",
    "their",
    "his",
    "her",
    "that",
    "which",
    "whose",
}


# What `_continues` reads of a long paragraph: its opening and its end (how it opens and how it stops). Read whole,
# a paragraph of thousands of lines was read again for each line joined to it, in quadratic time.
_SEEN = 300


def _continues(paragraph: Paragraph, text: str, gap: bool, page_break: bool = False) -> bool | int:
    previous = paragraph.text
    if len(previous) > 2 * _SEEN:
        previous = previous[:_SEEN] + " " + previous[-_SEEN:]
    ended = ends_sentence_part(previous)
    if (
        ANNEX_HEADING.match(strip_markup(previous))
        or ANNEX_HEADING.match(strip_markup(text))
        or (gap and annex_with_title(previous))
        or (annex_with_title(text) and (gap or ended or CLOSING.match(strip_markup(previous))))
    ):
        return False  # an annex heading stands on its own line (with its title: "Annex II Main lines of ...")
    if not gap and _LONE_LABEL.match(previous) and not (CLAUSE_NUMBER.match(text) or ITEM_LABEL.match(text)):
        return True  # "1." alone, then "Welcomes the report ..." under it: the number's paragraph
    if (
        gap
        and not ended
        and previous.rsplit(" ", 1)[-1] in _OPEN_ENDED
        and len(previous.split()) > 6
        and _may_run_on(text)
    ):
        # "... and in Vienna on" / "8 and 9 December 2014 ...": no sentence ends on "on" (sure when the next
        # line opens in lower case)
        return True if text[:1].islower() else _GUESSED
    if not gap:
        if previous.endswith(",") and not _starts_clearly(text):
            return True  # a list of names wrapped after a comma ("..., Chad,\nComoros, Fiji, ...")
        return not ((ended or is_heading(previous)) and starts_unit(text))
    if (
        _cut_off(previous)
        and previous.rsplit(" ", 1)[-1].istitle()
        and _NAME_RUNS_ON.match(text)
        and not (
            CLAUSE_NUMBER.match(text)
            or ITEM_LABEL.match(text)
            or CLOSING.match(text)
            or BULLET.match(text)
            or is_heading(text)
        )
    ):
        # "... the Olympic and Paralympic Winter" / "Games, as a defining feature ...": a clause whose sentence
        # stops inside a name runs on below, even into a word that looks like a formula (a guess: it is warned)
        return _GUESSED
    if starts_unit(text):
        return False
    # across a blank line, only a paragraph that a page break or a running header cut in two runs on
    if page_break and previous.endswith(",") and text[:1].islower():
        return True  # an item cut by a page break just after a comma
    if page_break and not ended and not is_heading(previous) and not is_heading(text) and len(previous.split()) > 6:
        # a sentence cut by a page break: "... with the World Health" / "Organization and ..." (a guess when
        # the next line opens in capitals: it could be a paragraph of its own)
        return True if text[:1].islower() else _GUESSED
    if ended or is_heading(previous) or is_heading(text) or CLOSING.match(strip_markup(previous)):
        return False
    last = previous.rsplit(" ", 1)[-1]
    if previous.isupper():
        return False  # headings in capitals
    if (
        len(previous.split()) > 6
        and (text[:1].islower() or (last.isalpha() and last.islower()))
        and not text.split(" ", 1)[0].isupper()
    ):
        return True
    if len(previous.split()) > 6 and not starts_unit(text) and _clause_like(previous):
        return _GUESSED  # "... dated 16 July 1993" / "(S/26090) and 26 August 1993 ...": a sentence that never ended
    return False


def _may_run_on(text: str) -> bool:
    """Whether a line may continue the sentence above it: it opens no clause number, bracketed label or formula
    ("8 and 9 December 2014" may, "(a) The Government" may not)."""
    if BULLET.match(text):
        return False  # a bulleted line opens an item
    label = ITEM_LABEL.match(text)
    return not CLAUSE_NUMBER.match(text) and not (label and not label.group(1).isdigit()) and not find_phrase(text)


# A name running on from the line above: "Games, as ...", "Documents of the 2000 ...", "Tracing Instrument, ..."
# (a formula is followed by its words in lower case: "Recalling its", "Recommends to")
_NAME_RUNS_ON = re.compile(r"^[A-Z][\w-]*(?:,|\s+(?:of|and)\b|\s+[A-Z])")


def _cut_off(text: str) -> bool:
    """Whether a paragraph that opens as a clause stops on a word, with no stop after it: its sentence was cut."""
    plain = re.sub(r"(?<=[,;:.])\s*(?:\d{1,3}/?|\*)$", "", strip_markup(text))  # "Guinea, 22": a footnote's marker
    return (
        len(plain.split()) > 6
        and plain[-1:].isalnum()
        and not ends_sentence_part(plain)
        and not is_heading(plain)
        and not plain.isupper()
        and not CLOSING.match(plain)
        and _clause_like(plain)
    )


def _clause_like(text: str) -> bool:
    """Whether a paragraph opens as a clause does (a number, a label, a formula), so that one ending with no
    stop is a sentence cut off, not a heading or a title."""
    text = BULLET.sub("", text)
    return bool(CLAUSE_NUMBER.match(text) or ITEM_LABEL.match(text) or find_phrase(text))
