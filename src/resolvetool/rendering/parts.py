"""A resolution as the ordered parts a page prints: heading, formula, clauses and items, closing, annexes,
footnotes. Every renderer walks these; the importer measures mark offsets against the same words."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .styles import Context, style_for


@dataclass(frozen=True)
class Part:
    place: str  # the mark place: "formula", "preamble-2", "operative-1/3", "closing", "annex-1", "footnotes"
    # slot (an empty place marks can stand in), heading, formula, section, clause, item, tail, part,
    # part-title, closing, outcome, annex-heading, annex-title, annex-text, footnote
    role: str
    text: str
    depth: int = 0  # nesting of items
    anchor: bool = False  # the part whose words mark offsets count into
    source: Any = field(default=None, compare=False)  # the clause, item or footnote printed


def clause_words(clause: Any) -> str:
    """The printed words of a clause: number, formula and text, as one line."""
    head = " ".join(word for word in (clause.number, clause.phrase) if word)
    return join_words(head, clause.text) if clause.text else head


def item_words(item: Any) -> str:
    return join_words(item.label, item.text)


def join_words(head: str, text: str) -> str:
    """`head` and `text` with a space between, unless the text starts with punctuation ("Decides, that")."""
    if not head:
        return text
    return head + ("" if text[:1] in ",;:.)" else " ") + text


def footnote_line(footnote: Any, style: str) -> str:
    if style == "markdown":
        return f"[^{footnote.marker}]: {footnote.text}"
    return f"{footnote.marker} {footnote.text}"


def annex_heading(annex: Any) -> str:
    return annex.heading or ("Annex" + (f" {annex.number}" if annex.number else ""))


def parts(resolution: Any, context: Context) -> Iterator[Part]:
    """The parts of `resolution` in print order, derived by the body's house style where the source's own
    layout was not kept."""
    style = style_for(context.body)
    layout = resolution.layout
    for line in layout.heading if layout and layout.heading is not None else style.heading(resolution, context):
        yield Part("heading", "heading", line)
    formula = layout.formula if layout and layout.formula else style.formula(resolution, context)
    if layout is not None and layout.no_formula:
        formula = ""  # printed none: an empty slot, where marks placed at the formula still stand
    clauses = [
        (f"{section}-{number}", clause)
        for section in ("preamble", "operative")
        for number, clause in enumerate(getattr(resolution, section), 1)
    ]
    if not resolution.parts:
        late = layout is not None and layout.formula_after_preamble  # "Whereas ...;" then "The Assembly:"
        if not late:
            yield Part("formula", "formula" if formula else "slot", formula, anchor=bool(formula))
        for place, clause in clauses:
            if late and place.startswith("operative"):
                yield Part("formula", "formula", formula, anchor=True)
                late = False
            yield from _clause(place, clause)
        if late:
            yield Part("formula", "formula", formula, anchor=True)
    else:
        yield from _in_parts(resolution, formula, clauses)
    adopted = context.adopted
    in_annex = adopted is not None and any(annex.instrument == resolution.adopts for annex in resolution.annexes)
    if adopted is not None and not in_annex:
        yield from instrument_parts(adopted)
    yield Part("closing", "slot", "")
    closing = layout.closing if layout and layout.closing is not None else style.closing(resolution, context)
    for line in closing:
        role = "outcome" if resolution.adoption and line == resolution.adoption.outcome else "closing"
        yield Part("closing", role, line, anchor=role == "closing")
    for number, annex in enumerate(resolution.annexes, 1):
        place = f"annex-{number}"
        yield Part(place, "annex-heading", annex_heading(annex))
        if annex.title:
            yield Part(place, "annex-title", annex.title)
        if annex.text:
            yield Part(place, "annex-text", annex.text, anchor=True)
        if in_annex and annex.instrument == resolution.adopts:
            yield from instrument_parts(adopted)  # "Annex" / "2025 Political Declaration ..." / its text
    yield Part("footnotes", "slot", "")
    style_name = layout.footnotes if layout else "plain"
    for footnote in resolution.footnotes:
        yield Part("footnotes", "footnote", footnote_line(footnote, style_name), source=footnote)
    yield Part("end", "slot", "")


def _clause(place: str, clause: Any) -> Iterator[Part]:
    if clause.heading:
        yield Part(place, "section", clause.heading)
    yield Part(place, "clause", clause_words(clause), anchor=True, source=clause)
    yield from _items(place, clause.items, 1)
    if clause.tail:
        yield Part(place, "tail", clause.tail)


def _in_parts(resolution: Any, formula: str, clauses: list[tuple[str, Any]]) -> Iterator[Part]:
    """A resolution adopted in parts: each part's label, title and formula, its clauses, and its own adoption
    line when it has one (the last part's is the resolution's, printed after everything)."""
    from .styles import adoption_lines

    labels = {part.label for part in resolution.parts}
    for index, part in enumerate(resolution.parts):
        mine = [(place, clause) for place, clause in clauses if clause.part == part.label]
        place = mine[0][0] if mine else "closing"
        yield Part(place, "part", part.label)
        if part.title:
            yield Part(place, "part-title", part.title)
        if formula:
            yield Part("formula" if index == 0 else place, "formula", formula, anchor=index == 0)
        for here, clause in mine:
            yield from _clause(here, clause)
        if part.adoption is not None and index < len(resolution.parts) - 1:
            for line in adoption_lines(part.adoption):
                yield Part(mine[-1][0] if mine else place, "closing", line)
    for place, clause in clauses:  # a clause naming no listed part (RT211) is still printed, at the end
        if clause.part not in labels:
            yield from _clause(place, clause)


def instrument_parts(instrument: Any) -> Iterator[Part]:
    """The text of an adopted instrument, printed after the operative clauses of the resolution adopting it
    (whose heading or adopting clause names it, so its title is not printed again): its provisions, its
    articles each under its heading line, its closing lines."""
    for provision in instrument.provisions:
        yield from _provision(provision)
    for article in instrument.articles:
        if article.heading:
            yield from (Part("instrument", "section", line) for line in article.heading.split("\n"))
        yield Part("instrument", "section", article.label or f"Article {article.number}")
        if article.title and not article.label:
            yield Part("instrument", "part-title", article.title)
        if article.text:
            yield Part("instrument", "instrument-text", article.text)
        for provision in article.paragraphs:
            yield from _provision(provision)
    for line in instrument.closing:
        yield Part("instrument", "instrument-text", line)


def _provision(provision: Any) -> Iterator[Part]:
    if provision.heading:
        yield from (Part("instrument", "section", line) for line in provision.heading.split("\n"))
    if provision.number or provision.text:
        yield Part("instrument", "instrument-text", _glued(provision.number, provision.text, provision.glued))
    yield from _points(provision.items, 1)
    if provision.tail:
        yield Part("instrument", "instrument-text", provision.tail)


def _points(points: list[Any], depth: int) -> Iterator[Part]:
    for point in points:
        yield Part("instrument", "instrument-item", _glued(point.label, point.text, point.glued), depth=depth)
        yield from _points(point.items, depth + 1)


def _glued(head: str | None, text: str | None, glued: bool) -> str:
    if not head or not text:
        return head or text or ""
    return head + text if glued else join_words(head, text)


def _items(place: str, items: list[Any], depth: int) -> Iterator[Part]:
    for number, item in enumerate(items, 1):
        here = f"{place}/{number}"
        yield Part(here, "item", item_words(item), depth=depth, anchor=True, source=item)
        yield from _items(here, item.items, depth + 1)
