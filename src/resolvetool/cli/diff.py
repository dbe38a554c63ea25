"""The diff command: what a change did to the records' substance, between two files or folders, two git
revisions, or commit by commit in one record's history."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from .options import Globals, project_settings
from .output import fail, shown

if TYPE_CHECKING:
    from ..config import Settings
    from ..diff import RecordDiff, Step


class DiffFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


def diff(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[A [B]]",
            help="Two record files or folders to compare; with --history, the record (id, symbol or file).",
            show_default=False,
        ),
    ] = None,
    base: Annotated[
        str | None,
        typer.Option("--base", metavar="REV", help="Compare records/ at this git revision (default: HEAD) ..."),
    ] = None,
    head: Annotated[
        str | None,
        typer.Option(
            "--head",
            metavar="REV",
            help="... with this revision (default: the working tree, uncommitted and untracked files included).",
        ),
    ] = None,
    history: Annotated[bool, typer.Option("--history", help="How one record changed, commit by commit.")] = False,
    format: Annotated[
        DiffFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="text (for people), markdown (a pull-request comment or CI job summary) or json.",
        ),
    ] = DiffFormat.text,
    exit_code: Annotated[bool, typer.Option("--exit-code", help="Exit 1 when something differs.")] = False,
    whitespace: Annotated[
        bool, typer.Option("--whitespace", help="Report changes of spacing inside text too.")
    ] = False,
) -> None:
    """Show what a change did to the records' substance, clause by clause.

    Records are matched by id (a new id for the same record is a rename, the same id in another file a
    move); fields are named by their path; clauses are matched by their words, so one inserted clause is
    one insertion, a clause moved is a move, a new number alone a renumbering, and changed words are shown
    word by word. What fmt would change (key order, quoting, wrapping, comments) is no change. Exit
    status: 0 (1 with --exit-code when something differs), 2 usage or git error.

    Examples:

      resolvetool diff

      resolvetool diff --base main --format markdown >> "$GITHUB_STEP_SUMMARY"

      resolvetool diff old/records new/records --exit-code

      resolvetool diff interpol-ga-81-impact-cooperation --history
    """
    from ..diff import diff_paths, diff_revisions

    globals_: Globals = ctx.obj
    paths = paths or []
    # Two files or folders need no project; revisions and history do (a GitError is said by the error handler).
    settings = project_settings(globals_) if history or len(paths) != 2 else None
    if history:
        if len(paths) != 1 or base or head:
            raise fail(globals_, "--history takes one record (its id, symbol or file) and no --base or --head")
        assert settings is not None  # read above for --history
        _history(globals_, settings, str(paths[0]), format, exit_code=exit_code, whitespace=whitespace)
    if paths and (base or head):
        raise fail(globals_, "give two files or folders, or --base and --head, not both")
    if len(paths) == 1 or len(paths) > 2:
        raise fail(globals_, "give two files or folders to compare (or none, to compare with git revisions)")
    try:
        if paths:
            _check_compared(globals_, paths[0], paths[1])
            diffs = diff_paths(paths[0], paths[1], whitespace=whitespace)
        else:
            assert settings is not None  # read above when there are no paths
            diffs = diff_revisions(settings, base or "HEAD", head, whitespace=whitespace)
    except OSError as error:
        raise fail(globals_, f"cannot read {error.filename}: {error.strerror}") from None
    _write_diff(globals_, diffs, format)
    raise typer.Exit(1 if exit_code and diffs else 0)


def _check_compared(globals_: Globals, old: Path, new: Path) -> None:
    """Two paths that exist, both files or both folders; exit 2 saying which does not."""
    for path in (old, new):
        if not path.exists():
            raise fail(
                globals_,
                f"{path} is a symbolic link leading nowhere (or in a loop)"
                if path.is_symlink()
                else f"{path} does not exist",
            )
    if old.is_dir() != new.is_dir():
        raise fail(globals_, "compare a file with a file, or a folder with a folder")


def _history(
    globals_: Globals, settings: Settings, ref: str, format: DiffFormat, *, exit_code: bool, whitespace: bool
) -> NoReturn:
    """How one record changed, commit by commit; exits."""
    from ..diff import history_file, record_history, report

    target = history_file(settings, ref)
    steps = record_history(settings, target, whitespace=whitespace)
    if not steps:
        raise fail(globals_, f"no commit touched {shown(target)} (is it committed?)", 1)
    if format is DiffFormat.json:
        sys.stdout.write(report.history_json(steps))
    elif format is DiffFormat.markdown:
        sys.stdout.write(report.history_markdown(steps))
    else:
        _write_history_text(globals_, steps)
    raise typer.Exit(1 if exit_code and any(step.diffs for step in steps[1:]) else 0)


def _write_history_text(globals_: Globals, steps: list[Step]) -> None:
    from rich.text import Text

    from ..inert import inert

    for step in steps:
        globals_.console(stderr=False).print(Text(inert(step.title, one_line=True), style="bold yellow"))
        _write_diff(globals_, step.diffs, DiffFormat.text)


def _write_diff(globals_: Globals, diffs: list[RecordDiff], format: DiffFormat) -> None:
    from ..diff import report

    if format is DiffFormat.json:
        sys.stdout.write(report.as_json(diffs))
    elif format is DiffFormat.markdown:
        sys.stdout.write(report.markdown(diffs, "resolvetool diff"))
    else:
        out = globals_.console(stderr=False)
        if diffs:
            out.print(report.text(diffs, out), soft_wrap=True)
        elif globals_.verbosity >= 0:
            globals_.console().print("no change to any record", style="dim")
