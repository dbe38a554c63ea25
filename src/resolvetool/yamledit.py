"""Rewriting record files people edit, keeping what they wrote: ruamel.yaml's round trip keeps comments,
blank lines and key order; strings are written back in a style that carries them exactly and that the dialect
reads without surprises (YAML 1.1 look-alikes quoted), long text folded at word boundaries, several lines as a
literal block, and anything a block cannot carry (control characters, CR, NEL, U+2028/2029, spaces a block
would lose) double-quoted with escapes."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.emitter import Emitter
from ruamel.yaml.error import CommentMark
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.resolver import Resolver as Yaml12
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    PlainScalarString,
    ScalarString,
    SingleQuotedScalarString,
)
from ruamel.yaml.tag import Tag
from ruamel.yaml.tokens import CommentToken
from yaml.resolver import Resolver as Yaml11

from .source import LINE_END, plain_value, yaml_events

WIDTH = 100


def read_as_another_type(text: str) -> bool:
    """Whether some reader takes `text`, written plain, for something else than that text: the dialect (a
    null, boolean or number), a YAML 1.1 reader (PyYAML: `yes`, `012`, `1:20`, `0b101`, `=`, dates), or a YAML
    1.2 reader (ruamel.yaml: `0o17`, `.5e+3`, `-.inf`). Such text is written quoted: validate's RT020-RT022
    are about the same values."""
    if plain_value(text) is not text:
        return True
    for resolvers in (Yaml11.yaml_implicit_resolvers, Yaml12.yaml_implicit_resolvers):
        for _, pattern in [*resolvers.get(text[:1], ()), *resolvers.get(None, ())]:
            if pattern.match(text):
                return True
    return False


# --- ruamel.yaml reading plain values as the strict reader does ---------------------------------------------


class Verbatim(str):
    """A plain value the dialect reads as null, a boolean or a number (`~`, `TRUE`, `-0`, `1.5e400`), kept as
    written: ruamel.yaml would write back its own spelling of the value (`''`, `true`, `0`, `.inf`), which is
    another key (keys are read as written) or another value (`.inf` is a string to the dialect)."""

    tag: str

    def __new__(cls, text: str, tag: str) -> Verbatim:
        made = super().__new__(cls, text)
        made.tag = tag
        return made


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_TAG = "tag:yaml.org,2002:"


class _DialectResolver(VersionedResolver):
    """Plain values resolved as the strict reader resolves them (source.plain_value), whatever `%YAML`
    directive the file has; besides, `2020-05-04` is a date (written back as it was) and `<<` is no string
    (so that a string `<<` is written quoted, as the dialect refuses a plain `<<` key). ruamel.yaml's own
    rules (YAML 1.2, or 1.1 under `%YAML 1.1`) read `0x1F`, `012`, `.inf` and `2001-12-14t21:59:43.10-05:00`
    as numbers and times, which it then writes back otherwise, or fails on (`2013-02-30`)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0]:
            typed = plain_value(value)
            if typed is not value:
                name = "null" if typed is None else "bool" if isinstance(typed, bool) else type(typed).__name__
                return Tag(suffix=_TAG + name)
            if _DATE.match(value):
                return Tag(suffix=_TAG + "timestamp")
            if value == "<<":
                return Tag(suffix=_TAG + "merge")
        return super().resolve(kind, value, (False, implicit[1]) if kind is ScalarNode else implicit)


class _DialectConstructor(RoundTripConstructor):
    def construct_verbatim(self, node: Any) -> Verbatim:
        return Verbatim(node.value, str(node.tag))

    def construct_date(self, node: Any) -> Any:
        """A date as a date (written back as it was), a date that does not exist (2013-02-30) as a string."""
        import datetime

        try:
            return datetime.date.fromisoformat(node.value)
        except ValueError:
            return node.value


for _name in ("null", "bool", "int", "float"):
    _DialectConstructor.add_constructor(_TAG + _name, _DialectConstructor.construct_verbatim)
_DialectConstructor.add_constructor(_TAG + "timestamp", _DialectConstructor.construct_date)
_DialectConstructor.add_constructor(_TAG + "merge", RoundTripConstructor.construct_yaml_str)


