"""The first line of a record file that names its JSON Schema for editors
(`# yaml-language-server: $schema=../../schemas/resolution.schema.json`), relative to the file.

A file's analysis depends on its bytes alone (it is cached by content), so analysis only reads what the line
names (`named_schema`); whether that still leads to the kind's schema depends on where the file is, and is
decided where places are known (validate's pass over the tree, fmt) by `SchemaPlace.stale`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_LINE = re.compile(r"#[ \t]*yaml-language-server:[ \t]*\$schema=(\S+)[ \t]*\Z")
_EVERY_KIND = "record"  # record.schema.json: the schema of any record


def named_schema(first_line: str) -> str | None:
    """What a file's first line names as its schema, or None when it is no schema line."""
    found = _LINE.match(first_line)
    return found.group(1) if found else None


def first_line(text: str) -> str:
    """The text up to its first line break (LF, or a CR: a file with CR line endings is read as editors do)."""
    found = re.search("[\r\n]", text)
    return text if found is None else text[: found.start()]


def schema_reference(settings: Any, target: Any, kind: str) -> str:
    """The path of `kind`'s JSON Schema as the record file at `target` names it (relative, for editors)."""
    return SchemaPlace(Path(target), Path(settings.schemas)).reference(kind)


@dataclass(frozen=True)
class SchemaPlace:
    """Where a record file is, and the project's schemas folder."""

    file: Path
    schemas: Path

    def reference(self, kind: str) -> str:
        schema = self.schemas / f"{kind}.schema.json"
        return Path(os.path.relpath(schema, self.file.parent)).as_posix()

    def stale(self, named: str, kind: str) -> str | None:
        """The reference a schema line naming `named` should hold instead, for a record of `kind` here; None
        when it leads to the kind's schema (or to the schema of every kind), or is a web address."""
        if "://" in named:
            return None
        folder = os.path.normpath(os.path.abspath(self.schemas))
        reached = os.path.normpath(os.path.join(os.path.abspath(self.file.parent), named))
        if reached in (os.path.join(folder, f"{kind}.schema.json"), os.path.join(folder, f"{_EVERY_KIND}.schema.json")):
            return None
        return self.reference(kind)


def with_schema_line(text: str, reference: str) -> str:
    """`text` with its schema line naming `reference` (only the named path changes)."""
    line = first_line(text)
    found = _LINE.match(line)
    if found is None:
        return text
    return text[: found.start(1)] + reference + text[found.end(1) :]


__all__ = ["SchemaPlace", "first_line", "named_schema", "schema_reference", "with_schema_line"]
