"""What is written is what was meant: the one check every writer of record files (fmt, lint --fix, new,
import) runs on a file's new text before writing it.

The strict reader (source.py) reads the text back; its data must equal what the writer meant, value for
value and type for type, and, when a file people wrote is rewritten, every comment of it must still be
there. Otherwise the write is refused with `WriteRefused`, whose message names the file and the field (or
the comment's line), and nothing is written.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from .errors import ResolvetoolError

Loc = tuple[str | int, ...]


class WriteRefused(ResolvetoolError):
    """A write refused because the file would not read back as meant: `reason` says where in it and why."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def check_written(path: str, text: str, meant: dict[str, Any], *, comments_of: str | None = None) -> None:
    """Raise WriteRefused unless the strict reader reads `meant` back from `text` (and, with `comments_of`,
    unless every comment of that text is in `text`). `path` names the file in the message."""
    from .source import parse_source

    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise WriteRefused(
            path,
            f"{_field(_unwritable(meant))} holds {_shown(error.object[error.start])}, which "
            f"is not a Unicode character (an undecodable byte?)",
        ) from None
    doc = parse_source(raw, path)
    errors = [d for d in doc.diagnostics if d.severity.value == "error"]
    if doc.data is None or errors:
        first = errors[0] if errors else doc.diagnostics[0]
        raise WriteRefused(
            path,
            f"the text to be written would not be read back (line {first.line}, column "
            f"{first.col}: {first.message}); this is a bug in resolvetool: please report it",
        )
    loc = _difference(meant, doc.data)
    if loc is not None:
        raise WriteRefused(
            path,
            f"{_field(loc)} would be read back as {_value_at(doc.data, loc)} instead of "
            f"{_value_at(meant, loc)}; this is a bug in resolvetool: please report it",
        )
    if comments_of is not None:
        lost = lost_comments(comments_of, text)
        if lost:
            line, comment = lost[0]
            more = f" (and {len(lost) - 1} more)" if len(lost) > 1 else ""
            raise WriteRefused(
                path,
                f"the comment {_shown(comment)} on line {line}{more} would be lost; put it on a "
                f"line of its own above the field it is about",
            )


def check_size(path: str, text: str, max_size: int) -> None:
    """Raise WriteRefused when `text` is over `max_size` bytes (max-file-size): validate would refuse the file
    written (RT003), and every writer after it leave it alone."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_size:
        raise WriteRefused(
            path,
            f"the file written would be {size:,} bytes, over the limit of {max_size:,} "
            f"(max-file-size), which validate refuses; split the record, or raise "
            f"max-file-size in resolvetool.toml",
        )


def _difference(meant: Any, got: Any, loc: Loc = ()) -> Loc | None:
    """The place of the first value that differs (in type or value), or None."""
    if type(meant) is not type(got):
        return loc
    if isinstance(meant, dict):
        for key in [*meant, *(key for key in got if key not in meant)]:
            if key not in meant or key not in got:
                return (*loc, key)
            found = _difference(meant[key], got[key], (*loc, key))
            if found is not None:
                return found
        return None
    if isinstance(meant, list):
        for index, (one, other) in enumerate(zip(meant, got, strict=False)):  # lengths compared below
            found = _difference(one, other, (*loc, index))
            if found is not None:
                return found
        return (*loc, min(len(meant), len(got))) if len(meant) != len(got) else None
    return None if meant == got else loc


def _value_at(data: Any, loc: Loc) -> str:
    for step in loc:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return "nothing"
    return _shown(data) if isinstance(data, str) else repr(data)


def _unwritable(data: Any, loc: Loc = ()) -> Loc:
    """The place of the first string that cannot be encoded as UTF-8."""
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return (*loc, key)
        elif isinstance(value, (dict, list)):
            found = _unwritable(value, (*loc, key))
            if found:
                return found
    return loc


def _field(loc: Loc) -> str:
    from .schemaerrors import field_path

    return field_path(loc)


_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ud800-\udfff]")


def _shown(value: str, limit: int = 60) -> str:
    """A value quoted for a message, control and invisible characters as escapes (so that a terminal shows
    them as text), shortened."""
    text = value if len(value) <= limit else value[: limit - 1] + "…"
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _INVISIBLE.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + '"'


# --- comments ----------------------------------------------------------------------------------------------

BLOCK_HEADER = re.compile(r"[|>][-+0-9]*[ \t]*(#[^\r\n]*)")  # a block's header and its comment


def comment_lines(text: str) -> list[tuple[int, str]]:
    """Every comment of a YAML text the strict reader accepts, as (line, the comment from '#' on without
    trailing spaces): a '#' outside every value (keys, quoted strings and block scalars are values) that
    starts the text or follows a space, tab, line break, quote or flow indicator, and a block scalar's header
    comment (`|- # c`).
    Lines are counted as editors count them (a CR alone ends one)."""
    from bisect import bisect_right

    from yaml.events import ScalarEvent

    from .source import LINE_END, yaml_events

    found: list[tuple[int, str]] = []
    position = 0
    for event in yaml_events(text):
        if event.__class__ is ScalarEvent:
            start_mark, end_mark = event.start_mark, event.end_mark
            assert start_mark is not None and end_mark is not None, "libyaml marks where every event stands"
            start, end = start_mark.index, end_mark.index
            _comments_between(text, position, start, found)
            header = BLOCK_HEADER.match(text, start) if event.style in ("|", ">") else None
            if header:
                found.append((header.start(1), header.group(1).rstrip()))
            position = max(position, end)
    _comments_between(text, position, len(text), found)
    if not found:
        return []
    line_starts = [0] + [match.end() for match in LINE_END.finditer(text)]
    return [(bisect_right(line_starts, index), comment) for index, comment in found]


def _comments_between(text: str, start: int, end: int, found: list[tuple[int, str]]) -> None:
    """The comments between two values, as (where, the comment)."""
    index = text.find("#", start, end)
    while index >= 0:
        if index == 0 or text[index - 1] in " \t\r\n\"',[]{}":  # libyaml takes `"a"#c` for a comment too
            line_end = text.find("\n", index)
            line_end = len(text) if line_end < 0 else line_end
            carriage_return = text.find("\r", index, line_end)
            line_end = line_end if carriage_return < 0 else carriage_return
            found.append((index, text[index:line_end].rstrip()))
            index = text.find("#", line_end, end)
        else:
            index = text.find("#", index + 1, end)


def lost_comments(before: str, after: str) -> list[tuple[int, str]]:
    """The comments of `before` (line, text) that `after` does not hold (as many times as `before` does)."""
    left = Counter(comment for _, comment in comment_lines(after))
    lost = []
    for line, comment in comment_lines(before):
        if left[comment] > 0:
            left[comment] -= 1
        else:
            lost.append((line, comment))
    return lost


__all__ = ["WriteRefused", "check_size", "check_written", "comment_lines", "lost_comments"]