class _DialectRepresenter(RoundTripRepresenter):
    def represent_verbatim(self, data: Verbatim) -> Any:
        return self.represent_scalar(data.tag, str(data))


_DialectRepresenter.add_representer(Verbatim, _DialectRepresenter.represent_verbatim)


class _DialectEmitter(Emitter):
    """Scalars written plain only where libyaml reads them back whole: inside `{...}` or `[...]` a plain value
    holding ':' (`0:?`), which YAML 1.2 and ruamel.yaml allow, is an error to libyaml, so such a value is
    quoted there."""

    def analyze_scalar(self, scalar: Any) -> Any:
        analysis = super().analyze_scalar(scalar)
        if ":" in scalar:
            analysis.allow_flow_plain = False
        return analysis


def make_yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Emitter = _DialectEmitter
    yaml.Resolver = _DialectResolver
    yaml.Constructor = _DialectConstructor
    yaml.Representer = _DialectRepresenter
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


# --- text ruamel.yaml reads as libyaml does ------------------------------------------------------------------


_OTHER_BREAKS = ("\x85", "\u2028", "\u2029")
_ESCAPED = re.compile('[\\\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]')


def for_ruamel(text: str) -> str:
    """`text` (which the strict reader accepts, every line ending in "\n") rewritten where ruamel.yaml would
    read it otherwise than libyaml, so that fmt's writer reads what validate reads. ruamel.yaml fails on tabs
    libyaml takes as spaces (`key:\tvalue`, `value\t# c`, `|\t# c`) and inside plain values (`a\tb`): such
    tabs become spaces and such values double-quoted. A byte order mark starting a line, which libyaml skips,
    becomes a space. `...` ending the document goes, as ruamel.yaml drops the comments after it. A comment
    after a key whose value is on the next lines (`title: # c` / `  Text`) goes on a line of its own above
    the value: ruamel.yaml reads it as the value's end-of-line comment, and then drops it, or fails, when
    another comment or a blank line follows the value.

    NEL, U+2028 or U+2029, which libyaml reads as line breaks and ruamel.yaml (and editors) as characters, are
    never outside a quoted value here: the strict reader refuses them there (RT024); inside one they are
    written as escapes."""
    from yaml.events import (
        CollectionEndEvent,
        DocumentEndEvent,
        MappingStartEvent,
        NodeEvent,
        ScalarEvent,
        SequenceStartEvent,
    )

    edits: list[tuple[int, int, str]] = []
    position = 0
    open_collections: list[list[bool]] = []  # each open list or mapping: [a mapping, its next node is a key]
    for event in yaml_events(text):
        kind = event.__class__
        start, end = event.start_mark.index, event.end_mark.index
        a_value = isinstance(event, NodeEvent) and _a_mapping_value(open_collections)
        if kind is MappingStartEvent or kind is SequenceStartEvent:
            open_collections.append([kind is MappingStartEvent, True])
        elif isinstance(event, CollectionEndEvent):
            open_collections.pop()
        if kind is ScalarEvent:
            _between_values(text, position, start, edits)
            if a_value:
                _comment_above_value(text, position, event, edits)
            _scalar_for_ruamel(text, event, edits)
            position = max(position, end)
        elif kind is DocumentEndEvent and end > start:  # an explicit `...`, and its line if it is alone there
            _between_values(text, position, start, edits)
            alone = (start == 0 or text[start - 1] == "\n") and text.startswith("\n", end)
            edits.append((start, end + alone, ""))
            position = end + alone
    _between_values(text, position, len(text), edits)
    pieces = []
    done = 0
    for start, end, replacement in sorted(edits):  # never overlapping
        pieces += [text[done:start], replacement]
        done = end
    return "".join(pieces) + text[done:]


def _a_mapping_value(open_collections: list[list[bool]]) -> bool:
    """Whether the node that comes is a mapping's value (not a key, nor a list item); counts it."""
    if not open_collections or not open_collections[-1][0]:
        return False
    a_key = open_collections[-1][1]
    open_collections[-1][1] = not a_key
    return not a_key


