"""Records as YAML people read and edit, the one writer of new record files (`import`, `new`): PyYAML writes the
record's data, and `fmt`'s canonical form (formatting.py: keys in the model's order, strings in one style, long
text folded, several paragraphs as a literal block) is what is kept, so that `fmt --check` passes on what
resolvetool itself wrote. The first line names the record's schema for editors. What is written is read back
before it is returned: a record that would not read back as itself is refused (WriteRefused)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .schemaline import schema_reference


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # records never use anchors; the loader rejects them
        return True


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    from .yamledit import needs_escapes, read_as_another_type

    # PyYAML writes a NEL or U+2028 raw inside quotes, where it reads back as a space, and writes plain what only
    # a YAML 1.1 reader takes for text (`0E0`, a number to the strict reader): such text is written
    # double-quoted (fmt's styles decide how it is finally written).
    style = '"' if needs_escapes(value) or read_as_another_type(value) else "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def record_yaml(record: Any, schema: str, *, path: str = "record") -> str:
    """`record` (a model) as the text of its file; `schema` is the path of its JSON Schema from the file and
    `path` names the file in a WriteRefused's message."""
    from .formatting import FormatError, format_text
    from .writecheck import WriteRefused, check_written

    # `kind` is written even where it is the model's default; fmt puts every key in its place.
    data = {"kind": record.kind} | record.model_dump(mode="python", exclude_defaults=True)
    body = yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False, indent=2
    )
    try:
        text = format_text(f"# yaml-language-server: $schema={schema}\n{body}", path=path)
    except FormatError as error:
        raise WriteRefused(
            path, f"the record would not be read back ({error}); this is a bug in resolvetool: please report it"
        ) from None
    check_written(path, text, {"kind": record.kind} | record.model_dump(mode="json", exclude_defaults=True))
    return text


def record_file_text(settings: Any, record: Any, path: str) -> str:
    """The text of the new file of `record` at `path` (relative to the project root, "/"-separated): its
    schema line leads from there to the project's schemas, and it is within max-file-size (WriteRefused when
    not, or when it would not read back as the record)."""
    from .writecheck import check_size

    text = record_yaml(record, schema_reference(settings, Path(settings.root) / path, record.kind), path=path)
    check_size(path, text, settings.max_file_size)
    return text


__all__ = ["record_file_text", "record_yaml"]
