"""What a web page shows of one record, as plain data for the templates: the heading, the facts with each
reference turned into a link titled by what it names, the text (a resolution's clauses in its body's house
style, an agreement's lifecycle as a timeline, an instrument's articles, a report's appendices, an
organization's units and offices, each with the anchor its references use), and what points back.

The records a page draws on besides its own, its neighbours, come from `Neighbours` (the index for one page, the whole
tree held in memory for a site), so that a page can be built from one file and a few lookups.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol
from urllib.parse import quote

from ..kinds import FOLDER_BY_KIND
from ..models.common import number_slug
from ..relations import relation_label
from ..textforms import date_range, format_date, ordinal_suffix
from .parts import parts
from .styles import STYLES, Context, style_for

# The folder of a site that holds each kind's pages: named as the records' folders are (kinds.py).
KIND_FOLDERS = FOLDER_BY_KIND
# Fields a page shows in its own sections, not again among the facts.
_SHOWN_APART = frozenset(
    {
        "id",
        "kind",
        "title",
        "name",
        "status",
        "preamble",
        "operative",
        "layout",
        "footnotes",
        "annexes",
        "parts",
        "lifecycle",
        "articles",
        "appendices",
        "units",
        "offices",
        "notes",
    }
)


class Neighbour(NamedTuple):
    """What a page shows of another record: enough for a link and a line in a list. (A tuple: a site
    holds one for every record.)"""

    id: str
    kind: str | None = None
    title: str | None = None
    symbol: str | None = None
    status: str | None = None
    date: str | None = None  # ISO: the record's own date (a resolution's adoption), shown
    when: str | None = None  # what it is filed and sorted by: its date or, failing that, its session's first day


@dataclass(frozen=True, slots=True)
class Group:
    """Records pointing at a page's record for one reason ("Approved by"), most recent first."""

    relation: str
    kind: str | None
    records: tuple[Neighbour, ...]
    total: int

    @property
    def label(self) -> str:
        return relation_label(self.relation)


class Neighbours(Protocol):
    """The rest of the records, as far as one page needs them."""

    def about(self, ids: Iterable[str]) -> dict[str, Neighbour]: ...

    def pointing(self, record_id: str) -> list[Group]: ...

    def has_part(self, record_id: str, fragment: str) -> bool | None:
        """Whether the record has a part of that name (None: not known)."""


class Links:
    """Where pages are, relative to the page being written. `base` None: other records are not linked
    (a page on its own), only named."""

    def __init__(self, base: str | None) -> None:
        self.base = base.rstrip("/") + "/" if base else base

    def record(self, record_id: str, kind: str | None, fragment: str | None = None) -> str | None:
        folder = KIND_FOLDERS.get(kind or "")
        if self.base is None or folder is None:
            return None
        return f"{self.base}{folder}/{quote(record_id, safe='.-_')}.html" + (
            f"#{quote(fragment, safe='.-_')}" if fragment else ""
        )

    def page(self, path: str) -> str | None:
        return None if self.base is None else self.base + path

    @staticmethod
    def anchor(fragment: str) -> str:
        return "#" + quote(fragment, safe=".-_")


@dataclass
class Link:
    """A reference as the page shows it: the words to show, where it goes (None: nowhere), a title."""

    ref: str
    text: str
    href: str | None
    title: str | None = None  # the full title, when the text shown is a symbol
    kind: str | None = None
    note: str | None = None  # "no such record" for a dangling reference


@dataclass
class Block:
    """One printed piece of a resolution's text, in order: role as in rendering.parts."""

    role: str
    text: str = ""
    anchor: str | None = None
    number: str | None = None
    phrase: str | None = None
    operative: bool = False
    depth: int = 0
    links: list[Link] = field(default_factory=list)


@dataclass
class Fact:
    label: str
    value: str | None = None
    link: Link | None = None
    children: list[Fact] = field(default_factory=list)


def when(record: Any, session: Any = None) -> dt.date | None:
    """A resolution's date: its adoption, or else the first day of its session."""
    adoption = getattr(record, "adoption", None)
    if adoption is not None and adoption.date is not None:
        return adoption.date
    return getattr(session, "start", None) if session is not None else None


