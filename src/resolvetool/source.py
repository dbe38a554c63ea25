"""Bytes to data: the strict YAML dialect of docs/architecture.md §3, with a source position for every value.

The document is built from libyaml's event stream rather than from PyYAML's constructors because
the event stream is where the things we refuse are still visible (anchors, aliases, tags, repeated
keys), because it keeps every mark, and because building iteratively cannot overflow the C stack on
a deeply nested hostile file (libyaml's own composer is recursive and crashes there).

Scalars follow the YAML 1.2 core schema, narrowed: `null`/`~`/empty, `true`/`false`, decimal
integers and floats. Everything else, including the YAML 1.1 surprises (`yes`, `012`, `1:20`) and
dates, stays a string; the models decide what a string may become.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from yaml._yaml import CParser  # libyaml's parser, where it is defined (types-PyYAML's yaml.cyaml hides it)
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from .diagnostics import Diagnostic, make, quote
from .kinds import DEFAULT_MAX_FILE_SIZE

MAX_DEPTH = 64  # a resolution nests about eight levels; anything deeper is an accident or an attack
MAX_DIAGNOSTICS_PER_FILE = 100  # shown per file; see diagnostics.cap
_MAX_COLLECTED = 10_000  # collected per file while reading, to bound memory on a hostile file

# Where a value sits: the value's line and column, and its key's (the same for list items), 1-based.
Position = tuple[int, int, int, int]
Loc = tuple[str | int, ...]


@dataclass(slots=True)
class SourceDocument:
    """What one file holds: its data (None when the file must be refused), positions, problems."""

    path: str
    data: dict[str, Any] | None
    positions: dict[Loc, Position] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unlisted: int = 0  # problems found past the collection limit and not kept

    def position(self, loc: Loc, *, of_key: bool = False) -> tuple[int, int]:
        """The line and column of the deepest known value along `loc` (or of its key)."""
        for end in range(len(loc), -1, -1):
            found = self.positions.get(tuple(loc[:end]))
            if found is not None:
                return (found[2], found[3]) if of_key and end == len(loc) else (found[0], found[1])
        return (1, 1)


# --- reading the file -------------------------------------------------------------------------


def read_source(
    path: Path,
    display: str,
    *,
    max_size: int = DEFAULT_MAX_FILE_SIZE,
    within: str | None = None,
    folders: dict[str, bool] | None = None,
) -> bytes | Diagnostic:
    """The file's bytes, or the one diagnostic that says why they cannot be had.

    `within` is the project's real path: a symbolic link inside it that leads out of it is not read (a record
    file must not be a way to read ~/.npmrc into a report). A file named from outside the project is read as
    named. `folders` remembers, for a batch of files read together, which folders stay inside the project, so
    that the files of one folder look it up once."""
    try:
        info = os.lstat(path)
        linked = stat.S_ISLNK(info.st_mode)
        if linked:
            if within is not None and leads_outside(path, within) is not None:
                # The link's own text is shown (it is in the tree already), not where it leads on this machine.
                return make(
                    display,
                    0,
                    0,
                    "RT030",
                    f"symbolic link to {quote(os.readlink(path), 300)} leads outside the project: not read",
                    "replace the link with the file itself, or remove it",
                )
            info = path.stat()
        elif within is not None and (folder := _linked_folder_out(path, within, folders)) is not None:
            # A file named on the command line inside a linked folder (the scan of the tree never enters one).
            return make(
                display,
                0,
                0,
                "RT030",
                f"its folder {quote(os.path.basename(folder), 300)} is a symbolic "
                f"link to {quote(os.readlink(folder), 300)}, which leads outside the project: not read",
                "replace the link with the folder itself, or remove it",
            )
    except FileNotFoundError:
        if path.is_symlink():
            target = os.readlink(path)
            return make(
                display,
                0,
                0,
                "RT002",
                f"broken symbolic link to {quote(target, 300)}",
                "point the link at an existing file, or remove it",
            )
        return make(display, 0, 0, "RT001", "file not found (removed while the run was going on?)")
    except OSError as error:
        return make(display, 0, 0, "RT001", f"cannot read the file: {error.strerror or error}")
    if not stat.S_ISREG(info.st_mode):
        return make(
            display,
            0,
            0,
            "RT001",
            "not a regular file",
            "record files must be ordinary files; rename the folder or special file",
        )
    if info.st_size > max_size:
        return make(
            display,
            0,
            0,
            "RT003",
            f"file is {info.st_size:,} bytes, over the limit of {max_size:,}",
            "split the record, or raise max-file-size in resolvetool.toml",
        )
    try:
        raw = _read_checked(path, info, linked=linked, within=within, limit=max_size + 1)
    except OSError as error:
        return make(
            display, 0, 0, "RT001", f"cannot read the file: {error.strerror or error}", "check the file's permissions"
        )
    if raw is None:
        return make(
            display,
            0,
            0,
            "RT030",
            "was replaced (by a symbolic link?) while it was being read: not read",
            "run the command again; if this happens again, look at who changes the file",
        )
    if len(raw) > max_size:  # it grew between stat and read
        return make(display, 0, 0, "RT003", f"file is over the limit of {max_size:,} bytes")
    return raw


def _read_checked(path: Path, info: os.stat_result, *, linked: bool, within: str | None, limit: int) -> bytes | None:
    """At most `limit` bytes of the file that was checked as `info`, or None when what is opened is not that file:
    a link put in its place after the check, which must not make a read leave the project. A file that was no
    link is opened without following one; a link is checked again once opened (it could have been turned
    elsewhere and back)."""
    descriptor = _open(path, os.O_RDONLY | _NONBLOCK | (0 if linked else _NOFOLLOW))
    if descriptor is None:
        return None
    try:
        opened = os.fstat(descriptor)
        if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
            return None
        if linked and within is not None:
            if leads_outside(path, within) is not None:
                return None
            now = os.stat(path)
            if (now.st_dev, now.st_ino) != (opened.st_dev, opened.st_ino):
                return None
        chunks, left = [], limit
        while left > 0:
            chunk = os.read(descriptor, min(left, opened.st_size + 1))  # all of it at once, as a rule
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def _open(path: Path, flags: int) -> int | None:
    """A descriptor of `path`, or None when it turned out to be a link where none was (O_NOFOLLOW)."""
    try:
        return os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP and flags & _NOFOLLOW:
            return None
        raise


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a named pipe put in a file's place is not waited on


def leads_outside(path: Path | str, within: str) -> str | None:
    """Where `path` really is, when it lies inside the folder `within` (a real path) as named but leads out
    of it through a link; None otherwise (inside, or named from outside)."""
    named = _named_inside(path, within)
    if named is None:
        return None
    real = os.path.realpath(named)
    return None if _inside(real, within) else real


def _named_inside(path: Path | str, within: str) -> str | None:
    """`path` as named from the folder `within` (a real path), when it is named inside it: as it stands, or
    through a link to the folder itself or to one above it (/home/me -> /data/me; templates -> tpl); None when
    it is named from outside."""
    named = os.path.abspath(path)
    if _inside(named, within):
        return named
    head, below = named, []
    while True:
        parent, name = os.path.split(head)
        if parent == head:
            return None
        head = parent
        below.append(name)
        if os.path.realpath(head) == within:
            return os.path.join(within, *reversed(below))


def _linked_folder_out(path: Path | str, within: str, folders: dict[str, bool] | None = None) -> str | None:
    """The link among the folders of `path` (named inside `within`) through which it leads out of `within`, if
    any: one realpath of its folder (remembered in `folders`), and a look at each folder on the way only when
    that leads out."""
    named = _named_inside(path, within)
    if named is None:
        return None
    folder = os.path.dirname(named)
    inside = folders.get(folder) if folders is not None else None
    if inside is None:
        inside = _inside(os.path.realpath(folder), within)
        if folders is not None:
            folders[folder] = inside
    if inside:
        return None
    while _inside(folder, within) and folder != within:
        if os.path.islink(folder) and leads_outside(folder, within) is not None:
            return folder
        folder = os.path.dirname(folder)
    return None


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


# --- bytes to text --------------------------------------------------------------------------------

_BOMS = {
    b"\xef\xbb\xbf": "UTF-8",
    b"\xff\xfe": "UTF-16 (little-endian)",
    b"\xfe\xff": "UTF-16 (big-endian)",
}
# Line ends as editors and GitHub count them: CR LF, LF, and a CR alone (old Mac files); not U+0085, U+2028 or
# U+2029, which libyaml also counts.
LINE_END = re.compile("\r\n|\r|\n")


def _has_other_breaks(text: str) -> bool:
    # `in` is a fast scan; a regular expression with an alternation costs 40 µs on a 4 KB record.
    return "\x85" in text or "\u2028" in text or "\u2029" in text


# Characters YAML 1.2 does not allow in a stream (§5.1), found before libyaml reports them vaguely.
_NOT_PRINTABLE = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def line_col(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of `text[index]` as an editor shows them (see LINE_END)."""
    breaks = text.count("\n", 0, index) + text.count("\r", 0, index) - text.count("\r\n", 0, index)
    line_start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
    return breaks + 1, index - line_start + 1


