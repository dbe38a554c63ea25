"""HTML as texts copied from web pages and repositories keep it: a paragraph per `<p>` or `<li>`, sometimes a
whole document on one line of nested tags (`<div><p>The General Assembly,</p><p>Believing ...</p><ol><li>...`).

The tags are read as the paragraph breaks they are: a line holding several blocks is cut before each block that
opens after words, each piece keeping its tags (so that the record gives the source back), printed glued to the
one before it (no space between, as in the source). The words inside are recognised through the tags
(`lines.strip_markup`); what the tags say of structure beyond paragraphs (a list's items, their numbers) is not
read, and the reader is told so (RT551).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from .lines import Line

_BLOCKS = r"(?:p|div|li|ol|ul|dl|dt|dd|h[1-6]|blockquote|section|article|table|tr|td|th|br|hr|center)"
_BLOCK_TAG = re.compile(rf"<(?P<closing>/)?{_BLOCKS}\b[^>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_LIST_ITEM = re.compile(r"<li\b", re.IGNORECASE)


def html_blocks(lines: list[Line]) -> tuple[list[Line], int]:
    """`lines` with each line that holds several HTML blocks cut into one piece per block (a blank line, of the
    same number, between them); and the number of the first line whose list items were read as paragraphs (0 when
    none was)."""
    made: list[Line] = []
    lists = 0
    for line in lines:
        pieces = _pieces(line.text) if "<" in line.text else [line.text]
        if len(pieces) > 1 and not lists and any(_LIST_ITEM.search(piece) for piece in pieces):
            lists = line.number
        for position, piece in enumerate(pieces):
            if position:
                made.append(Line(line.number, "", 0))
            glued = position > 0 and not piece[:1].isspace()  # "</p><p>": no space between, as printed
            made.append(
                replace(
                    line,
                    text=piece.strip(),
                    glued=glued or (line.glued and not position),
                    indent=line.indent if not position else 0,
                )
            )
    return made, lists


def _pieces(text: str) -> list[str]:
    """`text` cut before every opening block tag that follows words; a piece with no words of its own (closing
    tags, an empty `<p></p>`) stays with the piece before it."""
    cuts = [0]
    words = False
    at = 0
    for tag in _BLOCK_TAG.finditer(text):
        words = words or bool(_ANY_TAG.sub("", text[at : tag.start()]).strip())
        if words and not tag.group("closing") and not _is_break(tag.group()):
            cuts.append(tag.start())
            words = False
        at = tag.end()
    cuts.append(len(text))
    pieces = [text[start:end] for start, end in itertools.pairwise(cuts) if end > start]
    merged: list[str] = []
    for piece in pieces:
        if merged and not _ANY_TAG.sub("", piece).strip():
            merged[-1] += piece
        else:
            merged.append(piece)
    return [piece for piece in merged if piece.strip()] or [text]


def _is_break(tag: str) -> bool:
    """`<br>` and `<hr>` break a line inside a paragraph, they open none."""
    return bool(re.match(r"<(?:br|hr)\b", tag, re.IGNORECASE))
