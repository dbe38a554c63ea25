"""What changed between two versions of one record, in the record's own terms.

Fields are named by their path (`adoption.date`, `lifecycle.event`, with the entry's positions in each
version beside it); clauses are matched by their words,
not their position, so inserting one clause is one insertion rather than every later clause changed; a
clause whose words stayed but moved is a move, one whose printed number alone changed is a renumbering, and
a changed clause carries a word-by-word diff. Spacing inside text is not a change unless asked for (what
`fmt` or a re-wrap would produce never is: the versions are compared as data, not as YAML text).

diff(b, a) is diff(a, b) reversed: every choice below is made the same way whichever version comes first.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .align import common, reverse_words, similarity, words_diff

CLAUSE_LISTS = ("preamble", "operative")
_OPPOSITE = {
    "added": "removed",
    "removed": "added",
    "inserted": "deleted",
    "deleted": "inserted",
    "changed": "changed",
    "moved": "moved",
    "renumbered": "renumbered",
}
_PAIRED = 0.5  # clauses at least this alike (in words) are one clause changed, not one deleted and one inserted


@dataclass(frozen=True)
class Change:
    """One change. `at` holds the 1-based positions in the old and new lists for list entries (clauses,
    lifecycle events); `context` the formula of the clause before, in each version, for insertions and
    deletions ("inserted after RECOGNIZING")."""

    kind: str  # changed, added, removed (fields and list values); inserted, deleted, moved, renumbered (clauses)
    path: str
    old: Any = None
    new: Any = None
    at: tuple[int | None, int | None] = (None, None)
    words: tuple[tuple[str, str], ...] = ()
    context: tuple[str | None, str | None] = (None, None)

    def reversed(self) -> Change:
        return replace(
            self,
            kind=_OPPOSITE[self.kind],
            old=self.new,
            new=self.old,
            at=self.at[::-1],
            words=tuple(reverse_words(list(self.words))),
            context=self.context[::-1],
        )


def diff_records(old: dict[str, Any] | None, new: dict[str, Any] | None, *, whitespace: bool = False) -> list[Change]:
    """The changes turning record `old` into `new` (either may be None: the record added or removed)."""
    old, new = old or {}, new or {}
    changes: list[Change] = []
    for key in _keys(old, new):
        if key in CLAUSE_LISTS and (isinstance(old.get(key, []), list) and isinstance(new.get(key, []), list)):
            changes += _clauses(key, old.get(key) or [], new.get(key) or [], whitespace)
        else:
            changes += _value(key, old.get(key, _MISSING), new.get(key, _MISSING), whitespace)
    return changes


_MISSING = object()


def _keys(old: dict, new: dict) -> list[str]:
    """The keys of both versions, each where it comes first in either: the same order whichever version
    comes first."""
    places: dict[Any, int] = {}
    for version in (old, new):
        for place, key in enumerate(version):
            places[key] = min(place, places.get(key, place))
    return sorted(places, key=lambda key: (places[key], str(key)))


def _same(a: Any, b: Any, whitespace: bool) -> bool:
    return _normal(a, whitespace) == _normal(b, whitespace)


def _normal(value: Any, whitespace: bool) -> Any:
    if isinstance(value, str):
        return value if whitespace else " ".join(value.split())
    if isinstance(value, list):
        return [_normal(item, whitespace) for item in value]
    if isinstance(value, dict):
        return {key: _normal(item, whitespace) for key, item in value.items()}
    return value


def _value(path: str, old: Any, new: Any, whitespace: bool) -> list[Change]:
    if old is _MISSING and new is _MISSING:
        return []
    if old is _MISSING:
        return [Change("added", path, new=new)]
    if new is _MISSING:
        return [Change("removed", path, old=old)]
    if _same(old, new, whitespace):
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[Change] = []
        for key in _keys(old, new):
            out += _value(f"{path}.{key}", old.get(key, _MISSING), new.get(key, _MISSING), whitespace)
        return out
    if isinstance(old, list) and isinstance(new, list):
        return _list(path, old, new, whitespace)
    words = tuple(words_diff(old, new)) if isinstance(old, str) and isinstance(new, str) else ()
    return [Change("changed", path, old, new, words=words)]


def _list(path: str, old: list, new: list, whitespace: bool) -> list[Change]:
    """A list of values (parties, approves) or of mappings (lifecycle): entries kept are matched in order;
    between two kept entries, the k-th removed and the k-th added entry of mappings are one entry changed."""
    keyed = (
        [_hashable(_normal(item, whitespace)) for item in old],
        [_hashable(_normal(item, whitespace)) for item in new],
    )
    kept = common(*keyed)
    out: list[Change] = []
    i = j = 0
    for x, y in [*kept, (len(old), len(new))]:
        removed, added = list(range(i, x)), list(range(j, y))
        for a, b in zip(removed, added, strict=False):  # the unpaired rest of the longer side follows
            if isinstance(old[a], dict) and isinstance(new[b], dict):
                for change in _value(path, old[a], new[b], whitespace):
                    out.append(replace(change, at=(a + 1, b + 1)))
            else:
                out += [
                    Change("removed", path, old=old[a], at=(a + 1, None)),
                    Change("added", path, new=new[b], at=(None, b + 1)),
                ]
        paired = min(len(removed), len(added))
        out += [Change("removed", path, old=old[a], at=(a + 1, None)) for a in removed[paired:]]
        out += [Change("added", path, new=new[b], at=(None, b + 1)) for b in added[paired:]]
        i, j = x + 1, y + 1
    return sorted(out, key=_order)


def _hashable(value: Any) -> Any:
    if isinstance(value, dict):
        return ("{}", tuple((key, _hashable(item)) for key, item in value.items()))
    if isinstance(value, list):
        return ("[]", tuple(_hashable(item) for item in value))
    return value


def clause_words(clause: Any) -> str:
    """A clause's words as printed, in order: heading, number, formula, text, items, the words after them."""
    if not isinstance(clause, dict):
        return " ".join(str(clause).split())
    parts = [clause.get("heading"), clause.get("phrase"), clause.get("text")]
    parts += _item_words(clause.get("items"))
    parts.append(clause.get("tail"))
    return " ".join(" ".join(str(part).split()) for part in parts if part)


