"""Render records for people: plain text in the body's house style, and markdown.

from resolvetool.rendering import render
print(render(resolution, resolve=corpus.record))
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..errors import ResolvetoolError

if TYPE_CHECKING:
    from .styles import Context

# The package itself is light (the command line reads FORMATS for --format on every run): the house styles and
# the renderers are imported when a record is rendered.

# The formats a record is rendered in: the one list (publish's render_record and the command line's --format
# take theirs from it). `render` prints text, markdown and Akoma Ntoso; html is a web page of the record and its
# neighbours (page.py, html.py), which publish makes, as it knows them.
FORMATS = ("text", "markdown", "html", "akn")


class RenderError(ResolvetoolError):
    """A record cannot be rendered: what is missing, and what to do."""

    exit_code = 1  # like a record not found: the command's answer is no, not a usage error


def context_for(resolution: Any, resolve: Callable[[str], Any] | None) -> Context:
    """The body and session `resolution` names, looked up with `resolve` (id -> record or None)."""
    from ..textforms import with_article
    from .styles import Context

    body = resolve(resolution.body) if resolve else None
    if getattr(body, "kind", None) != "body":
        what = "not a valid record here" if body is None else f"{with_article(body.kind)}, not a body"
        raise RenderError(
            f"resolution {resolution.id} names body {resolution.body!r}, which is {what}; "
            f"run 'resolvetool validate' to see why"
        )
    session = resolve(resolution.session) if resolve and resolution.session else None
    if session is not None and session.kind != "session":
        raise RenderError(
            f"resolution {resolution.id} names session {resolution.session!r}, which is "
            f"{with_article(session.kind)}, not a session; run 'resolvetool validate' to see why"
        )
    adopted = resolve(resolution.adopts) if resolve and resolution.adopts else None
    if adopted is not None and adopted.kind != "instrument":
        raise RenderError(
            f"resolution {resolution.id} adopts {resolution.adopts!r}, which is "
            f"{with_article(adopted.kind)}, not an instrument; run 'resolvetool validate' to see why"
        )
    return Context(body=body, session=session, adopted=adopted)


def render(
    record: Any,
    *,
    format: str = "text",
    resolve: Callable[[str], Any] | None = None,
    clean: bool = False,
    akn: Any = None,
) -> str:
    """`record` printed in `format`; `clean` leaves out what the source printed amid the text (running
    headers, page furniture) instead of putting it back where it stood."""
    from ..textforms import with_article
    from .styles import UnknownStyle

    if getattr(record, "kind", None) != "resolution":
        raise RenderError(
            f"{getattr(record, 'id', record)} is {with_article(getattr(record, 'kind', 'value'))}; "
            f"render prints resolutions"
        )
    if format not in FORMATS:
        raise RenderError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    if format == "html":
        raise RenderError(
            "html is a web page of a record and its neighbours: resolvetool.publish.render_record makes it"
        )
    try:
        context = context_for(record, resolve)
        if format == "akn":
            from .akn import AknError, render_akn

            try:
                return render_akn(record, context, resolve=resolve or (lambda _: None), settings=akn)
            except AknError as error:
                raise RenderError(str(error)) from None
        if format == "markdown":
            from .markdown import render_markdown

            return render_markdown(record, context)
        from .text import render_text

        return render_text(record, context, clean=clean)
    except UnknownStyle as error:
        raise RenderError(str(error)) from None


def __getattr__(name: str) -> Any:
    if name == "STYLES":  # the house styles' names, offered here as before the package was made light
        from .styles import STYLES

        return STYLES
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["FORMATS", "STYLES", "RenderError", "render"]
