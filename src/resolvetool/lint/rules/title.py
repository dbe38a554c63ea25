"""Titles are titles: not overlong, capitalised, without a final full stop.

A title starts with a capital (or is in capitals throughout, as IMO prints), does not end with a full stop,
and is no longer than 250 characters: a longer one is usually a paragraph taken for the title.

Fails:

    title: approval of the draft cooperation agreement with IMPACT.

Passes:

    title: Draft Cooperation Agreement between INTERPOL and IMPACT
"""

from __future__ import annotations

from ..finding import Finding

CODES = ("RT314",)
KINDS = ("resolution", "agreement", "report", "instrument")

LIMIT = 250


def check(record, context):
    title = getattr(record, "title", None)
    if not title:
        return
    if len(title) > LIMIT:
        yield Finding(
            ("title",),
            f"the title is {len(title)} characters long (more than {LIMIT})",
            "is this a paragraph taken for the title? shorten it to the printed title",
        )
    if title[:1].islower():
        yield Finding(
            ("title",), "the title starts in lower case", "start it with a capital", fix=title[:1].upper() + title[1:]
        )
    if title.endswith(".") and not title.endswith(("etc.", "...")):
        yield Finding(("title",), "the title ends with a full stop", "remove the full stop", fix=title[:-1])