def _item_words(items: Any) -> list[str]:
    out: list[Any] = []  # the raw values, which may be missing or not strings
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            out += [item.get("label"), item.get("text"), *_item_words(item.get("items"))]
    return [str(word) for word in out if word]


def _clauses(path: str, old: list, new: list, whitespace: bool) -> list[Change]:
    kept = common([_clause_key(c, whitespace) for c in old], [_clause_key(c, whitespace) for c in new])
    matched_old = {i for i, _ in kept}
    matched_new = {j for _, j in kept}
    out: list[Change] = []
    for i, j in kept:  # the same words and fields; perhaps a new printed number
        out += _renumbering(path, old, new, i, j)
    out += _moves(path, old, new, whitespace, matched_old, matched_new)
    out += _changes(path, old, new, whitespace, matched_old, matched_new)
    out += [
        Change("deleted", path, old=clause_words(old[i]), at=(i + 1, None), context=(_before(old, i), None))
        for i in range(len(old))
        if i not in matched_old
    ]
    out += [
        Change("inserted", path, new=clause_words(new[j]), at=(None, j + 1), context=(None, _before(new, j)))
        for j in range(len(new))
        if j not in matched_new
    ]
    return sorted(out, key=_order)


def _clause_key(clause: Any, whitespace: bool) -> Any:
    """What two clauses share when they are the same clause, perhaps renumbered."""
    return _hashable(_normal(_without_number(clause), whitespace))


def _renumbering(path: str, old: list, new: list, i: int, j: int) -> list[Change]:
    if _number(old[i]) != _number(new[j]):
        return [Change("renumbered", path, _number(old[i]), _number(new[j]), at=(i + 1, j + 1))]
    return []


