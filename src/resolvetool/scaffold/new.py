"""`resolvetool new KIND`: a new record, valid at once, in its kind's folder, with what it can learn from the
records it belongs to (a resolution's body from its session, its year folder from the session's dates).

Ids are derived from what names the record (a symbol, or the session or body and the first words of the
title), never "the highest number + 1": two clerks drafting on two branches would both take the same
number, while two different titles give two different ids.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from ..errors import ResolvetoolError
from ..ids import gives_an_id, slug
from ..kinds import FOLDER_BY_KIND, KINDS


class NewError(ResolvetoolError):
    """The record cannot be made as asked; the message says what to give instead."""


_T = TypeVar("_T")


def _given(value: _T | None) -> _T:
    """An option that new_record has already checked is given (`_NEEDS`), as its type without None."""
    assert value is not None, "new_record checks the options each kind needs"
    return value


def _made_id(text: str, option: str, words: int | None = None) -> str:
    """An id made from `text` ("Cooperation with Europol" -> "cooperation-with-europol"); an error when nothing of
    it is a Latin letter or a digit, rather than a placeholder every such title would share."""
    if not gives_an_id(text):
        raise NewError(
            f"{option} {text!r} has no Latin letters or digits to make an id from; give the id with --id "
            f"(lower-case letters, digits, '.' and '-')"
        )
    return slug(text, words)


@dataclass
class Request:
    """What `new` was told, by option."""

    kind: str
    title: str | None = None
    name: str | None = None
    symbol: str | None = None
    body: str | None = None
    session: str | None = None
    organization: str | None = None
    acronym: str | None = None
    formula: str | None = None
    number: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    city: str | None = None
    country: str | None = None
    parties: list[str] = field(default_factory=list)
    record_id: str | None = None


@dataclass
class NewRecord:
    record: Any
    path: str  # relative to the project folder, with forward slashes
    text: str


# What each kind needs from the options (beyond the id, which is derived).
_NEEDS = {
    "resolution": ("title",),
    "agreement": ("title",),
    "report": ("symbol",),
    "session": ("body", "number"),
    "body": ("name", "organization"),
    "organization": ("name",),
    "instrument": ("title",),
}


def new_record(settings: Any, request: Request, *, index: Any = None) -> NewRecord:
    """The record `request` describes, checked against the models and the tree, and its file's text."""
    from pydantic import ValidationError

    from ..index import open_index
    from ..models import RECORD_ADAPTER
    from ..recordyaml import record_file_text
    from ..schemaerrors import field_path

    if request.kind not in KINDS:
        raise NewError(f"unknown kind {request.kind!r}; choose one of {', '.join(KINDS)}")
    missing = [f"--{name}" for name in _NEEDS[request.kind] if getattr(request, name) in (None, "")]
    if request.kind == "resolution" and not (request.session or request.body):
        missing.append("--session or --body")
    if missing:
        raise NewError(f"a new {request.kind} needs {' and '.join(missing)}")
    own = index is None
    index = index or open_index(settings)
    try:
        data, year = _data(request, _Lookup(index))
        if request.record_id:
            data["id"] = request.record_id
        taken = index.find(data["id"])
        if taken and taken[0].id == data["id"]:
            raise NewError(
                f"the id {data['id']!r} is taken by {taken[0].path}; give another with --id, or a "
                f"title that tells the two apart"
            )
    finally:
        if own:
            index.close()
    try:
        record = RECORD_ADAPTER.validate_python(data)
    except ValidationError as error:
        first = error.errors()[0]
        raise NewError(
            f"the new {request.kind} would not be valid: {field_path(first['loc'][1:])}: {first['msg']}"
        ) from None
    folder = PurePosixPath(Path(settings.records).relative_to(settings.root).as_posix(), FOLDER_BY_KIND[record.kind])
    if record.kind == "resolution" and year is not None:
        folder /= str(year)
    path = str(folder / f"{record.id}.yaml")
    # The text is made (and read back: WriteRefused when it would not read back as the record) before the
    # checks, which read the same text.
    text = record_file_text(settings, record, path)
    _check_inside(record, request.kind, text)
    if (Path(settings.root) / path).exists():
        raise NewError(f"{path} exists already; give another id with --id")
    return NewRecord(record, path, text)