def _comment_above_value(text: str, key_end: int, value: Any, edits: list[tuple[int, int, str]]) -> None:
    """The edits moving a comment on a key's line (`title: # c`) to a line of its own above the value that
    starts on a later line, at the value's column. When the value has an end-of-line comment of its own
    (`  Text # d`), where the first would be written is no longer clear: it is left out, and the read-back
    check names it as a comment fmt cannot keep. Before a block with a header comment (`>- # h`) it stays."""
    from .writecheck import BLOCK_HEADER

    start, end = value.start_mark.index, value.end_mark.index
    key_line_end = text.find("\n", key_end, start)
    comment = text.find("#", key_end, key_line_end) if key_line_end >= 0 else -1
    if comment < 0:
        return
    if value.style in ("|", ">"):  # ruamel.yaml keeps it, as the value's, and fails on a comment line above a
        if BLOCK_HEADER.match(text, start):  # block with a header comment
            return
    else:
        value_line_end = text.find("\n", end)
        if "#" in text[end : value_line_end if value_line_end >= 0 else len(text)]:
            edits.append((comment, key_line_end, ""))
            return
    edits.append((comment, key_line_end, ""))
    column = start - (text.rfind("\n", 0, start) + 1)
    edits.append((key_line_end + 1, key_line_end + 1, " " * column + text[comment:key_line_end] + "\n"))


def _between_values(text: str, start: int, end: int, edits: list[tuple[int, int, str]]) -> None:
    """Edits of the text between two values: indicators, spaces and comments."""
    index = start
    while index < end:
        line_end = text.find("\n", index, end)
        line_end = end if line_end < 0 else line_end
        comment = text.find("#", index, line_end)
        syntax_end = line_end if comment < 0 else comment
        for at in range(index, syntax_end):
            if text[at] == "\t" or text[at] == "\ufeff":
                edits.append((at, at + 1, " "))
        index = line_end + 1


def _scalar_for_ruamel(text: str, event: Any, edits: list[tuple[int, int, str]]) -> None:
    start, end = event.start_mark.index, event.end_mark.index
    if event.style in ("|", ">"):
        header_end = text.find("\n", start, end)
        header_end = end if header_end < 0 else header_end
        comment = text.find("#", start, header_end)
        for at in range(start, header_end if comment < 0 else comment):
            if text[at] == "\t":
                edits.append((at, at + 1, " "))
    elif any(char in text[start:end] for char in ("\t", *_OTHER_BREAKS)) or (
        event.style is None and "\ufeff" in text[start:end]
    ):
        escaped = _ESCAPED.sub(
            lambda found: "\\" + found.group() if found.group() in '\\"' else f"\\u{ord(found.group()):04x}",
            event.value,
        )
        edits.append((start, end, f'"{escaped}"'))


# Characters a file may hold raw outside double quotes: YAML's printable set less what the strict reader
# refuses raw (RT008: controls, DEL, C1), what YAML reads as a line break (CR, NEL, U+2028, U+2029), the byte
# order mark, tab (a block would keep it, but editors turn it into spaces) and what cannot be encoded (lone
# surrogates). Anything else must be written as an escape inside double quotes.
_NOT_RAW = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")


def needs_escapes(text: str) -> bool:
    """Whether `text` holds a character only a double-quoted escape carries."""
    return _NOT_RAW.search(text) is not None


def block_safe(text: str) -> bool:
    """Whether a literal block carries `text` exactly: only printable characters; no line that starts (the
    first) or ends with a space, which a block would need an indicator for or an editor would strip; at most
    one final line break (a block keeping several is easily damaged)."""
    if not text or _NOT_RAW.search(text) or text[0] in " \n" or text.endswith("\n\n"):
        return False
    return not any(line.endswith(" ") for line in text.split("\n"))


def fold_safe(text: str) -> bool:
    """Whether a folded block carries `text` exactly: one line of printable characters, no leading, trailing
    or doubled spaces (folding reads each break back as one space)."""
    return (
        bool(text) and not _NOT_RAW.search(text) and "\n" not in text and text == text.strip(" ") and "  " not in text
    )


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
    """The canonical style of a string value at `indent` columns: one that carries the value exactly."""
    text = str(value)
    if _NOT_RAW.search(text):
        return DoubleQuotedScalarString(text)
    if "\n" in text:
        return LiteralScalarString(text) if block_safe(text) else DoubleQuotedScalarString(text)
    if read_as_another_type(text):
        return DoubleQuotedScalarString(text)
    needs_quotes = (
        text != text.strip()
        or text[:1] in "!&*{}[]|>'\"%@`#,?:"
        or ": " in text
        or " #" in text
        or text.endswith(":")
        or not text
    )
    if indent + len(text) + 2 > width and " " in text and fold_safe(text):
        return fold(text, indent, width)
    if needs_quotes or text.startswith("- ") or text == "-":
        return DoubleQuotedScalarString(text)
    return PlainScalarString(text)


