"""The command line: parse options, call one library function, report, exit. No logic lives here.

Exit codes (docs/architecture.md §7): 0 clean, 1 findings, 2 usage or configuration error.
Heavy modules are imported inside the commands so that `--help` stays instant.
"""

from __future__ import annotations

import errno
import os
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from typer.core import TyperCommand

from . import __version__
from .kinds import KINDS

if TYPE_CHECKING:
    from rich.console import Console

    from .config import Settings

# The main options every command takes after its name too (`resolvetool lint -q`), besides before it.
GLOBAL_OPTIONS = ("root", "no_color", "quiet", "verbose")


class _Command(TyperCommand):
    """A command that also takes the global options after its name, parsed by the group's own option objects
    (one definition, one help text), listed in its --help under their own heading. Given after the name, an
    option replaces the one given before it, as a repeated option replaces an earlier one; --no-color given
    anywhere holds."""

    def get_params(self, ctx: typer.Context) -> list:
        help_option = self.get_help_option(ctx)
        return [*self.params, *_global_options(ctx), *([help_option] if help_option else [])]

    def format_options(self, ctx: typer.Context, formatter) -> None:
        shared = _global_options(ctx)
        arguments, options, global_options = [], [], []
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

    def invoke(self, ctx: typer.Context):
        given = {name: ctx.params.pop(name) for name in GLOBAL_OPTIONS if name in ctx.params}
        if isinstance(ctx.obj, Globals):  # run from the group, whose callback read the options before the name
            ctx.obj = ctx.obj.after_command(ctx, **given)
        return super().invoke(ctx)


def _global_options(ctx: typer.Context) -> list:
    """The group's global option objects (none when the command runs on its own, outside the group)."""
    parent = ctx.parent
    return [param for param in parent.command.params if param.name in GLOBAL_OPTIONS] if parent else []


class _Typer(typer.Typer):
    """Typer whose commands take the global options after their name too."""

    def command(self, *args, **kwargs):
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


@dataclass
class Globals:
    root: Path | None
    color: bool
    verbosity: int

    def after_command(
        self, ctx: typer.Context, root: str | Path | None, no_color: bool, quiet: bool, verbose: bool
    ) -> Globals:
        """These settings with the global options given after the command's name, which replace those before."""
        verbosity = _verbosity(ctx, quiet, verbose)
        return Globals(
            root=Path(root) if root is not None else self.root,
            color=self.color and not no_color,
            verbosity=self.verbosity if verbosity is None else verbosity,
        )

    def console(self, *, stderr: bool = True) -> Console:
        from rich.console import Console

        from .reporters import THEME

        return Console(
            stderr=stderr, theme=THEME, color_system="auto" if self.color else None, highlight=False, soft_wrap=True
        )


def _verbosity(ctx: typer.Context, quiet: bool, verbose: bool) -> int | None:
    """-1 for -q, 1 for -v, None for neither; both in one place contradict each other (a usage error)."""
    if quiet and verbose:
        ctx.fail("-q and -v contradict each other: give one of them")
    return -1 if quiet else 1 if verbose else None


def _fail(globals_: Globals, message: str, code: int = 2) -> typer.Exit:
    from rich.text import Text

    from .inert import inert

    globals_.console().print(Text.assemble(("error:", "bold red"), " ", inert(message, one_line=True)), soft_wrap=True)
    return typer.Exit(code)


def _say(console: Console, line: str, style: str | None = None) -> None:
    """Print one line about the run. What it holds from outside (file names, paths, settings, reasons) is
    shown inert and as written: no escape sequence acts, no newline starts a line, no [markup] styles."""
    from rich.text import Text

    from .inert import inert

    console.print(Text(inert(line, one_line=True), style=style or ""), soft_wrap=True, highlight=False)


def _project_settings(globals_: Globals) -> Settings:
    """The project's settings; exit 2 saying what is wrong with them when they cannot be read."""
    from .config import ConfigError, load_settings
    from .lint.config import parse_lint_config  # every command stops on a wrong [lint], as on any setting

    try:
        return load_settings(globals_.root, read_lint=parse_lint_config)
    except ConfigError as error:
        raise _fail(globals_, str(error)) from None


def _version(value: bool) -> None:
    if value:
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
    verbosity = _verbosity(ctx, quiet, verbose)
    ctx.obj = Globals(root=root, color=not no_color, verbosity=0 if verbosity is None else verbosity)
    try:
        os.getcwd()  # every path shown and every default is relative to it
    except FileNotFoundError:
        raise _fail(
            ctx.obj,
            "the current folder no longer exists (it was removed or moved away while this "
            "shell was in it); cd to the project's folder and run the command again",
        ) from None


class Format(str, Enum):
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


class _LazyProgress:
    """A progress bar on a terminal, shown only once a run has lasted long enough to need one."""

    def __init__(self, console: Console, *, after: float = 0.4, label: str = "checking") -> None:
        self.console, self.after, self.started, self.label = console, after, time.monotonic(), label
        self.bar = None
        self.task = None

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
        self.bar.update(self.task, completed=done)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@app.command()
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH",
            help="Files or folders to report on (default: all of records/). References are resolved against the whole tree.",
            show_default=False,
        ),
    ] = None,
    format: FormatOption = Format.text,
    output: OutputOption = None,
    jobs: JobsOption = None,
    no_cache: NoCacheOption = False,
    strict: StrictOption = False,
) -> None:
    """Check every record: YAML, schema, ids, references, dates.

    Every problem is reported as path:line:col with a code (RT0xx file and YAML, RT1xx schema,
    RT2xx integrity, RT4xx dates) and a hint. Exit status: 0 clean, 1 problems, 2 usage error.

    Examples:

      resolvetool validate

      resolvetool validate records/resolutions/2012 --format github

      resolvetool validate --format sarif -o resolvetool.sarif
    """
    from .config import ConfigError, load_settings
    from .lint.config import parse_lint_config  # every command stops on a wrong [lint], as on any setting
    from .validation import validate as run_validate

    globals_: Globals = ctx.obj
    err = globals_.console()
    if output is not None and format is Format.text:
        raise _fail(globals_, "--output needs --format json, github or sarif")
    started = time.monotonic()
    progress = _LazyProgress(err)
    try:
        settings = load_settings(globals_.root, read_lint=parse_lint_config)
        result = run_validate(settings, paths or (), jobs=jobs, use_cache=not no_cache, progress=progress)
    except ConfigError as error:
        raise _fail(globals_, str(error)) from None
    finally:
        progress.stop()
    _report(globals_, result, settings, format, output)
    if globals_.verbosity > 0:
        corpus = result.corpus
        err.print(
            f"{len(corpus.files)} files, {corpus.cached} of them from the cache; "
            f"{time.monotonic() - started:.2f} s in all",
            style="dim",
        )
    if result.corpus.cache_problem and globals_.verbosity >= 0:
        _say(err, f"note: {result.corpus.cache_problem}", "dim")
    raise typer.Exit(result.exit_code(strict=strict))


