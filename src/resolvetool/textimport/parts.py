"""The parts of a resolution adopted in parts: each part's label ("A", "II") and title, found above the
formula printed again under each of them, the first one in the heading above the first formula."""

from __future__ import annotations

import re

from .lines import CLOSING, TERMINAL, strip_markup
from .paragraphs import Paragraph
from .parsed import ParsedPart, ParsedText

PART_LABEL = re.compile(r"^([A-Z]|[IVXLC]{1,7})\.?(?:\s+(.+))?$")
BARE_LABEL = re.compile(r"^(?:[A-Z]|[IVXLC]{1,7})\.?$")  # a section or part label with no title: "II"


def part_label(texts: list[str]) -> tuple[str, str | None]:
    """ "B" and "Scale of assessments" (or "B. Scale of assessments") -> ("B", "Scale of assessments")."""
    match = PART_LABEL.match(strip_markup(texts[0]))
    title = " ".join(part for part in [match.group(2) if match else None, *texts[1:]] if part)
    return (match.group(1) if match else texts[0]), title or None


def find_parts(paragraphs: list[Paragraph], parsed: ParsedText) -> tuple[set[int], dict]:
    """A resolution adopted in parts prints its formula again under each part's label ("A", then "The
    General Assembly," ..., "B", then "The General Assembly," ...). Returns the positions of the repeated
    formulas and, for each, of the label and title paragraphs above it; the first label stands in the
    heading. Nothing is a part unless every formula has its label."""
    formula = " ".join(parsed.formula.split())
    repeats = [position for position, paragraph in enumerate(paragraphs) if paragraph.text == formula]
    if (
        not repeats
        or not parsed.heading
        or not PART_LABEL.match(strip_markup(parsed.heading[-1]))
        or len(parsed.heading[-1].split()) > 12
    ):
        return set(), {}
    heads: dict[int, list[int]] = {}
    for position in repeats:
        above: list[int] = []
        for back in (position - 1, position - 2):
            if (
                back < 0
                or back in repeats
                or paragraphs[back].text.endswith(TERMINAL)
                or len(paragraphs[back].text.split()) > 12
                or CLOSING.match(paragraphs[back].text)
            ):
                break
            above.insert(0, back)
            if PART_LABEL.match(strip_markup(paragraphs[back].text)) and len(paragraphs[back].text.split()) <= 12:
                break
        while above and not PART_LABEL.match(strip_markup(paragraphs[above[0]].text)):
            above.pop(0)
        if not above:
            return set(), {}
        heads[position] = above
    label, title = part_label([parsed.heading[-1]])
    parsed.parts.append(ParsedPart(label, title, parsed.heading_lines[-1]))
    del parsed.heading[-1], parsed.heading_lines[-1]
    return set(repeats), heads
