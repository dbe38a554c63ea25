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

from .errors import ResolvetoolError
from .schemaline import SchemaPlace
from .yamledit import (
    CommentedMap,
    CommentedSeq,
    Verbatim,
    block_where_commented,
    dump,
    for_ruamel,
    keep_comments,
    line_ending,
    load,
    styled,
    styled_inline,
)

_FIRST = ("id", "kind", "symbol")
_LAST = ("notes",)


class FormatError(ResolvetoolError):
    """A file that is not formatted because the strict reader does not accept it; the message says why."""


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


def _arrange(node: Any, model: type[BaseModel] | None, column: int, flow: bool = False) -> None:
    """Reorder `node`'s keys as `model` declares them and give its strings their canonical style (on one line
    inside a flow list or mapping, `flow`)."""
    flow = flow or bool(node.fa.flow_style())
    if isinstance(node, CommentedMap):
        if model is not None:
            for key in [
                *[name for name in _order(model) if name in node],
                *[k for k in node if k not in model.model_fields],
            ]:
                node.move_to_end(key)
        for key in list(node):
            field = model.model_fields.get(key) if model is not None and isinstance(key, str) else None
            inner = _model_inside(field.annotation) if field is not None else None
            node[key] = _restyle(node[key], inner, column + 2, flow)
    elif isinstance(node, CommentedSeq):
        for index in range(len(node)):
            node[index] = _restyle(node[index], model, column + 2, flow)


def _restyle(value: Any, model: type[BaseModel] | None, column: int, flow: bool) -> Any:
    if isinstance(value, str) and not isinstance(value, Verbatim):  # a null, boolean or number stays as written
        return styled_inline(str(value), flow=True) if flow else styled(str(value), column)
    if isinstance(value, (CommentedSeq, CommentedMap)):
        _arrange(value, model, column, flow)
    return value


def format_text(text: str, *, path: str = "record", place: SchemaPlace | None = None) -> str:
    """A record file's text in canonical form, with the file's line endings and every comment kept; at
    `place`, a schema line that no longer leads to the kind's schema is corrected.

    FormatError when the strict reader does not accept the text (it is left to validate to explain);
    WriteRefused when the canonical form would not read back as the same data with every comment, or ruamel.yaml
    cannot be made to read the text as the strict reader does (`path` names the file in its message)."""
    from .source import parse_source

    try:
        doc = parse_source(text.encode("utf-8"), path)
    except UnicodeEncodeError:
        raise FormatError("the text holds a character that is not Unicode (an undecodable byte?)") from None
    errors = [d for d in doc.diagnostics if d.severity.value == "error"]
    if doc.data is None or errors:
        first = (errors or doc.diagnostics)[0]
        where = f"line {first.line}, column {first.col}: " if first.line else ""
        raise FormatError(f"{where}{first.message}")
    return _canonical(text, doc.data, path, place)


def _canonical(text: str, data: dict[str, Any], path: str, place: SchemaPlace | None) -> str:
    from .kinds import KINDS
    from .models import MODEL_BY_KIND
    from .schemaline import first_line, named_schema, with_schema_line
    from .source import LINE_END
    from .writecheck import WriteRefused, check_written

    newline = line_ending(text)
    kind = data.get("kind")
    named = named_schema(first_line(text))
    if place is not None and named is not None and kind in KINDS:
        reference = place.stale(named, kind)
        if reference is not None:
            text = with_schema_line(text, reference)
    # Every line end as "\n" for ruamel.yaml, and the file's own (its first line's) in what is written: the
    # strict reader reads a CR, LF or CR LF alike, in values too.
    plain = LINE_END.sub("\n", text) if "\r" in text else text
    try:
        tree = _ruamel(load, for_ruamel(plain))
        model = MODEL_BY_KIND.get(kind) if isinstance(kind, str) else None
        block_where_commented(tree)
        _arrange(tree, model, 0)
        keep_comments(tree)
        formatted = _ruamel(dump, tree)
    except _RuamelFailed as error:
        raise WriteRefused(
            path,
            f"ruamel.yaml, with which fmt writes, fails on it where the strict reader does not "
            f"({error}); format the file by hand, or report it with the file",
        ) from None
    if newline != "\n":
        formatted = formatted.replace("\n", newline)
    check_written(path, formatted, data, comments_of=text)
    return formatted