def record_page(
    record: Any,
    *,
    neighbours: Neighbours,
    links: Links,
    resolve: Callable[[str], Any] | None = None,
    any_style: bool = False,
) -> dict[str, Any]:
    """The template context of `record`'s page. `resolve` (id -> full record) gives a resolution its body
    and session, which its house style prints from. A house style resolvetool does not have is an error
    (UnknownStyle), unless `any_style`: then the standard style prints it."""
    kind = record.kind
    refs = sorted({ref.split("#", 1)[0] for ref in _references(record)})
    known = neighbours.about(refs)

    def link(ref: str) -> Link:
        target, _, fragment = ref.partition("#")
        row = known.get(target)
        if row is None:
            return Link(ref, ref, None, note="no such record")
        if fragment and neighbours.has_part(target, fragment) is False:
            return Link(
                ref,
                f"{row.symbol or row.title or row.id}, {fragment.replace('-', ' ')}",
                None,
                row.title if row.symbol else None,
                kind=row.kind,
                note="no such part",
            )
        # A record with an official symbol is cited by it ("AG-2012-RAP-18", "A/RES/80/1"); the title is
        # the link's tooltip. Others by their title or name.
        text = row.symbol or row.title or row.id
        if fragment:
            text = f"{text}, {fragment.replace('-', ' ')}"
        return Link(
            ref,
            text,
            links.record(row.id, row.kind, fragment or None),
            row.title if row.symbol else None,
            kind=row.kind,
        )

    page: dict[str, Any] = {
        "record": record,
        "kind": kind,
        "id": record.id,
        "symbol": getattr(record, "symbol", None),
        "title": _title(record),
        "status": getattr(record, "status", None) or _agreement_status(record),
        "notes": getattr(record, "notes", None),
        "facts": _facts(record, link),
        "house": "standard",
        "groups": neighbours.pointing(record.id),
        "link": link,
    }
    if kind == "resolution":
        context = _context(record, resolve)
        if context is not None and any_style and context.body.house_style not in (None, *STYLES):
            context = Context(context.body.model_copy(update={"house_style": None}), context.session, context.adopted)
        page["house"] = style_for(context.body).name if context else "standard"
        page["blocks"] = _blocks(record, context, link) if context else []
        date = when(record, context.session if context else None)
        page["year"] = date.year if date else None
        page["dated"] = format_date(record.adoption.date) if record.adoption and record.adoption.date else None
    elif kind == "agreement":
        page["timeline"] = _timeline(record, link)
    elif kind == "session":
        page["when"] = date_range(record.start, record.end).removeprefix("on ") if record.start else None
        page["ordinal"] = f"{ordinal_suffix(record.number)} session"
    return page


def _title(record: Any) -> str:
    for name in ("title", "name", "subject", "symbol"):
        value = getattr(record, name, None)
        if isinstance(value, str) and value:
            return " ".join(value.split())
    if record.kind == "session":
        words = [f"{ordinal_suffix(record.number)} session"]
        if record.venue is not None:
            words.append(record.venue.city)
        return ", ".join(words)
    return record.id


def _agreement_status(record: Any) -> str | None:
    return record.status if record.kind == "agreement" else None


def _context(record: Any, resolve: Callable[[str], Any] | None) -> Context | None:
    """The body and session a resolution is printed with; None when its body is not a valid body (validate
    says so), and no session when what it names is not a session."""
    if resolve is None:
        return None
    body = resolve(record.body)
    if getattr(body, "kind", None) != "body":
        return None
    session = resolve(record.session) if record.session else None
    adopted = resolve(record.adopts) if record.adopts else None  # printed with it, after its clauses or in its annex
    return Context(
        body=body,
        session=session if getattr(session, "kind", None) == "session" else None,
        adopted=adopted if getattr(adopted, "kind", None) == "instrument" else None,
    )


def _references(record: Any) -> list[str]:
    from ..models.refs import references

    return [ref for _, ref, _ in references(record)]