def _check_inside(record: Any, kind: str, text: str) -> None:
    """validate's checks inside one record (a session ending before it starts ...), before anything is written."""
    from ..consistency import record_checks
    from ..source import parse_source

    doc = parse_source(text.encode("utf-8"), "new")
    errors = [d for d in record_checks(record, doc) if d.severity.value == "error"]
    if errors:
        raise NewError(
            f"the new {kind} would not be valid: {errors[0].message}"
            + (f"; {errors[0].hint}" if errors[0].hint else "")
        )


class _Lookup:
    """The records a new one names, found in the index (in any case, by id or symbol)."""

    def __init__(self, index: Any) -> None:
        self.index = index

    def __call__(self, ref: str, kind: str, option: str) -> Any:
        record = self.index.record(ref)
        if record is None or record.kind != kind:
            close = self.index.suggest(ref)
            what = "no such record" if record is None else f"it is {_article(record.kind)}, not {_article(kind)}"
            hint = f"; did you mean {', '.join(close)}?" if close and record is None else ""
            raise NewError(f"{option} {ref}: {what}{hint}")
        return record


def _article(word: str) -> str:
    from ..textforms import with_article

    return with_article(word)


def _data(request: Request, find: _Lookup) -> tuple[dict[str, Any], int | None]:
    """The new record's fields, and for a resolution the year folder it goes in."""
    kind = request.kind
    data: dict[str, Any] = {"id": "", "kind": kind}
    # With --id the id is given, and nothing needs to be made from the title or name.
    _id_from = (lambda *_: request.record_id) if request.record_id else _made_id
    year = None
    if kind == "resolution":
        session = find(request.session, "session", "--session") if request.session else None
        body = (
            find(request.body, "body", "--body")
            if request.body
            else find(_given(session).body, "body", "the session's body")  # --session or --body is given
        )
        if session is not None and session.body != body.id:
            raise NewError(f"--session {session.id} is a session of {session.body}, not of {body.id}")
        within = session.id if session else body.id
        base = (
            _id_from(request.symbol, "--symbol")
            if request.symbol
            else f"{within}-{_id_from(_given(request.title), '--title', 6)}"
        )
        data |= {
            "id": base,
            **({"symbol": request.symbol} if request.symbol else {}),
            "title": request.title,
            "body": body.id,
            **({"session": session.id} if session else {}),
            "status": "draft",
        }
        year = session.start.year if session is not None and session.start else None
    elif kind == "session":
        body = find(_given(request.body), "body", "--body")
        data |= {"id": f"{body.id}-{request.number}", "body": body.id, "number": request.number}
        if request.city or request.country:
            if not (request.city and request.country):
                raise NewError("a venue needs both --city and --country")
            data["venue"] = {"city": request.city, "country": request.country}
        data |= {key: value for key, value in (("start", request.start), ("end", request.end)) if value}
    elif kind == "body":
        organization = find(_given(request.organization), "organization", "--organization")
        data |= {
            "id": f"{organization.id}-{_id_from(_given(request.name), '--name', 6)}",
            "name": request.name,
            "organization": organization.id,
            "formula": request.formula or f"The {request.name}",
        }
    elif kind == "organization":
        made = (
            _id_from(request.acronym, "--acronym") if request.acronym else _id_from(_given(request.name), "--name", 6)
        )
        data |= {"id": made, "name": request.name, **({"acronym": request.acronym} if request.acronym else {})}
    elif kind == "agreement":
        parties = [find(party, "organization", "--party").id for party in request.parties]
        twice = next((party for party in parties if parties.count(party) > 1), None)
        if twice:
            raise NewError(f"--party {twice} is given twice")
        data |= {"id": _id_from(_given(request.title), "--title", 6), "title": request.title, "parties": parties}
    elif kind == "report":
        session = find(request.session, "session", "--session") if request.session else None
        body = find(request.body or _given(session).body, "body", "--body") if (request.body or session) else None
        if session is not None and body is not None and session.body != body.id:
            raise NewError(f"--session {session.id} is a session of {session.body}, not of {body.id}")
        data |= {
            "id": _id_from(_given(request.symbol), "--symbol"),
            "symbol": request.symbol,
            **({"title": request.title} if request.title else {}),
            **({"body": body.id} if body else {}),
            **({"session": session.id} if session else {}),
        }
    elif kind == "instrument":
        organization = find(request.organization, "organization", "--organization") if request.organization else None
        base = _id_from(_given(request.title), "--title", 6)
        data |= {
            "id": f"{organization.id}-{base}" if organization else base,
            "title": request.title,
            **({"organization": organization.id} if organization else {}),
        }
    return data, year