Kind = Enum("Kind", {kind: kind for kind in KINDS}, type=str)  # the kinds `new` makes: all of them


@app.command()
def new(
    ctx: typer.Context,
    kind: Annotated[
        Kind,
        typer.Argument(
            metavar="KIND", help="resolution, agreement, report, session, body, organization or instrument."
        ),
    ],
    title: Annotated[
        str | None,
        typer.Option("--title", metavar="TEXT", help="The title (resolution, agreement, instrument, report)."),
    ] = None,
    name: Annotated[
        str | None, typer.Option("--name", metavar="TEXT", help="The name (body, organization).")
    ] = None,
    symbol: Annotated[
        str | None, typer.Option("--symbol", metavar="TEXT", help="The official symbol (a report needs one).")
    ] = None,
    session: Annotated[
        str | None,
        typer.Option("--session", metavar="ID", help="The session it belongs to; a resolution takes its body from it."),
    ] = None,
    body: Annotated[
        str | None,
        typer.Option(
            "--body", metavar="ID", help="The body (a session needs one; a resolution without a session too)."
        ),
    ] = None,
    organization: Annotated[
        str | None, typer.Option("--organization", metavar="ID", help="The organization (a body needs one).")
    ] = None,
    party: Annotated[
        list[str] | None, typer.Option("--party", metavar="ID", help="A party to an agreement (repeat for each).")
    ] = None,
    number: Annotated[
        int | None, typer.Option("--number", min=1, metavar="N", help="A session's ordinal number.")
    ] = None,
    start: Annotated[
        datetime | None,
        typer.Option("--start", formats=["%Y-%m-%d"], metavar="DATE", help="A session's first day (YYYY-MM-DD)."),
    ] = None,
    end: Annotated[
        datetime | None, typer.Option("--end", formats=["%Y-%m-%d"], metavar="DATE", help="A session's last day.")
    ] = None,
    city: Annotated[
        str | None, typer.Option("--city", metavar="TEXT", help="Where a session met (with --country).")
    ] = None,
    country: Annotated[str | None, typer.Option("--country", metavar="TEXT", help="The country it met in.")] = None,
    acronym: Annotated[
        str | None,
        typer.Option("--acronym", metavar="TEXT", help="An organization's acronym (its id is made from it)."),
    ] = None,
    formula: Annotated[
        str | None,
        typer.Option("--formula", metavar="TEXT", help='How a body\'s resolutions open (default: "The <name>").'),
    ] = None,
    record_id: Annotated[
        str | None,
        typer.Option("--id", metavar="ID", help="The id, instead of the one derived from the title or symbol."),
    ] = None,
    edit: Annotated[
        bool,
        typer.Option(
            "--edit", help="Open the new file in $VISUAL or $EDITOR, and validate it each time the editor closes."
        ),
    ] = False,
) -> None:
    """Write a new record, valid at once, in its kind's folder.

    Required fields come from the options and from the records it belongs to (a resolution's body and year
    folder from its session). Its id is derived from its symbol, or from its session or body and the first
    words of its title; never from a counter, which two branches would both advance. The file names its
    JSON Schema on its first line, for editors. The path written is printed on standard output.

    Examples:

      resolvetool new resolution --session interpol-ga-81 --title "Cooperation with Europol"

      resolvetool new session --body interpol-general-assembly --number 82 --start 2013-10-21 --end 2013-10-24 --city Cartagena --country Colombia

      resolvetool new organization --name "World Customs Organization" --acronym WCO --edit
    """
    from .fileio import WriteError, write_file
    from .inert import undecodable_at
    from .scaffold.new import NewError, Request, new_record
    from .writecheck import WriteRefused

    globals_: Globals = ctx.obj
    err = globals_.console()
    for option, value in (
        ("--title", title),
        ("--name", name),
        ("--symbol", symbol),
        ("--session", session),
        ("--body", body),
        ("--organization", organization),
        ("--city", city),
        ("--country", country),
        ("--acronym", acronym),
        ("--formula", formula),
        ("--id", record_id),
        *(("--party", each) for each in party or ()),
    ):
        if value is not None and undecodable_at(value) is not None:  # the shell passed bytes that are not UTF-8
            raise _fail(globals_, f"{option} is not UTF-8 text; type it again in a UTF-8 terminal")
    settings = _project_settings(globals_)
    request = Request(
        kind.value,
        title=title,
        name=name,
        symbol=symbol,
        body=body,
        session=session,
        organization=organization,
        acronym=acronym,
        formula=formula,
        number=number,
        start=start.date() if start else None,
        end=end.date() if end else None,
        city=city,
        country=country,
        parties=list(party or []),
        record_id=record_id,
    )
    try:
        made = new_record(settings, request)
    except NewError as error:
        raise _fail(globals_, str(error)) from None
    except WriteRefused as error:
        raise _fail(globals_, f"{error}; nothing was written") from None
    target = settings.root / made.path
    try:
        write_file(settings.root, target, made.text)
    except WriteError as error:
        raise _fail(globals_, _write_problem(error)) from None
    sys.stdout.write(_shown(target) + "\n")  # relative to where the command was run, for the next command
    if globals_.verbosity >= 0:
        _say(err, f"wrote {made.record.kind} {made.record.id}", "dim")
    if edit:
        raise typer.Exit(_edit_until_valid(globals_, settings, target))


