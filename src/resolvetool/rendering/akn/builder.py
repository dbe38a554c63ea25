"""The Akoma Ntoso tree of one resolution, built with lxml so that every text is escaped."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

from ...textforms import format_date
from ..parts import annex_heading, parts
from ..styles import Context
from .identity import NAMESPACE, AknSettings, identity
from .targets import Targets

SOURCE = "source_resolvetool"  # the TLC entry of who marked the document up (no record id holds "_")


class Builder:
    def __init__(self, resolution: Any, context: Context, resolve: Callable[[str], Any], settings: AknSettings) -> None:
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
            E.FRBRWork(
                E.FRBRthis(value=f"{work}/!{component}"),
                E.FRBRuri(value=work),
                *aliases,
                E.FRBRdate(date=date, name=ident.date_name),
                E.FRBRauthor(href=author),
                E.FRBRcountry(value=ident.country),
                E.FRBRsubtype(value="deliberation"),
                E.FRBRnumber(value=ident.number),
                E.FRBRname(value="resolution"),
            ),
            E.FRBRExpression(
                E.FRBRthis(value=f"{expression}/!{component}"),
                E.FRBRuri(value=expression),
                E.FRBRdate(date=date, name=ident.date_name),
                E.FRBRauthor(href=author),
                E.FRBRlanguage(language=ident.language),
            ),
            # The manifestation is dated like the expression, not by the day it was generated, so that the
            # same records always give the same bytes (a diff of two exports shows only real changes).
            E.FRBRManifestation(
                E.FRBRthis(value=f"{expression}/!{component}.xml"),
                E.FRBRuri(value=f"{expression}.akn"),
                E.FRBRdate(date=date, name="markup"),
                E.FRBRauthor(href=f"#{SOURCE}"),
            ),
            source=f"#{SOURCE}",
        )

    def references(self) -> Any:
        E = self.E
        body = self.context.body
        entries = [
            E.TLCOrganization(
                eId=body.id,
                href=f"/akn/ontology/organization/{self.id.country}/{body.id}",
                showAs=" ".join(body.name.split()),
            ),
            E.TLCOrganization(eId=SOURCE, href="/akn/ontology/organization/resolvetool", showAs="resolvetool"),
        ]
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
            elif not titled and resolution.title and resolution.title in line:
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
        if (
            not titled
            and resolution.title
            and " ".join(resolution.title.split()) not in " ".join(" ".join(heading).split())
        ):
            lines.append(E.p(E.docTitle(resolution.title)))
        return E.preface(*lines) if lines else None

    def preamble(self, printed: list[Any]) -> Any:
        E = self.E
        elements = []
        late = self.resolution.layout is not None and self.resolution.layout.formula_after_preamble
        formula = E.formula(E.p(self.formula), name="preambleFormula", eId="preamble__formula_1")
        has_formula = bool(self.formula)  # a text that printed no formula ("1. Ministers invite ...") has none
        if not late and has_formula:
            elements.append(formula)
        for number, clause in enumerate(self.resolution.preamble, 1):
            elements += self.preambular(clause, number, f"preamble__container_{number}", "container")
        if late and has_formula:
            elements.append(formula)
        return E.preamble(*elements) if elements else None

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
        from ..styles import adoption_lines

        E, resolution = self.E, self.resolution
        labels = [part.label for part in resolution.parts]
        elements = []
        for index, part in enumerate(resolution.parts, 1):
            prefix = f"part_{index}"
            inner = (
                [E.hcontainer(E.content(E.p(self.formula)), name="formula", eId=f"{prefix}__formula_1")]
                if self.formula
                else []
            )
            for number, clause in enumerate(resolution.preamble, 1):
                if clause.part == part.label:
                    inner += self.preambular(clause, number, f"{prefix}__hcontainer_{number}", "hcontainer")
            for number, clause in enumerate(resolution.operative, 1):
                if clause.part == part.label:
                    inner += self.paragraph(clause, number, f"{prefix}__para_{number}")
            if part.adoption is not None and index < len(resolution.parts):
                inner.append(
                    E.hcontainer(
                        E.content(*[E.p(line) for line in adoption_lines(part.adoption)] or [E.p()]),
                        name="adoption",
                        eId=f"{prefix}__adoption",
                    )
                )
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
        before = (
            [E.hcontainer(E.heading(clause.heading), name="crossHeading", eId=f"{eid}__crossHeading")]
            if clause.heading
            else []
        )
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
                point = E.point(
                    E.num(item.label),
                    E.intro(line),
                    self.point_list(item.items, point_id, f"{place}/{index}"),
                    eId=point_id,
                )
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
            entry = E.item(
                E.num(item.label),
                E.p(*self.marked(item.text, item.refs, place=here, offset=len(item.label) + 1)),
                *inner,
                eId=item_id,
            )
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
            head.append(
                E.inline(clause.phrase, name="operativePhrase" if place.startswith("operative") else "preambularPhrase")
            )
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
        pieces: list[tuple[int, int, Any]] = [
            (start, end, self.E.ref(text[start:end], href=self.targets.href(ref)))
            for start, end, ref in self._spans(text, refs)
        ]
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
        return self.E.authorialNote(
            self.E.p(*self.marked(footnote.text, footnote.refs)),
            marker=marker,
            placement="bottom",
            eId=f"authorialNote_{number}",
        )

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
        closing = False  # the closing lines are those after the closing slot (a part's own come before it)
        for part in printed:
            if part.role == "slot":
                closing = part.place == "closing"
            elif closing and part.role == "outcome":
                lines.append(E.p(E.docStatus(part.text)))
            elif closing and part.role == "closing":
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
        if date is not None and shown and shown in text:  # (shown is None when date is)
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
            paragraphs = [
                E.p(*self.marked(paragraph, annex.refs))
                for paragraph in (annex.text or "").split("\n\n")
                if paragraph.strip()
            ] or [E.p()]
            preface = E.preface(E.p(E.docTitle(annex_heading(annex))), *([E.p(annex.title)] if annex.title else []))
            doc = E.doc(
                E.meta(self.identification(self.id.work, self.id.expression, component)),
                preface,
                E.mainBody(*paragraphs),
                name="annex",
            )
            attachment = E.attachment(doc, eId=f"att_{number}")
            self.refers(attachment, annex)
            annexes.append(attachment)
        return E.attachments(*annexes) if annexes else None
