"""Pydantic validation errors to diagnostics at `path:line:col`, with the field path and a hint.

Kept apart from diagnostics.py so that modules which only report problems never import Pydantic.
"""

from __future__ import annotations

import difflib
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .diagnostics import Diagnostic, make, quote
from .models import KINDS, MODEL_BY_KIND
from .source import Loc, SourceDocument

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of fields",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "date_type": "a date written YYYY-MM-DD",
}
_TYPE_NAMES = {
    str: "text",
    int: "a number",
    float: "a number",
    bool: "a boolean",
    list: "a list",
    dict: "a mapping",
    type(None): "an empty value",
}
_INVALID_VALUE = {
    "literal_error",
    "string_pattern_mismatch",
    "string_too_short",
    "string_too_long",
    "too_short",
    "too_long",
    "greater_than_equal",
    "greater_than",
    "less_than_equal",
    "less_than",
}


def field_path(loc: Loc) -> str:
    """`("preamble", 2, "text")` -> `preamble[2].text`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(the record)"


def _model_at(kind: str, loc: Loc) -> type[BaseModel] | None:
    """The model class that describes the mapping at `loc` in a record of `kind`."""
    model: Any = MODEL_BY_KIND.get(kind)
    for part in loc:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        model = _nested_model(info.annotation) if info else None
    return model


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _nested_model(arg)
        if found:
            return found
    return None


def _closest(word: str, choices: list[str]) -> str | None:
    found = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return found[0] if found else None


def validation_diagnostics(error: ValidationError, doc: SourceDocument) -> list[Diagnostic]:
    """One diagnostic per Pydantic error, placed at the offending value (or key) in the file."""
    data = doc.data or {}
    kind = data.get("kind") if isinstance(data.get("kind"), str) else None
    out = []
    for item in error.errors(include_url=False):
        loc: Loc = tuple(item["loc"])
        # A discriminated union names the chosen tag first; it is not a location in the data.
        if loc and loc[0] == kind and kind in KINDS:
            loc = loc[1:]
        out.append(_one(item, loc, kind, doc))
    return out


def _one(item: ErrorDetails, loc: Loc, kind: str | None, doc: SourceDocument) -> Diagnostic:
    kind_type = item["type"]
    where = field_path(loc)
    value = item.get("input")
    if kind_type == "missing":
        line, col = doc.position(loc[:-1], of_key=True)
        field = loc[-1]
        model = _model_at(kind, loc[:-1]) if kind else None
        info = model.model_fields.get(str(field)) if model else None
        about = f" ({info.description})" if info is not None and info.description else ""
        return make(doc.path, line, col, "RT101", f"missing required field {quote(where)}", f"add '{field}:'{about}")
    if kind_type == "extra_forbidden":
        line, col = doc.position(loc, of_key=True)
        model = _model_at(kind, loc[:-1]) if kind else None
        known = list(model.model_fields) if model else []
        if kind and not loc[:-1]:
            known = [name for name in known if name != "kind"] + ["kind"]
        guess = _closest(str(loc[-1]), known)
        hint = (
            f"did you mean '{guess}'?"
            if guess
            else (f"fields allowed here: {', '.join(known)}" if known else "remove it")
        )
        return make(doc.path, line, col, "RT102", f"unknown field {quote(where)}", hint)
    if kind_type in ("union_tag_invalid", "union_tag_not_found"):
        if kind_type == "union_tag_not_found" or "kind" not in (doc.data or {}):
            line, col = doc.position(())
            return make(
                doc.path, line, col, "RT105", 'missing field "kind"', f"add 'kind:' with one of: {', '.join(KINDS)}"
            )
        line, col = doc.position(("kind",))
        tag = item.get("ctx", {}).get("tag", (doc.data or {}).get("kind"))
        guess = _closest(str(tag), list(KINDS))
        return make(
            doc.path,
            line,
            col,
            "RT105",
            f"unknown kind {quote(tag)}",
            f"did you mean '{guess}'?" if guess else f"use one of: {', '.join(KINDS)}",
        )
    line, col = doc.position(loc)
    if kind_type.startswith("date_") and kind_type != "date_type":
        return make(
            doc.path, line, col, "RT106", f"{where}: {item['msg']}", "write the date as YYYY-MM-DD, e.g. 2012-11-05"
        )
    if kind_type in _EXPECTED:
        got = _TYPE_NAMES.get(type(value), type(value).__name__)
        if isinstance(value, bool):
            shown = f" {str(value).lower()}"
        elif isinstance(value, (int, float)):
            shown = f" {value}"
        else:
            shown = f" {quote(value)}" if isinstance(value, str) else ""
        return make(
            doc.path,
            line,
            col,
            "RT103",
            f"{where}: expected {_EXPECTED[kind_type]}, got {got}{shown}",
            _type_hint(kind_type, value),
        )
    if kind_type in _INVALID_VALUE:
        return make(doc.path, line, col, "RT104", f"{where}: {_value_message(item)}", _value_hint(item, loc))
    return make(doc.path, line, col, "RT107", f"{where}: {item['msg']}")


def _type_hint(kind_type: str, value: Any) -> str | None:
    if kind_type in ("int_type", "float_type") and isinstance(value, str) and value.strip().lstrip("-+").isdigit():
        return f"write {value.strip().lstrip('0') or '0'} without quotes"
    if kind_type == "string_type" and isinstance(value, (int, float, bool)):
        return f'quote it: "{value}"' if not isinstance(value, bool) else "quote it if you mean the word"
    if kind_type == "bool_type" and isinstance(value, str):
        return "write true or false, unquoted"
    if kind_type == "list_type":
        return "write it as a list: one '- item' per line, or [a, b]"
    return None


def _value_message(item: ErrorDetails) -> str:
    value, ctx = item.get("input"), item.get("ctx") or {}
    if item["type"] == "literal_error":
        return f"{quote(value)} is not one of {ctx.get('expected', '')}"
    if item["type"] == "string_pattern_mismatch":
        return f"{quote(value)} does not have the required form"
    if item["type"] in ("string_too_short", "too_short") and not value:
        return "must not be empty"
    shown = quote(value) if isinstance(value, str) else (str(value) if isinstance(value, (int, float)) else "value")
    return f"{shown}: {item['msg'][0].lower()}{item['msg'][1:]}"


def _value_hint(item: ErrorDetails, loc: Loc) -> str | None:
    if item["type"] != "string_pattern_mismatch":
        return None
    pattern = (item.get("ctx") or {}).get("pattern", "")
    if "#" in pattern:
        return "a reference is a record id, optionally with #part: lower-case letters, digits, '.' and '-'"
    if (loc and loc[-1] == "id") or "a-z0-9" in pattern:
        return "use lower-case letters, digits, '.' and '-', starting with a letter or digit"
    return f"the value must match {pattern}"