def _edit_until_valid(globals_: Globals, settings: Settings, path: Path) -> int:
    """Open `path` in the user's editor; validate it (against the whole tree) each time the editor closes,
    and offer to edit again while it has problems."""
    import shlex
    import subprocess

    from .validation import validate as run_validate

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    err = globals_.console()
    try:
        command = shlex.split(editor)
    except ValueError as error:
        raise _fail(globals_, f"cannot read the editor command {editor!r} ({error}); fix $VISUAL or $EDITOR", 1)
    while True:
        try:
            returned = subprocess.run([*command, str(path)]).returncode
        except OSError as error:
            raise _fail(globals_, f"cannot start the editor {editor!r} ({error.strerror or error}); set $EDITOR", 1)
        if returned != 0:
            err.print(f"the editor exited with {returned}; the file is kept as it is", style="yellow")
        if not path.is_file():
            raise _fail(globals_, f"{_shown(path)} is gone (removed in the editor); nothing to check", 1)
        result = run_validate(settings, [path])
        problems = [d for d in result.diagnostics if d.severity.value == "error"]
        _report(globals_, result, settings, Format.text, None)
        if not problems:
            return 0
        if not sys.stdin.isatty() or not typer.confirm("Edit it again?", default=True, err=True):
            return 1


@app.command()
def init(
    ctx: typer.Context,
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="A new or empty folder for the repository.")],
    title: Annotated[
        str, typer.Option("--title", metavar="TEXT", help="What the published site is called.")
    ] = "Resolutions",
    no_git: Annotated[bool, typer.Option("--no-git", help="Do not start a git repository in it.")] = False,
) -> None:
    """Start a records repository for a secretariat: records/, schemas, settings, pre-commit and CI.

    Writes records/ with a folder per kind, the JSON Schemas, resolvetool.toml, a .pre-commit-config.yaml
    running validate, lint and fmt --check, a GitHub workflow doing the same on every pull request with the
    diff in the job summary, editor settings mapping records/ to schemas/, and a README; and starts a git
    repository. It passes validate as created.

    Examples:

      resolvetool init secretariat-records --title "General Assembly resolutions"

      resolvetool init . --no-git
    """
    from .fileio import WriteError
    from .scaffold.init import InitError, init_repository

    globals_: Globals = ctx.obj
    try:
        made = init_repository(folder, title=title, git=not no_git)
    except InitError as error:
        raise _fail(globals_, str(error)) from None
    except WriteError as error:
        raise _fail(globals_, _write_problem(error)) from None
    except OSError as error:  # the folder itself cannot be made
        raise _fail(globals_, f"cannot write in {folder}: {error.strerror or error}") from None
    err = globals_.console()
    for note in made.notes:
        _say(err, f"note: {note}", "yellow")
    if globals_.verbosity >= 0:
        import shlex

        started = ", a git repository started" if made.git else ""
        shown = _shown(folder)
        # A command to type: quoted for the shell, and "./-x" so that cd does not take a name for an option.
        typed = shlex.quote(f"./{shown}" if shown.startswith("-") else shown)
        _say(
            err,
            f"{shown}: {len(made.files)} files written{started}; next: cd {typed} && "
            f"resolvetool new organization --name ...",
            "dim",
        )


@app.command()
def schema(
    ctx: typer.Context,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 if schemas/ differs from the models.")
    ] = False,
) -> None:
    """Write the JSON Schema of every record kind into schemas/ (for editors and other tools).

    Examples:

      resolvetool schema

      resolvetool schema --check
    """
    from .schema import check as check_schemas
    from .schema import write as write_schemas

    globals_: Globals = ctx.obj
    err = globals_.console()
    settings = _project_settings(globals_)
    folder = settings.schemas
    shown = folder.relative_to(settings.root) if folder.is_relative_to(settings.root) else folder
    if check:
        drift = check_schemas(folder)
        for label, names in (
            ("out of date", drift.changed),
            ("missing", drift.missing),
            ("not generated by any kind", drift.extra),
        ):
            for name in names:
                _say(err, f"{shown}/{name}: {label}")
        if drift:
            err.print("run 'resolvetool schema' to regenerate the schemas", style="bold red")
            raise typer.Exit(1)
        if globals_.verbosity >= 0:
            _say(err, f"{shown}/ is up to date", "green")
        raise typer.Exit(0)
    from .fileio import WriteError

    try:
        drift = write_schemas(folder, settings.root)
    except WriteError as error:
        raise _fail(globals_, _write_problem(error)) from None
    except OSError as error:  # removing a schema of no kind
        raise _fail(globals_, f"cannot write {shown}/: {error.strerror or error}") from None
    for name in drift.changed + drift.missing:
        _say(err, f"wrote {shown}/{name}")
    for name in drift.extra:
        _say(err, f"removed {shown}/{name}")
    if not drift and globals_.verbosity >= 0:
        _say(err, f"{shown}/ was already up to date", "green")


def _codes(value: str | None) -> tuple[str, ...]:
    return tuple(code.strip().upper() for code in value.split(",") if code.strip()) if value else ()


