"""Reports: documents a body examines, often carrying a draft text in an appendix."""

from __future__ import annotations

from typing import Literal

from .common import ActRef, BodyRef, Model, RecordBase, SessionRef, Symbol, Text, number_slug


class Appendix(Model):
    """An appendix of a report; references name it as `#appendix-<number>`."""

    number: Text
    title: Text | None = None
    contains: ActRef | None = None
    """The record whose text the appendix sets out."""

    @property
    def fragment(self) -> str:
        return f"appendix-{number_slug(self.number)}"


class Report(RecordBase):
    """A report submitted to a body, identified by its symbol."""

    kind: Literal["report"]
    symbol: Symbol
    title: Text | None = None
    body: BodyRef | None = None
    session: SessionRef | None = None
    subject: Text | None = None
    """What the report sets out, in the words that describe it."""
    appendices: list[Appendix] = []

    def fragments(self):
        return [(a.fragment, ("appendices", i)) for i, a in enumerate(self.appendices)]