def styled_inline(value: str, *, flow: bool = False) -> Any:
    """The canonical style of a value that must stay on its line (inside a flow list or mapping, `flow`, or
    where a comment follows it): plain where it reads back as written, double-quoted otherwise."""
    scalar = styled(value, 0, width=1 << 30)
    if is_block(scalar) or (flow and isinstance(scalar, PlainScalarString) and any(c in value for c in ",[]{}")):
        return DoubleQuotedScalarString(value)
    return scalar


def styled_like(style: str, value: str, indent: int) -> Any:
    """`value` in the style a value was written in ('' plain, "'", '"', '|', '>'): a folded block stays
    folded, a quoted value quoted; in its canonical style where that style cannot carry it."""
    if style == ">":
        return fold(value, indent) if fold_safe(value) else styled(value, indent)
    if style == "|":
        return LiteralScalarString(value) if block_safe(value) else styled(value, indent)
    if style == '"':
        return DoubleQuotedScalarString(value)
    if style == "'" and "\n" not in value and not _NOT_RAW.search(value):
        return SingleQuotedScalarString(value)
    return styled(value, indent)


def is_block(scalar: Any) -> bool:
    return isinstance(scalar, (LiteralScalarString, FoldedScalarString))


def render_scalar(scalar: ScalarString, indent: int) -> str:
    """The text of one value as ruamel writes it after a key, a block's lines indented at `indent` columns
    (ending with a line break), a one-line value without one."""
    text = dump(CommentedMap([("k", scalar)]))[3:]
    if "\n" not in text.rstrip("\n"):
        return text.rstrip("\n")
    first, *rest = text.split("\n")
    return "\n".join([first, *(" " * indent + line[2:] if line else "" for line in rest)])


# --- comments ----------------------------------------------------------------------------------------


def block_where_commented(node: Any, column: int = 0) -> None:
    """Flow lists and mappings in `node`'s tree (whose keys or dashes are at `column`) that hold comments
    (`[a, # c` / `b]`) in block style, where ruamel.yaml writes them (see keep_comments)."""
    if isinstance(node, (CommentedMap, CommentedSeq)):
        if _flow(node) and _has_comments(node):
            _to_block(node, column)
            return
        for child in node.values() if isinstance(node, CommentedMap) else node:
            block_where_commented(child, column + 2)


def keep_comments(node: Any, column: int = 0) -> None:
    """Move the comments ruamel.yaml reads but would not write into places where it writes them, in `node`'s
    tree (whose keys or dashes are at `column`).

    ruamel keeps a mapping item's comments in `ca.items[key]`: [2] the one after the value, [3] those standing
    before it; a list item's in `ca.items[index]`: [0] after it, [1] before it. Its representer hands [3] to
    the value's node, and its emitter (`Emitter.process_scalar`) writes a scalar's comments-before only as a
    block's header (`>- # c`, a string), dropping comment tokens; in flow style it writes no item's comments
    at all (`expect_flow_sequence_item`), nor the comments after a flow list's last item (`ca.end`). So:

    - comment lines between a key and a value that is not a list or mapping (`title:` / `# c` / `text`) are
      written after the value, on its line and those below;
    - comment lines before a list item that follows a block (`- |` / `  text` / `- # c`), which ruamel writes
      at the column they were read at, where they would be the block's text, are written at the dashes';
    - a block scalar's header comment (`text: >- # c`, `- >- # c`) follows the value when it is no longer a
      block (and stays on it while it is, but in a list, where ruamel cannot write it);
    - a flow list holding comments is written as a block list, where they can stand (block_where_commented,
      before the values are given their styles, which may then be blocks).

    Some comments ruamel loses while reading, which nothing here can bring back: inside a flow mapping
    (`{a: b, # c`), and the first of two around one value (`title: # a` / `Text # b`, one end-of-line comment
    per item; for_ruamel leaves the first out). The read-back check (writecheck.py) finds those, and the file
    is left alone."""
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            entry = node.ca.items.get(key)
            if entry and len(entry) > 3 and entry[3] and not isinstance(value, (CommentedMap, CommentedSeq)):
                _after_value(entry, is_block(value))
            keep_comments(value, column + 2)
    elif isinstance(node, CommentedSeq):
        for index, value in enumerate(node):
            entry = node.ca.items.get(index)
            if entry and len(entry) > 1 and entry[1] and not isinstance(value, (CommentedMap, CommentedSeq)):
                _item_header(entry, value)
            if entry and len(entry) > 1 and entry[1] and index and is_block(node[index - 1]):
                for token in entry[1]:  # at their own column, after a block, they would be its text
                    if isinstance(token, CommentToken):
                        # ruamel.yaml puts a CommentMark here itself (comments.py), though it annotates StreamMark
                        token.start_mark = CommentMark(column)  # type: ignore[assignment]
            keep_comments(value, column + 2)


