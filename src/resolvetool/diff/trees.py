"""What changed between two sets of record files: records added, removed, renamed (a new id for the same
record), moved (the same id in another file) and changed.

A side is a mapping of file path to bytes, read from a folder, a git revision (gitrev.py) or the
working tree. Files are read with the strict YAML reader alone, so a record that does not pass the schema
is compared too; a file that does not parse is compared as its problem.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..kinds import DEFAULT_MAX_FILE_SIZE
from .records import Change, RecordDiff, diff_records


@dataclass(frozen=True)
class Unread:
    """A file that was deliberately not read (a link leading out of the project or folder compared); it is
    compared as its problem, so that a record replaced by such a link shows as a change, not as content."""

    reason: str


Side = dict[str, bytes | Unread]  # path (with forward slashes) -> the file's bytes


def read_file(path: Path | str, within: str | None, *, max_size: int = DEFAULT_MAX_FILE_SIZE) -> bytes | Unread:
    """A file's bytes, unless it is a link inside the folder `within` (a real path) that leads out of it, is over
    `max_size` bytes, or cannot be read (a link loop, no permission, a pipe): then it is compared as that
    problem, never taken for a removed record. FileNotFoundError when it is not there."""
    from ..source import leads_outside

    if within is not None and leads_outside(path, within) is not None:
        return Unread(f"a symbolic link to {os.readlink(path)!r}, which leads outside the project: not read")
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):  # a pipe would never end
            return Unread("not a regular file: not read")
        if info.st_size > max_size:
            return Unread(f"the file is {info.st_size:,} bytes, over the limit of {max_size:,}: not read")
        with open(path, "rb") as stream:
            return stream.read(max_size + 1)
    except FileNotFoundError:
        raise
    except OSError as error:
        return Unread(f"cannot be read: {error.strerror or error}")


def read_folder(folder: Path, shown: str | None = None) -> Side:
    """Every record file under `folder`, named `shown/<path inside>` (default: the folder as given). Links that
    lead out of the folder are not read."""
    from ..corpus import discover

    prefix = (shown if shown is not None else os.fspath(folder)).rstrip("/")
    within = os.path.realpath(folder)
    side: Side = {}
    for path in discover(folder):
        inside = os.path.relpath(path, folder).replace(os.sep, "/")
        try:
            side[f"{prefix}/{inside}" if prefix else inside] = read_file(path, within)
        except FileNotFoundError:  # removed while the folder was read
            continue
    return side


def parse(path: str, raw: bytes | Unread) -> tuple[str, dict[str, Any]]:
    """(id, data) of a record file: its id (or its file name's stem), and its data, or {"problem": ...}."""
    from ..source import parse_source

    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if isinstance(raw, Unread):
        return stem, {"problem": raw.reason}
    doc = parse_source(raw, path)
    if not isinstance(doc.data, dict):
        problem = next((f"{d.line}:{d.col}: {d.message}" for d in doc.diagnostics), "no record")
        return stem, {"problem": problem}
    record_id = doc.data.get("id")
    return (record_id if isinstance(record_id, str) and record_id else stem), doc.data


def diff_sides(old: Side, new: Side, *, whitespace: bool = False) -> list[RecordDiff]:
    """The record diffs between two sides, ordered by id. Unchanged files are skipped without parsing."""
    old, new = _printable(old), _printable(new)
    same = {path for path in old.keys() & new.keys() if old[path] == new[path]}
    before = _records({path: raw for path, raw in old.items() if path not in same})
    after = _records({path: raw for path, raw in new.items() if path not in same})
    out: list[RecordDiff] = []
    gone = {rid: value for rid, value in before.items() if rid not in after}
    came = {rid: value for rid, value in after.items() if rid not in before}
    for rid in sorted(before.keys() & after.keys()):
        (old_path, old_data), (new_path, new_data) = before[rid], after[rid]
        changes = diff_records(old_data, new_data, whitespace=whitespace) + _derived(old_data, new_data)
        if changes or old_path != new_path:
            status = "moved" if old_path != new_path else "changed"
            out.append(RecordDiff((rid, rid), _kind(new_data, old_data), status, old_path, new_path, changes))
    # A record whose id changed while nothing else did was renamed.
    renamed = []
    for old_id, (old_path, old_data) in sorted(gone.items()):
        match = next(
            (
                new_id
                for new_id, (_, data) in sorted(came.items())
                if new_id not in renamed and _without_id(data) == _without_id(old_data)
            ),
            None,
        )
        if match is not None:
            renamed.append(match)
            new_path, new_data = came[match]
            out.append(
                RecordDiff(
                    (old_id, match),
                    _kind(new_data, old_data),
                    "renamed",
                    old_path,
                    new_path,
                    [Change("changed", "id", old_id, match)],
                )
            )
    for rid, (path, data) in gone.items():
        if not any(diff.ids[0] == rid for diff in out):
            out.append(RecordDiff((rid, None), _kind(data), "removed", path, None))
    for rid, (path, data) in came.items():
        if rid not in renamed:
            out.append(RecordDiff((None, rid), _kind(data), "added", None, path))
    return sorted(
        out, key=lambda diff: (min(i for i in diff.ids if i is not None), diff.ids[0] or "", diff.ids[1] or "")
    )


def _printable(side: Side) -> Side:
    """The side with its paths as text any output can carry (the bytes of a name that is not UTF-8 as \\xNN):
    from here on a path is only a label."""
    from ..inert import printable_path

    return {printable_path(path): raw for path, raw in side.items()}


def _records(side: Side) -> dict[str, tuple[str, dict[str, Any]]]:
    """id -> (path, data); of two files with one id (an error validate reports), the first by path."""
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    for path in sorted(side):
        rid, data = parse(path, side[path])
        found.setdefault(rid, (path, data))
    return found


def _kind(*versions: dict[str, Any] | None) -> str | None:
    for data in versions:
        if data and isinstance(data.get("kind"), str):
            return data["kind"]
    return None


def _without_id(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key != "id"}


def _derived(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Changes of what follows from a record rather than being written in it: an agreement's status."""
    if old.get("kind") != "agreement" or new.get("kind") != "agreement":
        return []
    before, after = _agreement_status(old), _agreement_status(new)
    return [Change("changed", "status", before, after)] if before != after else []


def _agreement_status(data: dict[str, Any]) -> str:
    from ..models.agreement import status_after

    return status_after(step.get("event") for step in data.get("lifecycle") or [] if isinstance(step, dict))
