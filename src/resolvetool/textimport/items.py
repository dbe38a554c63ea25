"""Item labels and nesting: which sequence a label belongs to ("(a)" letters, "(i)" roman numerals, ".2.1"
points), whether it opens or continues one, and so where an item goes: at the level its label continues, or
a level down under the last item."""

from __future__ import annotations

from ..labels import first_family, is_first, is_successor, label_families
from .parsed import ParsedClause, ParsedItem


def place_item(item: ParsedItem, clause: ParsedClause, place: str, stack: list[tuple[list[ParsedItem], str]]) -> str:
    """Put `item` at the level its label continues, or open a level under the last item; return its place."""
    families = label_families(item.label)
    if not stack:
        stack.append((clause.items, place))

    def put(depth: int) -> str:
        items, owner = stack[depth]
        del stack[depth + 1 :]
        items.append(item)
        return f"{owner}/{len(items)}"

    def under(depth: int) -> str:  # in the items of the last item at `depth`, as a level of their own
        items, owner = stack[depth]
        del stack[depth + 1 :]
        parent = items[-1]
        stack.append((parent.items, f"{owner}/{len(items)}"))
        parent.items.append(item)
        return f"{owner}/{len(items)}/{len(parent.items)}"

    # a dotted label names its parent: ".2.1" goes under ".2"
    if item.label.startswith(".") and item.label.count(".") > 1:
        parent_label = item.label.rsplit(".", 1)[0]
        for depth in range(len(stack) - 1, -1, -1):
            items = stack[depth][0]
            if items and items[-1].label == parent_label:
                return under(depth)
    # the label that continues a level's sequence ("(b)" after "(a)", "(ii)" after "(i)") goes there
    for depth in range(len(stack) - 1, -1, -1):
        items = stack[depth][0]
        if items and families & label_families(items[-1].label) and is_successor(items[-1].label, item.label):
            return put(depth)
    # the first label of another kind ("(i)" under "(a)") opens a level under the last item
    items = stack[-1][0]
    if items and is_first(item.label) and first_family(item.label) not in label_families(items[-1].label):
        return under(len(stack) - 1)
    # a damaged sequence ("(1)" printed for "(i)", then "(ii)") stays at the level of its kind, or here
    for depth in range(len(stack) - 1, -1, -1):
        items = stack[depth][0]
        if items and families & label_families(items[-1].label):
            return put(depth)
    return put(len(stack) - 1)
