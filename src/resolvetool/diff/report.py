"""Writing a diff for people (text), for a pull request or CI job summary (markdown, one collapsible section
per record) and for programs (json, documented in docs/diff.md and kept stable)."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from .records import CLAUSE_LISTS, Change, RecordDiff

if TYPE_CHECKING:
    from .history import Step

FORMAT_VERSION = 1


def describe(change: Change) -> tuple[str, list[tuple[str, str]]]:
    """(the change in words, the runs of text to show after it: ("=", kept), ("-", removed), ("+", added))."""
    old_at, new_at = change.at
    if change.path in CLAUSE_LISTS or change.path.split(".")[0] in CLAUSE_LISTS:
        part = change.path.split(".")[0]
        where = f"{part} clause {new_at or old_at}"
        if change.kind == "inserted":
            after = f" after {change.context[1]}" if change.context[1] else " at the start"
            return f"{part} clause {new_at} inserted{after}", [("+", str(change.new))]
        if change.kind == "deleted":
            after = f" (it followed {change.context[0]})" if change.context[0] else ""
            return f"{part} clause {old_at} deleted{after}", [("-", str(change.old))]
        if change.kind == "moved":
            return f"{part} clause {old_at} moved to {new_at}", [("=", str(change.new))]
        if change.kind == "renumbered":
            return f"{where} renumbered: {_show(change.old)} → {_show(change.new)}", []
        if change.path in CLAUSE_LISTS:
            return f"{where} changed", list(change.words)
        field = change.path.split(".", 1)[1]
        return f"{where}: {field} {_verb(change)}", _value_runs(change)
    label = change.path
    if new_at or old_at:
        label = f"{change.path} (entry {new_at or old_at})"
    if change.kind == "changed" and not isinstance(change.old, (dict, list)) and not change.words:
        return f"{label}: {_show(change.old)} → {_show(change.new)}", []
    if change.kind == "changed" and change.words and len(str(change.old)) + len(str(change.new)) < 60:
        return f"{label}: {_show(change.old)} → {_show(change.new)}", []
    return f"{label} {_verb(change)}", _value_runs(change)


def _verb(change: Change) -> str:
    return {"added": "added", "removed": "removed", "changed": "changed"}.get(change.kind, change.kind)


def _value_runs(change: Change) -> list[tuple[str, str]]:
    if change.words:
        return list(change.words)
    if change.kind == "added":
        return [("+", _show(change.new))]
    if change.kind == "removed":
        return [("-", _show(change.old))]
    return [("-", _show(change.old)), ("+", _show(change.new))]


def _show(value: Any) -> str:
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, dict):
        return ", ".join(f"{key}: {_show(item)}" for key, item in value.items())
    if isinstance(value, list):
        return "; ".join(_show(item) for item in value)
    return "none" if value is None else str(value)


def headline(diff: RecordDiff) -> str:
    kind = diff.kind or "record"
    if diff.status == "renamed":
        return f"{kind} {diff.ids[0]} renamed to {diff.ids[1]}"
    if diff.status == "moved":
        return f"{kind} {diff.id} moved from {diff.old_path} to {diff.new_path}"
    return f"{kind} {diff.id} {diff.status}"


# --- text ---------------------------------------------------------------------------------------------


def text(diffs: list[RecordDiff], console: Any) -> Any:
    from rich.text import Text

    from ..inert import inert
    from ..textlayout import hang

    lines: list[Text] = []
    for diff in diffs:
        if lines:
            lines.append(Text())
        # One line each, whatever the file names hold: a newline in one must not start a line of its own.
        lines.append(Text(inert(headline(diff), one_line=True), style="bold"))
        path = diff.new_path or diff.old_path
        if diff.status != "moved" and path:
            lines.append(Text(f"  {inert(path, one_line=True)}", style="dim"))
        for change in diff.changes:
            what, runs = describe(change)
            body = Text(inert(what))
            if runs:
                body.append(": " if not what.endswith(":") else " ")
                for op, words in runs:
                    style = {"-": "red strike", "+": "green underline"}.get(op)
                    marks = {"-": ("[-", "-]"), "+": ("{+", "+}")}.get(op, ("", ""))
                    body.append(marks[0], style="dim")
                    body.append(inert(words), style=style)
                    body.append(marks[1] + " ", style="dim")
            body.rstrip()
            lines += hang(Text("  -"), body, 4, console.width, console)
    for line in lines:
        line.rstrip()
    return Text("\n").join(lines)


# --- markdown ------------------------------------------------------------------------------------------


def markdown(diffs: list[RecordDiff], title: str = "resolvetool diff") -> str:
    """A summary line, then a collapsible section per record. Record text, paths and the title (a commit
    subject with --history) are escaped as markdown, HTML or a code span each where it stands, so nothing
    they hold becomes markup in a pull request or a job summary."""
    from ..rendering.markdown import escape, escape_line

    if not diffs:
        return f"**{escape_line(title)}**: no change to any record.\n"
    counts: dict[str, int] = {}
    for diff in diffs:
        counts[diff.status] = counts.get(diff.status, 0) + 1
    summary = ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
    out = [f"**{escape_line(title)}**: {len(diffs)} record{'s' if len(diffs) != 1 else ''} ({summary})", ""]
    for diff in diffs:
        changes = len(diff.changes)
        out.append(
            f"<details><summary>{_html(headline(diff))}"
            f"{f' ({changes} change' + ('s' if changes != 1 else '') + ')' if changes else ''}</summary>"
        )
        out.append("")
        path = diff.new_path or diff.old_path
        if path:
            out.append(_code(path))
            out.append("")
        for change in diff.changes:
            what, runs = describe(change)
            escaped = [(op, escape(words)) for op, words in runs]
            rendered = " ".join(_marked(op, text) for op, text in escaped if text)
            out.append(f"- {escape(what)}{': ' + rendered if rendered else ''}")
        out += ["", "</details>", ""]
    return "\n".join(out)


def _marked(op: str, text: str) -> str:
    return {"-": f"~~{text}~~", "+": f"**{text}**"}.get(op, text)


def _html(text: str) -> str:
    """Text inside an HTML block (the <summary> line): on one line, since a blank line would end the block."""
    from ..inert import inert

    return inert(text, one_line=True).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _code(text: str) -> str:
    """`text` as a code span that no backtick in it can close: fenced by one backtick more than its longest
    run, with the spaces CommonMark strips inside the fence, on one line."""
    from ..inert import inert

    text = inert(text, one_line=True)
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}"


# --- json ----------------------------------------------------------------------------------------------


def as_json(diffs: list[RecordDiff]) -> str:
    from ..inert import inert_json

    return (
        inert_json(
            json.dumps(
                {"version": FORMAT_VERSION, "records": [_record(diff) for diff in diffs]}, ensure_ascii=False, indent=2
            )
        )
        + "\n"
    )


def _record(diff: RecordDiff) -> dict[str, Any]:
    return {
        "id": diff.id,
        "old_id": diff.ids[0],
        "new_id": diff.ids[1],
        "kind": diff.kind,
        "status": diff.status,
        "old_path": diff.old_path,
        "new_path": diff.new_path,
        "changes": [
            {
                "kind": change.kind,
                "path": change.path,
                "old": change.old,
                "new": change.new,
                "old_position": change.at[0],
                "new_position": change.at[1],
                "after": {"old": change.context[0], "new": change.context[1]},
                "words": [[op, words] for op, words in change.words],
                "summary": describe(change)[0],
            }
            for change in diff.changes
        ],
    }


# --- a record's history (diff --history) -------------------------------------------------------------


def history_markdown(steps: list[Step]) -> str:
    """Each commit's diff as markdown, titled by the commit, one after the other."""
    return "".join(markdown(step.diffs, step.title) + "\n" for step in steps)


def history_json(steps: list[Step]) -> str:
    """Each commit with the records it changed, as `as_json` writes them."""
    from ..inert import inert_json

    commits = [
        {"commit": step.commit, "date": step.date, "subject": step.subject, "records": [_record(d) for d in step.diffs]}
        for step in steps
    ]
    return inert_json(json.dumps(commits, ensure_ascii=False, indent=2)) + "\n"
