"""`lint --fix`: the certain corrections written into the files. Only the corrected values change: each is
written over its own place in the file's text, in the value's own style where that style carries the new
value (a folded block stays folded, a quoted value quoted), so that comments, layout, flow lists and line
endings stay as they were. Several corrections to one value are merged; the result is checked to read back
as meant before it is written (atomically)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..fileio import WriteError, write_file
from ..source import LINE_END
from ..writecheck import WriteRefused, check_size
from ..yamledit import ScalarSpan, is_block, line_ending, render_scalar, scalar_spans, styled_inline, styled_like, walk


def merge(original: str, corrections: list[str]) -> str:
    """`original` with the edits of every correction applied, overlapping ones kept once."""
    edits: set[tuple[int, int, str]] = set()
    for corrected in corrections:
        matcher = difflib.SequenceMatcher(None, original, corrected, autojunk=False)
        edits |= {(i1, i2, corrected[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"}
    text, end = original, len(original) + 1
    for start, stop, replacement in sorted(edits, key=lambda edit: (edit[0], edit[1]), reverse=True):
        if stop > end or (stop == end and start == stop and stop != len(original)):
            continue  # overlaps an edit already made: the next run of --fix takes it
        text = text[:start] + replacement + text[stop:]
        end = start
    return text


@dataclass
class FixOutcome:
    fixed: dict[str, int] = field(default_factory=dict)  # file -> values corrected
    refused: dict[str, str] = field(default_factory=dict)  # file -> why nothing was written to it


def apply_fixes(
    base: Path, fixes: dict[str, list[tuple[tuple, str]]], *, root: Path, max_size: int | None = None
) -> FixOutcome:
    """Write the corrections (file -> [(loc of a string value, corrected value)]) into the files of the project
    at `root`. A file that no longer passes the strict reader, whose corrected text would not read back as
    meant, or whose write is refused (a link, a full disk) is left as it is."""
    import os

    from ..kinds import DEFAULT_MAX_FILE_SIZE
    from ..source import parse_source, read_source

    within = os.path.realpath(root)
    outcome = FixOutcome()
    for path, corrections in fixes.items():
        file = base / path
        raw = read_source(file, path, max_size=max_size or DEFAULT_MAX_FILE_SIZE, within=within)
        if not isinstance(raw, bytes):  # it cannot be read now: why
            outcome.refused[path] = f"it changed since it was read ({raw.message}); run lint again"
            continue
        doc = parse_source(raw, path)
        if doc.data is None or any(d.severity.value == "error" for d in doc.diagnostics):
            problem = next(d for d in doc.diagnostics if d.severity.value == "error")
            outcome.refused[path] = f"it changed since it was read ({problem.message}); run lint again"
            continue
        text = raw.decode("utf-8")
        by_loc: dict[tuple, list[str]] = {}
        for loc, corrected in corrections:
            by_loc.setdefault(tuple(loc), []).append(corrected)
        values = {}
        for loc, corrected_there in by_loc.items():
            original = _string_at(doc.data, loc)
            if original is None:
                continue
            value = merge(original, corrected_there)
            if value != original:
                values[loc] = value
        if not values:
            continue
        try:
            fixed = fix_text(text, values, path=path, data=doc.data)
            check_size(path, fixed, max_size or DEFAULT_MAX_FILE_SIZE)
            write_file(root, file, fixed)
        except (WriteRefused, WriteError) as error:
            outcome.refused[path] = error.reason
            continue
        outcome.fixed[path] = len(values)
    return outcome


def _string_at(data: Any, loc: tuple) -> str | None:
    try:
        container, key = walk(data, loc)
        value = container[key]
    except (KeyError, IndexError, TypeError):
        return None
    return value if isinstance(value, str) else None


def fix_text(text: str, values: dict[tuple, str], *, path: str = "record", data: dict | None = None) -> str:
    """`text` (a record file the strict reader accepts) with the string at each loc replaced by its new value,
    and nothing else changed; WriteRefused when the result would not read back as `data` (the text's data,
    read when not given) with those values, or would lose a comment."""
    import copy

    from ..schemaerrors import field_path
    from ..source import parse_source
    from ..writecheck import check_written

    if data is None:
        doc = parse_source(text.encode("utf-8"), path)
        if doc.data is None or any(d.severity.value == "error" for d in doc.diagnostics):
            raise WriteRefused(path, "the strict reader does not accept the file; run 'resolvetool validate'")
        data = doc.data
    spans = scalar_spans(text)
    newline = line_ending(text)
    meant = copy.deepcopy(data)
    edits = []
    for loc, value in values.items():
        span = spans.get(tuple(loc))
        if span is None:
            raise WriteRefused(path, f"no value at {field_path(tuple(loc))} to correct; run lint again")
        edits.append(_edit(text, span, value, newline))
        container, key = walk(meant, loc)
        container[key] = value
    pieces = []
    done = 0
    for start, end, replacement in sorted(edits):
        pieces += [text[done:start], replacement]
        done = end
    fixed = "".join(pieces) + text[done:]
    check_written(path, fixed, meant, comments_of=text)
    return fixed


_HEADER = re.compile(r"[|>][-+0-9]*")


def _edit(text: str, span: ScalarSpan, value: str, newline: str) -> tuple[int, int, str]:
    """(start, end, new text) replacing the value at `span` with `value`, its line breaks (a long quoted
    value is written on several lines) the file's."""
    start, end, replacement = _replacement(text, span, value)
    return start, end, replacement.replace("\n", newline) if newline != "\n" else replacement