@app.command()
def lint(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH", help="Files or folders to report on (default: all of records/).", show_default=False
        ),
    ] = None,
    select: Annotated[
        str | None,
        typer.Option(
            "--select",
            metavar="CODES",
            help="Only these codes or prefixes, comma-separated (RT304,RT3): replaces the configured selection.",
        ),
    ] = None,
    ignore: Annotated[
        str | None,
        typer.Option("--ignore", metavar="CODES", help="Also leave out these codes or prefixes, comma-separated."),
    ] = None,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix", help="Write the certain corrections (whitespace, punctuation, quotes, dashes, NFC) into the files."
        ),
    ] = False,
    format: FormatOption = Format.text,
    output: OutputOption = None,
    jobs: JobsOption = None,
    no_cache: NoCacheOption = False,
    strict: StrictOption = False,
) -> None:
    """Check drafting conventions (RT3xx) and consistency between records (RT4xx), besides what validate checks.

    Rules are listed by 'resolvetool rules'; [lint] in resolvetool.toml selects, ignores and
    re-grades them, and '# resolvetool: ignore[RT304]' comments silence one line (or, with
    ignore-file, one file). Exit status: 0 clean, 1 problems, 2 usage error.

    Examples:

      resolvetool lint

      resolvetool lint records/resolutions/2012 --select RT3 --fix

      resolvetool lint --format github --strict
    """
    from .config import ConfigError, load_settings
    from .lint.config import parse_lint_config  # every command stops on a wrong [lint], as on any setting
    from .lint.config import LintConfigError
    from .lint.run import lint as run_lint

    globals_: Globals = ctx.obj
    err = globals_.console()
    if output is not None and format is Format.text:
        raise _fail(globals_, "--output needs --format json, github or sarif")
    progress = _LazyProgress(err)
    try:
        settings = load_settings(globals_.root, read_lint=parse_lint_config)
        result = run_lint(
            settings,
            paths or (),
            select=_codes(select),
            ignore=_codes(ignore),
            fix=fix,
            jobs=jobs,
            use_cache=not no_cache,
            progress=progress,
        )
    except (ConfigError, LintConfigError) as error:
        raise _fail(globals_, str(error)) from None
    finally:
        progress.stop()
    out = globals_.console(stderr=False) if format is Format.text else err
    for path, count in sorted(result.fixed.items()):  # what was done, with what was found
        _say(out, f"{path}: {count} value{'s' if count != 1 else ''} corrected")
    _report(globals_, result, settings, format, output)
    for path, why in sorted(result.not_fixed.items()):  # a write refused or failed: an error of the run
        _say(err, f"error: {path}: not corrected (nothing was written): {why}", "diag.error")
    raise typer.Exit(result.exit_code(strict=strict))


def _report(globals_: Globals, result, settings, format: Format, output: Path | None) -> None:
    """Write a checking command's findings and summary to standard output (`validate > report.txt`), in text
    or a data format, or a data format to -o. Standard error is for the run itself: progress, timings, errors."""
    from .reporters import DATA_REPORTERS, Report, write_text

    report = Report(result.diagnostics, result.files, result.records, root=settings.root, base=Path.cwd())
    if format is Format.text:
        write_text(report, globals_.console(stderr=False), quiet=globals_.verbosity < 0)
    else:
        _emit(globals_, DATA_REPORTERS[format.value](report), output)


@app.command()
def rules(
    ctx: typer.Context,
    code: Annotated[
        str | None, typer.Argument(metavar="CODE", help="Show this rule's documentation in full.")
    ] = None,
) -> None:
    """List the lint rules: code, name, default severity and what each checks.

    Examples:

      resolvetool rules

      resolvetool rules RT304
    """
    from .lint.codes import code_problem
    from .lint.docs import rule_doc, rule_table

    globals_: Globals = ctx.obj
    if code is None:
        sys.stdout.write(rule_table())
        return
    problem = code_problem(code.upper(), prefix=False)
    if problem is not None:
        raise _fail(globals_, f"{problem.what}; {problem.hint}")
    sys.stdout.write(rule_doc(code.upper()))


@app.command()
def fmt(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH", help="Files or folders to format (default: all of records/).", show_default=False
        ),
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 and name the files that would change.")
    ] = False,
) -> None:
    """Rewrite records in canonical form, keeping comments, blank lines and line endings.

    Keys in each kind's order, strings in one style (quoted only where a YAML 1.1 or 1.2 reader would take
    them for another type or escapes are needed, folded at 100 columns when long), a moved record's schema
    line corrected, written atomically. Formatting twice changes nothing. A file the strict reader refuses
    is named and left alone (exit 1), and so is one whose canonical form would change a value or lose a
    comment, or that is a link (exit 2).

    Examples:

      resolvetool fmt

      resolvetool fmt --check records/resolutions
    """
    from .config import ConfigError, load_settings
    from .lint.config import parse_lint_config  # every command stops on a wrong [lint], as on any setting
    from .formatting import format_files, record_files

    globals_: Globals = ctx.obj
    err = globals_.console()
    try:
        settings = load_settings(globals_.root, read_lint=parse_lint_config)
        files = record_files(settings, paths or ())
    except ConfigError as error:
        raise _fail(globals_, str(error)) from None
    outcomes = format_files(files, settings, write=not check)
    for outcome in outcomes:
        shown = _shown(outcome.path)
        if outcome.refused:
            _say(err, f"{shown}: not formatted: {outcome.problem}", "diag.error")
        elif outcome.problem is not None:
            _say(err, f"{shown}: not formatted: {outcome.problem}; run 'resolvetool validate'", "diag.error")
        elif outcome.changed:
            _say(err, f"{shown}: {'would be reformatted' if check else 'reformatted'}")
    changed = sum(outcome.changed for outcome in outcomes)
    failed = sum(outcome.problem is not None for outcome in outcomes)
    refused = any(outcome.refused for outcome in outcomes)
    if globals_.verbosity >= 0:
        verb = "would change" if check else "changed"
        err.print(
            f"{len(files)} files, {changed} {verb}" + (f", {failed} not formatted" if failed else ""),
            style="summary.bad" if failed or (check and changed) else "summary.ok",
        )
    raise typer.Exit(2 if refused else 1 if failed or (check and changed) else 0)


def _write_problem(error) -> str:
    """A refused or failed write (fileio.WriteError) as one line, its file named from where the command ran."""
    return f"{_shown(error.path)}: {error.reason}"


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


class RenderFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    html = "html"
    akn = "akn"


