"""Every paragraph says something, once.

A paragraph whose words are only punctuation says nothing (RT313; validate's RT212 catches one with no
words at all), and two paragraphs with the same formula and words are one paragraph copied twice (RT312).

Fails:

    operative:
      - phrase: REQUESTS
        text: the Secretary General to report;
      - phrase: REQUESTS
        text: the Secretary General to report;
      - phrase: INVITES
        text: member countries to contribute.

Passes:

    operative:
      - phrase: REQUESTS
        text: the Secretary General to report;
      - phrase: INVITES
        text: member countries to contribute.
"""

from __future__ import annotations

import re

from ..finding import Finding, clauses

CODES = ("RT312", "RT313")
KINDS = ("resolution",)


def _key(phrase: str | None, text: str | None) -> str:
    return " ".join(f"{phrase or ''} {text or ''}".lower().split())


def check(record, context):
    seen: dict[str, tuple[str, int]] = {}
    for section, index, clause in clauses(record):
        if clause.text is not None and not re.search(r"\w", clause.text) and not clause.items:
            yield Finding(
                (section, index, "text"),
                f"{section} paragraph {index + 1} has no words",
                "write its words, or delete the paragraph",
                code="RT313",
            )
            continue
        key = _key(clause.phrase, clause.text)
        if not key:
            continue
        if key in seen:
            first = seen[key]
            yield Finding(
                (section, index),
                f"{section} paragraph {index + 1} repeats {first[0]} paragraph {first[1] + 1}",
                "delete the copy",
            )
        else:
            seen[key] = (section, index)
