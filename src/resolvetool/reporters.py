"""Diagnostics out: `text` for people (rich), `json` for programs, `github` annotations, `sarif` 2.1.0.

Every reporter takes the same `Report` and returns text (or, for `text`, writes to a console), so
commands other than validate (lint, later) reuse them unchanged. The JSON shape is documented in
docs/validate.md and versioned by its `version` field; fields are only ever added.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote as quote_uri

from rich.console import Console
from rich.markup import escape
from rich.theme import Theme

from .diagnostics import CODES, Diagnostic, Severity, count_by_severity
from .inert import inert, inert_json, printable_path

JSON_VERSION = 1
SARIF_MAX_RESULTS = 25_000
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

THEME = Theme(
    {
        "diag.path": "bold",
        "diag.error": "bold red",
        "diag.warning": "bold yellow",
        "diag.info": "bold blue",
        "diag.code": "dim",
        "diag.hint": "cyan",
        "summary.ok": "bold green",
        "summary.bad": "bold red",
    }
)


@dataclass
class Report:
    """What a checking command found: its diagnostics and how much it looked at."""

    diagnostics: list[Diagnostic]
    files: int
    records: int
    root: Path  # the project root, for SARIF's repository-relative locations
    base: Path  # the folder diagnostic paths are relative to

    def __post_init__(self) -> None:
        # A file name that is not UTF-8 reaches Python with surrogates, which no output can carry:
        # show its bad bytes as \xNN instead, as every other output does.
        self.diagnostics = [_sanitized(d) for d in self.diagnostics]


def _sanitized(d: Diagnostic) -> Diagnostic:
    texts = (d.path, d.message, d.hint or "")
    if all(printable_path(t) == t for t in texts):
        return d
    return replace(
        d,
        path=printable_path(d.path),
        message=printable_path(d.message),
        hint=printable_path(d.hint) if d.hint else d.hint,
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(report: Report) -> str:
    counts = count_by_severity(report.diagnostics)
    checked = f"{_plural(report.files, 'file')} checked"
    if not report.diagnostics:
        return f"{checked}: no problems"
    problems = [_plural(counts[Severity.ERROR], "error"), _plural(counts[Severity.WARNING], "warning")]
    if counts[Severity.INFO]:
        problems.append(_plural(counts[Severity.INFO], "note"))
    files = len({d.path for d in report.diagnostics})
    return f"{checked}: {', '.join(problems)} in {_plural(files, 'file')}"


def location(diagnostic: Diagnostic) -> str:
    if diagnostic.line <= 0:
        return diagnostic.path
    return f"{diagnostic.path}:{diagnostic.line}:{diagnostic.col}"


def write_text(report: Report, console: Console, *, quiet: bool = False) -> None:
    """One problem a line (`path:line:col: error[RT201] message`), a hint line, then a summary."""
    write_diagnostics(report.diagnostics, console, quiet=quiet)
    if not quiet or report.diagnostics:
        style = "summary.bad" if any(d.severity is Severity.ERROR for d in report.diagnostics) else "summary.ok"
        console.print(f"[{style}]{escape(summary_line(report))}[/]", soft_wrap=True, highlight=False)


def write_diagnostics(diagnostics: list[Diagnostic], console: Console, *, quiet: bool = False) -> None:
    """One problem a line (`path:line:col: error[RT201] message`) and, unless quiet, its hint.

    The lines are styled pieces, not markup, and printed in batches: a run with thousands of problems
    prints them in a fraction of a second. Path, message and hint are shown inert and on one line each: a
    file name or a value holding an escape sequence or a newline can neither act on the terminal nor forge
    a line of its own.
    """
    from rich.text import Text

    batch: list[Text] = []
    for d in diagnostics:
        batch.append(
            Text.assemble(
                (inert(location(d), one_line=True), "diag.path"),
                ": ",
                (d.severity.value, f"diag.{d.severity.value}"),
                (f"[{d.code}]", "diag.code"),
                " ",
                inert(d.message, one_line=True),
            )
        )
        if d.hint and not quiet:
            batch.append(Text.assemble("  ", ("hint:", "diag.hint"), " ", inert(d.hint, one_line=True)))
        if len(batch) >= 500:
            console.print(Text("\n").join(batch), soft_wrap=True, highlight=False)
            batch = []
    if batch:
        console.print(Text("\n").join(batch), soft_wrap=True, highlight=False)


def json_report(report: Report) -> str:
    from . import __version__  # read from the package's metadata: only when a report names it

    counts = count_by_severity(report.diagnostics)
    document = {
        "version": JSON_VERSION,
        "tool": {"name": "resolvetool", "version": __version__},
        "summary": {
            "files": report.files,
            "records": report.records,
            "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING],
            "infos": counts[Severity.INFO],
        },
        "diagnostics": [
            {
                "path": d.path,
                "line": d.line,
                "col": d.col,
                "code": d.code,
                "name": CODES[d.code].name if d.code in CODES else None,
                "severity": d.severity.value,
                "message": d.message,
                "hint": d.hint,
            }
            for d in report.diagnostics
        ],
    }
    return inert_json(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_report(report: Report) -> str:
    """GitHub Actions workflow commands: one `::error file=...,line=...::message` per problem.

    GitHub resolves paths from the repository's root: they are relative to the workspace
    (GITHUB_WORKSPACE) when it holds the project (a project in a subfolder of the repository),
    and to the project root otherwise, wherever the command was run from."""
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for d in report.diagnostics:
        # What a runner prints for people (its log's viewer acts on escape sequences, and the lines reach a terminal
        # when run by hand) is inert, as in text: a file name holding control characters loses its place on the
        # pull request's lines rather than act (a newline in one is escaped as GitHub reads it).
        props = [f"file={_escape_property(inert(_root_relative(d.path, report) or d.path))}"]
        if d.line > 0:
            props += [f"line={d.line}", f"col={d.col}"]
        name = CODES[d.code].name if d.code in CODES else d.code
        props.append(f"title={_escape_property(f'{d.code} {name}')}")
        message = inert(d.message) + (f"\nhint: {inert(d.hint)}" if d.hint else "")
        lines.append(f"::{level[d.severity]} {','.join(props)}::{_escape_data(message)}")
    return "".join(line + "\n" for line in lines)


def _root_relative(path: str, report: Report) -> str | None:
    """The path relative to the repository's root as GitHub sees it, or None outside it."""
    import os

    absolute = Path(path) if Path(path).is_absolute() else report.base / path
    workspace = os.environ.get("GITHUB_WORKSPACE")
    for base in ([Path(workspace).resolve()] if workspace else []) + [report.root]:
        try:
            return absolute.resolve().relative_to(base).as_posix()
        except ValueError:
            continue
    return None


