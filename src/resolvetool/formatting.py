"""`fmt`: records in their canonical form. Keys in a stable order per kind (the model's order, with id, kind
and symbol first and notes last), strings in one style (plain where the dialect reads them safely, quoted
where a YAML 1.1 reader would take them for something else, folded at 100 columns when long, a literal block
when they hold several lines), and everything people wrote around them (comments, blank lines) kept.
Formatting twice gives what formatting once gives."""

from __future__ import annotations

import typing
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .yamledit import CommentedMap, CommentedSeq, dump, load, styled

_FIRST = ("id", "kind", "symbol")
_LAST = ("notes",)


class FormatError(Exception):
    """A file that cannot be formatted (it is not YAML a record can be read from); the message says why."""


def _model_inside(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds, itself or in a list or optional: `list[Clause]` -> Clause."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_inside(argument)
        if found is not None:
            return found
    return None


def _order(model: type[BaseModel]) -> list[str]:
    fields = list(model.model_fields)
    first = [name for name in _FIRST if name in fields]
    last = [name for name in _LAST if name in fields]
    return first + [name for name in fields if name not in first and name not in last] + last


def _arrange(node: Any, model: type[BaseModel] | None, column: int) -> None:
    """Reorder `node`'s keys as `model` declares them and give its strings their canonical style."""
    if isinstance(node, CommentedMap):
        if model is not None:
            for key in [*[name for name in _order(model) if name in node], *[k for k in node if k not in
                                                                              model.model_fields]]:
                node.move_to_end(key)
        for key in list(node):
            field = model.model_fields.get(key) if model is not None and isinstance(key, str) else None
            inner = _model_inside(field.annotation) if field is not None else None
            node[key] = _restyle(node[key], inner, column + 2)
    elif isinstance(node, CommentedSeq):
        for index in range(len(node)):
            node[index] = _restyle(node[index], model, column + 2)


def _restyle(value: Any, model: type[BaseModel] | None, column: int) -> Any:
    if isinstance(value, str):
        return styled(str(value), column)
    if isinstance(value, CommentedSeq):
        _arrange(value, model, column)
    elif isinstance(value, CommentedMap):
        _arrange(value, model, column)
    return value


def format_text(text: str) -> str:
    """A record file's text in canonical form (FormatError when it cannot be read)."""
    from ruamel.yaml.error import YAMLError

    from .models import MODEL_BY_KIND

    try:
        data = load(text)
    except YAMLError as error:
        raise FormatError(f"the YAML cannot be read ({str(error).splitlines()[0]}); run 'resolvetool validate'") \
            from None
    if not isinstance(data, CommentedMap):
        raise FormatError("the file does not hold a record (a mapping of fields); run 'resolvetool validate'")
    kind = data.get("kind")
    model = MODEL_BY_KIND.get(kind) if isinstance(kind, str) else None
    _arrange(data, model, 0)
    return dump(data)


@dataclass(frozen=True)
class FormatOutcome:
    path: Path
    changed: bool  # the file was (or, without writing, would be) rewritten
    problem: str | None = None  # why it could not be formatted
    refused: bool = False  # the write was refused or failed (a link, outside the project, a full disk)


def record_files(settings: Any, paths: Iterable[Path] = ()) -> list[Path]:
    """The record files under `paths` (files or folders), or under records/ when none is given."""
    from .config import ConfigError
    from .corpus import discover

    paths = list(paths)
    if not paths:
        return [Path(file) for file in discover(settings.records)] if settings.records.is_dir() else []
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += [Path(file) for file in discover(path)]
        elif path.is_file():
            files.append(path)
        else:
            raise ConfigError(f"{path}: no such file or folder")
    return files


def format_files(files: Iterable[Path], *, write: bool = True, root: Path | None = None,
                 max_size: int | None = None) -> list[FormatOutcome]:
    """Format each file (atomically, when `write`); a file that cannot be read is left as it is. `root` is the
    project: a link in it leading out of it is not read, and nothing is written through a link or outside it."""
    import os

    from .diagnostics import Diagnostic
    from .fileio import WriteError, write_file
    from .source import read_source

    within = os.path.realpath(root) if root is not None else None
    outcomes = []
    for file in files:
        raw = read_source(file, str(file), within=within, **({"max_size": max_size} if max_size else {}))
        if isinstance(raw, Diagnostic):
            outcomes.append(FormatOutcome(file, False, f"{raw.message} ({raw.code})"))
            continue
        try:
            text = raw.decode("utf-8")
            formatted = format_text(text)
        except (UnicodeDecodeError, FormatError) as error:
            outcomes.append(FormatOutcome(file, False, str(error)))
            continue
        if formatted != text and write:
            try:
                write_file(root if root is not None else file.parent, file, formatted)
            except WriteError as error:
                outcomes.append(FormatOutcome(file, False, error.reason, refused=True))
                continue
        outcomes.append(FormatOutcome(file, formatted != text))
    return outcomes


__all__ = ["FormatError", "FormatOutcome", "format_files", "format_text", "record_files"]