@app.command()
def render(
    ctx: typer.Context,
    ref: Annotated[
        str | None,
        typer.Argument(metavar="REF", help="The record: its id or official symbol (any case). Not with --site."),
    ] = None,
    format: Annotated[
        RenderFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="text (the body's house style), markdown, html (one self-contained page, any kind of record) or akn (Akoma Ntoso 3.0 XML).",
        ),
    ] = RenderFormat.text,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to this file instead of standard output."),
    ] = None,
    clean: Annotated[
        bool,
        typer.Option(
            "--clean", help="Leave out what an imported source printed amid the text (running headers, page furniture)."
        ),
    ] = False,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            metavar="URL",
            help="With --format html: where the site's pages are (render --site), so that references become links to them; without it they are named, not linked.",
        ),
    ] = None,
    site: Annotated[
        Path | None,
        typer.Option(
            "--site",
            metavar="DIR",
            help="Write (or bring up to date) a static site of every record in DIR: indexes by body, session and year, a page per record, search in the browser.",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="With --site: write into a folder that holds files resolvetool did not write (same names are replaced, nothing else is touched).",
        ),
    ] = False,
    jobs: JobsOption = None,
) -> None:
    """Print a record as its body prints it, as a web page or as Akoma Ntoso XML; or publish a site.

    Text follows the body's house style (interpol, ordinal or standard); a resolution imported from
    text comes back as its source printed it, running headers and page furniture included, unless
    --clean is given. html is one self-contained page (any kind of record); akn is Akoma Ntoso 3.0
    in the AKN4UN conventions, checked against the OASIS schema before it is written. --site DIR
    writes a static site and, run again, rewrites only the pages a change touched.

    Examples:

      resolvetool render interpol-ga-81-impact-cooperation

      resolvetool render "A/RES/80/1" --format markdown -o a-res-80-1.md

      resolvetool render interpol-ga-81-impact-cooperation -f akn -o impact.xml

      resolvetool render --site site
    """
    from .publish import NoSuchRecord, RenderError, render_record

    globals_: Globals = ctx.obj
    if (site is None) == (ref is None):
        raise _fail(
            globals_,
            "give either a REF to render or --site DIR, not both"
            if ref
            else "give a REF to render (an id or symbol), or --site DIR to publish every record",
        )
    if site is not None and (output is not None or base_url is not None or clean or format is not RenderFormat.text):
        raise _fail(
            globals_,
            "--site writes every record in its own formats; --format, --output, --clean and --base-url go with a REF",
        )
    if site is None and (force or jobs is not None):
        raise _fail(globals_, "--force and --jobs go with --site")
    if base_url is not None and format is not RenderFormat.html:
        raise _fail(globals_, "--base-url goes with --format html")
    settings = _project_settings(globals_)
    if site is not None:
        _publish_site(globals_, settings, site, force=force, jobs=jobs)
        return
    try:
        text = render_record(settings, ref, format=format.value, clean=clean, base_url=base_url)
    except NoSuchRecord as error:
        hint = f"; did you mean {', '.join(error.suggestions)}?" if error.suggestions else ""
        raise _fail(globals_, f"no record {ref!r} in {_shown(settings.records)}{hint}", 1) from None
    except RenderError as error:
        raise _fail(globals_, str(error), 1) from None
    _emit(globals_, text, output)


def _publish_site(globals_: Globals, settings: Settings, folder: Path, *, force: bool, jobs: int | None) -> None:
    from .publish import SiteError, build_site

    err = globals_.console()
    progress = _LazyProgress(err, label="writing pages")
    try:
        report = build_site(settings, folder, jobs=jobs, progress=progress, force=force)
    except SiteError as error:
        raise _fail(globals_, str(error)) from None
    except OSError as error:
        raise _fail(globals_, f"cannot write the site in {folder}: {error.strerror or error}") from None
    finally:
        progress.stop()
    for path, why in report.skipped:
        _say(err, f"{path}: not published: {why}")
    if globals_.verbosity >= 0:
        for path, what in report.notes:
            _say(err, f"{path}: note: {what}", "dim")
    if globals_.verbosity >= 0:
        _say(
            err,
            f"{_shown(folder)}: {report.pages:,} pages; {report.written:,} files written, "
            f"{report.unchanged:,} unchanged, {report.removed:,} removed in {report.seconds:.1f} s; "
            f"open {_shown(folder / 'index.html')}",
            "dim" if not report.skipped else None,
        )
    if report.skipped:
        raise typer.Exit(1)


