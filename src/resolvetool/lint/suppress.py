"""Suppression comments: `# resolvetool: ignore[RT304]` after a value silences those codes on its line; on a
line of its own, on the next line with a value; `# resolvetool: ignore-file[RT404]` in the whole file. A
comment that silences nothing is itself reported (RT399), as is one that cannot be read (RT398)."""

from __future__ import annotations

import re

from ..source import LINE_END

_DIRECTIVE = re.compile(r"#\s*resolvetool:\s*(ignore-file|ignore)\s*(?:\[([^\]]*)\])?")
_CODE = re.compile(r"^RT\d{3}$")

# (line of the comment, line it applies to (0: the whole file), codes); codes () when it cannot be read
Directive = tuple[int, int, tuple[str, ...]]


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
        codes = tuple(code.strip() for code in match.group(2).split(",")) if match and match.group(2) else ()
        if match is None or not codes or not all(_CODE.match(code) for code in codes):
            found.append((number, number, ()))
            continue
        if match.group(1) == "ignore-file":
            target = 0
        elif line[:match.start()].strip():
            target = number  # after a value: its own line
        else:  # on a line of its own: the next line that holds a value
            target = next((later for later in range(number + 1, len(lines) + 1)
                           if lines[later - 1].strip() and not lines[later - 1].lstrip().startswith("#")), number)
        found.append((number, target, codes))
    return tuple(found)
