"""Paragraphs end with the punctuation of their part.

By default preambular paragraphs end with a comma, operative paragraphs with a semicolon and the last one
with a full stop (a body's own are configured: `[lint.bodies.<id>] punctuation = {preamble = ",",
operative = ";", last = "."}`). A paragraph that introduces items ends with a colon, and its last item (or
the words after its items) carries the paragraph's punctuation; one that introduces a text that follows
(a declaration, an annex) may end with a colon. In a resolution adopted in parts, the last paragraph of each
part ends with the full stop. A footnote marker glued after the
punctuation (`session,1`) is allowed. `lint --fix` writes the expected mark.

Fails:

    operative:
      - phrase: APPROVES
        text: the Draft Cooperation Agreement,
      - phrase: AUTHORIZES
        text: the Secretary General to sign it;

Passes:

    operative:
      - phrase: APPROVES
        text: the Draft Cooperation Agreement;
      - phrase: AUTHORIZES
        text: the Secretary General to sign it.
"""

from __future__ import annotations

import re

from ..finding import Finding

CODES = ("RT304",)
KINDS = ("resolution",)
FIXABLE = True

_END = re.compile(r"([,;:.])(\s*(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\^[^\]]+\]))?\s*$")


def _ending(text: str) -> tuple[str | None, int]:
    """The final mark and where it stands, a glued footnote marker aside."""
    match = _END.search(text)
    return (match.group(1), match.start(1)) if match else (None, len(text.rstrip()))


def _last_words(loc: tuple, clause) -> tuple[tuple, str | None]:
    """Where the paragraph's own punctuation stands: after its items' last words, or its tail."""
    if clause.tail:
        return (*loc, "tail"), clause.tail
    if clause.items:
        here, item = loc, clause
        while item.items:
            here = (*here, "items", len(item.items) - 1)
            item = item.items[-1]
        return (*here, "text"), item.text
    return (*loc, "text"), clause.text


def check(record, context):
    marks = {"preamble": ",", "operative": ";", "last": "."} | context.conventions.punctuation
    for section in ("preamble", "operative"):
        paragraphs = getattr(record, section)
        for index, clause in enumerate(paragraphs):
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            # the last of the operative part, or of its part in a resolution adopted in parts
            last = section == "operative" and (following is None or following.part != clause.part)
            wanted = marks["last"] if last else marks[section]
            accepted = {wanted} | ({";"} if section == "preamble" and not context.conventions.punctuation else set())
            loc, text = _last_words((section, index), clause)
            if text is None:
                continue
            mark, at = _ending(text)
            if mark in accepted or (mark == ":" and not clause.items and not clause.tail):
                continue  # a colon introduces what follows ("adopts the following declaration:")
            if mark in (",", ";", "."):
                fixed = text[:at] + wanted + text[at + 1 :]
            else:
                fixed = text.rstrip() + wanted if mark is None else None
            shown = f"ends with {mark!r}" if mark else "has no final punctuation"
            yield Finding(
                loc,
                f"{section} paragraph {index + 1} {shown}; "
                f"{'the last operative paragraph ends' if last else f'{section} paragraphs end'} with {wanted!r}",
                f"end it with {wanted!r}",
                fix=fixed,
            )
