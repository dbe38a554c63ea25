"""What a lint rule says about one record: a Finding at a place in the record (a TreeFinding for a rule that
reads several records), and the helpers rules share
to walk a record's clauses and strings."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..entries import Entry


@dataclass(frozen=True, slots=True)
class Finding:
    loc: tuple  # the path of the value in the record ("operative", 1, "text")
    message: str
    hint: str | None = None
    fix: str | None = None  # the value's certain correction, when there is one (`lint --fix` writes it)
    subject: str | None = None  # what configuration may accept (a formula a vocabulary lists)
    code: str | None = None  # when a rule module reports under a second code of its own


@dataclass(frozen=True, slots=True)
class TreeFinding:
    """What a rule that reads several records (`check_tree(corpus)`) says about one of them: the record's entry,
    and the Finding at its place in that record."""

    entry: Entry
    finding: Finding


@dataclass(frozen=True)
class BodyConventions:
    """How one body drafts, as configured: its formulas' case and its clauses' punctuation."""

    formula_case: dict[str, str] = field(default_factory=dict)  # section -> "upper" | "capitalized" | "any"
    punctuation: dict[str, str] = field(default_factory=dict)  # "preamble" | "operative" | "last" -> ",", ";", "."


def clauses(record: Any) -> Iterator[tuple[str, int, Any]]:
    """(section, index, clause) for each preambular and operative clause, in order."""
    for section in ("preamble", "operative"):
        for index, clause in enumerate(getattr(record, section, ()) or ()):
            yield section, index, clause


def items(parent: Any, loc: tuple) -> Iterator[tuple[tuple, Any]]:
    """(loc, item) for every item under `parent`, depth first."""
    for index, item in enumerate(parent.items):
        here = (*loc, "items", index)
        yield here, item
        yield from items(item, here)


def strings(value: Any, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(loc, text) for every string in a record (a model dumped to Python values)."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from strings(inner, (*loc, key))
    elif isinstance(value, (list, tuple)):
        for index, inner in enumerate(value):
            yield from strings(inner, (*loc, index))


def plain(phrase: str) -> str:
    """A formula without markdown emphasis: "*Recalling*" -> "Recalling"."""
    return phrase.strip("*_ ")
