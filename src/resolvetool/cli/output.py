"""How commands speak: `error:` lines, one-line notes, paths as the user sees them, reports to standard output
or a file, and a progress bar that shows only when a run lasts. Everything from outside is shown inert."""

from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from .options import Format, Globals

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

    from ..config import Settings


def fail(globals_: Globals, message: str, code: int = 2) -> typer.Exit:
    """Print `message` as an `error:` line on standard error; the exit to raise, with `code`."""
    from rich.text import Text

    from ..inert import inert

    globals_.console().print(Text.assemble(("error:", "bold red"), " ", inert(message, one_line=True)), soft_wrap=True)
    return typer.Exit(code)


def say(console: Console, line: str, style: str | None = None) -> None:
    """Print one line about the run. What it holds from outside (file names, paths, settings, reasons) is
    shown inert and as written: no escape sequence acts, no newline starts a line, no [markup] styles."""
    from rich.text import Text

    from ..inert import inert

    console.print(Text(inert(line, one_line=True), style=style or ""), soft_wrap=True, highlight=False)


def shown(path: Path | str) -> str:
    """A path relative to where the command was run, as the user would type it (absolute on another drive)."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def emit(globals_: Globals, text: str, output: Path | None) -> None:
    """`text` to standard output, or written whole to the file `output` (exit 2 when it cannot be)."""
    if output is None:
        sys.stdout.write(text)
        return
    from ..fileio import atomic_write

    try:
        atomic_write(output, text)
    except OSError as error:
        raise fail(globals_, f"cannot write {output}: {error.strerror or error}") from None


def report_findings(globals_: Globals, result: Any, settings: Settings, format: Format, output: Path | None) -> None:
    """Write a checking command's findings and summary to standard output (`validate > report.txt`), in text
    or a data format, or a data format to -o. Standard error is for the run itself: progress, timings, errors."""
    from ..reporters import DATA_REPORTERS, Report, write_text

    report = Report(result.diagnostics, result.files, result.records, root=settings.root, base=Path.cwd())
    # What the check built (the corpus, every finding) lives until the process ends: frozen, the collections
    # that printing thousands of findings sets off never walk it again (22,112 findings: 1.9 s -> 1.5 s).
    gc.freeze()
    if format is Format.text:
        write_text(report, globals_.console(stderr=False), quiet=globals_.verbosity < 0)
    else:
        emit(globals_, DATA_REPORTERS[format.value](report), output)


class LazyProgress:
    """A progress bar on a terminal, shown only once a run has lasted long enough to need one."""

    def __init__(self, console: Console, *, after: float = 0.4, label: str = "checking") -> None:
        self.console, self.after, self.started, self.label = console, after, time.monotonic(), label
        self.bar: Progress | None = None
        self.task: TaskID | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if not self.console.is_terminal or time.monotonic() - self.started < self.after or done >= total:
                return
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(
                TextColumn(self.label),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=self.console,
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("files", total=total)
        assert self.task is not None  # added with the bar
        self.bar.update(self.task, completed=done)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
