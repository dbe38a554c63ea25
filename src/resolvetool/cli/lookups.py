"""The lookup commands: show, query and search, answered from the index (brought up to date first)."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .options import Globals, project_settings
from .output import LazyProgress, fail, say, shown

if TYPE_CHECKING:
    from ..config import Settings
    from ..index import Index
    from ..query import Result


class ShowFormat(StrEnum):
    text = "text"
    yaml = "yaml"
    json = "json"


class ListFormat(StrEnum):
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
        help="Sort by these fields, comma-separated; -FIELD for descending "
        "(default: date, then id; with --text and in searches, by relevance).",
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


def _open_index(globals_: Globals) -> tuple[Settings, Index]:
    """The project's settings and its up-to-date index; building it on first use shows progress."""
    from ..index import UNINDEXED, open_index
    from ..inert import printable_path

    err = globals_.console()
    settings = project_settings(globals_)
    progress = LazyProgress(err, label="indexing")
    try:
        index = open_index(settings, progress=progress)
    finally:
        progress.stop()
    refreshed = index.refreshed
    for path in refreshed.unindexed:
        say(err, f"warning: {printable_path(path)}: not read: {UNINDEXED}")
    if globals_.verbosity >= 0:
        if not settings.records.is_dir():
            say(err, f"note: there is no records folder at {shown(settings.records)}", "dim")
        for folder, reason in refreshed.unreadable:
            say(
                err,
                f"note: cannot list {printable_path(folder) or settings.records}: {reason}; its records are "
                "as last seen",
                "dim",
            )
        if index.note:
            say(err, f"note: {index.note}", "dim")
    if globals_.verbosity > 0:
        err.print(
            f"index: {refreshed.indexed} files read, {refreshed.removed} removed; "
            f"{refreshed.seconds * 1000:.0f} ms to bring it up to date",
            style="dim",
        )
    return settings, index


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
    from ..show.view import build_view, view_data

    globals_: Globals = ctx.obj
    settings, index = _open_index(globals_)
    view = build_view(index, ref, per_field=None if format is not ShowFormat.text else 20)
    if format is ShowFormat.text:
        from ..inert import inert
        from ..show.text import render_view

        out = globals_.console(stderr=False)
        out.print(render_view(view, inert(shown(settings.root / view.row.path), one_line=True), out), soft_wrap=True)
    elif format is ShowFormat.json:
        import json

        from ..inert import inert_json

        sys.stdout.write(inert_json(json.dumps(view_data(view), ensure_ascii=False, indent=2)) + "\n")
    else:
        import yaml

        sys.stdout.write(yaml.safe_dump(view_data(view), allow_unicode=True, sort_keys=False, width=100))


def query(
    ctx: typer.Context,
    filters: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="FILTER...",
            help="FIELD OP VALUE, all of which must hold: kind=resolution session=interpol-ga-81 'adopted>=2012' "
            "phrase=APPROVES refs~ag-2012-rap-18 (quote a filter holding < or > for the shell).",
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
    from ..query import build_query, run
    from ..query.output import field_list

    globals_: Globals = ctx.obj
    _, index = _open_index(globals_)
    if list_fields:
        sys.stdout.write(field_list(index.catalogue))
        return
    request = build_query(  # a FilterError is shown underlined by the one error handler
        index.catalogue,
        filters or [],
        text=text,
        sort=sort,
        limit=_limit(limit, format),
        columns="id" if format is ListFormat.ids else fields,
        stems=index.prefix_stems,
    )
    _list_results(globals_, index, run(index, request), format)


def search(
    ctx: typer.Context,
    words: Annotated[
        list[str],
        typer.Argument(
            metavar="WORDS...",
            help='Words that must all appear (in any form: threat finds threats); "a phrase"; word* for a prefix; '
            "NOT word to leave out; a OR b. FIELD OP VALUE arguments filter as in 'resolvetool query'.",
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
    from ..query import build_query, looks_like_filter, run

    globals_: Globals = ctx.obj
    for word in words:
        if word.startswith("--"):
            raise fail(globals_, f"no such option: {word} (see 'resolvetool search --help')")
    _, index = _open_index(globals_)
    catalogue = index.catalogue
    request = build_query(  # a FilterError is shown underlined by the one error handler
        catalogue,
        [word for word in words if looks_like_filter(word, catalogue)],
        words=[word for word in words if not looks_like_filter(word, catalogue)],
        sort=sort,
        limit=_limit(limit, format),
        columns="id" if format is ListFormat.ids else fields,
        stems=index.prefix_stems,
    )
    _list_results(globals_, index, run(index, request), format)


def _limit(limit: int | None, format: ListFormat) -> int | None:
    if limit is None:
        return _PEOPLE_LIMIT if format in (ListFormat.table, ListFormat.text) else None
    return limit if 0 < limit < 2**62 else None  # 0, or more than there could be: all


def _list_results(globals_: Globals, index: Any, result: Result, format: ListFormat) -> None:
    from ..query.output import ranked, table, write_data

    if format in (ListFormat.table, ListFormat.text):
        out = globals_.console(stderr=False)
        if result.hits:
            view = ranked if format is ListFormat.text and result.hits[0].title is not None else table
            out.print(view(result, out), soft_wrap=True)
        if globals_.verbosity >= 0:
            count = len(result.hits)
            more = f" (the first {count}; --limit 0 for all)" if count < result.total else ""
            globals_.console().print(f"{result.total} record{'s' if result.total != 1 else ''}{more}", style="dim")
    else:
        sys.stdout.write(write_data(result, index.catalogue, format.value))
    raise typer.Exit(0 if result.total else 1)
