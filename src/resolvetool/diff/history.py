"""How one record changed, commit by commit: the record's file found from its id or symbol, and its diffs.

`diff --history` asks this module, as other programs can: `record_history(settings, history_file(settings, ref))`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import RecordNotFound
from .records import RecordDiff
from .trees import Side, diff_sides


class Step(NamedTuple):
    """One commit that touched the record, and what it changed there."""

    commit: str
    date: str
    subject: str
    diffs: list[RecordDiff]

    @property
    def title(self) -> str:
        """The commit as a heading: short hash, date, subject."""
        return f"{self.commit[:10]} {self.date} {self.subject}"


def history_file(settings: Any, ref: str) -> Path:
    """The file of the record `ref`: a YAML file named as it is, an id or symbol looked up in the index."""
    if ref.endswith((".yaml", ".yml")):
        return Path(ref)
    from ..index import open_index

    rows = open_index(settings).find(ref)
    if not rows:
        raise RecordNotFound(ref, [], settings.records)
    return Path(settings.root) / rows[0].path


def record_history(settings: Any, path: Path, *, whitespace: bool = False) -> list[Step]:
    """How one record file changed commit by commit, oldest first."""
    from . import gitrev

    root = gitrev.repository(Path(settings.root))
    relative = gitrev.relative(root, Path(os.path.realpath(Path(path).parent)) / Path(path).name)  # as git names it
    out = []
    previous: Side = {}
    for sha, date, subject, name in gitrev.history(root, relative):
        current = gitrev.read_at(root, sha, {name})
        out.append(Step(sha, date, subject, diff_sides(previous, current, whitespace=whitespace)))
        previous = current
    return out