def _item_header(entry: list, value: Any) -> None:
    """A list item's block header comment (`- |- # c`, a string in entry[1]), which ruamel.yaml reads but
    does not write, after the value when it is no longer a block. (On a block it cannot be written: ruamel
    takes a list item's comments-before for comment lines above the item; the read-back check names it.)"""
    headers = [item for item in entry[1] if isinstance(item, str)]
    if not headers or is_block(value):
        return
    entry[1] = [item for item in entry[1] if not isinstance(item, str)] or None
    lines = "".join(header.strip() + "\n" for header in headers)
    if entry[0] is None:
        entry[0] = CommentToken(lines, CommentMark(0))
    else:
        entry[0].value = lines + entry[0].value[1:] if entry[0].value.startswith("\n") else entry[0].value + lines


def _after_value(entry: list, block: bool) -> None:
    """Comments standing before a value (entry[3]) put right after it (entry[2]: after its own end-of-line
    comment, before the blank lines and comment lines that follow it); a block's own header comment (a
    string, not a token) stays while the value is a block."""
    moved = [item for item in entry[3] if isinstance(item, CommentToken) or not block]
    if not moved:
        return
    entry[3] = [item for item in entry[3] if item not in moved] or None
    lines = "".join(item.value if isinstance(item, CommentToken) else item.strip() + "\n" for item in moved)
    if entry[2] is None:
        entry[2] = CommentToken(lines, CommentMark(0))
    elif entry[2].value.startswith("#"):
        own, _, following = entry[2].value.partition("\n")
        entry[2].value = own + "\n" + lines + following
    else:  # the line break ending the value's line, then what follows it
        entry[2].value = lines + entry[2].value[1:]


def _flow(node: Any) -> bool:
    return bool(node.fa.flow_style())


def _has_comments(node: Any) -> bool:
    if getattr(node.ca, "end", None) or any(part for entry in node.ca.items.values() for part in entry if part):
        return True
    children = node.values() if isinstance(node, CommentedMap) else node
    return any(_has_comments(child) for child in children if isinstance(child, (CommentedMap, CommentedSeq)))


def _to_block(node: Any, column: int) -> None:
    """`node` and everything in it in block style; its comments at the items' column (lines of their own) or
    one space after the item (end of line)."""
    node.fa.set_block_style()
    end = getattr(node.ca, "end", None)
    if end and len(node):  # after the last item (`b, # c` / `]`): a block writes none there; after the item
        _after_last(node, "".join(token.value for token in end))
        node.ca.end = []
    for entry in node.ca.items.values():
        for part in entry:
            tokens = part if isinstance(part, list) else [part]
            for token in tokens:
                if isinstance(token, CommentToken):
                    # ruamel.yaml puts a CommentMark here itself (comments.py), though it annotates StreamMark
                    token.start_mark = CommentMark(column if isinstance(part, list) else 0)  # type: ignore[assignment]
    children = node.values() if isinstance(node, CommentedMap) else node
    for child in children:
        if isinstance(child, (CommentedMap, CommentedSeq)):
            _to_block(child, column + 2)