def _sarif_uri(path: str, report: Report) -> tuple[str, str | None]:
    relative = _root_relative(path, report)
    if relative is not None:
        return quote_uri(relative), "%SRCROOT%"
    absolute = Path(path) if Path(path).is_absolute() else report.base / path
    return absolute.as_uri(), None


def sarif_report(report: Report) -> str:
    """A SARIF 2.1.0 log with one run, every rule described, one result per problem."""
    from . import __version__

    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    codes = list(CODES.values())
    index = {c.code: i for i, c in enumerate(codes)}
    rules = [
        {
            "id": c.code,
            "name": "".join(part.capitalize() for part in c.name.split("-")),
            "shortDescription": {"text": c.summary},
            "defaultConfiguration": {"level": level[c.severity]},
            "properties": {"tags": ["resolvetool"]},
        }
        for c in codes
    ]
    results = []
    # GitHub code scanning takes at most 25,000 results a run: keep the errors first.
    shown = sorted(report.diagnostics, key=lambda d: d.severity is not Severity.ERROR)[:SARIF_MAX_RESULTS]
    for d in sorted(shown):
        uri, base_id = _sarif_uri(d.path, report)
        artifact = {"uri": uri, **({"uriBaseId": base_id} if base_id else {})}
        physical: dict = {"artifactLocation": artifact}
        # A problem of the whole file is placed on its first line, where code scanning can show it.
        physical["region"] = {"startLine": max(d.line, 1), "startColumn": max(d.col, 1)}
        result: dict[str, Any] = {
            "ruleId": d.code,
            "level": level[d.severity],
            "message": {"text": d.message + (f". Hint: {d.hint}" if d.hint else "")},
            "locations": [{"physicalLocation": physical}],
        }
        if d.code in index:
            result["ruleIndex"] = index[d.code]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "resolvetool",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": report.root.as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
                **(
                    {"properties": {"resultsNotShown": len(report.diagnostics) - len(shown)}}
                    if len(shown) < len(report.diagnostics)
                    else {}
                ),
            }
        ],
    }
    return inert_json(json.dumps(log, indent=2, ensure_ascii=False)) + "\n"


# Data formats, rendered to text for stdout or a file; `text` is written to a console instead.
DATA_REPORTERS: dict[str, Callable[[Report], str]] = {
    "json": json_report,
    "github": github_report,
    "sarif": sarif_report,
}
