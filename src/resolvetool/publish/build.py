"""A static site of the whole tree, rebuilt incrementally.

Every page is described first by what it shows, cheaply, from the index (its record's content hash, the
lines it shows of the records it names and of those pointing at it, the templates' and code's stamp);
a digest of that description is its fingerprint. Only pages whose fingerprint differs from the one the
site's manifest (`.resolvetool-site.json`) recorded, or whose file is gone, are rendered again, and only
their records' files are read. Pages the manifest lists and the records no longer give are removed;
nothing else in the folder is ever touched, and a folder holding files resolvetool did not write is
refused unless asked for.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import math
import os
import re
import time
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..fileio import atomic_write
from ..rendering.page import KIND_FOLDERS, Neighbour
from .directory import TreeDirectory, newest_first

MANIFEST = ".resolvetool-site.json"
FORMAT = 1  # of the manifest and the pages' layout
SHARD_SIZE = 1000  # records per search-index file: a change rewrites one file, not the whole index
_PARALLEL_FROM = 200  # pages to render before worker processes pay for themselves
_CHUNK = 100
_WORD = re.compile(r"[^\W_]+")

Progress = Callable[[int, int], None]


class SiteError(Exception):
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


@dataclass(frozen=True)
class _Published:
    """A record that gets a page."""

    rec: int
    id: str
    kind: str
    path: str  # the record's file, relative to the project
    digest: str  # its content hash
    page: str  # the page's path in the site


def build_site(settings: Any, out: Path, *, jobs: int | None = None, progress: Progress | None = None,
               force: bool = False) -> SiteReport:
    """Write (or bring up to date) the site of `settings`' records in `out`."""
    from ..index import open_index

    started = time.perf_counter()
    out = Path(out)
    _check_folder(out, settings, force)
    index = open_index(settings, jobs=jobs)
    try:
        plan = _Plan(index, settings)
        report = SiteReport(out, skipped=plan.skipped, notes=plan.notes())
        old = _read_manifest(out)
        pages = plan.pages()
        report.pages = sum(1 for path in pages if path.endswith(".html"))
        present = _files(out)
        stale = {path for path, fingerprint in pages.items() if old.get(path) != fingerprint[0] or path not in present}
        # A new page must not replace a file of the same name that resolvetool did not write.
        foreign = sorted(path for path in stale if path not in old and path in present)
        if foreign and old and not force:
            raise SiteError(f"{out / foreign[0]} is in the way of a page and resolvetool did not write it"
                            f"{f' (nor {len(foreign) - 1} more)' if len(foreign) > 1 else ''}; move it, or pass "
                            f"--force to replace it")
        report.unchanged = len(pages) - len(stale)
        if stale:
            # Until the build is through, the manifest names every page it may write, unfinished: a build
            # that stops part-way leaves a folder the next one recognises, finishes and cleans up.
            _write_manifest(out, {**old, **{path: "" for path in stale}})
        record_pages = [item for item in plan.published if item.page in stale]
        failed = _render_records(plan, record_pages, out, jobs or settings.jobs, progress)
        for path in sorted(stale - {item.page for item in record_pages}):
            _write(out / path, pages[path][1]())
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
    finally:
        index.close()
    report.seconds = time.perf_counter() - started
    return report


def _check_folder(out: Path, settings: Any, force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise SiteError(f"{out} is a file, not a folder; name a folder for the site")
    resolved = out.resolve()
    records = Path(settings.records).resolve()
    if resolved == records or records.is_relative_to(resolved) or resolved.is_relative_to(records):
        raise SiteError(f"{out} holds (or is inside) the records folder {settings.records}; "
                        f"name a folder of its own for the site, such as {settings.root / 'site'}")
    if out.is_dir() and not (out / MANIFEST).is_file() and any(out.iterdir()) and not force:
        raise SiteError(f"{out} holds files resolvetool did not write; name an empty or new folder, or pass "
                        f"--force to write the site into it (files of the same names are replaced, "
                        f"nothing else is touched)")


def _read_manifest(out: Path) -> dict[str, str]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    pages = data.get("pages") if isinstance(data, dict) and data.get("format") == FORMAT else None
    return {path: fp for path, fp in pages.items() if isinstance(fp, str) and _inside(path)} \
        if isinstance(pages, dict) else {}


def _files(out: Path) -> set[str]:
    """Every file in the site folder, as a path relative to it (one listing per folder, no stat per file)."""
    found: set[str] = set()
    for folder, _, names in os.walk(out):
        relative = os.path.relpath(folder, out).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        found.update(prefix + name for name in names)
    return found


def _write_manifest(out: Path, pages: dict[str, str]) -> None:
    _write(out / MANIFEST, json.dumps({"format": FORMAT, "pages": dict(sorted(pages.items()))}, indent=0) + "\n")


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


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, text)


