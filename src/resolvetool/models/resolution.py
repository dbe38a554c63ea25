"""Resolutions: preamble and operative clauses, adoption, and what they approve or amend."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .common import IsoDate, Model, RecordBase, Text, number_slug, ref

Status = Literal["draft", "adopted", "rejected", "withdrawn", "superseded"]
Count = Annotated[int, Field(ge=0)]


class Item(Model):
    """A sub-item of a clause: `(a)`, `(1)`, `(ii)`, `.1`."""

    label: Text
    """The label as printed, brackets and points included."""
    text: Text
    items: list[Item] = []
    refs: list[ref()] = []


class Clause(Model):
    """A preambular or operative paragraph, its leading formula apart from the rest of its words."""

    number: Text | None = None
    """The printed number as printed ("1.", "2"), when the clause has one."""
    phrase: Text | None = None
    """The leading formula as printed ("BEARING IN MIND", "MINDFUL", "Decides")."""
    text: Text
    """The words after the formula, as written, with their final punctuation."""
    items: list[Item] = []
    refs: list[ref()] = []
    """The records and parts the words point to."""


class Vote(Model):
    """Counts of a recorded vote."""

    in_favour: Count | None = None
    against: Count | None = None
    abstaining: Count | None = None
    not_participating: Count | None = None


class Adoption(Model):
    """How and when the resolution was adopted, as far as the sources say."""

    date: IsoDate | None = None
    meeting: Text | None = None
    """The meeting as printed ("3rd plenary meeting")."""
    method: Literal["vote", "without-vote", "unanimous", "consensus", "acclamation"] | None = None
    vote: Vote | None = None
    outcome: Text | None = None
    """The closing word printed under the text ("Approved")."""
    statement: Text | None = None
    """The printed adoption line, as written ("Adopted unanimously at the 1382nd meeting.")."""


class Footnote(Model):
    marker: Text
    text: Text
    refs: list[ref()] = []


class Annex(Model):
    number: Text | None = None
    title: Text | None = None
    text: Text | None = None
    refs: list[ref()] = []


class Resolution(RecordBase):
    """A resolution of a body."""

    kind: Literal["resolution"]
    title: Text
    """The subject or title as printed."""
    body: ref("body")
    session: ref("session") | None = None
    status: Status
    adoption: Adoption | None = None
    preamble: list[Clause] = []
    operative: list[Clause] = []
    footnotes: list[Footnote] = []
    annexes: list[Annex] = []
    approves: list[ref("agreement", "instrument", "report", "resolution")] = []
    amends: list[ref("agreement", "instrument", "resolution")] = []
    supersedes: list[ref("resolution")] = []
    superseded_by: ref("resolution") | None = None

    def fragments(self):
        parts = [(f"preamble-{i + 1}", ("preamble", i)) for i in range(len(self.preamble))]
        parts += [(f"operative-{i + 1}", ("operative", i)) for i in range(len(self.operative))]
        parts += [(f"annex-{number_slug(a.number) if a.number else i + 1}", ("annexes", i))
                  for i, a in enumerate(self.annexes)]
        parts += [(f"footnote-{number_slug(f.marker)}", ("footnotes", i)) for i, f in enumerate(self.footnotes)]
        return parts