def _after_last(node: Any, lines: str) -> None:
    """Comment `lines` after the last value in `node`'s tree: after a one-line value, a block writes them on its
    line (after a list or mapping item, ruamel.yaml writes them after the item's dash, `- # c`, and reads them
    back above it: a second fmt would move them)."""
    last = list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
    if isinstance(node[last], (CommentedMap, CommentedSeq)) and len(node[last]):
        _after_last(node[last], lines)
        return
    entry = node.ca.items.setdefault(last, [None, None, None, None])
    at = 2 if isinstance(node, CommentedMap) else 0
    if entry[at] is None:
        entry[at] = CommentToken(lines, CommentMark(0))
    else:
        entry[at].value = entry[at].value + ("" if entry[at].value.endswith("\n") else "\n") + lines


def line_ending(text: str) -> str:
    """A file's line ending: the one its first line ends with ("\\n" for a file of one line)."""
    found = LINE_END.search(text)
    return found.group() if found else "\n"


def walk(node: Any, loc: tuple) -> tuple[Any, Any]:
    """The container holding the value at `loc` and the value's key or index there."""
    for step in loc[:-1]:
        node = node[step]
    return node, loc[-1]


# --- where values stand in the text --------------------------------------------------------------------


@dataclass(frozen=True)
class ScalarSpan:
    """Where one string value stands in a file's text: [start, end) from its first character (a quote, a
    block's indicator) to its last (a block's content with its trailing line breaks), its style ('' plain,
    "'", '"', '|', '>'), the column a block's lines would start at, and whether it is inside a flow list or
    mapping (`[a, b]`), where a plain value cannot hold `,[]{}`."""

    start: int
    end: int
    style: str
    indent: int
    flow: bool = False


_COMPLEX_KEY = "(a key that is a list or mapping)"


def scalar_spans(text: str) -> dict[tuple, ScalarSpan]:
    """Every scalar value of a record file's text by its place (("preamble", 0, "text")), for editing one
    value without touching the rest. The text must pass the strict reader (no anchors, aliases, tags)."""
    from yaml.events import MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent

    spans: dict[tuple, ScalarSpan] = {}
    # Each open container: [is a mapping, its place, the pending key (None: next scalar is a key), its column,
    # items seen, in flow style].
    stack: list[list[Any]] = []
    for event in yaml_events(text):
        kind = event.__class__
        if kind is MappingEndEvent or kind is SequenceEndEvent:
            stack.pop()
            continue
        if kind is not ScalarEvent and kind is not MappingStartEvent and kind is not SequenceStartEvent:
            continue
        start = event.start_mark.index
        column = start - (text.rfind("\n", 0, start) + 1)
        if not stack:
            place: tuple = ()
            indent = 0
        elif stack[-1][0]:
            frame = stack[-1]
            if frame[2] is None:  # a key
                frame[2], frame[3] = (event.value if kind is ScalarEvent else _COMPLEX_KEY), column
                if kind is ScalarEvent:
                    continue
                place, indent = (*frame[1], _COMPLEX_KEY), column  # (refused by the strict reader)
            else:
                place, indent = (*frame[1], frame[2]), frame[3] + 2
                frame[2] = None
        else:
            frame = stack[-1]
            place, indent = (*frame[1], frame[4]), column
            frame[4] += 1
        flow = bool(stack) and stack[-1][5]
        if kind is ScalarEvent:
            spans[place] = ScalarSpan(start, event.end_mark.index, event.style or "", indent, flow)
        else:
            stack.append([kind is MappingStartEvent, place, None, 0, 0, flow or bool(event.flow_style)])
    return spans


__all__ = [
    "CommentedMap",
    "CommentedSeq",
    "ScalarSpan",
    "Verbatim",
    "block_safe",
    "block_where_commented",
    "dump",
    "fold",
    "fold_safe",
    "for_ruamel",
    "is_block",
    "keep_comments",
    "line_ending",
    "load",
    "needs_escapes",
    "read_as_another_type",
    "render_scalar",
    "scalar_spans",
    "styled",
    "styled_inline",
    "styled_like",
    "walk",
]