def _emit(globals_: Globals, text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from .fileio import atomic_write

    try:
        atomic_write(output, text)
    except OSError as error:
        raise _fail(globals_, f"cannot write {output}: {error.strerror or error}") from None


@app.command("import")
def import_(
    ctx: typer.Context,
    files: Annotated[
        list[str],
        typer.Argument(metavar="FILE...", help="Plain-text resolutions (UTF-8) or PDFs; - reads standard input."),
    ],
    body: Annotated[
        str | None,
        typer.Option(
            "--body",
            metavar="ID",
            help="The body that adopted them (default: recognised from the text, made if missing).",
        ),
    ] = None,
    session: Annotated[
        str | None,
        typer.Option(
            "--session",
            metavar="ID",
            help="The session they were adopted at (default: recognised from the text, made if missing).",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Write nothing; print the records that would be written.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace records that already exist.")] = False,
) -> None:
    """Turn plain-text resolutions and PDFs into records.

    Reads the heading (symbol, title, session, agenda item, date, committee), the opening formula,
    preambular and operative clauses with their formulas, numbers and items, section headings,
    annexes, footnotes and the closing lines (meeting, vote, outcome). Running headers, page
    numbers and anything it cannot classify are kept where they stood (the latter with a warning
    naming the line), so that 'resolvetool render' gives the text back. Writes the resolution and
    the organization, body and session it needs when they do not exist yet; never replaces a record
    without --force. A PDF (known by its header) is read through its text layer, page furniture and
    footnotes found by where and how they are printed; a scan needs OCR first. Exit status: 0
    imported, 1 a file could not be imported, 2 usage error.

    Examples:

      resolvetool import WHA66.1.txt --dry-run

      resolvetool import A_RES_80_4.pdf

      pdftotext -layout A-RES-80-1.pdf - | resolvetool import -
    """
    from .config import ConfigError, load_settings
    from .lint.config import parse_lint_config  # every command stops on a wrong [lint], as on any setting
    from .corpus import load_corpus
    from .lint.engine import lint_checks
    from .reporters import write_diagnostics
    from .textimport.run import dry_run_text, run_import

    globals_: Globals = ctx.obj
    if files.count("-") > 1:
        raise _fail(globals_, "standard input (-) can be read only once")
    try:
        settings = load_settings(globals_.root, read_lint=parse_lint_config)
        # with lint's checks of one record, as validate loads it: the files' cached analyses are shared
        corpus = load_corpus(settings, base=settings.root, record_checks=lint_checks(settings))
    except ConfigError as error:
        raise _fail(globals_, str(error)) from None
    run = run_import(files, settings, corpus, body=body, session=session, dry_run=dry_run, force=force)
    if dry_run:
        sys.stdout.write(dry_run_text(run, settings))
    out = globals_.console(stderr=False)  # each file's findings and outcome, as validate's and lint's
    for outcome in run.outcomes:
        write_diagnostics(outcome.diagnostics, out, quiet=globals_.verbosity < 0)
        shown = "<stdin>" if outcome.name == "-" else outcome.name
        if outcome.refused:  # an error of the run: to standard error
            said = "nothing was written" in outcome.refused  # most reasons of a refused write say so already
            _say(globals_.console(), f"error: {outcome.refused}{'' if said else '; nothing was written'}", "diag.error")
        if outcome.written and globals_.verbosity >= 0:
            _say(out, f"{shown}: wrote {', '.join(outcome.written)}")
        elif outcome.failed:
            _say(out, f"{shown}: not imported", "summary.bad")
    raise typer.Exit(run.exit_code)


# --- lookups: show, query, search (through the index) -----------------------------------------------


class ShowFormat(str, Enum):
    text = "text"
    yaml = "yaml"
    json = "json"


class ListFormat(str, Enum):
    text = "text"
    table = "table"
    json = "json"
    yaml = "yaml"
    csv = "csv"
    ids = "ids"


_PEOPLE_LIMIT = 50  # rows a table or ranked list shows unless --limit says otherwise

SortOption = Annotated[
    str | None,
    typer.Option(
        "--sort",
        "-s",
        metavar="FIELDS",
        help="Sort by these fields, comma-separated; -FIELD for descending (default: date, then id; with --text and in searches, by relevance).",
    ),
]
LimitOption = Annotated[
    int | None,
    typer.Option(
        "--limit",
        "-n",
        min=0,
        metavar="N",
        help=f"At most N records; 0 for all (default: {_PEOPLE_LIMIT} in a table or list, all in a data format).",
    ),
]
FieldsOption = Annotated[
    str | None,
    typer.Option(
        "--fields", metavar="FIELDS", help="The columns, comma-separated (default: id,kind,date,status,title)."
    ),
]


def _open_index(globals_: Globals):
    """The project's settings and its up-to-date index; building it on first use shows progress."""
    from .index import UNINDEXED, open_index
    from .inert import printable_path

    err = globals_.console()
    settings = _project_settings(globals_)
    progress = _LazyProgress(err, label="indexing")
    try:
        index = open_index(settings, progress=progress)
    finally:
        progress.stop()
    refreshed = index.refreshed
    for path in refreshed.unindexed:
        _say(err, f"warning: {printable_path(path)}: not read: {UNINDEXED}")
    if globals_.verbosity >= 0:
        if not settings.records.is_dir():
            _say(err, f"note: there is no records folder at {_shown(settings.records)}", "dim")
        for folder, reason in refreshed.unreadable:
            _say(
                err,
                f"note: cannot list {printable_path(folder) or settings.records}: {reason}; its records are "
                "as last seen",
                "dim",
            )
        if index.note:
            _say(err, f"note: {index.note}", "dim")
    if globals_.verbosity > 0:
        err.print(
            f"index: {refreshed.indexed} files read, {refreshed.removed} removed; "
            f"{refreshed.seconds * 1000:.0f} ms to bring it up to date",
            style="dim",
        )
    return settings, index


def _filter_error(globals_: Globals, error, command: str) -> typer.Exit:
    """A bad filter, sort key or search: the argument with the offending part underlined (a long argument
    shown around it; characters that would act on the terminal shown as escapes)."""
    from rich.text import Text

    from .inert import inert

    def shown(part: str) -> str:
        return inert(part).replace("\t", " ")

    err = globals_.console()
    err.print(Text.assemble(("error: ", "bold red"), shown(error.message)))
    if error.text:
        start, end = error.start, min(error.end, len(error.text) + 1)
        left = max(0, start - 60)
        right = min(len(error.text), max(end, start + 1) + 60)
        before = ("…" if left else "") + shown(error.text[left:start])
        span = shown(error.text[start:end]) or " "
        after = shown(error.text[end:right]) + ("…" if right < len(error.text) else "")
        err.print(Text.assemble("  ", before, span[:120], after if len(span) <= 120 else "…"), soft_wrap=True)
        err.print(
            Text.assemble("  ", " " * _width(before), ("^" * max(1, min(_width(span), 120)), "bold red")),
            soft_wrap=True,
        )
    if error.hint:
        err.print(Text.assemble(("  hint: ", "diag.hint"), shown(error.hint)))
    err.print(f"  see 'resolvetool {command} --help'", style="dim")
    return typer.Exit(2)


def _width(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


@app.command()
def show(
    ctx: typer.Context,
    ref: Annotated[
        str, typer.Argument(metavar="REF", help="The record: its id or official symbol (any case), or its file.")
    ],
    format: Annotated[
        ShowFormat,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="text (for people), yaml or json (everything, for programs)."
        ),
    ] = ShowFormat.text,
) -> None:
    """Show one record: what it says, what it points to, and what points back at it.

    Title, status, body, session and date; the clauses with their formulas set off; each reference
    with the title of the record it names; and the records that refer to this one (the resolution
    that approved an agreement, the resolutions of a session), read from an index that is brought
    up to date with the files first. Exit status: 0 shown, 1 no such record, 2 usage error.

    Examples:

      resolvetool show interpol-ga-81-impact-cooperation

      resolvetool show ag-2012-rap-18 --format json

      resolvetool show "A/RES/80/1"
    """
    from .show.view import NotFound, build_view, view_data

    globals_: Globals = ctx.obj
    settings, index = _open_index(globals_)
    try:
        view = build_view(index, ref, per_field=None if format is not ShowFormat.text else 20)
    except NotFound as missing:
        hint = f"; did you mean {', '.join(missing.suggestions)}?" if missing.suggestions else ""
        raise _fail(globals_, f"no record {ref!r} in {_shown(settings.records)}{hint}", 1) from None
    if format is ShowFormat.text:
        from .inert import inert
        from .show.text import render_view

        out = globals_.console(stderr=False)
        out.print(render_view(view, inert(_shown(settings.root / view.row.path), one_line=True), out), soft_wrap=True)
    elif format is ShowFormat.json:
        import json

        from .inert import inert_json

        sys.stdout.write(inert_json(json.dumps(view_data(view), ensure_ascii=False, indent=2)) + "\n")
    else:
        import yaml

        sys.stdout.write(yaml.safe_dump(view_data(view), allow_unicode=True, sort_keys=False, width=100))


@app.command()
def query(
    ctx: typer.Context,
    filters: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="FILTER...",
            help="FIELD OP VALUE, all of which must hold: kind=resolution session=interpol-ga-81 'adopted>=2012' phrase=APPROVES refs~ag-2012-rap-18 (quote a filter holding < or > for the shell).",
            show_default=False,
        ),
    ] = None,
    text: Annotated[
        str | None,
        typer.Option(
            "--text", "-t", metavar="WORDS", help="Only records whose words match (as in 'resolvetool search')."
        ),
    ] = None,
    sort: SortOption = None,
    limit: LimitOption = None,
    fields: FieldsOption = None,
    format: Annotated[
        ListFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="table (for people), json, yaml, csv or ids (one per line, to pipe into other commands).",
        ),
    ] = ListFormat.table,
    list_fields: Annotated[
        bool, typer.Option("--list-fields", help="List the fields a filter can name, with their types, and exit.")
    ] = False,
) -> None:
    """List the records that match filters on any field.

    A filter is FIELD OP VALUE. Operators: = and != (ignoring case; a,b for either), < <= > >= (dates,
    numbers, text; a year or month stands for its days), ~ and !~ (contains), FIELD=* (has a value).
    Fields are named as in the records, lists left out (adoption.date, preamble.phrase), or by the
    derived names date, year, adopted, phrase, refs; --list-fields lists them all. Exit status: 0
    records found, 1 none, 2 a bad filter (its offending part is underlined).

    Examples:

      resolvetool query kind=resolution session=interpol-ga-81

      resolvetool query kind=resolution phrase=APPROVES refs~ag-2012-rap-18

      resolvetool query kind=session "start>=2012" --sort -start

      resolvetool query kind=agreement status=approved,signed --fields id,status,parties -f csv

      resolvetool query body=interpol-general-assembly --text cybercrime --sort -date -f ids
    """
    from .query import FilterError, build, run

    globals_: Globals = ctx.obj
    settings, index = _open_index(globals_)
    if list_fields:
        sys.stdout.write(_field_list(index.catalogue))
        return
    try:
        request = build(
            index.catalogue,
            filters or [],
            text=text,
            sort=sort,
            limit=_limit(limit, format),
            columns="id" if format is ListFormat.ids else fields,
            stems=index.prefix_stems,
        )
    except FilterError as error:
        raise _filter_error(globals_, error, "query") from None
    _list_results(globals_, index, run(index, request), format)


