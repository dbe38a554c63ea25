"""Rewriting record files people edit, keeping what they wrote: ruamel.yaml's round trip keeps comments,
blank lines and key order; strings are written back in the style the dialect reads without surprises (YAML
1.1 look-alikes quoted), long text folded at word boundaries, several lines as a literal block."""

from __future__ import annotations

import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString,
                                      PlainScalarString)

WIDTH = 100

# Plain values that YAML 1.1 tools read as something else than a string (validate's RT020-RT022), and
# values any YAML reads as another type: they are written quoted.
_AMBIGUOUS = re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|"
                        r"null|Null|NULL|~|[-+]?\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?|[-+]?\.\d+|0[0-7]+|0x[\da-fA-F]+|"
                        r"\d+(?::[0-5]?\d)+(?:\.\d*)?|\.(?:inf|Inf|INF|nan|NaN|NAN)|\d{4}-\d\d?-\d\d?(?:[Tt ].*)?)$")


def make_yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # folding is ours (fold), so that it is stable
    yaml.preserve_quotes = True
    yaml.allow_duplicate_keys = False
    return yaml


def load(text: str) -> Any:
    return make_yaml().load(text)


def dump(data: Any) -> str:
    stream = io.StringIO()
    make_yaml().dump(data, stream)
    return stream.getvalue()


def fold(text: str, indent: int, width: int = WIDTH) -> FoldedScalarString:
    """`text` as a folded block broken at spaces so that no line passes `width` columns (a word longer than a
    line stays whole). Only single spaces are folding points: folding reads a break back as one space."""
    scalar = FoldedScalarString(text)
    room = max(width - indent, 20)
    positions = []
    line_start = 0
    last_space = -1
    for index, char in enumerate(text):
        if char == " " and index > 0 and text[index - 1] != " " and index + 1 < len(text) and text[index + 1] != " ":
            last_space = index
        if index - line_start >= room and last_space > line_start:
            positions.append(last_space)
            line_start = last_space + 1
            last_space = -1
    scalar.fold_pos = positions
    return scalar


def styled(value: str, indent: int, width: int = WIDTH) -> Any:
    """The canonical style of a string value at `indent` columns."""
    text = str(value)
    if "\n" in text:
        return LiteralScalarString(text)
    if _AMBIGUOUS.match(text):
        return DoubleQuotedScalarString(text)
    needs_quotes = (text != text.strip() or text[:1] in "!&*{}[]|>'\"%@`#,?:" or ": " in text or " #" in text
                    or text.endswith(":") or not text)
    if indent + len(text) + 2 > width and text == text.strip() and "  " not in text and " " in text \
            and not any(ord(char) < 32 for char in text):
        return fold(text, indent, width)
    if needs_quotes or text.startswith("- ") or text == "-" or any(ord(char) < 32 for char in text):
        return DoubleQuotedScalarString(text)
    return PlainScalarString(text)


def walk(node: Any, loc: tuple) -> tuple[Any, Any]:
    """The container holding the value at `loc` and the value's key or index there."""
    for step in loc[:-1]:
        node = node[step]
    return node, loc[-1]


__all__ = ["CommentedMap", "CommentedSeq", "dump", "fold", "load", "styled", "walk"]
