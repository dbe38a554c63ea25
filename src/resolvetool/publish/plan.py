"""What a site is made of, read from the index: the records that get pages, what each page shows, and a
fingerprint of it, so that a rebuild renders only the pages whose fingerprint changed.

Every page is described first by what it shows, cheaply (its record's content hash, the lines it shows of
the records it names and of those pointing at it, whether the parts it links to exist, the templates' and
code's stamp); a digest of that description is its fingerprint.
"""

from __future__ import annotations

import hashlib
import marshal
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from ..index import UNINDEXED
from ..inert import inert_path
from ..rendering.page import KIND_FOLDERS, Neighbour
from .neighbours import TreeNeighbours, newest_first

FORMAT = 1  # of the manifest and the pages' layout


@dataclass(frozen=True)
class Published:
    """A record that gets a page."""

    rec: int
    id: str
    kind: str
    path: str  # the record's file, relative to the project
    digest: str  # its content hash
    page: str  # the page's path in the site


def digest(*values: Any) -> str:
    """A fingerprint of plain values (str, int, None, tuples and lists of them): marshal serialises them
    exactly and several times faster than repr."""
    return hashlib.blake2b(marshal.dumps(values, 4), digest_size=16).hexdigest()


class Plan:
    """Everything a build needs from the index: the published records, their neighbours, the pages."""

    def __init__(self, index: Any, settings: Any) -> None:
        from ..index.store import code_stamp
        from ..rendering.html import templates_stamp

        self.index = index
        self.settings = settings
        self.overrides = settings.render.templates
        self.site_title = settings.render.site_title
        self.stamp = digest(FORMAT, code_stamp(), templates_stamp(self.overrides), self.site_title)
        self._body_styles: dict[str, str] | None = None
        self.stylesheets: dict[str, str] = {}
        listing = index.listing()
        self.skipped: list[tuple[str, str]] = []
        self.published: list[Published] = []
        by_rec: dict[int, Published] = {}
        taken: dict[str, str] = {}
        duplicated: set[str] = set()
        for row in listing:
            if not row.valid:
                self.skipped.append(
                    (row.path, f"not a valid record ({row.problem}); run 'resolvetool validate {row.path}'")
                )
            elif row.kind not in KIND_FOLDERS:
                self.skipped.append((row.path, f"kind {row.kind!r} has no pages"))
            elif row.id in taken:
                self.skipped.append(
                    (row.path, f"id {row.id!r} is also taken by {taken[row.id]}; run 'resolvetool validate'")
                )
                duplicated.add(row.id)
            else:
                taken[row.id] = row.path
                page = f"{KIND_FOLDERS[row.kind]}/{row.id}.html"
                item = Published(row.rec, row.id, row.kind, row.path, (row.digest or b"").hex(), page)
                self.published.append(item)
                by_rec[row.rec] = item
        self.skipped += [(inert_path(path), UNINDEXED) for path in index.refreshed.unindexed]
        # An id two files take is ambiguous: neither is published (nor silently replaces the other's page).
        for item in [item for item in self.published if item.id in duplicated]:
            self.skipped.append(
                (item.path, f"id {item.id!r} is also taken by another file; run 'resolvetool validate'")
            )
            self.published.remove(item)
            del by_rec[item.rec]
        self.by_id = {item.id: item for item in self.published}
        info = {row.rec: row for row in listing if row.rec in by_rec}
        refs = index.every_reference()
        self.refs_of: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for rec, field_name, ref in refs:
            if rec in by_rec:
                self.refs_of[rec].append((field_name, ref))
        # A resolution is dated by its adoption or, failing that, by the first day of its session.
        self.session_of: dict[str, str] = {}
        self.body_of: dict[str, str] = {}
        for rec, row in info.items():
            for field_name, ref in self.refs_of.get(rec, ()):
                if field_name == "session":
                    self.session_of[row.id] = ref
                elif field_name == "body":
                    self.body_of[row.id] = ref
        dates = {row.id: row.date for row in info.values()}
        self.rows: dict[str, Neighbour] = {}
        for row in info.values():
            when = row.date
            if row.kind == "resolution" and row.date is None:
                when = dates.get(self.session_of.get(row.id, ""))
            self.rows[row.id] = Neighbour(row.id, row.kind, row.title, row.symbol, row.status, row.date, when)
        parts = {by_rec[row.rec].id: frozenset((row.parts or "").split()) for row in listing if row.rec in by_rec}
        self.neighbours = TreeNeighbours(
            self.rows, ((by_rec[rec].id, field_name, ref) for rec, field_name, ref in refs if rec in by_rec), parts
        )

    # --- what each page shows, as a fingerprint and a way to make it ---

    def pages(self) -> dict[str, tuple[str, Callable[[], str]]]:
        """page path -> (fingerprint, function giving its text); record pages are made apart (in workers)."""
        pages: dict[str, tuple[str, Callable[[], str]]] = {}
        for item in self.published:
            pages[item.page] = (self.record_fingerprint(item), _never)
        pages.update(self.search_files())
        for path, (inputs, make) in self.listings().items():
            pages[path] = (digest(self.stamp, inputs), make)
        for name in ("site.css", "search.js"):
            pages[f"assets/{name}"] = (self.stamp, partial(self.asset, name))
        # Each house style's stylesheet, written once; record pages link the one of their body's style.
        self.stylesheets = {house: f"assets/house-{house}.css" for house in self.houses()}
        for house, path in self.stylesheets.items():
            pages[path] = (self.stamp, partial(self.house_css, house))
        return pages

    def record_fingerprint(self, item: Published) -> str:
        refs = {ref for _, ref in self.refs_of.get(item.rec, ())}
        targets = sorted({ref.split("#", 1)[0] for ref in refs})
        about: list[Any] = [tuple(self.rows[target]) if target in self.rows else target for target in targets]
        about += sorted((ref, self.neighbours.has_part(*ref.split("#", 1))) for ref in refs if "#" in ref)
        groups = [
            (group.relation, group.kind, [tuple(row) for row in group.records], group.total)
            for group in self.neighbours.pointing(item.id)
        ]
        context = []
        if item.kind == "resolution":  # its house style prints from its body and session
            context = [
                self.by_id[target].digest
                for target in (self.body_of.get(item.id), self.session_of.get(item.id))
                if target in self.by_id
            ]
        return digest(self.stamp, item.digest, about, groups, context)

    def notes(self) -> list[tuple[str, str]]:
        """Bodies asking for a house style resolvetool does not have: their resolutions print in the standard
        style (one note a body, not one a resolution)."""
        from ..rendering.styles import STYLES

        return [
            (
                self.by_id[body].path,
                f"house style {style!r} is not one resolvetool has "
                f"({', '.join(sorted(STYLES))}); its resolutions are published in the "
                f"standard style",
            )
            for body, style in sorted(self.body_styles().items())
            if style not in STYLES
        ]

    def houses(self) -> list[str]:
        """The house styles with a stylesheet of their own that the site's bodies use."""
        return sorted({style for style in self.body_styles().values() if self.house_css(style)})

    def body_styles(self) -> dict[str, str]:
        """Each published body's house style, read from the index in one query."""
        if self._body_styles is None:
            self._body_styles = {
                record_id: style
                for record_id, style in self.index.field_values("house_style", "body")
                if record_id in self.by_id
            }
        return self._body_styles

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
        bodies = [
            {
                "row": body,
                "sessions": [
                    {"row": session, "count": per_session.get(session.id, 0)}
                    for session in newest_first(sessions_of_body.get(body.id, []))
                ],
            }
            for body in sorted(by_kind.get("body", []), key=lambda row: (row.title or row.id).casefold())
        ]
        counts = [(kind, len(by_kind[kind])) for kind in KIND_FOLDERS if by_kind.get(kind)]
        recent = newest_first(resolutions)[:20]
        # A kind's list is its folder's `_index.html`: no record id holds "_", so no record's page can take
        # the list's place (a record may well be called `index`).
        listings: dict[str, tuple[Any, Callable[[], str]]] = {
            "index.html": (
                (bodies_key(bodies), years, counts, [tuple(r) for r in recent]),
                lambda: self.page("index.html.j2", "", bodies=bodies, years=years, counts=counts, recent=recent),
            ),
            "search.html": (
                self.shards_version,
                lambda: self.page(
                    "search.html.j2", "", shards_version=self.shards_version, script_version=self.stamp[:12]
                ),
            ),
            "resolutions/_index.html": (
                years,
                lambda: self.page(
                    "list.html.j2",
                    "../",
                    heading="Resolutions by year",
                    intro=plural(len(resolutions), "resolution"),
                    links=[
                        (f"years/{year}.html", "Undated" if year == "undated" else year, count) for year, count in years
                    ],
                    groups=[],
                ),
            ),
        }
        for year, rows in per_year.items():
            groups = self.year_groups(rows)
            listings[f"years/{year}.html"] = (
                [(heading, [tuple(row) for row in group]) for heading, group in groups],
                partial(
                    self.page,
                    "list.html.j2",
                    "../",
                    heading=f"Resolutions of {year}" if year != "undated" else "Resolutions without a date",
                    intro=None,
                    links=[],
                    groups=[{"heading": heading, "rows": group} for heading, group in groups],
                ),
            )
        for kind, folder in KIND_FOLDERS.items():
            if kind == "resolution":
                continue
            if kind == "session":
                groups = [
                    (self.rows[body].title if body in self.rows else "Sessions", newest_first(rows))
                    for body, rows in sorted(sessions_of_body.items())
                ]
            else:
                groups = [(None, sorted(by_kind.get(kind, []), key=lambda row: (row.title or row.id).casefold()))]
            heading = plural_word(kind.capitalize())
            listings[f"{folder}/_index.html"] = (
                (heading, [(h, [tuple(row) for row in rows]) for h, rows in groups]),
                partial(
                    self.page,
                    "list.html.j2",
                    "../",
                    heading=heading,
                    intro=None,
                    links=[],
                    groups=[{"heading": h, "rows": rows} for h, rows in groups if rows],
                ),
            )
        return listings

    def year_groups(self, rows: list[Neighbour]) -> list[tuple[str | None, list[Neighbour]]]:
        """A year's resolutions grouped by session (newest first), those of no session last."""
        by_session: dict[str, list[Neighbour]] = defaultdict(list)
        for row in rows:
            by_session[self.session_of.get(row.id, "")].append(row)
        sessions = newest_first(self.rows[session] for session in by_session if session in self.rows)
        groups: list[tuple[str | None, list[Neighbour]]] = [
            (session.title or session.id, newest_first(by_session[session.id])) for session in sessions
        ]
        rest = [row for session, group in by_session.items() if session not in self.rows for row in group]
        if rest:
            groups.append(("No session recorded" if groups else None, newest_first(rest)))
        return groups

    def page(self, template: str, root: str, **context: Any) -> str:
        from ..rendering.html import render_page

        return render_page(
            template,
            {
                "root": root,
                "site": {"title": self.site_title},
                "site_title": self.site_title,
                "inline_css": None,
                "house_stylesheet": None,
                "house": "standard",
                **context,
            },
            overrides=self.overrides,
        )

    def search_files(self) -> dict[str, tuple[str, Callable[[], str]]]:
        from .search import search_files

        files, self.shards_version = search_files(self)
        return files


def bodies_key(bodies: list[dict[str, Any]]) -> list[Any]:
    return [(tuple(body["row"]), [(tuple(s["row"]), s["count"]) for s in body["sessions"]]) for body in bodies]


def _never() -> str:
    raise AssertionError("record pages are rendered by publish.pages.render_records")