def _digest(*values: Any) -> str:
    """A fingerprint of plain values (str, int, None, tuples and lists of them): marshal serialises them
    exactly and several times faster than repr."""
    return hashlib.blake2b(marshal.dumps(values, 4), digest_size=16).hexdigest()


class _Plan:
    """Everything a build needs from the index: the published records, their neighbours, the pages."""

    def __init__(self, index: Any, settings: Any) -> None:
        from ..index.store import code_stamp
        from ..rendering.html import templates_stamp

        self.index = index
        self.settings = settings
        self.overrides = settings.render.templates
        self.site_title = settings.render.site_title
        self.stamp = _digest(FORMAT, code_stamp(), templates_stamp(self.overrides), self.site_title)
        db = index.db
        rows = db.execute("SELECT r.rec, r.id, r.kind, r.symbol, r.title, r.status, r.date, r.path, r.valid, "
                          "r.problem, f.hash, r.parts FROM records r JOIN files f ON f.rec = r.rec "
                          "ORDER BY r.path").fetchall()
        self.skipped: list[tuple[str, str]] = []
        self.published: list[_Published] = []
        by_rec: dict[int, _Published] = {}
        taken: dict[str, str] = {}
        duplicated: set[str] = set()
        for rec, record_id, kind, symbol, title, status, date, path, valid, problem, digest, _ in rows:
            if not valid:
                self.skipped.append((path, f"not a valid record ({problem}); run 'resolvetool validate {path}'"))
            elif kind not in KIND_FOLDERS:
                self.skipped.append((path, f"kind {kind!r} has no pages"))
            elif record_id in taken:
                self.skipped.append((path, f"id {record_id!r} is also taken by {taken[record_id]}; "
                                           f"run 'resolvetool validate'"))
                duplicated.add(record_id)
            else:
                taken[record_id] = path
                item = _Published(rec, record_id, kind, path, (digest or b"").hex(),
                                  f"{KIND_FOLDERS[kind]}/{record_id}.html")
                self.published.append(item)
                by_rec[rec] = item
        # An id two files take is ambiguous: neither is published (nor silently replaces the other's page).
        for item in [item for item in self.published if item.id in duplicated]:
            self.skipped.append((item.path, f"id {item.id!r} is also taken by another file; run 'resolvetool "
                                             f"validate'"))
            self.published.remove(item)
            del by_rec[item.rec]
        self.by_id = {item.id: item for item in self.published}
        info = {rec: (record_id, kind, symbol, title, status, date)
                for rec, record_id, kind, symbol, title, status, date, *_ in rows if rec in by_rec}
        refs = db.execute("SELECT rec, field, ref FROM refs").fetchall()
        self.refs_of: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for rec, field_name, ref in refs:
            if rec in by_rec:
                self.refs_of[rec].append((field_name, ref))
        # A resolution is dated by its adoption or, failing that, by the first day of its session.
        self.session_of: dict[str, str] = {}
        self.body_of: dict[str, str] = {}
        for rec, (record_id, kind, *_rest) in info.items():
            for field_name, ref in self.refs_of.get(rec, ()):
                if field_name == "session":
                    self.session_of[record_id] = ref
                elif field_name == "body":
                    self.body_of[record_id] = ref
        dates = {record_id: date for record_id, _, _, _, _, date in info.values()}
        self.rows: dict[str, Neighbour] = {}
        for record_id, kind, symbol, title, status, date in info.values():
            when = date
            if kind == "resolution" and date is None:
                when = dates.get(self.session_of.get(record_id, ""))
            self.rows[record_id] = Neighbour(record_id, kind, title, symbol, status, date, when)
        parts = {by_rec[rec].id: frozenset((names or "").split()) for rec, *_, names in rows if rec in by_rec}
        self.directory = TreeDirectory(self.rows, ((by_rec[rec].id, field_name, ref)
                                                   for rec, field_name, ref in refs if rec in by_rec), parts)

    # --- what each page shows, as a fingerprint and a way to make it ---

    def pages(self) -> dict[str, tuple[str, Callable[[], str]]]:
        """page path -> (fingerprint, function giving its text); record pages are made apart (in workers)."""
        pages: dict[str, tuple[str, Callable[[], str]]] = {}
        for item in self.published:
            pages[item.page] = (self.record_fingerprint(item), _never)
        pages.update(self.search_files())
        for path, (inputs, make) in self.listings().items():
            pages[path] = (_digest(self.stamp, inputs), make)
        for name in ("site.css", "search.js"):
            pages[f"assets/{name}"] = (self.stamp, lambda name=name: self.asset(name))
        for house in self.houses():
            pages[f"assets/house-{house}.css"] = (self.stamp, lambda house=house: self.house_css(house))
        return pages

    def record_fingerprint(self, item: _Published) -> str:
        refs = {ref for _, ref in self.refs_of.get(item.rec, ())}
        targets = sorted({ref.split("#", 1)[0] for ref in refs})
        about = [tuple(self.rows[target]) if target in self.rows else target for target in targets]
        about += sorted((ref, self.directory.has_part(*ref.split("#", 1))) for ref in refs if "#" in ref)
        groups = [(group.relation, group.kind, [tuple(row) for row in group.records], group.total)
                  for group in self.directory.pointing(item.id)]
        context = []
        if item.kind == "resolution":  # its house style prints from its body and session
            context = [self.by_id[target].digest for target in (self.body_of.get(item.id), self.session_of.get(item.id))
                       if target in self.by_id]
        return _digest(self.stamp, item.digest, about, groups, context)

    def notes(self) -> list[tuple[str, str]]:
        """Bodies asking for a house style resolvetool does not have: their resolutions print in the standard
        style (one note a body, not one a resolution)."""
        from ..rendering.styles import STYLES

        notes = []
        for item in self.published:
            style = self.body_style(item.id) if item.kind == "body" else None
            if style is not None and style not in STYLES:
                notes.append((item.path, f"house style {style!r} is not one resolvetool has "
                                         f"({', '.join(sorted(STYLES))}); its resolutions are published in the "
                                         f"standard style"))
        return notes

    def houses(self) -> list[str]:
        from ..rendering.html import house_css

        styles = set()
        for item in self.published:
            if item.kind == "body":
                style = self.body_style(item.id)
                if style and house_css(style, self.overrides):
                    styles.add(style)
        return sorted(styles)

    def body_style(self, body_id: str) -> str | None:
        row = self.index.db.execute("SELECT value FROM fields WHERE rec = ? AND name = 'house_style'",
                                    (self.by_id[body_id].rec,)).fetchone()
        return row[0] if row else "standard"

    def asset(self, name: str) -> str:
        from ..rendering.html import asset

        return asset(name, self.overrides)

    def house_css(self, house: str) -> str:
        from ..rendering.html import house_css

        return house_css(house, self.overrides)

    def listings(self) -> dict[str, tuple[Any, Callable[[], str]]]:
        """The index pages: home, years, sessions, and one list per kind; each (inputs, make)."""
        from ..rendering.html import plural, plural_word
        by_kind: dict[str, list[Neighbour]] = defaultdict(list)
        for row in self.rows.values():
            by_kind[row.kind or ""].append(row)
        resolutions = by_kind.get("resolution", [])
        per_session = Counter(self.session_of.get(row.id) for row in resolutions)
        per_year: dict[str, list[Neighbour]] = defaultdict(list)
        for row in resolutions:
            per_year[row.when[:4] if row.when else "undated"].append(row)
        years = sorted(((year, len(rows)) for year, rows in per_year.items() if year != "undated"), reverse=True)
        if "undated" in per_year:  # the newest years first, then the resolutions no date is known for
            years.append(("undated", len(per_year["undated"])))
        sessions_of_body: dict[str, list[Neighbour]] = defaultdict(list)
        for row in by_kind.get("session", []):
            sessions_of_body[self.body_of.get(row.id, "")].append(row)
        bodies = [{"row": body, "sessions": [{"row": session, "count": per_session.get(session.id, 0)}
                                             for session in newest_first(sessions_of_body.get(body.id, []))]}
                  for body in sorted(by_kind.get("body", []), key=lambda row: (row.title or row.id).casefold())]
        counts = [(kind, len(by_kind[kind])) for kind in KIND_FOLDERS if by_kind.get(kind)]
        recent = newest_first(resolutions)[:20]
        listings: dict[str, tuple[Any, Callable[[], str]]] = {
            "index.html": ((bodies_key(bodies), years, counts, [tuple(r) for r in recent]),
                           lambda: self.page("index.html.j2", "", bodies=bodies, years=years, counts=counts,
                                             recent=recent)),
            "search.html": (self.shards_version, lambda: self.page("search.html.j2", "", shards_version=self.shards_version,
                                                  script_version=self.stamp[:12])),
            "resolutions/index.html": (years, lambda: self.page(
                "list.html.j2", "../", heading="Resolutions by year", intro=plural(len(resolutions), "resolution"),
                links=[(f"years/{year}.html", "Undated" if year == "undated" else year, count)
                       for year, count in years], groups=[])),
        }
        for year, rows in per_year.items():
            groups = self.year_groups(rows)
            listings[f"years/{year}.html"] = (
                [(heading, [tuple(row) for row in group]) for heading, group in groups],
                lambda year=year, groups=groups: self.page(
                    "list.html.j2", "../", heading=f"Resolutions of {year}" if year != "undated"
                    else "Resolutions without a date", intro=None, links=[],
                    groups=[{"heading": heading, "rows": group} for heading, group in groups]))
        for kind, folder in KIND_FOLDERS.items():
            if kind == "resolution":
                continue
            if kind == "session":
                groups = [(self.rows[body].title if body in self.rows else "Sessions", newest_first(rows))
                          for body, rows in sorted(sessions_of_body.items())]
            else:
                groups = [(None, sorted(by_kind.get(kind, []), key=lambda row: (row.title or row.id).casefold()))]
            heading = plural_word(kind.capitalize())
            listings[f"{folder}/index.html"] = (
                (heading, [(h, [tuple(row) for row in rows]) for h, rows in groups]),
                lambda heading=heading, groups=groups: self.page(
                    "list.html.j2", "../", heading=heading, intro=None, links=[],
                    groups=[{"heading": h, "rows": rows} for h, rows in groups if rows]))
        return listings

    def year_groups(self, rows: list[Neighbour]) -> list[tuple[str | None, list[Neighbour]]]:
        """A year's resolutions grouped by session (newest first), those of no session last."""
        by_session: dict[str, list[Neighbour]] = defaultdict(list)
        for row in rows:
            by_session[self.session_of.get(row.id, "")].append(row)
        sessions = newest_first(self.rows[session] for session in by_session if session in self.rows)
        groups: list[tuple[str | None, list[Neighbour]]] = [
            (session.title or session.id, newest_first(by_session[session.id])) for session in sessions]
        rest = [row for session, group in by_session.items() if session not in self.rows for row in group]
        if rest:
            groups.append(("No session recorded" if groups else None, newest_first(rest)))
        return groups

    def page(self, template: str, root: str, **context: Any) -> str:
        from ..rendering.html import render_page

        return render_page(template, {"root": root, "site": {"title": self.site_title}, "site_title": self.site_title,
                                      "inline_css": None, "house_stylesheet": None, "house": "standard", **context},
                           overrides=self.overrides)

    # --- search ---

    def search_files(self) -> dict[str, tuple[str, Callable[[], str]]]:
        """search/<n>.js, the records in shards by a hash of their id, and search/shards.js naming them."""
        count = max(1, math.ceil(len(self.published) / SHARD_SIZE))
        shards: dict[int, list[_Published]] = defaultdict(list)
        for item in self.published:
            shards[zlib.crc32(item.id.encode()) % count].append(item)
        files: dict[str, tuple[str, Callable[[], str]]] = {}
        names = []
        for number in range(count):
            members = shards.get(number, [])
            fingerprint = _digest(self.stamp, [(item.id, item.digest, tuple(self.rows[item.id])) for item in members])
            files[f"search/{number}.js"] = (fingerprint, lambda members=members: self.shard(members))
            names.append(f"search/{number}.js?v={fingerprint[:12]}")
        from ..rendering.html import script_json

        self.shards_version = _digest(names)[:12]
        files["search/shards.js"] = (_digest(self.stamp, names),
                                     lambda: f"window.resolvetoolShards = {script_json(names)};\n")
        return files

    def shard(self, members: list[_Published]) -> str:
        from ..rendering.html import script_json

        words: dict[int, str] = {}
        recs = [item.rec for item in members]
        for start in range(0, len(recs), 500):
            part = recs[start : start + 500]
            marks = ",".join("?" * len(part))
            for rec, text, names in self.index.db.execute(
                    f"SELECT rowid, words, names FROM text WHERE rowid IN ({marks})", part):
                words[rec] = " ".join(dict.fromkeys(_WORD.findall(fold(f"{names} {text}"))))
        docs = []
        for item in sorted(members, key=lambda item: item.id):
            row = self.rows[item.id]
            docs.append([item.page, row.title or row.symbol or row.id, row.kind, row.symbol, row.date,
                         words.get(item.rec, ""), row.when])
        return f"resolvetoolSearch.add({script_json(docs)});\n"


