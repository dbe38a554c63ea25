"""Records as YAML people read and edit: keys in the model's order, dates plain, long text wrapped, text of
several paragraphs as a literal block, and the schema named on the first line for editors. What is written is
read back before it is returned: a record that would not read back as itself is refused (WriteRefused)."""

from __future__ import annotations

from typing import Any

import yaml

from ..schemaline import schema_reference  # where callers have found it

_FIRST_KEYS = ("id", "kind", "symbol")


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # records never use anchors; the loader rejects them
        return True


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    from ..yamledit import needs_escapes, read_as_another_type

    # PyYAML writes a NEL or U+2028 raw inside quotes, where it reads back as a space, and writes plain what only
    # a YAML 1.1 reader takes for text (`0E0`, a number to the strict reader): such text is written
    # double-quoted (fmt's styles decide how it is finally written).
    style = '"' if needs_escapes(value) or read_as_another_type(value) else "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def record_yaml(record: Any, schema: str, *, path: str = "record") -> str:
    """`record` (a model) as the text of its file; `schema` is the path of its JSON Schema from the file and
    `path` names the file in a WriteRefused's message."""
    from ..formatting import FormatError, format_text
    from ..writecheck import WriteRefused, check_written

    data = record.model_dump(mode="python", exclude_defaults=True)
    ordered = {key: data.pop(key) for key in _FIRST_KEYS if key in data}
    ordered.update({"kind": record.kind} | data if "kind" not in ordered else data)
    body = yaml.dump(
        ordered, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False, indent=2
    )
    # In the canonical form `fmt` keeps (list indentation, quoting, folding), so that `fmt --check` passes on
    # what resolvetool itself wrote.
    try:
        text = format_text(f"# yaml-language-server: $schema={schema}\n{body}", path=path)
    except FormatError as error:
        raise WriteRefused(
            path, f"the record would not be read back ({error}); this is a bug in resolvetool: please report it"
        ) from None
    check_written(path, text, {"kind": record.kind} | record.model_dump(mode="json", exclude_defaults=True))
    return text


__all__ = ["record_yaml", "schema_reference"]
