"""Item labels and nesting: which sequence a label belongs to ("(a)" letters, "(i)" roman numerals, ".2.1"
points), whether it opens or continues one, and so where an item goes: at the level its label continues, or
a level down under the last item."""

from __future__ import annotations

import re

from .parsed import ParsedClause, ParsedItem


_ROMAN = re.compile(r"^[ivxlc]+$")


def _label_core(label: str) -> str:
    return label.strip("()").rstrip(").")


def _label_families(label: str) -> set[str]:
    core = _label_core(label)
    if label.startswith("."):
        return {"point"}
    families = set()
    if core.isdigit():
        families.add("number")
    if len(core) == 1 and core.islower() or (len(core) > 1 and len(set(core)) == 1 and core.islower()):
        families.add("letter")
    if _ROMAN.match(core):
        families.add("roman")
    if core.isupper() and len(core) == 1:
        families.add("upper")
    if _ROMAN.match(core.lower()) and core.isupper():
        families.add("upper-roman")
    return families


def _is_first(label: str) -> bool:
    return _label_core(label) in ("a", "A", "1", "i", "I") or label == ".1"


def _first_family(label: str) -> str:
    """The kind of sequence `label` opens: "(i)" opens roman numerals, though it is also a letter."""
    core = _label_core(label)
    if label.startswith("."):
        return "point"
    return {"a": "letter", "A": "upper", "1": "number", "i": "roman", "I": "upper-roman"}.get(core, "")


def _is_successor(previous: str, label: str) -> bool:
    a, b = _label_core(previous), _label_core(label)
    if a.isdigit() and b.isdigit():
        return int(b) == int(a) + 1
    if len(a) == len(b) == 1 and a.isalpha() and b.isalpha():
        return ord(b) == ord(a) + 1
    numerals = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]
    if a.lower() in numerals and b.lower() in numerals:
        return numerals.index(b.lower()) == numerals.index(a.lower()) + 1
    if previous.startswith(".") and label.startswith("."):
        return label.count(".") == previous.count(".") and b.rsplit(".", 1)[-1].isdigit() \
            and a.rsplit(".", 1)[-1].isdigit() and int(b.rsplit(".", 1)[-1]) == int(a.rsplit(".", 1)[-1]) + 1
    return False


def place_item(item: ParsedItem, clause: ParsedClause, place: str,
               stack: list[tuple[list[ParsedItem], str]]) -> str:
    """Put `item` at the level its label continues, or open a level under the last item; return its place."""
    families = _label_families(item.label)
    if not stack:
        stack.append((clause.items, place))

    def put(depth: int) -> str:
        items, owner = stack[depth]
        del stack[depth + 1:]
        items.append(item)
        return f"{owner}/{len(items)}"

    def under(depth: int) -> str:  # in the items of the last item at `depth`, as a level of their own
        items, owner = stack[depth]
        del stack[depth + 1:]
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
        if items and families & _label_families(items[-1].label) and _is_successor(items[-1].label, item.label):
            return put(depth)
    # the first label of another kind ("(i)" under "(a)") opens a level under the last item
    items = stack[-1][0]
    if items and _is_first(item.label) and _first_family(item.label) not in _label_families(items[-1].label):
        return under(len(stack) - 1)
    # a damaged sequence ("(1)" printed for "(i)", then "(ii)") stays at the level of its kind, or here
    for depth in range(len(stack) - 1, -1, -1):
        items = stack[depth][0]
        if items and families & _label_families(items[-1].label):
            return put(depth)
    return put(len(stack) - 1)