def _blocks(resolution: Any, context: Context, link: Callable[[str], Link]) -> list[Block]:
    """The resolution's printed parts as blocks, clauses anchored as their references name them."""
    anchors = {
        id(clause): f"{section}-{number}"
        for section in ("preamble", "operative")
        for number, clause in enumerate(getattr(resolution, section), 1)
    }
    # The same names models.resolution.Resolution.fragments gives these parts.
    footnotes = {id(footnote): f"footnote-{number_slug(footnote.marker)}" for footnote in resolution.footnotes}
    annexes = [
        f"annex-{number_slug(annex.number) if annex.number else number}"
        for number, annex in enumerate(resolution.annexes, 1)
    ]
    blocks: list[Block] = []
    annex_number = 0
    for part in parts(resolution, context):
        source = part.source
        if part.role == "slot":
            continue
        if part.role == "clause":
            text = source.text or ""
            if text and (source.phrase or source.number) and text[:1] not in ",;:.)":
                text = " " + text  # "APPROVES the ...", but "Decides, that ..."
            blocks.append(
                Block(
                    "clause",
                    text,
                    anchors.get(id(source)),
                    source.number,
                    source.phrase,
                    part.place.startswith("operative"),
                    links=[link(ref) for ref in source.refs],
                )
            )
        elif part.role == "item":
            blocks.append(
                Block(
                    "item", source.text, number=source.label, depth=part.depth, links=[link(ref) for ref in source.refs]
                )
            )
        elif part.role == "footnote":
            blocks.append(
                Block(
                    "footnote",
                    source.text,
                    footnotes.get(id(source)),
                    source.marker,
                    links=[link(ref) for ref in source.refs],
                )
            )
        elif part.role == "annex-heading":
            annex_number += 1
            blocks.append(
                Block(
                    "annex-heading",
                    part.text,
                    annexes[annex_number - 1],
                    links=[link(ref) for ref in resolution.annexes[annex_number - 1].refs],
                )
            )
        elif part.role == "annex-text":
            blocks += [Block("annex-text", paragraph) for paragraph in part.text.split("\n\n")]
        else:
            blocks.append(Block(part.role, part.text))
    return blocks


def _timeline(agreement: Any, link: Callable[[str], Link]) -> list[dict[str, Any]]:
    """An agreement's lifecycle in order: the event, its date as printed, who acted and in what document."""
    steps = []
    for event in agreement.lifecycle:
        steps.append(
            {
                "event": event.event,
                "date": event.date.isoformat() if event.date else None,
                "shown": format_date(event.date) if event.date else "date not recorded",
                "by": link(event.by) if event.by else None,
                "document": link(event.document) if event.document else None,
                "note": event.note,
            }
        )
    return steps


def _facts(record: Any, link: Callable[[str], Link]) -> list[Fact]:
    """Every field not shown in a section of its own, nested as in the file, references as links."""
    from ..models.refs import reference_fields

    data = record.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    return [
        fact
        for key, value in data.items()
        if key not in _SHOWN_APART
        for fact in _fact(key, value, key, reference_fields(), link)
    ]


def _fact(label: str, value: Any, path: str, refs: frozenset[str], link: Callable[[str], Link]) -> list[Fact]:
    shown = label.replace("_", " ")
    if isinstance(value, dict):
        children = [fact for key, item in value.items() for fact in _fact(key, item, f"{path}.{key}", refs, link)]
        return [Fact(shown, children=children)] if children else []
    if isinstance(value, list):
        if all(not isinstance(item, (dict, list)) for item in value):
            return [fact for item in value for fact in _fact(label, item, path, refs, link)]
        out = []
        for number, item in enumerate(value, 1):
            out += [
                Fact(
                    f"{shown} {number}",
                    children=_fact(label, item, path, refs, link)[0].children if isinstance(item, dict) else [],
                )
            ]
        return out
    if path in refs and isinstance(value, str):
        return [Fact(shown, link=link(value))]
    if isinstance(value, bool):
        value = "yes" if value else "no"
    return [Fact(shown, str(value))]
