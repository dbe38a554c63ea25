"""The readable view of one record for a terminal: title, facts, clauses with their formulas set off,
references with the titles of what they name, and what points back. Record text is put into rich
`Text` objects, never parsed as markup, so nothing a record says can restyle the terminal."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from rich.console import Console
from rich.text import Text

from ..inert import inert
from ..relations import relation_label, relation_order
from ..textlayout import hang
from .view import View

# The query that lists every record of a relation ("refs" gathers the references in records' words).
_QUERY_FIELD = {"refs": "cites"}
# Fields shown in the heading or in the clause lists, not again among the facts.
_HEADED = frozenset({"id", "kind", "title", "name", "status", "preamble", "operative", "layout"})
_FACT_ORDER = ("symbol", "body", "session", "agenda_item", "committee_reference", "adoption", "organization")


def render_view(view: View, shown_path: str, console: Console) -> Text:
    """The view as one Text, wrapped to the console's width with hanging indents (no trailing spaces)."""
    width = max(40, console.width)
    view = _inert_view(view)
    lines: list[Text] = list(_heading(view).wrap(console, width))
    if view.problem:
        lines += hang(
            Text("problem", style="bold red"),
            Text.assemble(view.problem, (" (resolvetool validate names them all)", "dim")),
            10,
            width,
            console,
        )
    for row in view.duplicates:
        lines += hang(
            Text("duplicate", style="bold red"), Text(f"the id is also taken by {row.path}"), 10, width, console
        )
    data = view.data if isinstance(view.data, dict) else {}
    labels = {ref: target for _, ref, target in view.references}
    lines.append(Text())
    lines += _facts(data, labels, shown_path, width, console)
    for part in ("preamble", "operative"):
        clauses = data.get(part)
        if isinstance(clauses, list) and clauses:
            lines += [Text(), Text(part.capitalize(), style="bold underline")]
            lines += _clauses(clauses, labels, width, console)
    if view.referrer_counts:
        lines += [Text(), Text("Referred to by", style="bold underline")]
        lines += _referrers(view, width, console)
    return Text("\n").join(_rstripped(lines))


def _rstripped(lines: list[Text]) -> list[Text]:
    for line in lines:
        line.rstrip()
    return lines


def _inert_view(view: View) -> View:
    """The view with every string the records wrote made safe to print (see textlayout.inert)."""

    def row(found):
        return (
            found._replace(**{k: inert(v) for k, v in found._asdict().items() if isinstance(v, str)})
            if found is not None
            else None
        )

    return replace(
        view,
        row=row(view.row),
        data=_inert(view.data),
        problem=_inert(view.problem),
        references=[(inert(name), inert(ref), row(target)) for name, ref, target in view.references],
        referrers=[replace(r, row=row(r.row), fragment=_inert(r.fragment)) for r in view.referrers],
        duplicates=[row(d) for d in view.duplicates],
        fragment=_inert(view.fragment),
    )


def _inert(value: Any) -> Any:
    if isinstance(value, str):
        return inert(value)
    if isinstance(value, list):
        return [_inert(item) for item in value]
    if isinstance(value, dict):  # a key is a field's name: on one line, whatever a hostile file made it hold
        return {inert(key, one_line=True) if isinstance(key, str) else key: _inert(item) for key, item in value.items()}
    return value


def _heading(view: View) -> Text:
    row = view.row
    text = Text(row.title or row.id, style="bold")
    text.append("\n")
    words = [w for w in (row.kind or "record", row.status, row.id) if w]
    text.append(" · ".join(words), style="dim")
    if view.fragment:
        text.append(f"  (#{view.fragment})", style="dim")
        if view.fragment_missing:
            text.append("  no such part in this record", style="bold red")
    return text


def _facts(data: dict[str, Any], labels: dict[str, Any], shown_path: str, width: int, console: Console) -> list[Text]:
    keys = [k for k in _FACT_ORDER if k in data] + [k for k in data if k not in _FACT_ORDER and k not in _HEADED]
    rows: list[tuple[str, Text]] = []
    for key in keys:
        value = data[key]
        if key == "adoption" and isinstance(value, dict):
            rows.append(("adopted", _adoption(value)))
        else:
            rows.append((key.replace("_", " "), _value(value, labels)))
    rows.append(("file", Text(shown_path, style="dim")))
    indent = min(max(len(name) for name, _ in rows) + 2, 16)
    out: list[Text] = []
    for name, value in rows:
        out += hang(Text(name, style="bold"), value, indent, width, console)
    return out


def _adoption(adoption: dict[str, Any]) -> Text:
    text = Text(str(adoption.get("date") or "date not recorded"))
    for key in ("meeting", "method"):
        if adoption.get(key):
            text.append(f", {adoption[key]}")
    vote = adoption.get("vote")
    if isinstance(vote, dict):
        counts = ", ".join(f"{value} {key.replace('_', ' ')}" for key, value in vote.items())
        text.append(f" ({counts})")
    if adoption.get("outcome"):
        text.append(f"  {adoption['outcome']}", style="italic")
    if adoption.get("statement"):
        text.append(f"\n{adoption['statement']}", style="dim")
    return text


