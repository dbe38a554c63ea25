"""The one place a library error becomes what the user reads: an `error:` line (a bad filter with its offending
part underlined) and the error's exit code. Commands let `ResolvetoolError`s go up; `app` catches them here."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from .options import Globals
from .output import fail, shown

if TYPE_CHECKING:
    from ..errors import ResolvetoolError
    from ..query import FilterError


def failure(globals_: Globals, error: ResolvetoolError, command: str | None) -> typer.Exit:
    """Say what `error` says, paths named from where the command was run; the exit to raise."""
    from ..errors import RecordNotFound
    from ..fileio import WriteError
    from ..writecheck import WriteRefused

    # A FilterError can only come from a loaded query package; importing it to ask would cost a settings error
    # the whole query engine.
    filters = sys.modules.get("resolvetool.query.filters")
    if filters is not None and isinstance(error, filters.FilterError):
        return filter_failure(globals_, error, command or "query")
    if isinstance(error, RecordNotFound):
        hint = f"; did you mean {', '.join(error.suggestions)}?" if error.suggestions else ""
        message = f"no record {error.ref!r} in {shown(error.records)}{hint}"
    elif isinstance(error, WriteError):  # a refused or failed write: the file, and why
        message = f"{shown(error.path)}: {error.reason}"
    elif isinstance(error, WriteRefused):  # refused before anything is written
        message = f"{error}; nothing was written"
    else:
        message = str(error)
    return fail(globals_, message, error.exit_code)


def filter_failure(globals_: Globals, error: FilterError, command: str) -> typer.Exit:
    """A bad filter, sort key or search: the argument with the offending part underlined (a long argument
    shown around it; characters that would act on the terminal shown as escapes)."""
    from rich.text import Text

    from ..inert import inert

    def inert_part(part: str) -> str:
        return inert(part).replace("\t", " ")

    err = globals_.console()
    err.print(Text.assemble(("error: ", "bold red"), inert_part(error.message)))
    if error.text:
        start, end = error.start, min(error.end, len(error.text) + 1)
        left = max(0, start - 60)
        right = min(len(error.text), max(end, start + 1) + 60)
        before = ("…" if left else "") + inert_part(error.text[left:start])
        span = inert_part(error.text[start:end]) or " "
        after = inert_part(error.text[end:right]) + ("…" if right < len(error.text) else "")
        err.print(Text.assemble("  ", before, span[:120], after if len(span) <= 120 else "…"), soft_wrap=True)
        err.print(
            Text.assemble("  ", " " * _width(before), ("^" * max(1, min(_width(span), 120)), "bold red")),
            soft_wrap=True,
        )
    if error.hint:
        err.print(Text.assemble(("  hint: ", "diag.hint"), inert_part(error.hint)))
    err.print(f"  see 'resolvetool {command} --help'", style="dim")
    return typer.Exit(error.exit_code)


def _width(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)
