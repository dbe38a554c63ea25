"""The fields a query can name: every field of every kind of record, read from the models, and a few
derived ones (`date`, `year`, `phrase`, `refs`, `adopted`) that answer the common questions directly.

A field is named by its path with list levels left out: `adoption.date`, `preamble.phrase`,
`lifecycle.event`. Its type decides how a filter's value is read: dates compare as dates (and a year
or a month stands for its days), numbers as numbers, `enum` values must be among the choices.
Words (clause text, tails, notes) are not fields: `search` finds them. The catalogue is computed
when the index is built (it needs the models) and kept in it, so that queries never import them.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Literal, Union

# Leaf names whose values are running words: searched, not filtered (and kept out of the fields table).
WORDS = frozenset({"text", "tail", "notes", "note", "statement", "description"})
# Subtrees that say how a source was printed, not what it says.
PRESENTATION = frozenset({"layout"})

# Derived fields: computed from the record when it is indexed.
DERIVED: dict[str, dict[str, Any]] = {
    "date": {
        "type": "date",
        "help": "the record's own date: a resolution's adoption, a session's start, an agreement's latest dated event",
    },
    "year": {"type": "number", "help": "the year of `date`"},
    "adopted": {"type": "date", "help": "a resolution's adoption date (adoption.date)"},
    "phrase": {"type": "text", "many": True, "help": "the formula of any preambular or operative clause"},
    "refs": {
        "type": "ref",
        "many": True,
        "help": "every record and part the record points to, anywhere in it (with and without #part)",
    },
    "cites": {
        "type": "ref",
        "many": True,
        "help": "what the record's words cite: the references of its clauses, items, annexes, footnotes",
    },
    "status": {
        "type": "enum",
        "help": "a resolution's status, or an agreement's from its lifecycle",
        "choices": [
            "draft",
            "adopted",
            "rejected",
            "withdrawn",
            "superseded",
            "approved",
            "signed",
            "in-force",
            "terminated",
        ],
        "kinds": ["agreement", "resolution"],
    },
    "title": {"type": "text", "help": "the title, name or subject the record is shown with"},
    "path": {"type": "text", "help": "the record's file, relative to the project folder"},
    "valid": {"type": "bool", "help": "whether the record passes the schema"},
}


def build_catalogue() -> dict[str, dict[str, Any]]:
    """name -> {"type": date|number|bool|enum|ref|text, "kinds": [...], "choices": [...], "help": ...}."""
    from ..models import MODEL_BY_KIND

    found: dict[str, dict[str, Any]] = {}
    for kind, model in MODEL_BY_KIND.items():
        _walk_model(model, "", kind, found, set(), False)
    for name, info in DERIVED.items():
        merged = found.setdefault(name, {"type": info["type"], "kinds": [], "many": False})
        merged.update({key: value for key, value in info.items() if key != "kinds"})
        merged["kinds"] = sorted(set(merged["kinds"]) | set(info.get("kinds", [])))
    return dict(sorted(found.items()))


def _walk_model(model: Any, prefix: str, kind: str, found: dict, seen: set, many: bool) -> None:
    if model in seen:  # Item holds Items: one level names them all
        return
    seen = seen | {model}
    for name, info in model.model_fields.items():
        if name in PRESENTATION and not prefix:
            continue
        path = f"{prefix}{name}"
        if name in WORDS:
            continue
        nested, leaf, listed = _shape(info.annotation, list(info.metadata))
        if nested is not None:
            _walk_model(nested, f"{path}.", kind, found, seen, many or listed)
            continue
        entry = found.setdefault(path, {"type": leaf["type"], "kinds": [], "many": False})
        entry["many"] = entry["many"] or many or listed
        if kind not in entry["kinds"]:
            entry["kinds"].append(kind)
        if entry["type"] != leaf["type"]:
            entry["type"] = "text"
        if "choices" in leaf:
            entry["choices"] = sorted(set(entry.get("choices", [])) | set(leaf["choices"]))


def _shape(annotation: Any, metadata: list[Any]) -> tuple[Any, dict[str, Any], bool]:
    """(nested model, {}, in a list?) or (None, leaf description, in a list?) for a field's annotation."""
    import datetime as dt

    from pydantic import BaseModel

    from ..models import RefTo

    if any(isinstance(item, RefTo) for item in metadata):
        return None, {"type": "ref"}, False
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        args = typing.get_args(annotation)
        return _shape(args[0], [*metadata, *args[1:]])
    if origin in (Union, types.UnionType):
        options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return _shape(options[0], metadata) if len(options) == 1 else (None, {"type": "text"}, False)
    if origin is list:
        nested, leaf, _ = _shape(typing.get_args(annotation)[0], [])
        return nested, leaf, True
    if origin is Literal:
        return None, {"type": "enum", "choices": [str(choice) for choice in typing.get_args(annotation)]}, False
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return annotation, {}, False
        if issubclass(annotation, bool):
            return None, {"type": "bool"}, False
        if issubclass(annotation, int):
            return None, {"type": "number"}, False
        if issubclass(annotation, dt.date):
            return None, {"type": "date"}, False
    return None, {"type": "text"}, False
