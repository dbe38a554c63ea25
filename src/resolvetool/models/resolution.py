"""Resolutions: preamble and operative clauses, adoption, and what they approve or amend."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from .common import (
    ActRef,
    AnyRef,
    ApprovableRef,
    BodyRef,
    InstrumentRef,
    IsoDate,
    Model,
    RecordBase,
    ResolutionRef,
    SessionRef,
    Text,
    number_slug,
)

Status = Literal["draft", "adopted", "rejected", "withdrawn", "superseded"]
Count = Annotated[int, Field(ge=0)]


class Item(Model):
    """A sub-item of a clause: `(a)`, `(1)`, `(ii)`, `.1`."""

    label: Text
    """The label as printed, brackets and points included."""
    text: Text
    items: list[Item] = []
    refs: list[AnyRef] = []


class Clause(Model):
    """A preambular or operative paragraph, its leading formula apart from the rest of its words."""

    part: Text | None = None
    """The label of the part the clause belongs to, in a resolution adopted in parts ("A", "B")."""
    heading: Text | None = None
    """A section heading printed just before the clause, as printed ("A", "II. Programme budget")."""
    number: Text | None = None
    """The printed number as printed ("1.", "2"), when the clause has one."""
    phrase: Text | None = None
    """The leading formula as printed ("BEARING IN MIND", "MINDFUL", "Decides")."""
    text: Text | None = None
    """The words after the formula, as written, with their final punctuation; absent when the formula stands
    alone above its items ("considering" then "a) ...", as ITU prints)."""
    items: list[Item] = []
    tail: Text | None = None
    """Words printed after the items that finish the clause ("have notified their objections;")."""
    refs: list[AnyRef] = []
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


class ResolutionPart(Model):
    """A lettered part of a resolution adopted in parts (resolution 54/237 A to D), each printed under its own
    label, title and opening formula, with its own preambular and operative clauses (those naming it)."""

    label: Text
    """As printed: "A", "B", "I"."""
    title: Text | None = None
    adoption: Adoption | None = None
    """The part's own adoption line, when it was printed under the part rather than at the end."""


class Footnote(Model):
    marker: Text
    text: Text
    refs: list[AnyRef] = []


class Annex(Model):
    heading: Text | None = None
    """The heading as printed ("ANNEX 21"), when it is not "Annex" followed by the number."""
    number: Text | None = None
    title: Text | None = None
    text: Text | None = None
    instrument: InstrumentRef | None = None
    """The instrument the annex holds (the one the resolution `adopts`): its text is printed here, from that
    record, in place of `text`."""
    refs: list[AnyRef] = []


MarkKind = Literal[
    "running-header", "page-footer", "page-number", "markup", "footnote-marker", "footnote", "unclassified"
]
MARK_PLACE = (
    r"^(heading|formula|closing|footnotes|end|(preamble|operative)-[1-9][0-9]*(/[1-9][0-9]*)*|annex-[1-9][0-9]*)$"
)


class Mark(Model):
    """Something a source printed amid the text that is not part of it: a running header, a page number,
    markup, a footnote marker or footnote set off by the page layout, or a line that could not be classified.
    Kept where it stood so that nothing in the source is lost and `render` gives the source back."""

    kind: MarkKind
    at: Annotated[str, StringConstraints(pattern=MARK_PLACE)]
    """The part it stood in or just before: `formula`, `preamble-2`, `operative-1`, `operative-1/1` (the first
    item of operative clause 1), `annex-1`, `closing`, `footnotes` or `end`."""
    offset: Annotated[int, Field(ge=0)] | None = None
    """Characters into the part's printed words where it stood; absent: on its own just before the part."""
    text: Text
    """What was printed; for a `footnote` mark, the marker of the footnote printed there."""


class Layout(Model):
    """How an imported source printed the resolution where the body's house style would print it otherwise."""

    heading: list[Text] | None = None
    """The lines above the opening formula, as printed (empty: the source printed none, as texts that open with
    the formula do)."""
    formula: Text | None = None
    """The opening formula with its punctuation, as printed."""
    no_formula: bool = False
    """The source printed no opening formula: the body speaks in a narrative sentence ("At its 45th plenary
    meeting, ... the General Assembly ... elected ..."), in each numbered paragraph ("1. Ministers invite ..."),
    or is named only in the heading."""
    formula_after_preamble: bool = False
    """The formula stands between the preamble and the operative part ("Whereas ...;" then "The Assembly:",
    as ICAO prints)."""
    closing: list[Text] | None = None
    """The closing lines as printed, when they differ from what the house style derives (empty: none)."""
    footnotes: Literal["plain", "markdown"] = "plain"
    """How footnotes were printed: "1 Text" or "[^1]: Text"."""
    glued: list[Annotated[str, StringConstraints(pattern=MARK_PLACE)]] = []
    """The parts printed with no space after what stands before them (`formula` glued to the heading,
    `preamble-2` to the clause before it), as whole resolutions printed in one run-on paragraph are."""
    unspaced: list[Annotated[str, StringConstraints(pattern=MARK_PLACE)]] = []
    """The clauses and items printed with no space after their number or label ("1.Negotiations shall be ...")."""
    marks: list[Mark] = []


class Resolution(RecordBase):
    """A resolution of a body."""

    kind: Literal["resolution"]
    title: Text | None = None
    """The subject or title as printed; absent when the text printed none (a decision that opens with the
    body's formula or a narrative sentence, under no heading)."""
    body: BodyRef
    session: SessionRef | None = None
    status: Status
    agenda_item: Text | None = None
    """The agenda item as printed ("7", "11 (b)")."""
    committee_reference: Text | None = None
    """The committee line as printed, without its brackets ("on the report of the Fifth Committee (A/80/401)")."""
    adoption: Adoption | None = None
    parts: list[ResolutionPart] = []
    """The parts of a resolution adopted in parts, in order; each clause names its part."""
    preamble: list[Clause] = []
    operative: list[Clause] = []
    footnotes: list[Footnote] = []
    annexes: list[Annex] = []
    adopts: InstrumentRef | None = None
    """The instrument whose text the resolution adopts and prints after its operative clauses ("adopts ... the
    following Convention:"); render prints that text there."""
    approves: list[ApprovableRef] = []
    amends: list[ActRef] = []
    supersedes: list[ResolutionRef] = []
    superseded_by: ResolutionRef | None = None
    layout: Layout | None = None
    """Set by `import`: how the source printed what the house style does not derive."""

    def fragments(self):
        parts = [(f"preamble-{i + 1}", ("preamble", i)) for i in range(len(self.preamble))]
        parts += [(f"operative-{i + 1}", ("operative", i)) for i in range(len(self.operative))]
        parts += [
            (f"annex-{number_slug(a.number) if a.number else i + 1}", ("annexes", i))
            for i, a in enumerate(self.annexes)
        ]
        parts += [(f"footnote-{number_slug(f.marker)}", ("footnotes", i)) for i, f in enumerate(self.footnotes)]
        return parts
