"""Finding every reference in a record, from the models' own type annotations.

Each reference field is typed with one of the reference aliases of `common` (`BodyRef`, `AnyRef`, ...: a
string marked with `RefTo(kinds)`); walking the annotations once per model class
gives a plan, so a new reference field is checked without anyone remembering to list it.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from functools import cache
from typing import Any, Union

from pydantic import BaseModel

from .common import RefTo

Loc = tuple[str | int, ...]


def _ref_kinds(annotation: Any, metadata: list[Any]) -> tuple[str, ...] | None:
    for item in metadata:
        if isinstance(item, RefTo):
            return item.kinds
    if typing.get_origin(annotation) is typing.Annotated:
        args = typing.get_args(annotation)
        return _ref_kinds(args[0], list(args[1:]))
    return None


def _shape(annotation: Any, metadata: list[Any]) -> tuple[str, Any] | None:
    """("ref", kinds) | ("model", cls) | ("list", shape) for what the annotation can hold."""
    kinds = _ref_kinds(annotation, metadata)
    if kinds is not None:
        return ("ref", kinds)
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        args = typing.get_args(annotation)
        return _shape(args[0], list(args[1:]))
    if origin in (Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                found = _shape(arg, [])
                if found:
                    return found
        return None
    if origin is list:
        inner = _shape(typing.get_args(annotation)[0], [])
        return ("list", inner) if inner else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return ("model", annotation)
    return None


@cache
def _plan(cls: type[BaseModel]) -> tuple[tuple[str, tuple[str, Any]], ...]:
    plan = []
    for name, info in cls.model_fields.items():
        shape = _shape(info.annotation, list(info.metadata))
        if shape:
            plan.append((name, shape))
    return tuple(plan)


def references(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, str, tuple[str, ...]]]:
    """Every (location, reference, accepted kinds) in a record, in field order."""
    for name, shape in _plan(type(model)):
        yield from _walk(getattr(model, name), shape, (*loc, name))


def _walk(value: Any, shape: tuple[str, Any], loc: Loc) -> Iterator[tuple[Loc, str, tuple[str, ...]]]:
    if value is None:
        return
    what, detail = shape
    if what == "ref":
        yield loc, value, detail
    elif what == "model":
        yield from references(value, loc)
    else:
        for index, item in enumerate(value):
            yield from _walk(item, detail, (*loc, index))


@cache
def reference_fields() -> frozenset[str]:
    """The fields of any kind that hold references, named by their path with list levels left out
    (`lifecycle.by`, `preamble.refs`), as a query names fields."""
    from . import MODEL_BY_KIND

    found: set[str] = set()

    def walk(cls: type[BaseModel], prefix: str, seen: frozenset[type[BaseModel]]) -> None:
        if cls in seen:  # Item holds Items: one level names them all
            return
        for name, shape in _plan(cls):
            while shape[0] == "list":
                shape = shape[1]
            if shape[0] == "ref":
                found.add(prefix + name)
            else:
                walk(shape[1], f"{prefix}{name}.", seen | {cls})

    for model in MODEL_BY_KIND.values():
        walk(model, "", frozenset())
    return frozenset(found)