def _replacement(text: str, span: ScalarSpan, value: str) -> tuple[int, int, str]:
    block = span.style in ("|", ">")
    if not block:  # a value on its line stays on one line (a comment may follow it)
        scalar = styled_like(span.style, value, span.indent)
        if is_block(scalar) or (span.flow and not span.style):
            scalar = styled_inline(value, flow=span.flow)
        return span.start, span.end, render_scalar(scalar, span.indent)
    header = _HEADER.match(text, span.start)
    assert header is not None, "a block scalar starts with its header (| or >)"
    header_end = LINE_END.search(text, span.start)  # a line ends at CR LF, LF or a CR alone
    header_rest = text[header.end() : header_end.start() if header_end else span.end]
    if header_rest[:1] == "#":  # `|# c`: a space before the comment, which follows a quote once it is no block
        header_rest = " " + header_rest
    lines_start = header_end.end() if header_end else span.end
    indent = _content_indent(text, lines_start, span.end) or span.indent
    # A block that keeps its final line breaks (|+) owns its blank lines.
    end = span.end if "+" in header.group() else _block_end(text, lines_start, span.end, indent)
    if not text[end:].strip(" "):  # spaces ending the file, after the block: its text once it is replaced
        end = len(text)
    scalar = styled_like(span.style, value, indent)
    written = render_scalar(scalar, indent)
    if is_block(scalar):
        first, _, lines = written.partition("\n")
        replacement = first + header_rest + "\n" + lines
    else:
        replacement = written + header_rest + "\n"
        line_start = max(text.rfind("\n", 0, span.start), text.rfind("\r", 0, span.start)) + 1
        if not text[line_start : span.start].strip(" ") and span.start - line_start < span.indent:
            # a block's header at the start of its line (`key:` / `|`): a value on one line must be indented
            replacement = " " * (span.indent - (span.start - line_start)) + replacement
    if end == len(text) and not text.endswith(("\n", "\r")) and not (is_block(scalar) and value.endswith("\n")):
        replacement = replacement.removesuffix("\n")  # the file ends without a line break, and still does
    return span.start, end, replacement


def _block_end(text: str, lines_start: int, end: int, indent: int) -> int:
    """Where a block's text ends: after its last line holding more than its indentation (the blank lines and
    comments after it stay; a line of spaces longer than the indentation is text)."""
    found = lines_start
    line_start = lines_start
    for line_end in LINE_END.finditer(text, lines_start, end):
        if line_end.start() - line_start > indent:
            found = line_end.end()
        line_start = line_end.end()
    return end if end - line_start > indent else found  # (a last line without a line break)


def _content_indent(text: str, lines_start: int, end: int) -> int | None:
    """The column a block's first line that is not blank starts at (its lines start at `lines_start`)."""
    for line in text[lines_start:end].splitlines():
        if line.strip():
            return len(line) - len(line.lstrip(" "))
    return None


__all__ = ["FixOutcome", "apply_fixes", "fix_text", "merge"]
