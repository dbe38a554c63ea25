"""What a resolution's references name: a TLC entry each, where each leads, and the words naming them."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ...models.common import number_slug
from ...textforms import ordinal_suffix
from ..styles import Context
from .identity import AknError, AknSettings, identity


class Targets:
    """What the references of one resolution name: a TLC entry each, an href, and the words naming them.
    References to the resolution's own parts (`#operative-2`) point inside the document instead."""

    def __init__(self, resolution: Any, work: str, resolve: Callable[[str], Any], settings: AknSettings) -> None:
        self.resolution = resolution
        self.work = work
        self.resolve = resolve
        self.settings = settings
        self.own = eids(resolution)  # the resolution's part names -> their eIds
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
            element = (
                "TLCOrganization"
                if kind in ("organization", "body")
                else "TLCEvent"
                if kind == "session"
                else "TLCReference"
            )
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
                portion = eids(record).get(fragment) if fragment else None
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


def eids(resolution: Any) -> dict[str, str]:
    """A resolution's part names (as references name them) -> the eIds of its Akoma Ntoso document."""
    labels = [part.label for part in resolution.parts]
    eids = {}
    for n, clause in enumerate(resolution.preamble, 1):
        if not labels:
            eids[f"preamble-{n}"] = f"preamble__container_{n}"
        else:  # adopted in parts: in its part, or after the parts when it names none of them
            eids[f"preamble-{n}"] = (
                f"part_{labels.index(clause.part) + 1}__hcontainer_{n}" if clause.part in labels else f"hcontainer_{n}"
            )
    for n, clause in enumerate(resolution.operative, 1):
        eids[f"operative-{n}"] = (
            f"part_{labels.index(clause.part) + 1}__para_{n}" if clause.part in labels else f"para_{n}"
        )
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
        if getattr(record, "kind", None) == "resolution":
            name = record.symbol or " ".join((record.title or record.id).split())
            section, _, number = fragment.partition("-")
            what = {"preamble": "preambular paragraph", "operative": "paragraph"}.get(section, section)
            return f"{name}, {what} {number}" if number else name
        return None
    for name in ("title", "name", "symbol"):
        value = getattr(record, name, None)
        if isinstance(value, str) and value:
            return " ".join(value.split())
    if getattr(record, "kind", None) == "session":
        return f"{ordinal_suffix(record.number)} session" + (f", {record.venue.city}" if record.venue else "")
    return None
