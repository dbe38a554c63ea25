"""Numbers and labels run in sequence.

Numbered operative paragraphs count 1, 2, 3 without gap or repeat (afresh in each part of a resolution
adopted in parts), and the items under a paragraph run in
their sequence: `(a)`, `(b)`...; `(1)`, `(2)`...; `(i)`, `(ii)`...; `.1`, `.2`... A break is a paragraph lost
in copying, or a number typed twice.

Fails:

    operative:
      - number: "1."
        phrase: Decides
        text: to act;
      - number: "3."
        phrase: Requests
        text: a report.

Passes:

    operative:
      - number: "1."
        phrase: Decides
        text: to act;
      - number: "2."
        phrase: Requests
        text: a report.
"""

from __future__ import annotations

import re

from ...labels import is_first, is_successor
from ..finding import Finding, clauses

CODES = ("RT307",)
KINDS = ("resolution",)


def _items(parent, loc):
    previous = None
    for index, item in enumerate(parent.items):
        here = (*loc, "items", index)
        if previous is None and not is_first(item.label):
            yield Finding(
                (*here, "label"),
                f"item {item.label!r} opens a list that should open with the first label of its sequence",
                "check for an item lost in copying",
            )
        elif previous is not None and not is_successor(previous, item.label):
            yield Finding(
                (*here, "label"), f"item {item.label!r} follows {previous!r}", "renumber the items in sequence"
            )
        previous = item.label
        yield from _items(item, here)


def check(record, context):
    expected, part = 1, None
    for section, index, clause in clauses(record):
        if clause.part != part:  # each part of a resolution adopted in parts numbers its paragraphs afresh
            expected, part = 1, clause.part
        if section == "operative" and clause.number:
            digits = re.match(r"\d+", clause.number)
            if digits:
                number = int(digits.group())
                if number != expected:
                    yield Finding(
                        (section, index, "number"),
                        f"operative paragraph {clause.number!r} where {expected} was expected",
                        "renumber the paragraphs",
                    )
                expected = number + 1
        yield from _items(clause, (section, index))
