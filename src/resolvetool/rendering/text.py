"""Plain text in the body's house style, with whatever the source printed amid the text put back where it
stood (running headers, page furniture, footnotes set off by the page), unless a clean copy is asked for.

The text is for people, on a terminal or in a file someone will `cat`: characters that would act on a
terminal (escape sequences, other controls, bidirectional overrides) are shown as their escapes wherever it
goes, so that what a file holds is what the terminal showed. No resolution's text needs them (the importer
never keeps them, lint rejects the invisible ones); newlines and tabs are the text's own and stay.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..inert import inert
from .parts import Part, footnote_line, parts
from .styles import Context


def render_text(resolution: Any, context: Context, *, clean: bool = False) -> str:
    layout = resolution.layout
    marks = [] if clean or layout is None else layout.marks
    footnote_style = layout.footnotes if layout else "plain"
    footnotes = {footnote.marker: footnote_line(footnote, footnote_style) for footnote in resolution.footnotes}
    placed_footnotes = {mark.text for mark in marks if mark.kind == "footnote" and mark.text in footnotes}

    def shown(mark: Any) -> str:
        return footnotes[mark.text] if mark.kind == "footnote" and mark.text in footnotes else mark.text

    waiting: dict[str, list[Any]] = defaultdict(list)
    for mark in marks:
        waiting[mark.at].append(mark)
    glued = set(layout.glued) if layout is not None else set()
    unspaced = set(layout.unspaced) if layout is not None else set()
    paragraphs: list[str] = []
    for part in parts(resolution, context):
        if part.role == "footnote" and part.source.marker in placed_footnotes:
            continue
        here = waiting.pop(part.place, [])
        paragraphs += [shown(mark) for mark in here if mark.offset is None or (not part.anchor and not part.text)]
        inline = [mark for mark in here if mark.offset is not None]
        if part.text and not part.anchor and inline:
            waiting[part.place] = inline  # offsets count into a later part of the same place
            inline = []
        if part.text:
            text = _insert(part, [(mark.offset, shown(mark)) for mark in inline])
            number = (
                getattr(part.source, "number" if part.role == "clause" else "label", None)
                if part.role in ("clause", "item")
                else None
            )
            if part.place in unspaced and number and text.startswith(number + " "):
                text = number + text[len(number) + 1 :]  # printed with no space after the number
            if part.place in glued and part.role in ("formula", "clause") and paragraphs and not here:
                paragraphs[-1] += text  # printed with no space after the words before it
            else:
                paragraphs.append(text)
    for stray in waiting.values():  # marks naming a part the record no longer has: still printed, at the end
        paragraphs += [shown(mark) for mark in stray]
    return inert("\n\n".join(paragraphs) + "\n")


def _insert(part: Part, inserts: list[tuple[int, str]]) -> str:
    text = part.text
    grouped: dict[int, list[str]] = defaultdict(list)
    for offset, shown in inserts:
        grouped[min(offset, len(text))].append(shown)
    for offset in sorted(grouped, reverse=True):
        shown = "\n".join(grouped[offset])
        text = f"{text[:offset].rstrip()}\n{shown}\n{text[offset:].lstrip()}".strip("\n")
    return text
