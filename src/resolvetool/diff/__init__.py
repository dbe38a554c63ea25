"""Comparing versions of records: what a change did to the substance, clause by clause.

from resolvetool.diff import diff_paths, diff_revisions
for record in diff_revisions(load_settings(), "main"):    # main against the working tree
    print(record.status, record.id, [change.kind for change in record.changes])
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .history import Step, history_file, record_history
from .records import Change, RecordDiff, clause_words, diff_records
from .trees import diff_sides, read_folder


def diff_paths(old: Path, new: Path, *, whitespace: bool = False) -> list[RecordDiff]:
    """Two record files, or two folders of them (files matched by record id, wherever they are)."""
    if old.is_dir() and new.is_dir():
        return diff_sides(read_folder(old, ""), read_folder(new, ""), whitespace=whitespace)
    # Files named by the user are read as named (links followed), but never without end (/dev/zero, a pipe).
    return diff_sides({str(old): _named(old)}, {str(new): _named(new)}, whitespace=whitespace)


def _named(path: Path) -> bytes:
    """A file the user named, or an OSError saying why it is not read (the command line says so, exit 2)."""
    import errno

    from .trees import Unread, read_file

    raw = read_file(path, None)
    if isinstance(raw, Unread):
        raise OSError(errno.EINVAL, raw.reason.removesuffix(": not read"), str(path))
    return raw


def diff_revisions(settings: Any, base: str, head: str | None = None, *, whitespace: bool = False) -> list[RecordDiff]:
    """The records under the project's records/ at git revision `base` against `head` (default: the
    working tree, uncommitted and untracked files included)."""
    from . import gitrev

    root = gitrev.repository(Path(settings.root))
    # git knows the folder by its real path: named through a link (records -> data), it holds no file for git
    folder = gitrev.relative(root, Path(os.path.realpath(settings.records)))
    old_commit = gitrev.commit(root, base)
    new_commit = gitrev.commit(root, head) if head is not None else None
    paths = gitrev.changed_paths(root, old_commit, new_commit, folder)
    old = gitrev.read_at(root, old_commit, paths)
    new = (
        gitrev.read_at(root, new_commit, paths)
        if new_commit
        else gitrev.read_worktree(root, paths, os.path.realpath(settings.root), settings.max_file_size)
    )
    return diff_sides(old, new, whitespace=whitespace)


__all__ = [
    "Change",
    "RecordDiff",
    "Step",
    "clause_words",
    "diff_paths",
    "diff_records",
    "diff_revisions",
    "history_file",
    "record_history",
]
