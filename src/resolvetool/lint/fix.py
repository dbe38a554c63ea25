"""`lint --fix`: the certain corrections written into the files, with comments, key order and the value's
own style kept (a folded block stays folded, a quoted value quoted). Several corrections to one value are
merged; written atomically."""

from __future__ import annotations

import difflib
from pathlib import Path

from ..fileio import WriteError, write_file
from ..yamledit import dump, fold, load, styled, walk


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


def _restyle(old: object, new: str, indent: int) -> object:
    from ruamel.yaml.scalarstring import FoldedScalarString, ScalarString

    if isinstance(old, FoldedScalarString):
        return fold(new, indent)
    if isinstance(old, ScalarString):
        return type(old)(new)
    return styled(new, indent)


def apply_fixes(base: Path, fixes: dict[str, list[tuple[tuple, str]]], root: Path) -> tuple[dict[str, int], dict[str, WriteError]]:
    """Write the corrections (file -> [(loc of a string value, corrected value)]) into the files of the project
    at `root`; return how many values changed in each file, and the files whose write was refused or failed."""
    written: dict[str, int] = {}
    refused: dict[str, WriteError] = {}
    for path, corrections in fixes.items():
        file = base / path
        data = load(file.read_text(encoding="utf-8"))
        by_loc: dict[tuple, list[str]] = {}
        for loc, corrected in corrections:
            by_loc.setdefault(tuple(loc), []).append(corrected)
        changed = 0
        for loc, corrected in by_loc.items():
            container, key = walk(data, loc)
            original = str(container[key])
            value = merge(original, corrected)
            if value != original:
                column = getattr(getattr(container, "lc", None), "col", 0) or 0
                container[key] = _restyle(container[key], value, column + 2)
                changed += 1
        if changed:
            try:
                write_file(root, file, dump(data))
            except WriteError as error:
                refused[path] = error
                continue
            written[path] = changed
    return written, refused