def _moves(
    path: str, old: list, new: list, whitespace: bool, matched_old: set[int], matched_new: set[int]
) -> list[Change]:
    """Moves: a clause that left one place and arrived, unchanged, at another. The pairs found are added to
    the matched sets."""
    left = [i for i in range(len(old)) if i not in matched_old]
    arrived = [j for j in range(len(new)) if j not in matched_new]
    by_key: dict[Any, list[int]] = {}
    for j in arrived:
        by_key.setdefault(_clause_key(new[j], whitespace), []).append(j)
    out: list[Change] = []
    for i in left:
        places = by_key.get(_clause_key(old[i], whitespace))
        if places:
            j = places.pop(0)
            out.append(
                Change(
                    "moved",
                    path,
                    clause_words(old[i]),
                    clause_words(new[j]),
                    at=(i + 1, j + 1),
                    context=(_before(old, i), _before(new, j)),
                )
            )
            out += _renumbering(path, old, new, i, j)
            matched_old.add(i)
            matched_new.add(j)
    return out


def _changes(
    path: str, old: list, new: list, whitespace: bool, matched_old: set[int], matched_new: set[int]
) -> list[Change]:
    """Changes: the remaining clauses paired by how alike their words are, most alike first. The pairs found
    are added to the matched sets."""
    left = [i for i in range(len(old)) if i not in matched_old]
    arrived = [j for j in range(len(new)) if j not in matched_new]
    words_old = {i: clause_words(old[i]) for i in left}
    words_new = {j: clause_words(new[j]) for j in arrived}
    candidates = []
    for i in left:
        for j in arrived:
            score = similarity(words_old[i].split(), words_new[j].split())
            if score >= _PAIRED:
                pair = sorted((words_old[i], words_new[j]))
                candidates.append((-score, pair[0], pair[1], min(i, j), max(i, j), i, j))
    candidates.sort()
    out: list[Change] = []
    for *_, i, j in candidates:
        if i in matched_old or j in matched_new:
            continue
        matched_old.add(i)
        matched_new.add(j)
        if words_old[i] != words_new[j] or whitespace:
            out.append(
                Change(
                    "changed",
                    path,
                    words_old[i],
                    words_new[j],
                    at=(i + 1, j + 1),
                    words=tuple(words_diff(words_old[i], words_new[j])),
                )
            )
        out += _renumbering(path, old, new, i, j)
        for change in _value(path, _without_words(old[i]), _without_words(new[j]), whitespace):
            out.append(replace(change, at=(i + 1, j + 1)))
    return out


def _order(change: Change) -> tuple:
    """List changes by place (the earlier of an entry's two positions), then by kind: the same order
    whichever version comes first, so that reversing a diff is reversing each change."""
    place = min(p for p in change.at if p is not None)
    return (
        place,
        min(change.kind, _OPPOSITE[change.kind]),
        sorted(filter(None, change.at)),
        change.path,
        sorted((repr(change.old), repr(change.new))),
        sorted((repr(change.words), repr(reverse_words(list(change.words))))),
    )


def _number(clause: Any) -> Any:
    return clause.get("number") if isinstance(clause, dict) else None


def _without_number(clause: Any) -> Any:
    return {k: v for k, v in clause.items() if k != "number"} if isinstance(clause, dict) else clause


def _without_words(clause: Any) -> Any:
    """A clause's fields other than its words (refs, part, number), compared apart."""
    words = ("heading", "phrase", "text", "items", "tail", "number")
    return {k: v for k, v in clause.items() if k not in words} if isinstance(clause, dict) else {}


def _before(clauses: list, index: int) -> str | None:
    """The formula of the clause before, to say where a clause went ("after RECOGNIZING")."""
    if index == 0:
        return None
    previous = clauses[index - 1]
    return (previous.get("phrase") or clause_words(previous)[:40]) if isinstance(previous, dict) else None


@dataclass
class RecordDiff:
    """What happened to one record between two versions of a tree."""

    ids: tuple[str | None, str | None]  # its id in the old and the new version (None: not there)
    kind: str | None
    status: str  # added, removed, changed, renamed (its id), moved (its file)
    old_path: str | None
    new_path: str | None
    changes: list[Change] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.ids[1] or self.ids[0] or ""

    def reversed(self) -> RecordDiff:
        status = {"added": "removed", "removed": "added"}.get(self.status, self.status)
        return RecordDiff(
            self.ids[::-1],
            self.kind,
            status,
            self.new_path,
            self.old_path,
            [change.reversed() for change in self.changes],
        )
