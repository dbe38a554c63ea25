"""Publishing: one record in any format (`render_record`), or the whole tree as a static site (`build_site`).

from resolvetool.publish import render_record, build_site
html = render_record(settings, "interpol-ga-81-impact-cooperation", format="html")
report = build_site(settings, Path("site"))
"""

from __future__ import annotations

from typing import Any

from ..errors import RecordNotFound
from ..rendering import FORMATS, RenderError
from .site import SiteError, SiteReport, build_site


def render_record(
    settings: Any, ref: str, *, format: str = "text", clean: bool = False, base_url: str | None = None
) -> str:
    """The record `ref` (id or symbol, any case) of the project in `format`; html takes any kind of record,
    the others print resolutions. Raises RecordNotFound and RenderError."""
    from ..index import open_index
    from ..rendering import render

    if format not in FORMATS:
        raise RenderError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    index = open_index(settings)
    try:
        rows = index.find(ref)
        if not rows:
            raise RecordNotFound(ref, index.suggest(ref), settings.records)
        record = index.record(rows[0].id)
        if record is None:
            raise RenderError(f"{rows[0].path} is not a valid record; run 'resolvetool validate {rows[0].path}'")
        if format != "html":
            return render(record, format=format, resolve=index.record, clean=clean, akn=settings.render.akn)
        from ..rendering.html import TemplateProblem, environment, standalone_page, template_failure
        from ..rendering.page import Links, record_page
        from ..rendering.styles import UnknownStyle
        from .neighbours import IndexNeighbours

        try:
            page = record_page(record, neighbours=IndexNeighbours(index), links=Links(base_url), resolve=index.record)
        except UnknownStyle as error:
            raise RenderError(str(error)) from None
        if record.kind == "resolution" and not page["blocks"]:
            raise RenderError(
                f"resolution {record.id} names body {record.body!r}, which is not a valid record "
                f"here; run 'resolvetool validate' to see why"
            )
        environment.cache_clear()  # templates as they are now
        try:
            return standalone_page(page, site_title=settings.render.site_title, overrides=settings.render.templates)
        except TemplateProblem as error:
            raise RenderError(str(error)) from None
        except Exception as error:  # raised by a template's own code (a project's template dividing by zero)
            raise RenderError(template_failure(error, settings.render.templates)) from None
    finally:
        index.close()


__all__ = ["FORMATS", "RecordNotFound", "RenderError", "SiteError", "SiteReport", "build_site", "render_record"]