@app.command()
def search(
    ctx: typer.Context,
    words: Annotated[
        list[str],
        typer.Argument(
            metavar="WORDS...",
            help="Words that must all appear (in any form: threat finds threats); \"a phrase\"; word* for a prefix; NOT word to leave out; a OR b. FIELD OP VALUE arguments filter as in 'resolvetool query'.",
        ),
    ],
    sort: SortOption = None,
    limit: LimitOption = None,
    fields: FieldsOption = None,
    format: Annotated[
        ListFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="text (ranked, with the matching passage), table, json, yaml, csv or ids.",
        ),
    ] = ListFormat.text,
) -> None:
    """Search titles and clause text, best matches first, with the matching passage.

    Words match in any grammatical form and any case; titles weigh most. Arguments of the form
    FIELD OP VALUE with a known field filter the results, as in 'resolvetool query'. Exit status:
    0 records found, 1 none, 2 a bad search or filter.

    Examples:

      resolvetool search IMPACT

      resolvetool search "cyber threats" kind=resolution session=interpol-ga-81

      resolvetool search "cyber*" NOT IMPACT kind=organization --format json
    """
    from .query import FilterError, build, looks_like_filter, run

    globals_: Globals = ctx.obj
    for word in words:
        if word.startswith("--"):
            raise _fail(globals_, f"no such option: {word} (see 'resolvetool search --help')")
    settings, index = _open_index(globals_)
    catalogue = index.catalogue
    try:
        request = build(
            catalogue,
            [word for word in words if looks_like_filter(word, catalogue)],
            words=[word for word in words if not looks_like_filter(word, catalogue)],
            sort=sort,
            limit=_limit(limit, format),
            columns="id" if format is ListFormat.ids else fields,
            stems=index.prefix_stems,
        )
    except FilterError as error:
        raise _filter_error(globals_, error, "search") from None
    _list_results(globals_, index, run(index, request), format)