def _decode(raw: bytes, path: str) -> str | Diagnostic:
    for bom, name in _BOMS.items():
        if raw.startswith(bom):
            return make(
                path,
                1,
                1,
                "RT005",
                f"the file starts with a {name} byte order mark",
                "save the file as UTF-8 without a BOM",
            )
    nul = raw.find(b"\0")
    if nul >= 0:
        prefix = raw[:nul].decode("utf-8", "replace")
        line, col = line_col(prefix, len(prefix))
        return make(
            path, line, col, "RT006", "NUL byte in the file", "the file may be binary or UTF-16; save it as UTF-8 text"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        prefix = raw[: error.start].decode("utf-8", "replace")
        line, col = line_col(prefix, len(prefix))
        return make(
            path,
            line,
            col,
            "RT004",
            f"not UTF-8: byte 0x{raw[error.start]:02x} cannot start or continue a character",
            "re-save the file as UTF-8 (it may be Latin-1 or Windows-1252)",
        )
    bad = _NOT_PRINTABLE.search(text)
    if bad:
        line, col = line_col(text, bad.start())
        return make(
            path,
            line,
            col,
            "RT008",
            f"control character U+{ord(bad.group()):04X} is not allowed in YAML",
            "remove it, or write it as an escape inside a double-quoted string",
        )
    return text


# --- scalars ---------------------------------------------------------------------------------------

_SPECIAL: dict[str, Any] = {
    "": None,
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
_YAML11_BOOLEANS = frozenset(["yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"])
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
# Floats need a point or an exponent, and like integers no leading zero (so `012` is never a number).
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*(?:[eE][-+]?[0-9]+)?|[eE][-+]?[0-9]+))\Z")
_YAML11_OCTAL = re.compile(r"[-+]?0[0-7_]+\Z")
# YAML 1.1's base-60 numbers: an integer starts with 1-9 (`0:0` is a string there too), a float has a point.
_YAML11_SEXAGESIMAL = re.compile(r"[-+]?(?:[1-9][0-9_]*(?::[0-5]?[0-9])+|[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*)\Z")
_NUMBER_START = frozenset("0123456789+-.")


