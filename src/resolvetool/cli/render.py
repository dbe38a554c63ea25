"""The publishing command: render one record as text, markdown, HTML or Akoma Ntoso, or the whole tree as a
static site (--site)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..rendering import FORMATS
from .options import Globals, JobsOption, project_settings
from .output import LazyProgress, emit, fail, say, shown

if TYPE_CHECKING:
    from ..config import Settings

    RenderFormat = str  # what a format is to the code below: the string rendering.FORMATS holds
else:
    # --format's choices, made from rendering.FORMATS (the one list of formats): typer reads choices from an enum
    RenderFormat = StrEnum("RenderFormat", {name: name for name in FORMATS})


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
            help="text (the body's house style), markdown, html (one self-contained page, any kind of record) "
            "or akn (Akoma Ntoso 3.0 XML).",
        ),
    ] = "text",
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
            help="With --format html: where the site's pages are (render --site), so that references become links "
            "to them; without it they are named, not linked.",
        ),
    ] = None,
    site: Annotated[
        Path | None,
        typer.Option(
            "--site",
            metavar="DIR",
            help="Write (or bring up to date) a static site of every record in DIR: indexes by body, session and "
            "year, a page per record, search in the browser.",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="With --site: write into a folder that holds files resolvetool did not write (same names are "
            "replaced, nothing else is touched).",
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
    from ..publish import render_record

    globals_: Globals = ctx.obj
    if (site is None) == (ref is None):
        raise fail(
            globals_,
            "give either a REF to render or --site DIR, not both"
            if ref
            else "give a REF to render (an id or symbol), or --site DIR to publish every record",
        )
    if site is not None and (output is not None or base_url is not None or clean or format != "text"):
        raise fail(
            globals_,
            "--site writes every record in its own formats; --format, --output, --clean and --base-url go with a REF",
        )
    if site is None and (force or jobs is not None):
        raise fail(globals_, "--force and --jobs go with --site")
    if base_url is not None and format != "html":
        raise fail(globals_, "--base-url goes with --format html")
    settings = project_settings(globals_)
    if site is not None:
        _publish_site(globals_, settings, site, force=force, jobs=jobs)
        return
    assert ref is not None  # one of REF and --site, checked above
    # RecordNotFound and RenderError (exit 1) are said by the one error handler.
    text = render_record(settings, ref, format=format, clean=clean, base_url=base_url)
    emit(globals_, text, output)


def _publish_site(globals_: Globals, settings: Settings, folder: Path, *, force: bool, jobs: int | None) -> None:
    from ..publish import build_site

    err = globals_.console()
    progress = LazyProgress(err, label="writing pages")
    try:
        report = build_site(settings, folder, jobs=jobs, progress=progress, force=force)
    except OSError as error:
        raise fail(globals_, f"cannot write the site in {folder}: {error.strerror or error}") from None
    finally:
        progress.stop()
    for path, why in report.skipped:
        say(err, f"{path}: not published: {why}")
    if globals_.verbosity >= 0:
        for path, what in report.notes:
            say(err, f"{path}: note: {what}", "dim")
        say(
            err,
            f"{shown(folder)}: {report.pages:,} pages; {report.written:,} files written, "
            f"{report.unchanged:,} unchanged, {report.removed:,} removed in {report.seconds:.1f} s; "
            f"open {shown(folder / 'index.html')}",
            "dim" if not report.skipped else None,
        )
    if report.skipped:
        raise typer.Exit(1)
