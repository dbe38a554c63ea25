"""A static site of the whole tree, rebuilt incrementally.

Each page has a fingerprint of what it shows (plan.py). Only pages whose fingerprint differs from the one the
site's manifest (`.resolvetool-site.json`) recorded, or whose file is gone, are rendered again, and only
their records' files are read. Pages the manifest lists and the records no longer give are removed;
nothing else in the folder is ever touched, and a folder holding files resolvetool did not write is
refused unless asked for.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import ResolvetoolError
from ..rendering.html import TemplateProblem, environment
from .pages import OutsideSite, refuse_way_out, render_records, write
from .plan import FORMAT, Plan

MANIFEST = ".resolvetool-site.json"

Progress = Callable[[int, int], None]


class SiteError(ResolvetoolError):
    """The site cannot be written where asked; the message says what to do."""


@dataclass
class SiteReport:
    folder: Path
    pages: int = 0  # pages the site has
    written: int = 0  # pages (and other files) written this time
    unchanged: int = 0
    removed: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, why) records not published
    notes: list[tuple[str, str]] = field(default_factory=list)  # (file, what) published, but not quite as asked
    seconds: float = 0.0


def build_site(
    settings: Any, out: Path, *, jobs: int | None = None, progress: Progress | None = None, force: bool = False
) -> SiteReport:
    """Write (or bring up to date) the site of `settings`' records in `out`; a build of the same folder running
    meanwhile is waited for."""
    started = time.perf_counter()
    out = Path(out)
    _check_folder(out, settings, force)
    with _one_build_at_a_time(out):
        report = _build(settings, out, jobs, progress, force)
    report.seconds = time.perf_counter() - started
    return report


@contextmanager
def _one_build_at_a_time(out: Path) -> Iterator[None]:
    """Builds of one site folder wait for one another (a lock on the folder itself: nothing is written for it).
    A build removes the temporary files a killed one left beside its pages, and two builds at once removed each
    other's."""
    try:
        import fcntl
    except ImportError:  # Windows: no locks; one build at a time is then the user's to keep
        yield
        return
    made = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    folder = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        yield
    except BaseException:
        if made:  # a build that stopped before writing anything leaves no empty folder behind
            with suppress(OSError):
                out.rmdir()
        raise
    finally:
        os.close(folder)  # which lets the lock go


def _build(settings: Any, out: Path, jobs: int | None, progress: Progress | None, force: bool) -> SiteReport:
    from ..index import open_index

    environment.cache_clear()  # templates as they are now (a long-lived process may have read older ones)
    index = open_index(settings, jobs=jobs)
    try:
        plan = Plan(index, settings)
        report = SiteReport(out, skipped=plan.skipped, notes=plan.notes())
        old = _read_manifest(out)
        pages = plan.pages()
        # The pages to write and those the manifest says to remove: none of their folders may lead elsewhere.
        for folder in sorted({out / PurePosixPath(path).parent for path in set(pages) | set(old)}):
            refuse_way_out(out, folder)
        report.pages = sum(1 for path in pages if path.endswith(".html"))
        present = _files(out)
        _remove_leftovers(out, present, set(pages) | set(old))
        stale = {path for path, fingerprint in pages.items() if old.get(path) != fingerprint[0] or path not in present}
        # A new page must not replace a file of the same name that resolvetool did not write.
        foreign = sorted(path for path in stale if path not in old and path in present)
        if foreign and old and not force:
            raise SiteError(
                f"{out / foreign[0]} is in the way of a page and resolvetool did not write it"
                f"{f' (nor {len(foreign) - 1} more)' if len(foreign) > 1 else ''}; move it, or pass "
                f"--force to replace it"
            )
        report.unchanged = len(pages) - len(stale)
        if stale:
            # Until the build is through, the manifest names every page it may write, unfinished: a build
            # that stops part-way leaves a folder the next one recognises, finishes and cleans up.
            _write_manifest(out, {**old, **{path: "" for path in stale}})
        record_pages = [item for item in plan.published if item.page in stale]
        failed = render_records(plan, record_pages, out, jobs or settings.jobs, progress)
        for path in sorted(stale - {item.page for item in record_pages}):
            write(out, path, pages[path][1]())
        report.written = len(stale) - len(failed)
        for path in sorted(set(old) - set(pages) | failed):
            target = out / path
            if target.is_file():
                target.unlink()
                report.removed += path not in failed
                _prune_folders(target.parent, out)
        final = {path: fingerprint for path, (fingerprint, _) in pages.items() if path not in failed}
        if stale or report.removed or old != final:
            _write_manifest(out, final)
    except (TemplateProblem, OutsideSite) as error:  # a template or stylesheet, anywhere in the build
        raise SiteError(str(error)) from None
    finally:
        index.close()
    return report


def _check_folder(out: Path, settings: Any, force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise SiteError(f"{out} is a file, not a folder; name a folder for the site")
    resolved = out.resolve()
    records = Path(settings.records).resolve()
    if resolved == records or records.is_relative_to(resolved) or resolved.is_relative_to(records):
        raise SiteError(
            f"{out} holds (or is inside) the records folder {settings.records}; "
            f"name a folder of its own for the site, such as {settings.root / 'site'}"
        )
    if out.is_dir() and not (out / MANIFEST).is_file() and any(out.iterdir()) and not force:
        raise SiteError(
            f"{out} holds files resolvetool did not write; name an empty or new folder, or pass "
            f"--force to write the site into it (files of the same names are replaced, "
            f"nothing else is touched)"
        )


def _read_manifest(out: Path) -> dict[str, str]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    pages = data.get("pages") if isinstance(data, dict) and data.get("format") == FORMAT else None
    return (
        {path: fp for path, fp in pages.items() if isinstance(fp, str) and _inside(path)}
        if isinstance(pages, dict)
        else {}
    )


def _files(out: Path) -> set[str]:
    """Every file in the site folder, as a path relative to it (one listing per folder, no stat per file)."""
    found: set[str] = set()
    for folder, _, names in os.walk(out):
        relative = os.path.relpath(folder, out).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        found.update(prefix + name for name in names)
    return found


# The temporary file fileio.atomic_write writes beside a page before renaming it: ".<name>.<8 random>.tmp".
_TEMPORARY = re.compile(r"(?P<folder>(?:.*/)?)\.(?P<name>[^/]+)\.[a-z0-9_]{8}\.tmp")


def _remove_leftovers(out: Path, present: set[str], ours: set[str]) -> None:
    """Temporary files a killed build left beside pages of the site (only beside its own pages)."""
    for path in sorted(present):
        match = _TEMPORARY.fullmatch(path)
        if match and match["folder"] + match["name"] in ours:
            (out / path).unlink(missing_ok=True)
            present.discard(path)


def _write_manifest(out: Path, pages: dict[str, str]) -> None:
    write(out, MANIFEST, json.dumps({"format": FORMAT, "pages": dict(sorted(pages.items()))}, indent=0) + "\n")


def _prune_folders(folder: Path, out: Path) -> None:
    """Remove `folder` and the folders above it, up to the site's, while they are empty."""
    while folder != out and folder.is_relative_to(out):
        try:
            folder.rmdir()
        except OSError:  # not empty, or not ours to remove
            return
        folder = folder.parent


def _inside(path: str) -> bool:
    """A manifest path that stays inside the site (a damaged or hostile manifest cannot name /etc/passwd)."""
    parts = path.split("/")
    return bool(path) and not path.startswith("/") and ".." not in parts and "\\" not in path
