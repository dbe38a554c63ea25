"""Put back what reading took out: every line removed from the text (a footnote, a page number, a running
header) and every mark made while classifying becomes a mark placed inside the part it interrupted, or just
before the part that follows it, found through the anchors classifying left on each content line."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .parsed import ParsedMark, ParsedText
from .takeout import Removed


@dataclass
class Anchor:
    place: str
    start: int  # where this content line starts in the part's printed words (-1: the part has no offsets;
    #             -2, with no place: set aside, to be placed before the next part)


def place_marks(removed: list[Removed], anchors: dict[int, Anchor], count: int, parsed: ParsedText) -> None:
    """Give every mark its place: inside the part it interrupted, or just before the part that follows it."""
    # the anchors at or after each line, and before it, found once: a text of thousands of page marks (a long
    # PDF's running heads) would otherwise be searched line by line for each mark, in quadratic time
    next_place: list[str | None] = [None] * (count + 1)
    next_anchor: list[Anchor | None] = [None] * (count + 1)
    for index in range(count - 1, -1, -1):
        anchor = anchors.get(index)
        next_place[index] = anchor.place if anchor is not None and anchor.place else next_place[index + 1]
        next_anchor[index] = anchor if anchor is not None else next_anchor[index + 1]
    last_anchor: list[Anchor | None] = [None] * (count + 1)  # the last anchor above each line
    for index in range(count):
        last_anchor[index + 1] = anchors.get(index) or last_anchor[index]

    def next_part(index: int) -> str | None:
        return next_place[max(index, 0)] if index < count else None

    def after_everything(line: int) -> str:
        # at the end: before the footnotes printed there, or after them
        return "footnotes" if last_trailing > line else "end"

    trailing = [item.line for item in removed if item.footnote and next_part(item.before) is None]
    trailing += [mark.line for mark in parsed.marks if mark.kind == "footnote" and next_part(mark.index) is None]
    last_trailing = max(trailing, default=-1)
    kept = []
    for mark in parsed.marks:  # marks made while classifying: bullets, unclassified paragraphs and headings
        place = next_part(mark.index)
        if mark.kind == "footnote" and place is None:
            continue  # a footnote at the end is printed with the others
        mark.at = place or after_everything(mark.line)
        kept.append(mark)
    parsed.marks[:] = kept
    # a footnote printed on several pages is shown at each place it was printed, the end too
    printed = Counter(item.text for item in removed if item.footnote)
    for item in removed:
        before = next_anchor[max(item.before, 0)] if item.before < count else None
        after = last_anchor[min(max(item.before, 0), count)]
        if item.footnote and before is None and printed[item.text] == 1:
            continue  # printed with the other footnotes, at the end
        mark = ParsedMark("footnote" if item.footnote else item.kind, item.text, item.line)
        if (
            after is not None
            and before is not None
            and after.place
            and after.place == before.place
            and before.start > 0
        ):
            mark.at, mark.offset = before.place, before.start
        else:
            mark.at = next_part(item.before) or after_everything(item.line)
        parsed.marks.append(mark)
    parsed.marks.sort(key=lambda mark: mark.line)
