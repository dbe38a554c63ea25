"""Join the content lines into paragraphs: mend hard-wrapped lines and paragraphs that a page break or a
running header cut in two, and keep where each line starts in its paragraph's text, so that marks taken out
of the text can be put back where they stood. Also the tests of what a line can open (a clause, an item, a
heading) that taking out lines uses too."""

from __future__ import annotations

from dataclasses import dataclass

from .lines import (ANNEX_HEADING, BULLET, CLAUSE_NUMBER, CLOSING, ITEM_LABEL, MARKDOWN_FOOTNOTE, SECTION_HEADING,
                    TERMINAL, Line, annex_with_title, ends_sentence_part, strip_markup)
from .phrases import find_phrase


@dataclass
class Paragraph:
    lines: list[int]  # indexes into the content lines
    starts: list[int]  # where each line starts in `text`
    text: str
    bullet: str | None = None

    def add(self, text: str, index: int) -> None:
        self.starts.append(len(self.text) + 1)
        self.text += " " + text
        self.lines.append(index)


def starts_unit(text: str) -> bool:
    """Whether a line can open a paragraph of its own: a number, a label, a formula, a closing line."""
    text = BULLET.sub("", text)
    return bool(CLAUSE_NUMBER.match(text) or ITEM_LABEL.match(text) or find_phrase(text) or CLOSING.match(text)
                or ANNEX_HEADING.match(text) or MARKDOWN_FOOTNOTE.match(text))


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
    return bool(SECTION_HEADING.match(text) and not text.endswith(TERMINAL) and len(text.split()) <= 14
                or ANNEX_HEADING.match(text))


def join_paragraphs(content: list[Line]) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    current: Paragraph | None = None
    gap = False  # a blank line since the last text line
    page_break = False  # and lines taken out since then (a running header, a page footer)
    for index, line in enumerate(content):
        if index and line.number > content[index - 1].number + 1:  # (the pieces a form feed parts share a number)
            page_break = True
        if not line.text:
            gap = True
            continue
        if current is not None and _continues(current, line.text, gap, page_break):
            current.add(line.text, index)
        else:
            current = Paragraph([index], [0], line.text)
            paragraphs.append(current)
        gap = page_break = False
    for paragraph in paragraphs:
        bullet = BULLET.match(paragraph.text)
        if bullet and (ITEM_LABEL.match(paragraph.text[bullet.end():]) or find_phrase(paragraph.text[bullet.end():])):
            paragraph.bullet = paragraph.text[:bullet.end()].strip()
            cut = bullet.end()
            paragraph.text = paragraph.text[cut:]
            paragraph.starts = [0] + [start - cut for start in paragraph.starts[1:]]
    return paragraphs


def _continues(paragraph: Paragraph, text: str, gap: bool, page_break: bool = False) -> bool:
    previous = paragraph.text
    ended = ends_sentence_part(previous)
    if ANNEX_HEADING.match(strip_markup(previous)) or ANNEX_HEADING.match(strip_markup(text)) \
            or gap and annex_with_title(previous) or annex_with_title(text) and (
                gap or ended or CLOSING.match(strip_markup(previous))):
        return False  # an annex heading stands on its own line (with its title: "Annex II Main lines of ...")
    if not gap:
        if previous.endswith(",") and not _starts_clearly(text):
            return True  # a list of names wrapped after a comma ("..., Chad,\nComoros, Fiji, ...")
        return not ((ended or is_heading(previous)) and starts_unit(text))
    if starts_unit(text):
        return False
    # across a blank line, only a paragraph that a page break or a running header cut in two runs on
    if page_break and previous.endswith(",") and text[:1].islower():
        return True  # an item cut by a page break just after a comma
    if page_break and not ended and not is_heading(previous) and not is_heading(text) and len(previous.split()) > 6:
        return True  # a sentence cut by a page break: "... with the World Health" / "Organization and ..."
    if ended or is_heading(previous) or is_heading(text) or CLOSING.match(strip_markup(previous)):
        return False
    last = previous.rsplit(" ", 1)[-1]
    if previous.isupper() or text.split(" ", 1)[0].isupper():
        return False  # headings in capitals
    return len(previous.split()) > 6 and (text[:1].islower() or last.isalpha() and last.islower())
