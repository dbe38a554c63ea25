"""The command line: parse options, call one library function, report, exit. No logic lives here.

One module per family of commands (checks, records, lookups, render, diff), the options and output they
share, the one handler of library errors (failures) and the application that ties them (app). Exit codes
(docs/architecture.md §7): 0 clean, 1 findings, 2 usage or configuration error. Heavy modules are imported
inside the commands so that `--help` stays instant. This package is the only part of resolvetool that
imports Typer.
"""

from __future__ import annotations

from .app import app, main

__all__ = ["app", "main"]