def _value(value: Any, labels: dict[str, Any]) -> Text:
    """A field's value: scalars as written, references with the title of what they name, lists and
    mappings one entry per line, as YAML would nest them."""
    return Text("\n").join(_lines(value, labels))


def _lines(value: Any, labels: dict[str, Any]) -> list[Text]:
    if isinstance(value, list):
        out = []
        for item in value:
            lines = _lines(item, labels)
            out += [Text("- ") + lines[0], *(Text("  ") + line for line in lines[1:])]
        return out
    if isinstance(value, dict):
        out = []
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                out.append(Text(f"{key}:", style="dim"))
                out += [Text("  ") + line for line in _lines(item, labels)]
            else:
                out.append(Text(f"{key}: ", style="dim") + _scalar(item, labels))
        return out or [Text("")]
    return [_scalar(value, labels)]


def _scalar(value: Any, labels: dict[str, Any]) -> Text:
    text = Text(" ".join(str(value).split()) if isinstance(value, str) else str(value))
    if isinstance(value, str) and value in labels:
        target = labels[value]
        if target is None:
            text.append("  (no such record)", style="bold red")
        elif target.title:
            text.append(f"  {target.title}", style="dim")
    return text


def _clauses(clauses: list[Any], labels: dict[str, Any], width: int, console: Console) -> list[Text]:
    out: list[Text] = []
    for index, clause in enumerate(clauses, 1):
        if not isinstance(clause, dict):
            out += hang(Text(f"{index:>3} ", style="dim"), Text(str(clause)), 5, width, console)
            continue
        body = Text()
        if clause.get("heading"):
            body.append(f"{clause['heading']}\n", style="bold")
        if clause.get("phrase"):
            body.append(str(clause["phrase"]), style="bold cyan")
            body.append(" ")
        if clause.get("text"):
            body.append(" ".join(str(clause["text"]).split()))
        for line in _items(clause.get("items"), 1, labels):
            body.append("\n")
            body.append_text(line)
        if clause.get("tail"):
            body.append("\n" + " ".join(str(clause["tail"]).split()))
        refs = clause.get("refs")
        for ref in refs if isinstance(refs, list) else [refs] if refs else []:
            body.append("\n")
            body.append_text(_reference(str(ref), labels))
        number = str(clause.get("number") or index)
        out += hang(Text(f"{number:>4}", style="dim"), body, 6, width, console)
    return out


def _items(items: Any, depth: int, labels: dict[str, Any]) -> Iterator[Text]:
    if not isinstance(items, list):
        return
    for item in items:
        if not isinstance(item, dict):
            continue
        line = Text("  " * depth)
        line.append(f"{item.get('label', '')} ", style="dim")
        line.append(" ".join(str(item.get("text", "")).split()))
        yield line
        refs = item.get("refs")
        for ref in refs if isinstance(refs, list) else [refs] if refs else []:
            yield Text("  " * (depth + 1)) + _reference(str(ref), labels)
        yield from _items(item.get("items"), depth + 1, labels)


def _reference(ref: str, labels: dict[str, Any]) -> Text:
    text = Text("→ ", style="dim")
    text.append(ref, style="blue")
    target = labels.get(ref)
    if target is None:
        text.append("  no such record", style="bold red")
    elif target.title:
        text.append(f"  {target.title}", style="dim")
    return text


def _referrers(view: View, width: int, console: Console) -> list[Text]:
    by_field: dict[str, list] = {}
    for referrer in view.referrers:
        by_field.setdefault(referrer.field, []).append(referrer)
    out: list[Text] = []
    for field_name, count in sorted(view.referrer_counts.items(), key=lambda item: relation_order(item[0])):
        relation = relation_label(field_name)
        out.append(Text.assemble((relation, "bold"), (f"  {count} record{'s' if count != 1 else ''}", "dim")))
        for referrer in by_field.get(field_name, []):
            row = referrer.row
            body = Text(row.id, style="blue")
            details = " ".join(d for d in (row.kind or "record", row.date) if d)
            body.append(f"  {details}", style="dim")
            if referrer.fragment:
                body.append("  → " + ", ".join(f"#{part}" for part in referrer.fragment.split(", ")), style="dim")
            if row.title:
                body.append(f"  {row.title}")
            out += hang(Text(""), body, 2, width, console, continuation=2)
        shown = len(by_field.get(field_name, []))
        if count > shown:
            more = Text(
                f"… and {count - shown} more: resolvetool query "
                f"{_QUERY_FIELD.get(field_name, field_name)}={view.row.id}",
                style="dim",
            )
            out += hang(Text(""), more, 2, width, console, continuation=2)
    return out
