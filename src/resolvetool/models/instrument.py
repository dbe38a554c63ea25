"""Instruments: constitutions, rules of procedure, charters, whose articles resolutions cite, and the
conventions, recommendations and declarations a resolution adopts, with the text as printed."""

from __future__ import annotations

from typing import Literal

from .common import Model, OrganizationRef, RecordBase, Text, number_slug


class Point(Model):
    """An item of a provision: `(a)`, `(i)`, `1)`, as printed."""

    label: Text
    text: Text | None = None
    items: list[Point] = []
    glued: bool = False
    """The source printed the label with no space before its words ("(a)the term"), as kept by import."""


class Provision(Model):
    """A paragraph of an instrument's text, numbered ("1.") or not, with its items."""

    heading: Text | None = None
    """Headings printed just above it (a part, chapter or section: "PART I", "I. Definitions"), one a line."""
    number: Text | None = None
    """The printed number as printed ("1.")."""
    text: Text | None = None
    items: list[Point] = []
    tail: Text | None = None
    """Words printed after the items that finish the paragraph."""
    glued: bool = False
    """The source printed the number with no space before its words ("2.This")."""


class Article(Model):
    """An article of an instrument; references name it as `#article-<number>`."""

    number: Text
    title: Text | None = None
    text: Text | None = None
    heading: Text | None = None
    """Headings printed above the article (its part or chapter: "PART I", "SCOPE AND DEFINITIONS"), one a line."""
    label: Text | None = None
    """The article's heading line as printed, when it is not "Article <number>" ("ARTICLE I",
    "Article 2 – Scope")."""
    paragraphs: list[Provision] = []
    """The article's text as printed, paragraph by paragraph (import fills this rather than `text`)."""

    @property
    def fragment(self) -> str:
        return f"article-{number_slug(self.number)}"


class Instrument(RecordBase):
    """A standing legal text of an organization, or the text a resolution adopts."""

    kind: Literal["instrument"]
    title: Text
    organization: OrganizationRef | None = None
    type: (
        Literal[
            "constitution",
            "charter",
            "convention",
            "recommendation",
            "declaration",
            "protocol",
            "rules-of-procedure",
            "regulations",
            "statute",
            "other",
        ]
        | None
    ) = None
    provisions: list[Provision] = []
    """Paragraphs before the first article (a preamble), or the numbered paragraphs of an instrument that has
    no articles (a recommendation)."""
    articles: list[Article] = []
    closing: list[Text] = []
    """Lines printed after the text: the authentication ("The foregoing is the authentic text ..."), the
    testimonium ("IN FAITH WHEREOF ..."), signatures."""

    def fragments(self):
        return [(a.fragment, ("articles", i)) for i, a in enumerate(self.articles)]
