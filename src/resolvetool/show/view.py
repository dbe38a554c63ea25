"""What `show` shows of one record: the record as its file says now, the titles of what it points to,
and what points back at it, gathered from the index (which is up to date when opened).

The record itself is read from its file, not the index: the file is the truth, and reading one file
costs less than a millisecond. Only the strict YAML reader is needed, never the models, so a record
that does not pass the schema is shown too, with its first problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import RecordNotFound
from ..index import Index, Referrer, Row
from ..index.extract import flatten

PER_FIELD = 20  # referring records listed per field in the text view; data formats list them all


@dataclass
class View:
    row: Row
    data: dict[str, Any] | None  # the record as its file holds it (None: the file has no record)
    problem: str | None  # the file's first problem, if any
    references: list[tuple[str, str, Row | None]]  # (field, reference, the record it names or None)
    referrers: list[Referrer]
    referrer_counts: dict[str, int]  # field -> how many records point here from it
    duplicates: list[Row] = field(default_factory=list)  # other files with the same id
    fragment: str | None = None  # the part the reference asked for (#preamble-2)
    fragment_missing: bool = False  # the record has no part of that name


def build_view(index: Index, ref: str, *, per_field: int | None = PER_FIELD) -> View:
    rows, fragment = index.locate(ref)
    if not rows:
        raise RecordNotFound(ref, index.suggest(ref), index.settings.records)
    row, duplicates = rows[0], rows[1:]
    data, problem = _read(index, row)
    references: list[tuple[str, str, Row | None]] = []
    if data is not None:
        types = {name: info.get("type") for name, info in index.catalogue.items()}
        found = [
            (name, value) for name, value in flatten(data, "") if isinstance(value, str) and types.get(name) == "ref"
        ]
        targets = index.rows(sorted({value.split("#", 1)[0] for _, value in found}))
        references = [(name, value, targets.get(value.split("#", 1)[0])) for name, value in found]
    referrers, counts = index.referrers(row.id, per_field=per_field)
    parts = index.parts(row.rec)
    missing = fragment is not None and parts is not None and fragment not in parts
    return View(row, data, problem, references, referrers, counts, duplicates, fragment, missing)


def _read(index: Index, row: Row) -> tuple[dict[str, Any] | None, str | None]:
    from ..source import parse_source, read_source

    path = index.settings.root / row.path
    raw = read_source(path, row.path, max_size=index.settings.max_file_size, within=str(index.settings.root))
    if not isinstance(raw, bytes):
        return None, f"{raw.line}:{raw.col}: {raw.code} {raw.message}"
    doc = parse_source(raw, row.path)
    errors = [d for d in doc.diagnostics if d.severity.value == "error"]
    problem = f"{errors[0].line}:{errors[0].col}: {errors[0].code} {errors[0].message}" if errors else row.problem
    return (doc.data if isinstance(doc.data, dict) else None), problem


def view_data(view: View, base: str | None = None) -> dict[str, Any]:
    """The view as plain data, for --format json and yaml (every referring record, not a sample)."""
    return {
        "id": view.row.id,
        "kind": view.row.kind,
        "title": view.row.title,
        "status": view.row.status,
        "date": view.row.date,
        "path": view.row.path,
        "valid": view.row.valid and view.problem is None,
        "problem": view.problem,
        "record": view.data,
        "references": [
            {
                "field": name,
                "ref": ref,
                "kind": target.kind if target else None,
                "title": target.title if target else None,
                "found": target is not None,
            }
            for name, ref, target in view.references
        ],
        "referenced_by": [
            {
                "id": r.row.id,
                "kind": r.row.kind,
                "title": r.row.title,
                "date": r.row.date,
                "field": r.field,
                "fragment": r.fragment,
            }
            for r in view.referrers
        ],
        "duplicates": [row.path for row in view.duplicates],
        "part": view.fragment,
        "part_found": None if view.fragment is None else not view.fragment_missing,
    }