def plain_value(value: str) -> Any:
    """What the dialect reads a plain (unquoted) scalar as: None, a boolean, an integer, a float, or the text
    itself. The one definition: the writers (yamledit.py) make ruamel.yaml read plain values by it too."""
    special = _SPECIAL.get(value, _TEXT)
    if special is not _TEXT:
        return special
    if value[0] in _NUMBER_START:
        if _INT.match(value) and len(value) < 100:  # a longer one is no number a record holds
            return int(value)
        if _FLOAT.match(value):
            return float(value)
    return value


_TEXT = object()


class _Builder:
    """Turns one libyaml event stream into data, positions and diagnostics."""

    def __init__(self, path: str, text: str = "") -> None:
        self.path = path
        # libyaml also breaks lines at U+0085, U+2028 and U+2029, which editors and GitHub do not
        # count: in a file holding one, positions are recounted from the offset.
        self._line_starts: list[int] | None = None
        # ... and where such a break stands outside a quoted value, what editors show is not what YAML reads
        # (a comment that goes on, for editors, is a new field for YAML): the quoted values' spans tell.
        self.quoted: list[tuple[int, int]] | None = None
        if _has_other_breaks(text):
            self._line_starts = [0] + [m.end() for m in LINE_END.finditer(text)]
            self.quoted = []
        self.positions: dict[Loc, Position] = {}
        self.diagnostics: list[Diagnostic] = []
        self.refused = False  # a construct was found that makes the data untrustworthy
        self.dropped = 0  # problems past the collection limit, counted but not kept
        # Refused constructs are reported once per kind, with a count: a "billion laughs" file holds
        # dozens of aliases, and one line each would bury everything else.
        self._first: dict[str, int] = {}
        self._repeats: dict[str, int] = {}

    def report(self, line: int, col: int, code: str, message: str, hint: str | None = None) -> None:
        if len(self.diagnostics) >= _MAX_COLLECTED:
            self.dropped += 1
        else:
            self.diagnostics.append(make(self.path, line, col, code, message, hint))

    def finish(self) -> list[Diagnostic]:
        for code, count in self._repeats.items():
            first = self.diagnostics[self._first[code]]
            noun = {"RT013": "anchors", "RT014": "aliases", "RT016": "tags"}[code]
            self.diagnostics[self._first[code]] = replace(
                first, message=f"{first.message} ({count} more {noun} in this file)"
            )
        return self.diagnostics

    def scalar(self, event: ScalarEvent, line: int, col: int) -> Any:
        value = event.value
        if not event.implicit[0]:  # only plain scalars are resolved; quoted and block ones are strings
            return value
        typed = plain_value(value)
        if typed is not value:
            return typed
        if value in _YAML11_BOOLEANS:
            self.report(
                line,
                col,
                "RT020",
                f"{quote(value)} is read as a string, but YAML 1.1 tools read it as a boolean",
                f'quote it ("{value}") if you mean the word, or write true or false',
            )
            return value
        if value[0] in _NUMBER_START:
            if _YAML11_OCTAL.match(value):
                self.report(
                    line,
                    col,
                    "RT021",
                    f"{quote(value)} is read as a string, but YAML 1.1 tools read it as an octal number",
                    f'quote it ("{value}") if you mean the text, or drop the leading zero',
                )
            elif _YAML11_SEXAGESIMAL.match(value):
                self.report(
                    line,
                    col,
                    "RT022",
                    f"{quote(value)} is read as a string, but YAML 1.1 tools read it as a base-60 number",
                    f'quote it ("{value}")',
                )
        return value

    def where(self, mark: Any) -> tuple[int, int]:
        """A libyaml mark as the 1-based line and column an editor shows."""
        if self._line_starts is None:
            return mark.line + 1, mark.column + 1
        line = bisect_right(self._line_starts, mark.index)
        return line, mark.index - self._line_starts[line - 1] + 1

    def refuse(self, event: Any, code: str, message: str, hint: str) -> None:
        self.refused = True
        if code in self._first:
            self._repeats[code] = self._repeats.get(code, 0) + 1
            return
        before = len(self.diagnostics)
        self.report(*self.where(event.start_mark), code, message, hint)
        if code in ("RT013", "RT014", "RT016") and len(self.diagnostics) > before:
            self._first[code] = before

    def check_node(self, event: Any) -> None:
        """Anchors and tags are refused wherever they appear, keys included."""
        if event.anchor is not None:
            self.refuse(
                event,
                "RT013",
                f"anchor &{event.anchor} is not allowed in records",
                "write the value out in full where it is needed",
            )
        if event.tag is not None:
            self.refuse(
                event,
                "RT016",
                f"tag {event.tag} is not allowed in records",
                "remove the tag; the record's model decides the type of each value",
            )

    def build(self, parser: CParser) -> Any:  # noqa: C901 (one loop over every event of every record, kept whole for speed)
        """The document's root value; events up to and including the document's end are consumed."""
        get = parser.get_event
        quoted = self.quoted
        # Each open container is a frame: [container, loc, pending key, key position, keys seen].
        stack: list[list[Any]] = []
        root: Any = None
        bad_key = object()  # a key that was reported; its value is built and dropped
        no_key = object()
        while True:
            # Dispatched on its exact class (`cls is ...`, faster than isinstance), which a type checker cannot
            # narrow on: the event is Any.
            event: Any = get()
            cls = event.__class__
            if cls is MappingEndEvent or cls is SequenceEndEvent:
                stack.pop()
                continue
            if cls is DocumentEndEvent:
                return root
            line, col = self.where(event.start_mark)
            if cls is AliasEvent:
                self.refuse(
                    event,
                    "RT014",
                    f"alias *{event.anchor} is not allowed in records",
                    "write the value out in full where it is needed",
                )
                value: Any = None
            else:
                self.check_node(event)
                if cls is ScalarEvent:
                    value = event.value if stack and stack[-1][2] is no_key else self.scalar(event, line, col)
                    if quoted is not None and event.style in _QUOTED:
                        quoted.append((event.start_mark.index, event.end_mark.index))
                elif cls is MappingStartEvent:
                    value = {}
                else:
                    value = []
            # Attach the value to its parent (containers are attached empty and filled later).
            # `loc` is None inside anything that is dropped: a refused key, or the value of one.
            loc: Loc | None
            if not stack:
                loc = ()
                root = value
                self.positions[()] = (line, col, line, col)
            else:
                frame = stack[-1]
                parent, base = frame[0], frame[1]
                if parent.__class__ is list:
                    parent.append(value)
                    loc = None if base is None else base + (len(parent) - 1,)  # noqa: RUF005 (faster than unpacking)
                    if loc is not None:
                        self.positions[loc] = (line, col, line, col)
                elif frame[2] is no_key:  # this node is a key
                    frame[2], frame[3] = self.key(event, cls, value, frame[4], line, col, bad_key)
                    loc = None
                else:
                    key, frame[2] = frame[2], no_key
                    loc = None
                    if key is not bad_key:
                        parent[key] = value
                        if base is not None:
                            loc = base + (key,)  # noqa: RUF005 (faster than unpacking, once per value)
                            self.positions[loc] = (line, col, frame[3][0], frame[3][1])
            if cls is MappingStartEvent or cls is SequenceStartEvent:
                if len(stack) >= MAX_DEPTH:
                    self.refuse(
                        event,
                        "RT019",
                        f"lists and mappings nested more than {MAX_DEPTH} deep",
                        "flatten the structure; no record needs this depth",
                    )
                    raise _Abandon
                if cls is MappingStartEvent:
                    stack.append([value, loc, no_key, (line, col), {}])
                else:
                    stack.append([value, loc, None, None, None])

    def key(
        self, event: Any, cls: type, value: Any, seen: dict, line: int, col: int, bad_key: object
    ) -> tuple[Any, tuple[int, int]]:
        if cls is not ScalarEvent:
            if cls is not AliasEvent:
                self.report(
                    line,
                    col,
                    "RT018",
                    "a key must be a plain name, not a list or mapping",
                    "use a simple field name as the key",
                )
            return bad_key, (line, col)
        if value == "<<" and event.implicit[0]:
            self.refuse(event, "RT015", "merge key << is not allowed in records", "write the merged fields out in full")
            return bad_key, (line, col)
        first = seen.get(value)
        if first is not None:
            self.report(
                line,
                col,
                "RT011",
                f"duplicate key {quote(value)} (first at line {first[0]}, column {first[1]})",
                f"keep one of the two; the value at line {first[0]} is the one used",
            )
            return bad_key, (line, col)
        seen[value] = (line, col)
        return value, (line, col)

    def hidden_breaks(self, text: str) -> None:
        """Refuse NEL, LS and PS outside quoted values: YAML reads a line break there that editors and GitHub do
        not show, so `name: X # note<LS>description: hidden` has a field that reviewers see as a comment."""
        if self.quoted is None:
            return
        starts = [start for start, _ in self.quoted]
        for match in _OTHER_BREAK.finditer(text):
            at = match.start()
            inside = bisect_right(starts, at) - 1
            if inside >= 0 and at < self.quoted[inside][1]:
                continue
            line, col = line_col(text, at)
            self.refused = True
            self.report(
                line,
                col,
                "RT024",
                f"U+{ord(match.group()):04X} outside quotes: YAML reads a line break "
                "here that editors do not show, so what follows it is not what it looks like",
                f"remove it, or write it inside a double-quoted value as \\u{ord(match.group()):04x}",
            )


