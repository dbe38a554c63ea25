"""Laying out text for a terminal without trailing spaces: hanging indents and one-line-per-row columns.

rich's tables pad every cell to its column's width, which leaves lines ending in spaces when the
output is copied or piped; these helpers wrap and truncate `Text` themselves instead.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text


def hang(label: Text, body: Text, indent: int, width: int, console: Console, *, continuation: int = 0) -> list[Text]:
    """`label` in a column `indent` wide, `body` wrapped beside it. A line of `body` that begins indented (a
    nested value) keeps its indent, and a line's continuation lines are indented by `continuation` more
    (and past a leading "- "); a long label stands on its own line."""
    out = []
    if label.cell_len >= indent:
        out.append(label)
        label = Text()
    for source in body.split("\n"):
        plain = source.plain
        depth = len(plain) - len(plain.lstrip(" "))
        hanging = depth + continuation + (2 if plain[depth:].startswith("- ") else 0)
        for number, line in enumerate(source[depth:].wrap(console, max(20, width - indent - hanging))):
            head = Text()
            head.append_text(label)  # as a span: the label's style must not become the whole line's
            head.pad_right(max(0, indent - head.cell_len) + (hanging if number else depth))
            line.rstrip()
            out.append(head + line)
            label = Text()
    return out or [label]


def columns(
    header: list[str], rows: list[list[Text]], width: int, *, flexible: int, whole: frozenset[int] = frozenset()
) -> list[Text]:
    """One line per row; every column as wide as its widest cell (at most 40, but never cut for the columns
    in `whole`, such as ids people copy) except `flexible`, which takes the width left, cut with an
    ellipsis."""
    count = len(header)
    widths = [
        max([len(header[i])] + [row[i].cell_len if i in whole else min(row[i].cell_len, 40) for row in rows])
        for i in range(count)
    ]
    fixed = sum(w for i, w in enumerate(widths) if i != flexible) + 2 * (count - 1)
    widths[flexible] = max(20, min(widths[flexible], width - fixed))
    lines = [_line([Text(name, style="bold") for name in header], widths)]
    lines += [_line(row, widths) for row in rows]
    return lines


def _line(cells: list[Text], widths: list[int]) -> Text:
    line = Text()
    for index, (cell, width) in enumerate(zip(cells, widths, strict=False)):  # a cell past the columns: not shown
        cell = cell.copy()
        cell.truncate(width, overflow="ellipsis")
        if index < len(cells) - 1:
            cell.pad_right(width - cell.cell_len + 2)
        line.append_text(cell)
    line.rstrip()
    return line
