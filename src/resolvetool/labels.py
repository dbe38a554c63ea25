"""Item labels as resolutions print them: "(a)" letters, "(1)" numbers, "(i)" roman numerals, "(A)", "(I)",
".1" and ".2.1" points. Which sequence a label belongs to, whether it opens one, and what follows what: the
importer nests items by these, and lint checks that they run in sequence."""

from __future__ import annotations

import re

_ROMAN = re.compile(r"^[ivxlc]+$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def label_core(label: str) -> str:
    """ "(a)" -> "a", "1." -> "1", "a)" -> "a", ".2.1" -> ".2.1"."""
    return label.strip("()").rstrip(").")


def label_families(label: str) -> set[str]:
    """The sequences `label` could belong to: "(i)" is a roman numeral or the ninth letter."""
    core = label_core(label)
    if label.startswith("."):
        return {"point"}
    families = set()
    if core.isdigit():
        families.add("number")
    if (len(core) == 1 and core.islower()) or (len(core) > 1 and len(set(core)) == 1 and core.islower()):
        families.add("letter")
    if _ROMAN.match(core):
        families.add("roman")
    if core.isupper() and len(core) == 1:
        families.add("upper")
    if _ROMAN.match(core.lower()) and core.isupper():
        families.add("upper-roman")
    return families


def is_first(label: str) -> bool:
    """Whether `label` opens a sequence: (a), (A), (1), (i), (I), .1 (and .2.1 under .2)."""
    return label_core(label) in ("a", "A", "1", "i", "I") or (label.startswith(".") and label.rsplit(".", 1)[-1] == "1")


def first_family(label: str) -> str:
    """The kind of sequence `label` opens: "(i)" opens roman numerals, though it is also a letter."""
    core = label_core(label)
    if label.startswith("."):
        return "point"
    return {"a": "letter", "A": "upper", "1": "number", "i": "roman", "I": "upper-roman"}.get(core, "")


def roman_value(numeral: str) -> int | None:
    """ "xiv" -> 14; None when it is not a roman numeral."""
    numeral = numeral.lower()
    if not numeral or not _ROMAN.match(numeral):
        return None
    total = 0
    for index, char in enumerate(numeral):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def is_successor(previous: str, label: str) -> bool:
    """Whether `label` comes right after `previous` in some sequence: (b) after (a), (ii) after (i)."""
    a, b = label_core(previous), label_core(label)
    if a.isdigit() and b.isdigit():
        return int(b) == int(a) + 1
    if len(a) == len(b) == 1 and a.isalpha() and b.isalpha() and ord(b) == ord(a) + 1:
        return True
    first, second = roman_value(a), roman_value(b)
    if first is not None and second is not None and a.islower() == b.islower():
        return second == first + 1
    if previous.startswith(".") and label.startswith("."):
        return (
            label.count(".") == previous.count(".")
            and b.rsplit(".", 1)[-1].isdigit()
            and a.rsplit(".", 1)[-1].isdigit()
            and int(b.rsplit(".", 1)[-1]) == int(a.rsplit(".", 1)[-1]) + 1
        )
    return False