_QUOTED = frozenset(("'", '"'))
_OTHER_BREAK = re.compile("[\x85\u2028\u2029]")


class _Abandon(Exception):
    """Stop reading a document that cannot be trusted (already reported)."""


def yaml_events(text: str) -> Iterator[Any]:
    """libyaml's events for `text`, up to the stream's end (the parser is let go however the caller stops), for
    the writers that look at where values stand in a text (comments, spans); records are read by parse_source."""
    parser = CParser(text)
    try:
        while True:
            event = parser.get_event()
            if event.__class__ is StreamEndEvent:
                return
            yield event
    finally:
        parser.dispose()


def parse_source(raw: bytes, path: str) -> SourceDocument:
    """Bytes of one record file to a SourceDocument; never raises on any input."""
    text = _decode(raw, path)
    if isinstance(text, Diagnostic):
        return SourceDocument(path, None, diagnostics=[text])
    builder = _Builder(path, text)
    parser = CParser(text)
    root: Any = None
    following: Any = None  # what comes after the document: the stream's end, or a second document
    try:
        parser.get_event()  # the stream's start
        if not parser.check_event(StreamEndEvent):  # a stream with no document is an empty file
            parser.get_event()  # the document's start
            root = builder.build(parser)
            following = parser.get_event()
        builder.hidden_breaks(text)
        if following is not None and following.__class__ is not StreamEndEvent:
            builder.refuse(
                following,
                "RT012",
                "a second YAML document in the file",
                "put each record in a file of its own; remove the '---' "
                f"at line {builder.where(following.start_mark)[0]}",
            )
    except _Abandon:
        pass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = builder.where(mark) if mark else (1, 1)
        problem = error.problem or "invalid YAML"
        if error.context:
            problem = f"{problem} ({error.context}" + (
                f" at line {builder.where(error.context_mark)[0]})" if error.context_mark else ")"
            )
        builder.refused = True
        hint = _syntax_hint(problem)
        hidden = _OTHER_BREAK.search(text, 0, mark.index + 1) if mark and builder.quoted is not None else None
        if hidden:  # libyaml broke a line there, which no editor shows: the likely cause
            where = line_col(text, hidden.start())
            hint = (
                f"line {where[0]}, column {where[1]} holds U+{ord(hidden.group()):04X}, which YAML reads as a "
                f"line break: remove it, or write it inside a double-quoted value as \\u{ord(hidden.group()):04x}"
            )
        builder.report(line, col, "RT010", f"YAML syntax error: {problem}", hint)
    except yaml.YAMLError as error:  # reader errors: unusual characters that slipped past _decode
        builder.refused = True
        builder.report(1, 1, "RT010", f"YAML error: {error}")
    finally:
        parser.dispose()
    data = None
    if builder.refused:
        pass
    elif root is None or root == "":
        builder.report(1, 1, "RT007", "the file holds no record", "write the record's fields, or delete the file")
    elif not isinstance(root, dict):
        line, col, _, _ = builder.positions.get((), (1, 1, 1, 1))
        what = "a list" if isinstance(root, list) else f"the value {quote(root)}"
        builder.report(
            line,
            col,
            "RT017",
            f"the file holds {what}, not a mapping of fields",
            "a record is a mapping: 'id: ...', 'kind: ...' and its other fields",
        )
    else:
        data = root
    return SourceDocument(path, data, builder.positions, builder.finish(), builder.dropped)


def _syntax_hint(problem: str) -> str | None:
    if "tab" in problem:
        return "indent with spaces, never tabs"
    if "mapping values are not allowed" in problem:
        return "a value containing ': ' must be quoted"
    if "could not find expected ':'" in problem:
        return "check the indentation and that each field has 'key: value'"
    if "found character '@'" in problem or "found character '`'" in problem:
        return "values starting with @ or ` must be quoted"
    return "check the indentation and quoting around this position"
