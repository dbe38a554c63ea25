"""Records as YAML people read and edit: keys in the model's order, dates plain, long text wrapped, text of
several paragraphs as a literal block, and the schema named on the first line for editors."""

from __future__ import annotations

from typing import Any

import yaml

_FIRST_KEYS = ("id", "kind", "symbol")


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # records never use anchors; the loader rejects them
        return True


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def record_yaml(record: Any, schema: str) -> str:
    """`record` (a model) as the text of its file; `schema` is the path of its JSON Schema from the file."""
    data = record.model_dump(mode="python", exclude_defaults=True)
    ordered = {key: data.pop(key) for key in _FIRST_KEYS if key in data}
    ordered.update({"kind": record.kind} | data if "kind" not in ordered else data)
    body = yaml.dump(ordered, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False, indent=2)
    from ..formatting import format_text

    # In the canonical form `fmt` keeps (list indentation, quoting, folding), so that `fmt --check` passes on
    # what resolvetool itself wrote.
    return format_text(f"# yaml-language-server: $schema={schema}\n{body}")


def schema_reference(settings: Any, target: Any, kind: str) -> str:
    """The path of `kind`'s JSON Schema as the record file at `target` names it (relative, for editors)."""
    import os
    from pathlib import Path

    schema = Path(settings.schemas) / f"{kind}.schema.json"
    return Path(os.path.relpath(schema, Path(target).parent)).as_posix()