def bodies_key(bodies: list[dict[str, Any]]) -> list[Any]:
    return [(tuple(body["row"]), [(tuple(s["row"]), s["count"]) for s in body["sessions"]]) for body in bodies]


def fold(text: str) -> str:
    """Lower case without combining marks (accents, vowel points, vowel signs), as the search script folds
    what is typed: NFD, then every character of a Mark category dropped."""
    if text.isascii():
        return text.lower()
    return " ".join(_fold_word(word) for word in text.split())


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    # Words repeat across records: each distinct one is decomposed once.
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.category(c).startswith("M")).lower()


def _never() -> str:
    raise AssertionError("record pages are rendered by _render_records")


# --- record pages, in worker processes when there are many ---

_STATE: dict[str, Any] = {}


def _render_records(plan: _Plan, items: list[_Published], out: Path, jobs: int | None,
                    progress: Progress | None) -> set[str]:
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


def _render_chunk(chunk: list[_Published]) -> list[tuple[str, str]]:
    """Render and write the pages of `chunk`; (file, problem) for records that could not be published."""
    plan: _Plan = _STATE["plan"]
    out: Path = _STATE["out"]
    problems = []
    for item in chunk:
        try:
            text = _record_html(plan, item)
        except _Unpublishable as error:
            problems.append((item.path, str(error)))
            continue
        except Exception as error:  # a bug in resolvetool: the rest of the site is still published
            problems.append((item.path, f"could not be rendered ({type(error).__name__}: {error}); this is a bug "
                                        f"in resolvetool: please report it with the record"))
            continue
        _write(out / item.page, text)
    return problems


