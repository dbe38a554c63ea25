"""What to search for, in the words people type, turned into an SQLite FTS5 expression.

    cyber threats           both words, anywhere in the record (in any form: threat, threats)
    "cyber threats"         the phrase (one argument holding spaces is a phrase too)
    cyber*                  words starting with cyber (compared in their indexed, stemmed form)
    NOT withdrawn           not containing the word (also -withdrawn, after -- on a command line)
    IMPACT OR ITU           either (OR binds the two words beside it)

Every word is quoted before it reaches FTS5, so no input can be read as FTS5 syntax.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .filters import FilterError

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_WORDY = re.compile(r"[^\W_]")
_ONE_WORD = re.compile(r"[^\W_]+\Z")
_CONTROL = re.compile("[\x00-\x1f\x7f]")


def fts_expression(
    arguments: list[str], *, split: bool = False, stems: Callable[[str], list[str]] | None = None
) -> str:
    """The FTS5 MATCH expression for the search words; FilterError for what cannot be searched.

    Each argument is a word, or a phrase when it holds spaces (as a shell passes "cyber threats"); with
    `split`, arguments are search strings whose words stand apart unless they are in double quotes. The index
    holds stems, so a prefix longer than its words' stems (cooperat*, whose words are indexed as "cooper")
    also searches the stems `stems(prefix)` gives (Index.prefix_stems)."""
    terms = _terms(arguments, split, stems)
    if not terms:
        raise FilterError("", 0, 0, "nothing to search for", 'give one or more words, or a "quoted phrase"')
    groups, excluded = _grouped(terms)
    if not groups:
        expression, _, argument, position = terms[0]
        raise FilterError(
            argument,
            position,
            len(argument),
            "a search needs a word that must appear",
            "words after NOT (or starting with '-') only leave records out",
        )
    expression = " AND ".join(group[0] if len(group) == 1 else "(" + " OR ".join(group) + ")" for group in groups)
    for word in excluded:
        wrapped = len(groups) == 1 and (len(groups[0]) == 1 or expression.startswith("(")) and " NOT " not in expression
        expression = f"{expression if wrapped else f'({expression})'} NOT {word}"
    return expression


# One search term: (FTS5 expression, role: "word" / "or" / "not", the argument it is in, its position there).
_Term = tuple[str, str, str, int]


def _terms(arguments: list[str], split: bool, stems: Callable[[str], list[str]] | None) -> list[_Term]:
    """The arguments' words, phrases and operators, in order."""
    terms: list[_Term] = []
    for argument in arguments:
        argument = _CONTROL.sub(" ", argument)  # FTS5 would read a NUL as the end of the query
        if not split and '"' not in argument and re.search(r"\s", argument.strip()):
            terms.append(_term(argument.strip(), True, argument, argument.index(argument.strip()[0]), stems))
            continue
        for match in _TOKEN.finditer(argument):
            phrase, word = match.groups()
            if phrase is not None:
                terms.append(_term(phrase, True, argument, match.start(), stems))
            elif word in ("OR", "NOT"):
                terms.append((word, word.lower(), argument, match.start()))
            else:
                terms.append(_term(word, False, argument, match.start(), stems))
    return terms


def _grouped(terms: list[_Term]) -> tuple[list[list[str]], list[str]]:
    """The terms as groups of alternatives (words joined by OR), all of which must match, and the words that
    must not; FilterError for an operator without the words it needs."""
    groups: list[list[str]] = []
    excluded: list[str] = []
    joining = False
    negating = False
    for index, (expression, role, argument, position) in enumerate(terms):
        if role == "not" and expression == "NOT":
            if negating or index == len(terms) - 1 or terms[index + 1][1] != "word":
                raise FilterError(
                    argument, position, position + 3, "NOT needs a word after it", "write: cooperation NOT cyber"
                )
            negating = True
        elif negating:
            excluded.append(expression)
            negating = False
        elif role == "or":
            if not groups or joining or index == len(terms) - 1 or terms[index + 1][1] != "word":
                raise FilterError(
                    argument, position, position + 2, "OR needs a word on each side", "write: IMPACT OR ITU"
                )
            joining = True
        elif role == "not":
            excluded.append(expression)
        elif joining:
            groups[-1].append(expression)
            joining = False
        else:
            groups.append([expression])
    return groups, excluded


def _term(
    text: str, phrase: bool, argument: str, position: int, stems: Callable[[str], list[str]] | None
) -> tuple[str, str, str, int]:
    role = "word"
    if not phrase and text.startswith("-") and len(text) > 1:
        role, text = "not", text[1:]
    prefix = not phrase and text.endswith("*")
    text = text.rstrip("*") if prefix else text
    if not _WORDY.search(text):
        raise FilterError(
            argument,
            position,
            position + max(len(text), 1),
            f"{text or argument!r} has no letters or digits to search for",
        )
    quoted = '"' + text.replace('"', '""') + '"'
    if not prefix:
        return quoted, role, argument, position
    shorter = stems(text) if stems is not None and _ONE_WORD.match(text) else []
    if not shorter:
        return quoted + " *", role, argument, position
    return "(" + " OR ".join([quoted + " *", *(f'"{stem}"' for stem in shorter)]) + ")", role, argument, position
