"""Writing query and search results: a table or ranked list for people, json, yaml, csv or bare ids for
programs (ids, one per line, pipe into other commands: `resolvetool query ... -f ids | xargs ...`)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rich.console import Console
from rich.text import Text

from ..inert import inert
from ..textlayout import columns, hang
from .engine import MARK_END, MARK_START, Hit, Result


def as_data(result: Result, catalogue: dict[str, Any]) -> list[dict[str, Any]]:
    """One mapping per hit: a field that can hold several values gives a list, any other a single value."""
    out = []
    for hit in result.hits:
        item: dict[str, Any] = {}
        for column in result.columns:
            values = hit.values(column)
            item[column] = values if catalogue.get(column, {}).get("many") else (values[0] if values else None)
        if hit.snippet is not None:  # a passage only where the words matched (not a match in the id alone)
            item["snippet"] = _plain(hit.snippet) if MARK_START in hit.snippet else None
        out.append(item)
    return out


def write_data(result: Result, catalogue: dict[str, Any], form: str) -> str:
    if form == "ids":
        # One id a line, for the next command: the id of a file that does not validate can hold anything,
        # and must not become two lines (two ids) or act on a terminal.
        return "".join(f"{inert(hit.row.id, one_line=True)}\n" for hit in result.hits)
    if form == "json":
        from ..inert import inert_json

        return inert_json(json.dumps(as_data(result, catalogue), ensure_ascii=False, indent=2)) + "\n"
    if form == "yaml":
        import yaml

        data = as_data(result, catalogue)
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100) if data else "[]\n"
    if form == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
        snippets = any(hit.snippet is not None for hit in result.hits)
        writer.writerow([_csv_cell(name) for name in [*result.columns, *(["snippet"] if snippets else [])]])
        for hit in result.hits:
            row = ["; ".join(str(value) for value in hit.values(column)) for column in result.columns]
            passage = _plain(hit.snippet) if hit.snippet and MARK_START in hit.snippet else ""
            writer.writerow([_csv_cell(cell) for cell in row + ([passage] if snippets else [])])
        return buffer.getvalue()
    raise ValueError(f"unknown format {form!r}")


# What a spreadsheet reads as the start of a formula (OWASP's CSV injection list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(text: str) -> str:
    """A CSV cell that a spreadsheet shows as text: one that would start a formula gets a leading `'`, as
    OWASP recommends (every cell is quoted too), and characters that would act on a terminal are escapes,
    as in every output for people (newlines and tabs stay: a quoted cell holds them)."""
    return inert("'" + text if text.startswith(_FORMULA_START) else text)


def table(result: Result, console: Console) -> Text:
    """The people's view of a query: one line per record, the columns asked for, long titles cut."""
    header = list(result.columns)
    rows = [[_cell(hit, column) for column in header] for hit in result.hits]
    flexible = header.index("title") if "title" in header else len(header) - 1
    whole = frozenset(i for i, column in enumerate(header) if column in ("id", "path") and i != flexible)
    return Text("\n").join(columns(header, rows, console.width, flexible=flexible, whole=whole))


def _cell(hit: Hit, column: str) -> Text:
    text = Text(inert("; ".join(str(value) for value in hit.values(column)), one_line=True))
    if column == "id":
        text.stylize("blue")
    return text


def ranked(result: Result, console: Console) -> Text:
    """The people's view of a search: each hit's title with the matched words marked, its id, kind and
    date, and the passage that matched."""
    lines: list[Text] = []
    width = console.width
    for number, hit in enumerate(result.hits, 1):
        body = _marked(hit.title or hit.row.title or hit.row.id, bold=True)
        line = Text("\n")
        line.append(inert(hit.row.id, one_line=True), style="blue")
        details = [hit.row.kind or "record", hit.row.date]
        line.append("  " + " · ".join(d for d in details if d), style="dim")
        body.append_text(line)
        if hit.snippet and MARK_START in hit.snippet:
            body.append("\n")
            body.append_text(_marked(hit.snippet))
        if lines:
            lines.append(Text())
        lines += hang(Text(f"{number}.", style="dim"), body, len(str(len(result.hits))) + 2, width, console)
    return Text("\n").join(lines)


def _marked(text: str, *, bold: bool = False) -> Text:
    """Text with the matched words (between the FTS markers) highlighted, the rest as written; styles are
    spans of this text alone, so that what is appended after it keeps its own."""
    out = Text()
    flat = " ".join(text.split())
    marked = False
    for piece in flat.replace(MARK_END, MARK_START).split(MARK_START):
        if piece:
            out.append(inert(piece), style="bold yellow" if marked else ("bold" if bold else None))
        marked = not marked
    return out


def _plain(text: str) -> str:
    return " ".join(text.replace(MARK_START, "").replace(MARK_END, "").split())


def field_list(catalogue: dict[str, Any]) -> str:
    """The fields a filter can name, one a line: name, type (`list` when it holds several values), and what it
    is: its own help, or the kinds that have it; the choices of a field that has few (status excepted: they
    differ by kind)."""
    lines = []
    for name, info in catalogue.items():
        kinds = ", ".join(info.get("kinds", [])) or "any"
        detail = info.get("help") or f"of {kinds}"
        choices = f" ({', '.join(info['choices'])})" if info.get("choices") and name != "status" else ""
        kind_of_value = info["type"] + (" list" if info.get("many") else "")
        lines.append(f"{name:<38} {kind_of_value:<10} {detail}{choices}\n")
    return "".join(lines)