class _Unpublishable(Exception):
    pass


_records: dict[str, Any] = {}


def _load(plan: _Plan, record_id: str) -> Any:
    """The full record of an id, read from its file once per process."""
    from pydantic import ValidationError

    from ..models import RECORD_ADAPTER
    from ..source import parse_source

    item = plan.by_id.get(record_id)
    if item is None:
        return None
    cached = _records.get(record_id)
    if cached is not None and cached[0] == item.digest:
        return cached[1]
    try:
        raw = (Path(plan.settings.root) / item.path).read_bytes()
        record = RECORD_ADAPTER.validate_python(parse_source(raw, item.path).data)
    except (OSError, ValidationError):
        return None
    _records[record_id] = (item.digest, record)
    return record


def _record_html(plan: _Plan, item: _Published) -> str:
    from ..rendering.html import render_page
    from ..rendering.page import Links, record_page

    record = _load(plan, item.id)
    if record is None:
        raise _Unpublishable("changed while the site was built, or no longer valid; run 'resolvetool validate'")
    page = record_page(record, directory=plan.directory, links=Links(".."),
                       resolve=lambda record_id: _load(plan, record_id), any_style=True)
    house = page["house"]
    from ..rendering.html import house_css

    stylesheet = f"assets/house-{house}.css" if house != "standard" and house_css(house, plan.overrides) else None
    return render_page("record.html.j2", {**page, "root": "../", "site": {"title": plan.site_title},
                                          "site_title": plan.site_title, "inline_css": None,
                                          "house_stylesheet": stylesheet}, house=house, overrides=plan.overrides)
