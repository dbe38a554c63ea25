"""The one base of every error the library raises for people to read, and the one "no such record".

A library function that cannot do what was asked raises a `ResolvetoolError` whose message says what is wrong
and what to do; the command line catches it once, at the top, prints the message as an `error:` line and exits
with the error's `exit_code` (docs/architecture.md §7). Other programs catch `ResolvetoolError` to handle them all.
"""

from __future__ import annotations

from pathlib import Path


class ResolvetoolError(Exception):
    """An error to show as it is said: its message is for people, `exit_code` the command line's exit status."""

    exit_code: int = 2  # usage, settings, a refused or failed write (§7); findings are not errors


class RecordNotFound(ResolvetoolError, LookupError):
    """No record has the id or symbol asked for (show, render, diff --history); the closest ids are suggested."""

    exit_code = 1

    def __init__(self, ref: str, suggestions: list[str], records: Path) -> None:
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no record {ref!r} in {records}{hint}")
        self.ref, self.suggestions, self.records = ref, suggestions, records

    def __reduce__(self) -> tuple[type[RecordNotFound], tuple[str, list[str], Path]]:
        return type(self), (self.ref, self.suggestions, self.records)  # pickled as it was made, not by its message
