"""The records of an import: those it builds on (`Records`: the tree's and this run's), and those it makes from
what a text says (`records_from_text`): the resolution, and the organization, body and session it belongs to when
the records do not hold them yet. Ids come from symbols and titles (ids.py); nothing is numbered by counting."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from ..errors import ResolvetoolError
from ..ids import slug
from ..kinds import FOLDER_BY_KIND
from .facts import Facts
from .families import family_for
from .parse import ParsedItem, ParsedText, TextWarning


class Records:
    """The records an import can build on: those in the tree (read only when needed), and those this run
    has made."""

    def __init__(self, corpus: Any = None) -> None:
        self.corpus = corpus
        self.paths: dict[str, str] = {}
        self.by_id: dict[str, Any] = {}
        self.by_symbol: dict[str, str] = {}

    def add(self, record: Any, path: str) -> None:
        self.by_id[record.id] = record
        self.paths[record.id] = path
        if record.symbol:
            self.by_symbol[record.symbol.lower()] = record.id

    def get(self, ref: str | None) -> Any:
        if not ref:
            return None
        if ref not in self.by_id and self.corpus is not None and self.corpus.lookup(ref) is not None:
            self.by_id[ref] = self.corpus.record(ref)
        return self.by_id.get(ref)

    def path_of(self, record_id: str) -> str | None:
        if record_id in self.paths:
            return self.paths[record_id]
        entry = self.corpus.by_id.get(record_id) if self.corpus is not None else None
        return entry.path if entry is not None else None

    def owner_of_symbol(self, symbol: str) -> str | None:
        if symbol.lower() in self.by_symbol:
            return self.by_symbol[symbol.lower()]
        if self.corpus is not None:
            for entry in self.corpus.entries:
                if entry.symbol and entry.symbol.lower() == symbol.lower():
                    return entry.id
        return None

    def of_kind(self, kind: str) -> list[Any]:
        found = {record.id: record for record in self.by_id.values() if record is not None and record.kind == kind}
        if self.corpus is not None:
            for entry in self.corpus.entries:
                if entry.kind == kind and entry.valid and entry.id not in found:
                    record = self.get(entry.id)
                    if record is not None:
                        found[entry.id] = record
        return list(found.values())


@dataclass
class Planned:
    record: Any
    path: str  # relative to the project root, "/"-separated
    new: bool  # False: it replaces an existing record (only with --force)


@dataclass
class Built:
    resolution: Any
    planned: list[Planned] = field(default_factory=list)
    warnings: list[TextWarning] = field(default_factory=list)


class BuildError(ResolvetoolError):
    pass


def _formula_key(text: str) -> str:
    words = text.lower().replace("the ", " ", 1).split()
    return " ".join(words)


def records_from_text(
    parsed: ParsedText,
    facts: Facts,
    records: Records,
    records_folder: str,
    *,
    body_id: str | None = None,
    session_id: str | None = None,
) -> Built:
    from ..models import RECORD_ADAPTER

    built = Built(resolution=None)
    made: list[tuple[Any, str]] = []

    def make(data: dict[str, Any]) -> Any:
        record: Any = RECORD_ADAPTER.validate_python(data)
        path = str(PurePosixPath(records_folder, FOLDER_BY_KIND[record.kind], f"{record.id}.yaml"))
        made.append((record, path))
        records.add(record, path)
        return record

    body = _body(facts, records, body_id, make)
    if (
        body_id
        and _formula_key(_strip_ordinal(body.formula)) != _formula_key(facts.body_name)
        and body.formula != facts.body_formula
    ):
        built.warnings.append(
            TextWarning(
                parsed.formula_line,
                f"--body {body_id} opens its resolutions with {body.formula!r}, but this text "
                f"opens with {facts.body_formula!r}",
                "RT506",
                "check that the text belongs to that body; the text's own formula is kept in layout.formula",
            )
        )
    session = _session(facts, records, body, session_id, make)
    resolution = _resolution(parsed, facts, body, session)
    symbol_owner = records.owner_of_symbol(resolution["symbol"]) if resolution.get("symbol") else None
    resolution_id = symbol_owner or resolution["id"]
    resolution["id"] = resolution_id
    existing = records.path_of(resolution_id)
    record = RECORD_ADAPTER.validate_python(resolution)
    record = _with_layout(record, parsed, body, session)
    year = facts.date or (session.start if session is not None else None)
    folder = PurePosixPath(records_folder, "resolutions", *([str(year.year)] if year else []))
    path = existing or str(folder / f"{resolution_id}.yaml")
    built.resolution = record
    built.planned = [Planned(other, path_, True) for other, path_ in made]
    built.planned.append(Planned(record, path, existing is None))
    records.add(record, path)
    return built


def add_instrument(
    built: Built,
    read: Any,
    names: list[str | None],
    facts: Facts,
    records: Records,
    records_folder: str,
    heading: list[str] | None = None,
    annex: int | None = None,
) -> None:
    """The instrument the resolution adopts, as a record of its own beside it (written with it), and the
    resolution pointing at it (`adopts`; and the annex holding it, when it is printed in one), so that
    rendering the resolution prints the instrument's text where it stood. `names` are what the text calls
    it, best first (as the formula cites it, as the adopting clause or the annex's title names it)."""
    from ..models import RECORD_ADAPTER
    from ..textforms import format_date
    from .instrument import instrument_data
    from .lines import strip_markup

    resolution = built.resolution
    kind = read.kind.capitalize()
    printed = next(
        (
            strip_markup(line).rstrip(" .")
            for line in heading or []
            if read.kind in line.lower() and len(line.split()) <= 40
        ),
        None,
    )  # a heading naming it
    title = next((name for name in names if name), None) or printed
    body = records.get(resolution.body)
    if title:
        instrument_id = slug(title, 8)
    else:  # nothing names it: what adopted it, and when
        when = (
            f" on {format_date(facts.date)}"
            if facts.date
            else f" at session {facts.session_number}"
            if facts.session_number
            else ""
        )
        title = f"{kind} adopted by the {getattr(body, 'name', resolution.body)}{when}"
        instrument_id = f"{resolution.id}-{read.kind}"
    if not instrument_id[:1].isalpha():
        instrument_id = f"{read.kind}-{instrument_id}"
    held = records.get(instrument_id)
    if held is not None and held.kind != "instrument":
        raise BuildError(
            f"the instrument this text adopts would be {instrument_id}, which is "
            f"{held.kind} {instrument_id} in the records; import it into a tree without that id"
        )
    existing = records.path_of(instrument_id)
    record = RECORD_ADAPTER.validate_python(
        instrument_data(read, instrument_id, title, getattr(body, "organization", None))
    )
    path = existing or str(PurePosixPath(records_folder, FOLDER_BY_KIND["instrument"], f"{instrument_id}.yaml"))
    records.add(record, path)
    update: dict[str, Any] = {"adopts": instrument_id}
    if annex is not None:  # its text is the instrument's now: the annex keeps its heading and title
        annexes = list(resolution.annexes)
        annexes[annex] = annexes[annex].model_copy(update={"instrument": instrument_id, "text": None})
        update["annexes"] = annexes
    built.resolution = resolution.model_copy(update=update)
    records.add(built.resolution, records.paths[resolution.id])
    built.planned.insert(len(built.planned) - 1, Planned(record, path, existing is None))
    built.planned[-1] = Planned(built.resolution, built.planned[-1].path, built.planned[-1].new)


def _body(facts: Facts, records: Records, body_id: str | None, make) -> Any:
    if body_id:
        body = records.get(body_id)
        if body is None or body.kind != "body":
            raise BuildError(f"--body {body_id}: no body with that id in the records")
        return body
    family = family_for(facts.body_name, facts.symbol)
    wanted = _formula_key(facts.body_name)
    for body in records.of_kind("body"):
        same = _formula_key(_strip_ordinal(body.formula)) == wanted or body.formula == facts.body_formula
        # "The Assembly" is IMO's and ICAO's: a body of the records is this one only within its organization
        if same and (family is None or body.organization == family.organization[0]):
            return body
    style = "interpol" if facts.venue or facts.dates else "ordinal" if facts.ordinal_in_formula else None
    org_name: str | None
    acronym: str | None
    if family is not None:
        org_id, org_name, acronym = family.organization
        new_id, name = family.body
        style = family.house_style or style
        if records.get(new_id) is not None:
            return records.get(new_id)
    else:
        name, org_name = _body_of_organization(facts.body_name)
        if org_name:  # "Committee of Ministers of the Council of Europe": the organization is named
            org_id, acronym = slug(org_name, 6), org_name if org_name.isupper() else None
            new_id = f"{org_id}-{slug(name, 6)}"
        else:
            new_id = slug(name, 8)
            org_id, org_name, acronym = f"{new_id}-organization", name, None
    if records.get(org_id) is None:
        organization = {"id": org_id, "kind": "organization", "name": org_name}
        if acronym:
            organization["acronym"] = acronym
        if family is None and org_name == name:
            organization["notes"] = (
                "Made by import: the text does not say which organization this body belongs "
                "to. Give it its real name and id."
            )
        make(organization)
    formula = facts.body_formula
    if facts.ordinal_in_formula:
        formula = ("THE " if formula.isupper() else "The ") + (name.upper() if formula.isupper() else name)
    data = {"id": new_id, "kind": "body", "name": name, "organization": org_id, "formula": formula}
    if style:
        data["house_style"] = style
    return make(data)


# An organization's name at the end of a body's: "... of the Council of Europe", "... of the International
# Labour Organisation", "... of the Inter-American Development Bank", "... of UNESCO".
_ORGANIZATION = re.compile(
    r"(?:(?:[A-Z][\w'-]*|of|and|for|the|on),?\s)*(?:Organi[sz]ation|Council of Europe|Union|"
    r"Community|Communities|Agency|Fund|Bank|Association|League of Nations|Institute)"
    r"(?:\s(?:for|of|on|and|the|[A-Z][\w'-]*))*|[A-Z]{3,}"
)


def _body_of_organization(name: str) -> tuple[str, str | None]:
    """ "Committee of Ministers of the Council of Europe" -> ("Committee of Ministers", "Council of Europe");
    a name that names no organization -> (name, None)."""
    for found in re.finditer(r" of (the )?", name):
        body, organization = name[: found.start()], name[found.end() :]
        if (found.group(1) or organization.isupper()) and _ORGANIZATION.fullmatch(organization) and body[:1].isupper():
            return body, organization
    return name, None


def _strip_ordinal(formula: str) -> str:
    from .facts import _ORDINAL_WORDS

    head, _, rest = formula.partition(" ")
    found = _ORDINAL_WORDS.match(rest)
    return f"{head} {rest[found.end() :].strip()}" if found else formula


def _session(facts: Facts, records: Records, body: Any, session_id: str | None, make) -> Any:
    if session_id:
        session = records.get(session_id)
        if session is None or session.kind != "session":
            raise BuildError(f"--session {session_id}: no session with that id in the records")
        return session
    number = facts.session_number
    if number is None:
        return None
    for session in records.of_kind("session"):
        if session.body == body.id and session.number == number:
            return session
    data: dict[str, Any] = {"id": f"{body.id}-{number}", "kind": "session", "body": body.id, "number": number}
    if facts.venue:
        data["venue"] = {"city": facts.venue[0], "country": facts.venue[1]}
    if facts.dates:
        data["start"], data["end"] = facts.dates
    if records.get(data["id"]) is not None:
        raise BuildError(
            f"a record {data['id']} exists but is not session {number} of {body.id}; name the session with --session"
        )
    return make(data)


def _items(items: list[ParsedItem]) -> list[dict[str, Any]]:
    return [
        {"label": item.label, "text": item.text, **({"items": _items(item.items)} if item.items else {})}
        for item in items
    ]


def _given(**fields: Any) -> dict[str, Any]:
    """The fields that have a value, in the order given (absent and empty ones are left to their defaults)."""
    return {name: value for name, value in fields.items() if value}


def _clauses(clauses) -> list[dict[str, Any]]:
    return [
        _given(
            part=clause.part,
            heading=clause.heading,
            number=clause.number,
            phrase=clause.phrase,
            text=clause.text,
            items=_items(clause.items),
            tail=clause.tail,
        )
        for clause in clauses
    ]


def _resolution(parsed: ParsedText, facts: Facts, body: Any, session: Any) -> dict[str, Any]:
    title = facts.title  # none printed: none invented (the id is made from the text's first words instead)
    named = title or _first_words(parsed)
    base = slug(facts.symbol) if facts.symbol else f"{session.id if session else body.id}-{slug(named, 6)}"
    if not base[:1].isalpha():  # a symbol that is a number ("10/4", "130 (Rev. Dubai, 2018)") needs its body
        base = f"{body.id}-{base}"
    data: dict[str, Any] = {"id": base, "kind": "resolution"}
    if facts.symbol:
        data["symbol"] = facts.symbol
    if title:
        data["title"] = title
    data["body"] = body.id
    if session is not None:
        data["session"] = session.id
    data["status"] = "adopted"
    if facts.agenda_item:
        data["agenda_item"] = facts.agenda_item
    if facts.committee_reference:
        data["committee_reference"] = facts.committee_reference
    adoption = _given(
        date=facts.date,
        meeting=facts.meeting,
        method=facts.method,
        vote=facts.vote,
        outcome=parsed.outcome,
        statement="\n".join(parsed.closing),
    )
    if adoption:
        data["adoption"] = adoption
    if parsed.parts:
        data["parts"] = [_part(part) for part in parsed.parts]
    data["preamble"] = _clauses(parsed.preamble)
    data["operative"] = _clauses(parsed.operative)
    data["footnotes"] = [
        {"marker": footnote.marker, "text": footnote.text or "(no text)"} for footnote in parsed.footnotes
    ]
    data["annexes"] = [_annex(annex) for annex in parsed.annexes]
    return data


def _first_words(parsed: ParsedText) -> str:
    """What names a text that printed no title and no symbol: the words of its first clause."""
    clause = next(iter(parsed.preamble + parsed.operative), None)
    return " ".join(word for word in (clause.phrase, clause.text) if word) if clause else "resolution"


def _part(part) -> dict[str, Any]:
    from .facts import read_closing

    data = _given(label=part.label, title=part.title)
    if part.closing:
        facts = Facts()
        read_closing(part.closing, facts)
        data["adoption"] = _given(
            date=facts.date,
            meeting=facts.meeting,
            method=facts.method,
            vote=facts.vote,
            statement="\n".join(part.closing),
        )
    return data


def _annex(annex) -> dict[str, Any]:
    printed = "Annex" + (f" {annex.number}" if annex.number else "")  # what render prints without a heading
    return _given(
        heading=annex.heading if annex.heading != printed else None,
        number=annex.number,
        title=annex.title,
        text="\n\n".join(annex.paragraphs),
    )


def _normal(text: str) -> str:
    return " ".join(text.split())


def _with_layout(record: Any, parsed: ParsedText, body: Any, session: Any) -> Any:
    """Keep in `layout` what the house style would print otherwise: nothing when the source printed the
    heading and formula as the style derives them."""
    from ..models.resolution import Layout, Mark
    from ..rendering.styles import Context, style_for

    context = Context(body=body, session=session)
    style = style_for(body)
    layout: dict[str, Any] = {}
    if _normal(" ".join(style.heading(record, context))) != _normal(" ".join(parsed.heading)):
        layout["heading"] = parsed.heading
    if not parsed.formula:
        layout["no_formula"] = True
    elif _normal(style.formula(record, context)) != _normal(parsed.formula):
        layout["formula"] = parsed.formula
    printed_closing = parsed.closing + ([parsed.outcome] if parsed.outcome else [])
    if [_normal(line) for line in style.closing(record, context)] != [_normal(line) for line in printed_closing]:
        layout["closing"] = printed_closing
    if parsed.formula_after_preamble:
        layout["formula_after_preamble"] = True
    if parsed.glued:
        layout["glued"] = parsed.glued
    if parsed.unspaced:
        layout["unspaced"] = parsed.unspaced
    if parsed.footnote_style != "plain":
        layout["footnotes"] = parsed.footnote_style
    marks = [Mark(kind=mark.kind, at=mark.at, offset=mark.offset, text=mark.text) for mark in parsed.marks]
    if marks:
        layout["marks"] = marks
    return record.model_copy(update={"layout": Layout(**layout)}) if layout else record
