"""Suppression comments: `# resolvetool: ignore[RT304]` after a value silences those codes on its line; on a
line of its own, on the next line with a value; `# resolvetool: ignore-file[RT404]` in the whole file. A
comment that silences nothing is itself reported (RT399), as is one that cannot be read (RT398) and a code in
one that is no lint rule's (RT397)."""

from __future__ import annotations

import re

from ..source import LINE_END

_DIRECTIVE = re.compile(r"#\s*resolvetool:\s*(ignore-file|ignore)\s*(?:\[([^\]]*)\])?")

# (line of the comment, line it applies to (0: the whole file), codes as written, each code's column);
# codes () when the comment cannot be read. Whether a code is a lint rule's is judged where it is reported.
Directive = tuple[int, int, tuple[str, ...], tuple[int, ...]]


def directives(raw: bytes) -> tuple[Directive, ...]:
    """Every suppression comment in a file's bytes (cheap when there are none)."""
    if b"resolvetool:" not in raw:
        return ()
    # Lines as editors count them, and as diagnostics are numbered (str.splitlines also breaks at U+2028,
    # U+0085 and other characters a quoted value may hold).
    lines = LINE_END.split(raw.decode("utf-8", "replace"))
    found: list[Directive] = []
    for number, line in enumerate(lines, 1):
        if "resolvetool:" not in line or "#" not in line:
            continue
        match = _DIRECTIVE.search(line)
        codes, columns = _codes(match, line) if match and match.group(2) else ((), ())
        if match is None or not codes or not all(codes):  # (no codes without a match)
            found.append((number, number, (), ()))
            continue
        if match.group(1) == "ignore-file":
            target = 0
        elif line[: match.start()].strip():
            target = number  # after a value: its own line
        else:  # on a line of its own: the next line that holds a value
            target = next(
                (
                    later
                    for later in range(number + 1, len(lines) + 1)
                    if lines[later - 1].strip() and not lines[later - 1].lstrip().startswith("#")
                ),
                number,
            )
        found.append((number, target, codes, columns))
    return tuple(found)


def _codes(match: re.Match, line: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The comma-separated codes between the brackets, and the 1-based column where each starts."""
    codes, columns, start = [], [], match.start(2)
    for part in match.group(2).split(","):
        codes.append(part.strip())
        columns.append(start + len(part) - len(part.lstrip()) + 1)
        start += len(part) + 1
    return tuple(codes), tuple(columns)
