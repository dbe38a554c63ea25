"""What every command shares: the global options' values (`Globals`), the project's settings, and the options
validate and lint both take. Light to import: heavy modules are imported where they are used."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from ..config import Settings

# The main options every command takes after its name too (`resolvetool lint -q`), besides before it.
GLOBAL_OPTIONS = ("root", "no_color", "quiet", "verbose")


@dataclass
class Globals:
    """The global options' values: the project folder asked for, colour, and how much to say (-1, 0, 1)."""

    root: Path | None
    color: bool
    verbosity: int

    def after_command(
        self, ctx: typer.Context, root: str | Path | None, no_color: bool, quiet: bool, verbose: bool
    ) -> Globals:
        """These settings with the global options given after the command's name, which replace those before."""
        verbosity = verbosity_of(ctx, quiet, verbose)
        return Globals(
            root=Path(root) if root is not None else self.root,
            color=self.color and not no_color,
            verbosity=self.verbosity if verbosity is None else verbosity,
        )

    def console(self, *, stderr: bool = True) -> Console:
        from rich.console import Console

        from ..reporters import THEME

        return Console(
            stderr=stderr, theme=THEME, color_system="auto" if self.color else None, highlight=False, soft_wrap=True
        )


def verbosity_of(ctx: typer.Context, quiet: bool, verbose: bool) -> int | None:
    """-1 for -q, 1 for -v, None for neither; both in one place contradict each other (a usage error)."""
    if quiet and verbose:
        ctx.fail("-q and -v contradict each other: give one of them")
    return -1 if quiet else 1 if verbose else None


def project_settings(globals_: Globals) -> Settings:
    """The project's settings, found from --root or the current folder. A ConfigError saying what is wrong
    with them goes up to the one error handler (exit 2), like every library error."""
    from ..config import load_settings
    from ..lint.config import parse_lint_config  # every command stops on a wrong [lint], as on any setting

    return load_settings(globals_.root, read_lint=parse_lint_config)


class Format(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


# Options that validate and lint share.
FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="text (for people), json, github (workflow annotations) or sarif (2.1.0).",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the json, github or sarif report to this file instead of standard output.",
    ),
]
JobsOption = Annotated[
    int | None, typer.Option("--jobs", "-j", min=1, metavar="N", help="Worker processes (default: one per core).")
]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Read and check every file afresh, ignoring and not updating the cache.")
]
StrictOption = Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings too, not only on errors.")]
