"""Texts that print several resolutions one after the other ("### Resolution Number 1", "### Resolution
Number 2", ...; "10 (1946). Resolution of 4 November 1946", "11 (1946). ..." as the Security Council's yearly
volumes print them; "80/9. Title", "80/29. Title"; or "Resolutions" above "I", "II", "III"; each opening with
the formula): the text is cut before each resolution's heading, and each piece is read as a resolution of its
own. Lines above the first heading (the document's own title, "Resolutions") go with the first resolution, and
lines after the last one (a signature, "Dated at Paris ...") with the last, so that the pieces together are
the whole text.

A resolution in parts (54/237 A to D: lettered parts under one title, adopted together) is one resolution
and is left to `parts`: only numbered headings cut a text, and bare numerals only under a plural
"Resolutions" heading.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ..source import LINE_END
from .lines import strip_markup

# "Resolution Number 1", "RESOLUTION I", "Resolution No. 3", "Resolution 2", "Resolution 242 (1967)"; a General
# Assembly symbol opening its title's line ("80/9. 2025 Political Declaration on ..."); "10 (1946). Resolution of
# 4 November 1946"
_NAMED = re.compile(
    r"^(?:(?:RESOLUTION|Resolution)\s+(?:(?:Number|No\.?)\s*)?([IVXLC]{1,7}|\d{1,4})(?:\s*\(\d{4}\))?\s*\.?"
    r"|(\d{1,3}/\d{1,4}(?:\s[A-Z])?)\.\s+\S.{0,300}"
    r"|(\d{1,4}) \(\d{4}\)\.\s+Resolution of .{4,60})$"
)  # the Security Council's yearly volumes
# a numeral alone ("I", "II"; OCR prints "Ill" for "III") under a plural heading
_BARE = re.compile(r"^([IVXLC]{1,7}|Il{1,2}|\d{1,3})\s*\.?$")
_PLURAL = re.compile(r"^(?:RESOLUTIONS|Resolutions|DECISIONS|Decisions)\b.{0,80}$")
_FORMULA = re.compile(r"^(?:The|THE)\s+\S")


@dataclass
class Piece:
    text: str
    first_line: int  # the line of the whole text the piece starts on (1-based)
    label: str | None  # the label of its heading ("1", "II")


def split_resolutions(source: str) -> list[Piece] | None:
    """The resolutions a text prints one after the other, or None when it prints one."""
    lines = LINE_END.split(source)
    plain = [strip_markup(line.strip()) for line in lines]
    named = [index for index, text in enumerate(plain) if _NAMED.match(text)]
    starts = named if len(named) >= 2 and all(_opens_formula(plain, index) for index in named) else []
    if not starts:
        plural = next((index for index, text in enumerate(plain) if text), None)
        if plural is not None and _PLURAL.match(plain[plural]):
            bare = [index for index, text in enumerate(plain) if index > plural and _BARE.match(text)]
            if len(bare) >= 2 and all(_opens_formula(plain, index) for index in bare):
                starts = bare
    if not starts:
        return None
    cuts = [0, *starts[1:], len(lines)]
    pieces = []
    for number, (start, end) in enumerate(itertools.pairwise(cuts)):
        found = _NAMED.match(plain[starts[number]]) or _BARE.match(plain[starts[number]])
        assert found is not None, "each start was found by one of the two"
        label = next(group for group in found.groups() if group)
        pieces.append(Piece("\n".join(lines[start:end]), start + 1, label))
    return pieces


def _opens_formula(plain: list[str], heading: int) -> bool:
    """Whether the first line under a heading opens with a formula ("The Conference ...")."""
    following = next((text for text in plain[heading + 1 :] if text), "")
    return bool(_FORMULA.match(following))
