"""The commands that make records: new (one record, optionally edited until valid), init (a repository) and
import (records from printed text and PDFs)."""

from __future__ import annotations

import os
import sys
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..kinds import KINDS
from .options import Format, Globals, project_settings
from .output import fail, report_findings, say, shown

if TYPE_CHECKING:
    from ..config import Settings

# The kinds `new` makes: all of them (made from the table, which mypy cannot read members from).
Kind = Enum("Kind", {kind: kind for kind in KINDS}, type=str)  # type: ignore[misc]


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
    name: Annotated[str | None, typer.Option("--name", metavar="TEXT", help="The name (body, organization).")] = None,
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

      resolvetool new session --body interpol-general-assembly --number 82 --start 2013-10-21
    --end 2013-10-24 --city Cartagena --country Colombia

      resolvetool new organization --name "World Customs Organization" --acronym WCO --edit
    """
    # (The long example goes on at the margin: --help joins a paragraph's lines keeping all but the first's
    # indentation, so it prints as the one command it is.)
    from ..fileio import write_file
    from ..inert import undecodable_at
    from ..scaffold.new import Request, new_record

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
            raise fail(globals_, f"{option} is not UTF-8 text; type it again in a UTF-8 terminal")
    settings = project_settings(globals_)
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
    made = new_record(settings, request)  # NewError, WriteRefused: said by the one error handler
    target = settings.root / made.path
    write_file(settings.root, target, made.text)
    sys.stdout.write(shown(target) + "\n")  # relative to where the command was run, for the next command
    if globals_.verbosity >= 0:
        say(err, f"wrote {made.record.kind} {made.record.id}", "dim")
    if edit:
        raise typer.Exit(_edit_until_valid(globals_, settings, target))


def _edit_until_valid(globals_: Globals, settings: Settings, path: Path) -> int:
    """Open `path` in the user's editor; validate it (against the whole tree) each time the editor closes,
    and offer to edit again while it has problems."""
    import shlex
    import subprocess

    from ..validation import validate as run_validate

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    err = globals_.console()
    try:
        command = shlex.split(editor)
    except ValueError as error:
        raise fail(
            globals_, f"cannot read the editor command {editor!r} ({error}); fix $VISUAL or $EDITOR", 1
        ) from None
    while True:
        try:
            returned = subprocess.run([*command, str(path)]).returncode
        except OSError as error:
            raise fail(
                globals_, f"cannot start the editor {editor!r} ({error.strerror or error}); set $EDITOR", 1
            ) from None
        if returned != 0:
            err.print(f"the editor exited with {returned}; the file is kept as it is", style="yellow")
        if not path.is_file():
            raise fail(globals_, f"{shown(path)} is gone (removed in the editor); nothing to check", 1)
        result = run_validate(settings, [path])
        problems = [d for d in result.diagnostics if d.severity.value == "error"]
        report_findings(globals_, result, settings, Format.text, None)
        if not problems:
            return 0
        if not sys.stdin.isatty() or not typer.confirm("Edit it again?", default=True, err=True):
            return 1


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
    from ..scaffold.init import init_repository

    globals_: Globals = ctx.obj
    try:
        made = init_repository(folder, title=title, git=not no_git)
    except OSError as error:  # the folder itself cannot be made
        raise fail(globals_, f"cannot write in {folder}: {error.strerror or error}") from None
    err = globals_.console()
    for note in made.notes:
        say(err, f"note: {note}", "yellow")
    if globals_.verbosity >= 0:
        import shlex

        started = ", a git repository started" if made.git else ""
        where = shown(folder)
        # A command to type: quoted for the shell, and "./-x" so that cd does not take a name for an option.
        typed = shlex.quote(f"./{where}" if where.startswith("-") else where)
        say(
            err,
            f"{where}: {len(made.files)} files written{started}; next: cd {typed} && "
            f"resolvetool new organization --name ...",
            "dim",
        )


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
    from ..corpus import load_corpus
    from ..lint.engine import lint_checks
    from ..reporters import write_diagnostics
    from ..textimport.run import dry_run_text, run_import

    globals_: Globals = ctx.obj
    if files.count("-") > 1:
        raise fail(globals_, "standard input (-) can be read only once")
    settings = project_settings(globals_)
    # with lint's checks of one record, as validate loads it: the files' cached analyses are shared
    corpus = load_corpus(settings, base=settings.root, record_checks=lint_checks(settings))
    run = run_import(files, settings, corpus, body=body, session=session, dry_run=dry_run, force=force)
    if dry_run:
        sys.stdout.write(dry_run_text(run, settings))
    out = globals_.console(stderr=False)  # each file's findings and outcome, as validate's and lint's
    for outcome in run.outcomes:
        write_diagnostics(outcome.diagnostics, out, quiet=globals_.verbosity < 0)
        name = "<stdin>" if outcome.name == "-" else outcome.name
        if outcome.refused:  # an error of the run: to standard error
            said = "nothing was written" in outcome.refused  # most reasons of a refused write say so already
            say(globals_.console(), f"error: {outcome.refused}{'' if said else '; nothing was written'}", "diag.error")
        if outcome.written and globals_.verbosity >= 0:
            say(out, f"{name}: wrote {', '.join(outcome.written)}")
        elif outcome.failed:
            say(out, f"{name}: not imported", "summary.bad")
    raise typer.Exit(run.exit_code)