def _limit(limit: int | None, format: ListFormat) -> int | None:
    if limit is None:
        return _PEOPLE_LIMIT if format in (ListFormat.table, ListFormat.text) else None
    return limit if 0 < limit < 2**62 else None  # 0, or more than there could be: all


def _list_results(globals_: Globals, index, result, format: ListFormat) -> None:
    from .query.output import ranked, table, write_data

    if format in (ListFormat.table, ListFormat.text):
        out = globals_.console(stderr=False)
        if result.hits:
            view = ranked if format is ListFormat.text and result.hits[0].title is not None else table
            out.print(view(result, out), soft_wrap=True)
        if globals_.verbosity >= 0:
            shown = len(result.hits)
            more = f" (the first {shown}; --limit 0 for all)" if shown < result.total else ""
            globals_.console().print(f"{result.total} record{'s' if result.total != 1 else ''}{more}", style="dim")
    else:
        sys.stdout.write(write_data(result, index.catalogue, format.value))
    raise typer.Exit(0 if result.total else 1)


def _field_list(catalogue: dict) -> str:
    lines = []
    for name, info in catalogue.items():
        kinds = ", ".join(info.get("kinds", [])) or "any"
        detail = info.get("help") or f"of {kinds}"
        choices = f" ({', '.join(info['choices'])})" if info.get("choices") and name != "status" else ""
        lines.append(f"{name:<38} {info['type'] + (' list' if info.get('many') else ''):<10} {detail}{choices}\n")
    return "".join(lines)


class DiffFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command()
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
    from .diff import diff_paths, diff_revisions, record_history
    from .diff.gitrev import GitError

    globals_: Globals = ctx.obj
    paths = paths or []
    settings = None
    if history or len(paths) != 2:  # two files or folders need no project; revisions and history do
        settings = _project_settings(globals_)
    if history:
        if len(paths) != 1 or base or head:
            raise _fail(globals_, "--history takes one record (its id, symbol or file) and no --base or --head")
        target = _history_file(globals_, settings, str(paths[0]))
        try:
            steps = record_history(settings, target, whitespace=whitespace)
        except GitError as error:
            raise _fail(globals_, str(error)) from None
        if not steps:
            raise _fail(globals_, f"no commit touched {_shown(target)} (is it committed?)", 1)
        _write_history(globals_, steps, format)
        raise typer.Exit(1 if exit_code and any(diffs for *_, diffs in steps[1:]) else 0)
    if paths and (base or head):
        raise _fail(globals_, "give two files or folders, or --base and --head, not both")
    if len(paths) == 1 or len(paths) > 2:
        raise _fail(globals_, "give two files or folders to compare (or none, to compare with git revisions)")
    try:
        if paths:
            for path in paths:
                if not path.exists():
                    raise _fail(
                        globals_,
                        f"{path} is a symbolic link leading nowhere (or in a loop)"
                        if path.is_symlink()
                        else f"{path} does not exist",
                    )
            if paths[0].is_dir() != paths[1].is_dir():
                raise _fail(globals_, "compare a file with a file, or a folder with a folder")
            diffs = diff_paths(paths[0], paths[1], whitespace=whitespace)
        else:
            diffs = diff_revisions(settings, base or "HEAD", head, whitespace=whitespace)
    except GitError as error:
        raise _fail(globals_, str(error)) from None
    except OSError as error:
        raise _fail(globals_, f"cannot read {error.filename}: {error.strerror}") from None
    _write_diff(globals_, diffs, format)
    raise typer.Exit(1 if exit_code and diffs else 0)


def _write_diff(globals_: Globals, diffs, format: DiffFormat, title: str = "resolvetool diff") -> None:
    from .diff import report

    if format is DiffFormat.json:
        sys.stdout.write(report.as_json(diffs))
    elif format is DiffFormat.markdown:
        sys.stdout.write(report.markdown(diffs, title))
    else:
        out = globals_.console(stderr=False)
        if diffs:
            out.print(report.text(diffs, out), soft_wrap=True)
        elif globals_.verbosity >= 0:
            globals_.console().print("no change to any record", style="dim")


def _history_file(globals_: Globals, settings, ref: str) -> Path:
    if ref.endswith((".yaml", ".yml")):
        return Path(ref)
    from .index import open_index

    rows = open_index(settings).find(ref)
    if not rows:
        raise _fail(globals_, f"no record {ref!r} in {_shown(settings.records)}", 1)
    return settings.root / rows[0].path


def _write_history(globals_: Globals, steps, format: DiffFormat) -> None:
    import json

    from .diff import report

    if format is DiffFormat.json:
        from .inert import inert_json

        sys.stdout.write(
            inert_json(
                json.dumps(
                    [
                        {
                            "commit": sha,
                            "date": date,
                            "subject": subject,
                            "records": json.loads(report.as_json(diffs))["records"],
                        }
                        for sha, date, subject, diffs in steps
                    ],
                    ensure_ascii=False,
                    indent=2,
                )
            )
            + "\n"
        )
        return
    for sha, date, subject, diffs in steps:
        title = f"{sha[:10]} {date} {subject}"
        if format is DiffFormat.markdown:
            sys.stdout.write(report.markdown(diffs, title) + "\n")
        else:
            from rich.text import Text

            from .inert import inert

            globals_.console(stderr=False).print(Text(inert(title, one_line=True), style="bold yellow"))
            _write_diff(globals_, diffs, format)


def main() -> None:
    """Entry point of the `resolvetool` console script."""
    _standard_streams()
    try:
        try:
            app()
        finally:
            sys.stdout.flush()  # here, not at the interpreter's exit, which would drop an error writing it
    except OSError as error:
        from .fileio import NO_ROOM

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
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))
    stream = sys.stdout
    if isinstance(getattr(stream, "buffer", None), io.FileIO):
        sys.stdout = io.TextIOWrapper(
            io.BufferedWriter(stream.buffer), encoding=stream.encoding, errors=stream.errors, line_buffering=True
        )
