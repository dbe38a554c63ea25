"""Queries and full-text searches over the index, in the words people type.

    from resolvetool import load_settings
    from resolvetool.index import open_index
    from resolvetool.query import query, search

    index = open_index(load_settings())
    for hit in query(index, "kind=resolution", "adopted>=2012", sort="-date").hits:
        print(hit.row.id, hit.row.title)
    result = search(index, "cyber threats", "kind=resolution")    # ranked, hit.snippet marks the matches

Both raise FilterError (with the offending span of the offending argument) for what cannot be run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .engine import DEFAULT_COLUMNS, Hit, Query, Result, run
from .filters import (
    Filter,
    FilterError,
    field_info,
    looks_like_filter,
    parse_filter,
    parse_sort,
)
from .words import fts_expression


def build_query(
    catalogue: dict[str, Any],
    filters: Sequence[str] = (),
    *,
    words: list[str] | None = None,
    text: str | None = None,
    sort: str | None = None,
    limit: int | None = None,
    columns: str | list[str] | None = None,
    stems: Callable[[str], list[str]] | None = None,
) -> Query:
    """A Query from filter arguments, search words (each argument a word or phrase) or a search text (a
    string of words and "quoted phrases"), a sort specification ("date,-title") and column names. `stems` is
    Index.prefix_stems, for prefix searches."""
    for argument in (
        *filters,
        *(words or ()),
        *([text] if text else []),
        *([sort] if sort else []),
        *([columns] if isinstance(columns, str) else columns or []),
    ):
        _refuse_undecodable(argument)
    expression = None
    if words is not None:
        expression = fts_expression(list(words), stems=stems)
    elif text is not None:
        expression = fts_expression([text], split=True, stems=stems)
    return Query(
        filters=[parse_filter(item, catalogue) for item in filters],
        text=expression,
        sort=parse_sort(sort, catalogue) if sort else [],
        limit=limit,
        columns=_columns(columns, catalogue),
        snippets=words is not None,
    )


def _refuse_undecodable(argument: str) -> None:
    """A FilterError at the first byte of an argument the shell passed that is not UTF-8 (Python holds such
    bytes as lone surrogates, which no query can hold)."""
    from ..inert import undecodable_at

    bad = undecodable_at(argument)
    if bad is not None:
        raise FilterError(
            argument,
            bad,
            bad + 1,
            "this argument is not UTF-8 text",
            "type it again in a UTF-8 terminal (the byte marked is not part of any character)",
        )


def _columns(columns: str | list[str] | None, catalogue: dict[str, Any]) -> tuple[str, ...]:
    if not columns:
        return DEFAULT_COLUMNS
    text = columns if isinstance(columns, str) else ",".join(columns)
    offset = 0
    names = []
    for part in text.split(","):
        name = part.strip()
        if name:
            field_info(name, catalogue, text, offset + part.index(name))
            names.append(name)
        offset += len(part) + 1
    return tuple(names) or DEFAULT_COLUMNS


def query(
    index: Any,
    *filters: str,
    text: str | None = None,
    sort: str | None = None,
    limit: int | None = None,
    columns: str | list[str] | None = None,
) -> Result:
    """The records for which every filter holds (and whose words match `text`, when given)."""
    return run(
        index,
        build_query(
            index.catalogue, list(filters), text=text, sort=sort, limit=limit, columns=columns, stems=index.prefix_stems
        ),
    )


def search(
    index: Any,
    *arguments: str,
    sort: str | None = None,
    limit: int | None = None,
    columns: str | list[str] | None = None,
) -> Result:
    """The records whose words match, best first; arguments that look like filters (a known field, an
    operator, a value) filter, as at the command line."""
    filters = [item for item in arguments if looks_like_filter(item, index.catalogue)]
    words = [item for item in arguments if not looks_like_filter(item, index.catalogue)]
    return run(
        index,
        build_query(
            index.catalogue, filters, words=words, sort=sort, limit=limit, columns=columns, stems=index.prefix_stems
        ),
    )


__all__ = [
    "DEFAULT_COLUMNS",
    "Filter",
    "FilterError",
    "Hit",
    "Query",
    "Result",
    "build_query",
    "query",
    "run",
    "search",
]
