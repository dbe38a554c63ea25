"""Record pages: each record's file read, validated and rendered through the templates, in worker processes
when there are many (forked: they inherit the plan instead of receiving it)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ResolvetoolError
from ..fileio import atomic_write
from ..rendering.html import TemplateProblem

if TYPE_CHECKING:
    from .plan import Plan, Published

_PARALLEL_FROM = 200  # pages to render before worker processes pay for themselves
_CHUNK = 100
Progress = Callable[[int, int], None]


class OutsideSite(ResolvetoolError):
    """A page's way leads out of the site folder (a link to a folder elsewhere)."""


def write(out: Path, relative: str, text: str) -> None:
    """Write one file of the site atomically. A link in its place is replaced, not followed, and a folder on
    the way that leads outside the site is refused: building a site never writes anywhere else."""
    path = out / relative
    refuse_way_out(out, path.parent)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_symlink():
        path.unlink()
    atomic_write(path, text)


def refuse_way_out(out: Path, folder: Path) -> None:
    """OutsideSite when a folder on the way from the site folder `out` to `folder` (inside it) is a link leading
    out of the site: nothing is written, removed or made through it (a site folder can come from a pull request)."""
    base = out.resolve()
    step = out
    for part in folder.relative_to(out).parts:
        step = step / part
        if step.is_symlink() and not step.resolve().is_relative_to(base):
            raise OutsideSite(f"{step} leads outside the site folder (a link to {step.resolve()}); remove the link")


_STATE: dict[str, Any] = {}


def render_records(
    plan: Plan, items: list[Published], out: Path, jobs: int | None, progress: Progress | None
) -> set[str]:
    """Render the record pages of `items`; the pages that could not be (their records are named in
    plan.skipped)."""
    from ..parallel import default_jobs, pool_map

    failed: set[str] = set()
    if not items:
        return failed
    _STATE.update(plan=plan, out=out)
    chunks = [items[start : start + _CHUNK] for start in range(0, len(items), _CHUNK)]
    done = 0
    jobs = jobs or default_jobs()
    try:
        if len(items) < _PARALLEL_FROM or jobs == 1 or not hasattr(os, "fork"):
            results: Iterable = ((chunk, _render_chunk(chunk)) for chunk in chunks)
        else:
            results = pool_map(_render_chunk, chunks, jobs=jobs)
        for chunk, problems in results:
            done += len(chunk)
            by_path = {item.path: item.page for item in chunk}
            for path, why in problems:
                plan.skipped.append((path, why))
                failed.add(by_path[path])
            if progress is not None:
                progress(done, len(items))
    finally:
        _STATE.clear()
    return failed


def _render_chunk(chunk: list[Published]) -> list[tuple[str, str]]:
    """Render and write the pages of `chunk`; (file, problem) for records that could not be published."""
    plan: Plan = _STATE["plan"]
    out: Path = _STATE["out"]
    problems = []
    for item in chunk:
        try:
            text = _record_html(plan, item)
        except _Unpublishable as error:
            problems.append((item.path, str(error)))
            continue
        except TemplateProblem:
            raise  # every page would fail alike: the build stops and says which template
        except Exception as error:  # a bug in resolvetool: the rest of the site is still published
            problems.append(
                (
                    item.path,
                    f"could not be rendered ({type(error).__name__}: {error}); this is a bug "
                    f"in resolvetool: please report it with the record",
                )
            )
            continue
        write(out, item.page, text)
    return problems


class _Unpublishable(Exception):
    pass


_records: dict[str, Any] = {}


def _load(plan: Plan, record_id: str) -> Any:
    """The full record of an id, read from its file once per process."""
    from pydantic import ValidationError

    from ..models import RECORD_ADAPTER
    from ..source import parse_source, read_source

    item = plan.by_id.get(record_id)
    if item is None:
        return None
    cached = _records.get(record_id)
    if cached is not None and cached[0] == item.digest:
        return cached[1]
    settings = plan.settings
    raw = read_source(
        Path(settings.root) / item.path, item.path, max_size=settings.max_file_size, within=str(settings.root)
    )
    if not isinstance(raw, bytes):
        return None
    try:
        record = RECORD_ADAPTER.validate_python(parse_source(raw, item.path).data)
    except ValidationError:
        return None
    _records[record_id] = (item.digest, record)
    return record


def _record_html(plan: Plan, item: Published) -> str:
    from ..rendering.html import render_page
    from ..rendering.page import Links, record_page

    record = _load(plan, item.id)
    if record is None:
        raise _Unpublishable("changed while the site was built, or no longer valid; run 'resolvetool validate'")
    page = record_page(
        record,
        neighbours=plan.neighbours,
        links=Links(".."),
        resolve=lambda record_id: _load(plan, record_id),
        any_style=True,
    )
    if record.kind == "resolution" and not page["blocks"]:
        raise _Unpublishable(f"names body {record.body!r}, which is not a valid body; run 'resolvetool validate'")
    house = page["house"]
    return render_page(
        "record.html.j2",
        {
            **page,
            "root": "../",
            "site": {"title": plan.site_title},
            "site_title": plan.site_title,
            "inline_css": None,
            "house_stylesheet": plan.stylesheets.get(house),
        },
        house=house,
        overrides=plan.overrides,
    )
