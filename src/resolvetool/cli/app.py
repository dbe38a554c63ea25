"""The Typer application: the global options, every command registered in the order `--help` lists them, the
one handler that turns a library error into an `error:` line and its exit code, and `main()`, the console
script, which guards standard output (a closed stream, a full disk)."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from ..errors import ResolvetoolError
from . import checks, diff, lookups, records, render
from .failures import failure
from .options import GLOBAL_OPTIONS, Globals, verbosity_of
from .output import fail


class _Command(TyperCommand):
    """A command that also takes the global options after its name, parsed by the group's own option objects
    (one definition, one help text), listed in its --help under their own heading. Given after the name, an
    option replaces the one given before it, as a repeated option replaces an earlier one; --no-color given
    anywhere holds. A library error it raises is said here, once for every command."""

    # ctx is click's Context (typer's own is a subclass of it; typer may vendor click): typed Any here.
    def get_params(self, ctx: Any) -> list[Any]:
        help_option = self.get_help_option(ctx)
        return [*self.params, *_global_options(ctx), *([help_option] if help_option else [])]

    def format_options(self, ctx: Any, formatter: Any) -> None:
        shared = _global_options(ctx)
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        global_options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is not None:
                if param.param_type_name == "argument":
                    arguments.append(record)
                else:
                    (global_options if param in shared else options).append(record)
        for title, rows in (
            ("Arguments", arguments),
            ("Options", options),
            ("Global options (before or after the command)", global_options),
        ):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)

    def invoke(self, ctx: Any) -> Any:
        given = {name: ctx.params.pop(name) for name in GLOBAL_OPTIONS if name in ctx.params}
        if isinstance(ctx.obj, Globals):  # run from the group, whose callback read the options before the name
            ctx.obj = ctx.obj.after_command(ctx, **given)
        try:
            return super().invoke(ctx)
        except ResolvetoolError as error:  # the one place a library error is said (docs/architecture.md §6)
            globals_ = ctx.obj if isinstance(ctx.obj, Globals) else Globals(root=None, color=True, verbosity=0)
            raise failure(globals_, error, ctx.info_name) from None


def _global_options(ctx: Any) -> list[Any]:
    """The group's global option objects (none when the command runs on its own, outside the group)."""
    parent = ctx.parent
    return [param for param in parent.command.params if param.name in GLOBAL_OPTIONS] if parent else []


class _Typer(typer.Typer):
    """Typer whose commands take the global options after their name too."""

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", _Command)
        return super().command(*args, **kwargs)


app = _Typer(
    name="resolvetool",
    help="Keep the record of what assemblies decided: resolutions, agreements, reports and sessions as YAML.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # records can be sensitive: never print variables
    add_completion=True,  # --install-completion and --show-completion for bash, zsh, fish and PowerShell
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"resolvetool {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    root: Annotated[
        Path | None,
        typer.Option(
            "--root",
            metavar="DIR",
            help="Project folder (default: the nearest folder up holding records/ or resolvetool.toml).",
        ),
    ] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="Never use colour (NO_COLOR is honoured too).")] = False,
    quiet: Annotated[
        bool, typer.Option("-q", "--quiet", help="Print problems only: no hints, no summary when all is well.")
    ] = False,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="Also print timings and cache use.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Keep the record of what assemblies decided: resolutions, agreements, reports and sessions as YAML."""
    verbosity = verbosity_of(ctx, quiet, verbose)
    ctx.obj = Globals(root=root, color=not no_color, verbosity=0 if verbosity is None else verbosity)
    try:
        os.getcwd()  # every path shown and every default is relative to it
    except FileNotFoundError:
        raise fail(
            ctx.obj,
            "the current folder no longer exists (it was removed or moved away while this "
            "shell was in it); cd to the project's folder and run the command again",
        ) from None


# The commands, in the order `resolvetool --help` lists them.
app.command()(checks.validate)
app.command()(records.new)
app.command()(records.init)
app.command()(checks.schema)
app.command()(checks.lint)
app.command()(checks.rules)
app.command()(checks.fmt)
app.command()(render.render)
app.command("import")(records.import_)
app.command()(lookups.show)
app.command()(lookups.query)
app.command()(lookups.search)
app.command()(diff.diff)


def main() -> None:
    """Entry point of the `resolvetool` console script."""
    _standard_streams()
    try:
        try:
            app()
        finally:
            sys.stdout.flush()  # here, not at the interpreter's exit, which would drop an error writing it
    except OSError as error:
        from ..fileio import NO_ROOM

        full = {**NO_ROOM, errno.EFBIG: "the file is over the size a file may have here"}
        if error.errno not in full:
            raise
        # Standard output on a full disk (`validate -f json > report.json`, `> /dev/full`): say so and fail,
        # rather than a traceback, or exit 0 having written half a report.
        try:
            sys.stderr.write(
                f"error: cannot write the output: {full[error.errno]}; free some space and run the "
                "command again (what was written is incomplete)\n"
            )
            sys.stderr.flush()
        except OSError:
            pass
        os._exit(2)  # exit without flushing standard output again


def _standard_streams() -> None:
    """Standard output and error there to write to, even when the caller closed them (Python then has None);
    and standard output through a buffer even under PYTHONUNBUFFERED=1 or -u (common in CI containers): there
    Python writes text straight to the file and drops what a short write left over (a disk filling up), without
    an error; a buffer writes the rest or raises. It is flushed at each line, as unbuffered output shows."""
    import io

    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:  # closed (`>&-`): what would go there goes nowhere, as into /dev/null
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115  (open while we run)
    stream = sys.stdout
    if isinstance(getattr(stream, "buffer", None), io.FileIO):
        sys.stdout = io.TextIOWrapper(
            io.BufferedWriter(stream.buffer), encoding=stream.encoding, errors=stream.errors, line_buffering=True
        )
