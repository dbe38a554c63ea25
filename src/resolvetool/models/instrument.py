"""Instruments: constitutions, rules of procedure, charters, whose articles resolutions cite."""

from __future__ import annotations

from typing import Literal

from .common import Model, RecordBase, Text, number_slug, ref


class Article(Model):
    """An article of an instrument; references name it as `#article-<number>`."""

    number: Text
    title: Text | None = None
    text: Text | None = None

    @property
    def fragment(self) -> str:
        return f"article-{number_slug(self.number)}"


class Instrument(RecordBase):
    """A standing legal text of an organization."""

    kind: Literal["instrument"]
    title: Text
    organization: ref("organization") | None = None
    type: Literal["constitution", "charter", "convention", "rules-of-procedure", "regulations", "statute", "other"] | None = None
    articles: list[Article] = []

    def fragments(self):
        return [(a.fragment, ("articles", i)) for i, a in enumerate(self.articles)]
