"""One record file to the rows the index keeps of it (runs in worker processes when there are many).

What is kept: the record's id, kind, symbol, the title it is shown with, its status and date; every
field value a query can filter on (words excepted); every reference with the field it stands in (for
"what points back here"); and its words for full-text search. A file that does not parse or does not
pass the schema is indexed too, with what can be read of it and its first problem, so that `show`
can say why instead of claiming the record does not exist.
"""

from __future__ import annotations

import datetime as dt
import os
from functools import cache
from typing import Any

from .catalogue import PRESENTATION, WORDS

# Fields whose values are not words a reader searches for.
_NOT_WORDS = frozenset({"ref", "date", "enum", "bool", "number"})
_NAME_FIELDS = ("id", "kind", "symbol")
_TITLE_FIELDS = ("title", "name", "subject")
_INT_LIMIT = 2**63
_IN_RECORDS = frozenset({"id", "kind", "symbol", "title", "status"})


@cache
def catalogue() -> dict[str, dict[str, Any]]:
    from .catalogue import build_catalogue

    return build_catalogue()


@cache
def _types() -> dict[str, str]:
    return {name: info["type"] for name, info in catalogue().items()}


def extract(raw: bytes, display: str) -> tuple:
    """(id, kind, symbol, title, status, date, valid, problem, fields, refs, words, parts), marshal-able.

    fields: ((name, value), ...); refs: ((target, fragment, field), ...); words: (title, text, names);
    parts: the names of the record's parts (None when it is not valid)."""
    from pydantic import ValidationError

    from ..models import RECORD_ADAPTER
    from ..schemaerrors import validation_diagnostics
    from ..source import parse_source

    stem = os.path.basename(display).rsplit(".", 1)[0]
    doc = parse_source(raw, display)
    data = doc.data
    if not isinstance(data, dict):
        unread = _problem(doc.diagnostics) or "the file holds no record"
        return (stem, None, None, None, None, None, False, unread, (), (), ("", "", stem), None)
    problem = _problem(doc.diagnostics)
    valid = problem is None
    record = None
    if valid:
        try:
            record = RECORD_ADAPTER.validate_python(data)
        except ValidationError as error:
            valid = False
            problem = _problem(validation_diagnostics(error, doc))
    if record is not None:  # validate's checks inside one record (parts named twice, dates backwards)
        from ..consistency import record_checks

        problem = _problem(record_checks(record, doc))
        if problem is not None:
            valid, record = False, None
    kind = _text(data.get("kind"))
    record_id = _text(data.get("id")) or stem
    symbol = _text(data.get("symbol"))
    title = label(data)
    status = _status(data, record)
    date = _date(data)
    fields = list(flatten(data, ""))
    refs = _refs(fields)
    # What the records table holds (id, kind, symbol, title, status, date) and what the refs table holds
    # is not repeated here; the query layer reads each field where it is kept.
    kept = [(name, value) for name, value in fields if name not in _IN_RECORDS and _types().get(name) != "ref"]
    names = " ".join(filter(None, (record_id, symbol)))
    return (
        record_id,
        kind,
        symbol,
        title,
        status,
        date,
        valid,
        problem,
        tuple(dict.fromkeys(kept)),
        tuple(dict.fromkeys(refs)),
        (title or "", "\n".join(_words(data)), names),
        tuple(name for name, _ in record.fragments()) if record is not None else None,
    )


def _problem(diagnostics: Any) -> str | None:
    for diagnostic in diagnostics:
        if diagnostic.severity.value == "error":
            return f"{diagnostic.line}:{diagnostic.col}: {diagnostic.code} {diagnostic.message}"
    return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def label(data: dict[str, Any]) -> str | None:
    """What a record is shown as: its title, name or subject; a session without a title by its number."""
    for key in _TITLE_FIELDS:
        if _text(data.get(key)):
            return " ".join(data[key].split())
    if data.get("kind") == "session" and isinstance(data.get("number"), int):
        from ..textforms import date_range, ordinal_suffix

        number = data["number"]
        words = [f"{ordinal_suffix(number)} session"]
        venue = data.get("venue")
        if isinstance(venue, dict) and _text(venue.get("city")):
            words.append(venue["city"])
        start, end = (_iso(data.get("start")), _iso(data.get("end")))
        if start:
            words.append(date_range(start, end).removeprefix("from ").removeprefix("on "))
        return ", ".join(words)
    return _text(data.get("symbol"))


def _iso(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _status(data: dict[str, Any], record: Any) -> str | None:
    if data.get("kind") == "agreement":
        if record is not None:
            return record.status
        return None
    return _text(data.get("status"))


def _date(data: dict[str, Any]) -> str | None:
    """The record's own date (see catalogue.DERIVED), only when it is a real date."""
    kind = data.get("kind")
    value: Any = None
    if kind == "resolution" and isinstance(data.get("adoption"), dict):
        value = data["adoption"].get("date")
    elif kind == "session":
        value = data.get("start")
    elif kind == "agreement" and isinstance(data.get("lifecycle"), list):
        dates = [step.get("date") for step in data["lifecycle"] if isinstance(step, dict)]
        iso_dates = [d for d in dates if isinstance(d, str) and _iso(d)]  # (_iso reads strings only)
        value = max(iso_dates) if iso_dates else None
    else:
        value = data.get("date")
    return value if _iso(value) else None


def _leaves(value: Any, path: str):
    """(field path, scalar) for every value of a record but its presentation, list levels left out."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and (path or key not in PRESENTATION):
                yield from _leaves(item, _join(path, key))
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item, path)
    else:
        yield path, value


def flatten(value: Any, path: str):
    """(field path, value) for every value a query can filter on: words left out, true/false as 1/0."""
    for name, item in _leaves(value, path):
        if name.rsplit(".", 1)[-1] in WORDS:
            continue
        if isinstance(item, bool):
            yield name, int(item)
        elif isinstance(item, int):
            yield name, item if -_INT_LIMIT <= item < _INT_LIMIT else str(item)  # SQLite holds 64 bits
        elif isinstance(item, str) and item != "":
            yield name, item


def _join(path: str, key: str) -> str:
    if not path:
        return key
    if path.endswith(f".{key}") or path == key:  # items within items are named as items
        return path
    return f"{path}.{key}"


def _refs(fields: list[tuple[str, Any]]) -> list[tuple[str, str, str]]:
    """(target id, fragment, field) for every value in a reference field."""
    out = []
    for name, value in fields:
        if isinstance(value, str) and _types().get(name) == "ref":
            target, _, fragment = value.partition("#")
            out.append((target, fragment, name))
    return out


def _words(data: dict[str, Any]):
    """The record's words in the order it prints them: formulas, clause text, items, annexes, names (its
    id, symbol and title are indexed apart)."""
    types = _types()
    for name, value in _leaves(data, ""):
        if not isinstance(value, str) or name in _NAME_FIELDS or name in _TITLE_FIELDS:
            continue
        if name.rsplit(".", 1)[-1] in WORDS or (types.get(name) or "text") not in _NOT_WORDS:
            yield " ".join(value.split())