class _RuamelFailed(Exception):
    """ruamel.yaml failed on a text the strict reader accepts (or on what fmt made of it)."""


def _ruamel(function: Any, argument: Any) -> Any:
    """`function(argument)`, a failure of ruamel.yaml's as _RuamelFailed: besides its own errors, it raises
    AssertionError and NotImplementedError on some layouts of comments libyaml reads (`s:`, a blank line, then
    `> # c`)."""
    try:
        return function(argument)
    except Exception as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or next(iter(str(error).splitlines()), "")
        shown = problem if len(problem) <= 80 else problem[:79] + "…"
        raise _RuamelFailed(
            (f"line {mark.line + 1}: " if mark is not None else "")
            + type(error).__name__
            + (f": {shown}" if shown else "")
        ) from None


@dataclass(frozen=True)
class FormatOutcome:
    path: Path
    changed: bool  # the file was (or, without writing, would be) rewritten
    problem: str | None = None  # why it was not formatted
    refused: bool = False  # the write was refused: it would change a value, lose a comment, go through a link or
    # outside the project, or the disk is full


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
        elif path.is_file() or path.is_symlink() or path.exists():
            files.append(path)  # a link or a special file too: reading it says what it is
        else:
            raise ConfigError(f"{path}: no such file or folder")
    return files


def format_files(files: Iterable[Path], settings: Any = None, *, write: bool = True) -> list[FormatOutcome]:
    """Format each file (atomically, when `write`). A file the strict reader does not accept (too large,
    not YAML, aliases, nested too deep ...) is left as it is, and so is one whose canonical form would
    change a value or lose a comment; the outcome says why. With `settings`, their max-file-size applies,
    schema lines are corrected against their schemas folder, a link in the project leading out of it is not
    read, and nothing is written through a link or outside the project."""
    import os

    from .fileio import WriteError, write_file
    from .kinds import DEFAULT_MAX_FILE_SIZE
    from .schemaline import SchemaPlace
    from .source import read_source
    from .writecheck import WriteRefused, check_size

    max_size = settings.max_file_size if settings is not None else DEFAULT_MAX_FILE_SIZE
    within = os.path.realpath(settings.root) if settings is not None else None
    outcomes = []
    for file in files:
        raw = read_source(file, str(file), max_size=max_size, within=within)
        if not isinstance(raw, bytes):
            outcomes.append(FormatOutcome(file, False, raw.message))
            continue
        place = SchemaPlace(file, Path(settings.schemas)) if settings is not None else None
        try:
            text = raw.decode("utf-8")
            formatted = format_text(text, path=str(file), place=place)
            check_size(str(file), formatted, max_size)
        except UnicodeDecodeError as error:
            outcomes.append(FormatOutcome(file, False, f"not UTF-8 ({error.reason})"))
            continue
        except FormatError as error:
            outcomes.append(FormatOutcome(file, False, str(error)))
            continue
        except WriteRefused as error:
            outcomes.append(FormatOutcome(file, False, error.reason, refused=True))
            continue
        if formatted != text and write:
            try:
                write_file(settings.root if settings is not None else file.parent, file, formatted)
            except WriteError as error:
                # A folder on the way (a link, a file in the way) is named: it is what to look at.
                where = (
                    "" if os.path.abspath(error.path) == os.path.abspath(file) else f"{os.path.relpath(error.path)}: "
                )
                outcomes.append(FormatOutcome(file, False, where + error.reason, refused=True))
                continue
        outcomes.append(FormatOutcome(file, formatted != text))
    return outcomes


__all__ = ["FormatError", "FormatOutcome", "format_files", "format_text", "record_files"]
