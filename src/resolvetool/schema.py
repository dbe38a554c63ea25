"""The JSON Schemas of the record kinds, generated from the models and committed under schemas/.

Editors use them for completion (`# yaml-language-server: $schema=...`); a test and
`resolvetool schema --check` keep the committed files equal to the models.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .fileio import write_files

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SUFFIX = ".schema.json"


def generate() -> dict[str, str]:
    """File name -> JSON text, for every kind and for the union of all kinds (`record`)."""
    from .models import MODEL_BY_KIND, RECORD_ADAPTER

    documents = {kind: model.model_json_schema() for kind, model in MODEL_BY_KIND.items()}
    documents["record"] = RECORD_ADAPTER.json_schema()
    documents["record"]["title"] = "Record"
    documents["record"]["description"] = "Any resolvetool record; its kind field selects the model."
    out = {}
    for name, document in documents.items():
        document = {"$schema": _DIALECT, **document}
        out[name + SUFFIX] = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    return out


@dataclass
class SchemaDrift:
    changed: list[str]  # files whose content differs from the models
    missing: list[str]  # files the models need but that are not there
    extra: list[str]  # schema files that no kind produces any more

    def __bool__(self) -> bool:
        return bool(self.changed or self.missing or self.extra)


def check(folder: Path) -> SchemaDrift:
    """How the schema files in `folder` differ from what the models generate."""
    wanted = generate()
    drift = SchemaDrift([], [], [])
    for name, text in wanted.items():
        path = folder / name
        if not path.is_file():
            drift.missing.append(name)
        elif path.read_text(encoding="utf-8") != text:
            drift.changed.append(name)
    if folder.is_dir():
        drift.extra = sorted(p.name for p in folder.glob("*" + SUFFIX) if p.name not in wanted and _of_a_kind(p))
    return drift


def _of_a_kind(path: Path) -> bool:
    """Whether a schema file is one resolvetool generated for a kind (its `kind` property is the constant its
    name says): only such files are ours to remove, never another schema kept in the same folder."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        kind = document["properties"]["kind"]["const"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return isinstance(kind, str) and path.name == kind + SUFFIX


def write(folder: Path, root: Path | None = None) -> SchemaDrift:
    """Bring `folder` (inside the project at `root`) in line with the models: write what differs, all or none
    (fileio.WriteError), and delete schemas of no kind."""
    drift = check(folder)
    wanted = generate()
    write_files(root or folder, {folder / name: wanted[name] for name in drift.changed + drift.missing})
    for name in drift.extra:
        (folder / name).unlink()
    return drift
