"""Aligning two sequences (the clauses of two versions of a resolution, the words of two versions of a
clause) so that what stayed is matched and what changed stands out, the same way whichever version
comes first.

A longest common subsequence, chosen by a rule that does not depend on which side is "old": where
two ways of keeping the common subsequence are equally long, the side whose current element sorts
first is skipped. So align(b, a) is align(a, b) with the sides swapped, which `diff` promises (the
diff of b against a is the diff of a against b reversed).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TypeVar

T = TypeVar("T", bound=Hashable)


def common(old: Sequence[T], new: Sequence[T], key=lambda item: item) -> list[tuple[int, int]]:
    """The (old index, new index) pairs of a longest common subsequence of equal keys."""
    a = [key(item) for item in old]
    b = [key(item) for item in new]
    # Trim what both share at the ends: most edits touch a few clauses of many.
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end = 0
    while end < len(a) - start and end < len(b) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    pairs = [(index, index) for index in range(start)]
    middle_a, middle_b = a[start : len(a) - end], b[start : len(b) - end]
    pairs += [(start + i, start + j) for i, j in _lcs(middle_a, middle_b)]
    pairs += [(len(a) - end + k, len(b) - end + k) for k in range(end)]
    return pairs


def _lcs(a: list, b: list) -> list[tuple[int, int]]:
    n, m = len(a), len(b)
    if not n or not m:
        return []
    # suffix[i][j]: the length of a longest common subsequence of a[i:] and b[j:]
    suffix = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = suffix[i], suffix[i + 1]
        ai = a[i]
        for j in range(m - 1, -1, -1):
            row[j] = below[j + 1] + 1 if ai == b[j] else max(below[j], row[j + 1])
    pairs = []
    i = j = 0
    while i < n and j < m:
        if a[i] == b[j] and suffix[i][j] == suffix[i + 1][j + 1] + 1:
            pairs.append((i, j))
            i += 1
            j += 1
        elif suffix[i + 1][j] > suffix[i][j + 1]:
            i += 1
        elif suffix[i][j + 1] > suffix[i + 1][j]:
            j += 1
        elif _before(a[i], b[j]):  # a tie: skip the element that sorts first, whichever side it is on
            i += 1
        else:
            j += 1
    return pairs


def _before(x: Hashable, y: Hashable) -> bool:
    try:
        return (repr(type(x)), x) < (repr(type(y)), y)
    except TypeError:
        return repr(x) < repr(y)


def similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """How alike two word sequences are, 0 to 1: twice the common words in order over all the words; the
    same whichever comes first."""
    if not a and not b:
        return 1.0
    return 2 * len(common(a, b)) / (len(a) + len(b))


def words_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(op, text) runs turning `old` into `new` word by word: "=" kept, "-" removed, "+" added; in each
    stretch of change the removals come before the additions. Spacing is normalised."""
    a, b = old.split(), new.split()
    ops: list[tuple[str, str]] = []
    i = j = 0
    for x, y in [*common(a, b), (len(a), len(b))]:
        removed, added = a[i:x], b[j:y]
        if removed:
            ops.append(("-", " ".join(removed)))
        if added:
            ops.append(("+", " ".join(added)))
        if x < len(a):
            ops.append(("=", a[x]))
        i, j = x + 1, y + 1
    merged: list[tuple[str, str]] = []
    for op, text in ops:  # join neighbouring kept words into one run
        if merged and merged[-1][0] == op == "=":
            merged[-1] = ("=", f"{merged[-1][1]} {text}")
        else:
            merged.append((op, text))
    return merged


def reverse_words(ops: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The runs turning `new` back into `old`."""
    out: list[tuple[str, str]] = []
    pending: list[tuple[str, str]] = []  # the stretch of change since the last kept run
    for op, text in ops:
        if op == "=":
            out += _swapped(pending)
            pending = []
            out.append((op, text))
        else:
            pending.append((op, text))
    return out + _swapped(pending)


def _swapped(change: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A stretch of change undone: what was added is removed, then what was removed is added."""
    return [("-", t) for o, t in change if o == "+"] + [("+", t) for o, t in change if o == "-"]
