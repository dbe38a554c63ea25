"""The lookup index: SQLite with FTS5, kept in the cache folder and brought up to date from the files
before every read (`open_index`), so that `show`, `query` and `search` answer at once and never from
an old state of the tree. Deleting it only costs a rebuild.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from .refresh import Progress, Refreshed, refresh
from .store import Store, code_stamp, database_path, is_utf8

# Endings that complete a prefix into the words whose stems fall short of it (see Index.prefix_stems).
_ENDINGS = (
    "",
    "e",
    "s",
    "es",
    "ed",
    "ing",
    "er",
    "ers",
    "y",
    "ies",
    "ion",
    "ions",
    "ation",
    "ations",
    "ational",
    "ive",
    "ively",
    "ity",
    "ities",
    "al",
    "ally",
    "ment",
    "ments",
    "ness",
    "ism",
    "ist",
    "ize",
    "izes",
    "ized",
    "izing",
    "ization",
    "izations",
    "ise",
    "ised",
    "ising",
    "isation",
    "ate",
    "ated",
    "ating",
    "ator",
    "ance",
    "ence",
    "able",
    "ible",
    "ful",
    "less",
    "ous",
    "ly",
)
_COLUMNS = "r.rec, r.id, r.kind, r.symbol, r.title, r.status, r.date, r.path, r.valid, r.problem"
# How a reference relates its record to the one it names: the field it stands in, except that references
# in a record's words (clauses, items, annexes, footnotes: fields ending in "refs") all mean "cites".
_RELATION = "CASE WHEN field LIKE '%refs' THEN 'refs' ELSE field END"
# Why a file is in `Refreshed.unindexed`, said after its name.
UNINDEXED = "its name is not valid UTF-8 (\\xNN marks a byte that is not); rename the file"
# References to a record or any part of it: `id` itself, or `id#...` (the range from "id#" up to "id$").
POINTS_AT = "ref = ? OR (ref > ? AND ref < ?)"


def points_at(record_id: str) -> tuple[str, str, str]:
    """The parameters of POINTS_AT for one record."""
    return record_id, f"{record_id}#", f"{record_id}$"


class Row(NamedTuple):
    """One indexed record: what lists and headings show of it. (A tuple: queries make a hundred thousand.)"""

    rec: int
    id: str
    kind: str | None
    symbol: str | None
    title: str | None
    status: str | None
    date: str | None
    path: str  # relative to the project folder, with forward slashes
    valid: bool
    problem: str | None  # the first error in the file, when it has one

    @classmethod
    def of(cls, row: tuple) -> Row:
        return cls(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], bool(row[8]), row[9])


class Listed(NamedTuple):
    """A record as a site lists it: what its Row holds, its file's content hash and the names of its parts. (A
    tuple made straight from the database's row: a site lists every record, a hundred thousand of them.)"""

    rec: int
    id: str
    kind: str | None
    symbol: str | None
    title: str | None
    status: str | None
    date: str | None
    path: str
    valid: int  # 1 when the record passes the schema, 0 when not (as SQLite keeps a boolean)
    problem: str | None
    digest: bytes | None  # the file's content hash
    parts: str | None  # the names of its parts, space-separated; None when it is not valid


@dataclass(frozen=True, slots=True)
class Referrer:
    """A record that points at another, and from where."""

    row: Row
    field: str  # the field the reference stands in ("approves", "lifecycle.by"); "refs" for its words
    fragment: str | None  # the parts pointed at, comma-separated, if any


class Index:
    """Read access to an up-to-date index (see `open_index`)."""

    def __init__(self, store: Store, settings: Any, refreshed: Refreshed, note: str | None = None) -> None:
        self.store = store
        self.db = store.db
        self.settings = settings
        self.refreshed = refreshed
        self.note = note  # why the index is a temporary one, when it is
        self._catalogue: dict[str, dict[str, Any]] | None = None

    def close(self) -> None:
        self.store.close()

    @property
    def catalogue(self) -> dict[str, dict[str, Any]]:
        """The fields a query can name (index/catalogue.py)."""
        if self._catalogue is None:
            self._catalogue = json.loads(self.store.meta("catalogue") or "{}")
        return self._catalogue

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM records").fetchone()[0]

    def find(self, ref: str) -> list[Row]:
        """The records an id, symbol or file path names, ignoring case and any #part; an exact match
        first. More than one means the tree has a duplicate (validate reports it)."""
        return self.locate(ref)[0]

    def locate(self, ref: str) -> tuple[list[Row], str | None]:
        """find(), and the part named after `#` (None when the `#` belongs to a symbol, as in EDOC#000032)."""
        if not is_utf8(ref):  # a name given in bytes that are not UTF-8 names no indexed record (nor file)
            return [], None
        if ref.endswith((".yaml", ".yml")):
            path = os.path.relpath(os.path.abspath(ref), self.settings.root).replace(os.sep, "/")
            return self._rows("WHERE r.path = ?", (path,)), None
        whole = self._named(ref)
        if whole or "#" not in ref:
            return whole, None
        key, part = ref.rsplit("#", 1)
        return self._named(key), part

    def _named(self, name: str) -> list[Row]:
        rows = self._rows("WHERE r.id = ? COLLATE NOCASE ORDER BY r.id = ? DESC, r.path", (name, name))
        return rows or self._rows("WHERE r.symbol = ? COLLATE NOCASE ORDER BY r.symbol = ? DESC, r.path", (name, name))

    def parts(self, rec: int) -> list[str] | None:
        """The names of a record's parts (preamble-1, article-41 ...); None when it is not valid."""
        row = self.db.execute("SELECT parts FROM records WHERE rec = ?", (rec,)).fetchone()
        return row[0].split() if row and row[0] is not None else None

    def rows(self, ids: list[str]) -> dict[str, Row]:
        """Each of these ids' record (the first by path when duplicated)."""
        found: dict[str, Row] = {}
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            marks = ",".join("?" * len(part))
            for row in self._rows(f"WHERE r.id IN ({marks}) ORDER BY r.path DESC", tuple(part)):
                found[row.id] = row
        return found

    def suggest(self, ref: str, limit: int = 3) -> list[str]:
        """Ids and symbols that look like `ref`, closest first, for "did you mean" hints."""
        import difflib
        import re

        if not is_utf8(ref):
            return []
        ref = ref[:200]  # nothing longer is an id, and SQLite limits LIKE patterns
        words = sorted(re.findall(r"[^\W_]{2,}", ref.casefold()), key=len, reverse=True)[:3]
        names: dict[str, str] = {}
        # Ids holding a word of the reference, or starting as it does (a misspelt one-word id).
        for word in [*(words or [ref.casefold()]), ref.casefold()[:3] + "%"]:
            pattern = (
                word
                if word.endswith("%") and len(word) == 4
                else "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            )
            for record_id, symbol in self.db.execute(
                "SELECT id, symbol FROM records WHERE id LIKE ? ESCAPE '\\' OR symbol LIKE ? ESCAPE '\\' LIMIT 5000",
                (pattern, pattern),
            ):
                names[record_id.casefold()] = record_id
                if symbol:
                    names[symbol.casefold()] = symbol
        close = difflib.get_close_matches(ref.casefold(), list(names), n=limit, cutoff=0.6)
        return [names[name] for name in close]

    def referrers(self, record_id: str, *, per_field: int | None = None) -> tuple[list[Referrer], dict[str, int]]:
        """The records that point at `record_id` (any part of it), and how many there are per field.
        With `per_field`, at most that many are returned for each field, most recent first."""
        pointing = f"({POINTS_AT})"
        bounds = points_at(record_id)
        counts = dict(
            self.db.execute(
                f"SELECT {_RELATION}, count(DISTINCT rec) FROM refs WHERE {pointing} GROUP BY 1", bounds
            ).fetchall()
        )
        found: list[Referrer] = []
        for relation in sorted(counts):
            limit = f"LIMIT {int(per_field)}" if per_field is not None else ""
            rows = self.db.execute(
                f"SELECT {_COLUMNS}, group_concat(DISTINCT nullif(substr(f.ref, {len(record_id) + 2}), '')) "
                f"FROM refs f JOIN records r ON r.rec = f.rec WHERE {pointing} AND {_RELATION} = ? "
                f"GROUP BY r.rec ORDER BY r.date IS NULL, r.date DESC, r.id {limit}",
                (*bounds, relation),
            )
            found += [Referrer(Row.of(row), relation, row[10] and ", ".join(row[10].split(","))) for row in rows]
        return found, counts

    def listing(self) -> list[Listed]:
        """Every record, by path, with its file's content hash and the names of its parts (what a site is made of)."""
        rows = self.db.execute(
            f"SELECT {_COLUMNS}, f.hash, r.parts FROM records r JOIN files f ON f.rec = r.rec ORDER BY r.path"
        )
        return list(map(Listed._make, rows))

    def every_reference(self) -> list[tuple[int, str, str]]:
        """Every reference of every record: (rec of the record holding it, field it stands in, reference)."""
        return self.db.execute("SELECT rec, field, ref FROM refs").fetchall()

    def field_values(self, name: str, kind: str) -> list[tuple[str, str]]:
        """(id, value) of field `name` in every record of `kind` holding it (`house_style` of bodies)."""
        return self.db.execute(
            "SELECT r.id, f.value FROM fields f JOIN records r ON r.rec = f.rec WHERE f.name = ? AND r.kind = ?",
            (name, kind),
        ).fetchall()

    def search_words(self, recs: list[int]) -> dict[int, tuple[str, str]]:
        """rec -> (words, names): what full-text search holds of each of these records."""
        found: dict[int, tuple[str, str]] = {}
        for start in range(0, len(recs), 500):
            part = recs[start : start + 500]
            marks = ",".join("?" * len(part))
            for rec, words, names in self.db.execute(
                f"SELECT rowid, words, names FROM text WHERE rowid IN ({marks})", part
            ):
                found[rec] = (words, names)
        return found

    def record(self, ref: str) -> Any:
        """The full, validated record an id or symbol names, read from its file; None when there is no
        such record or its file does not hold a valid one."""
        from pydantic import ValidationError

        from ..models import RECORD_ADAPTER
        from ..source import parse_source, read_source

        rows = self.find(ref)
        if not rows or not rows[0].valid:
            return None
        row = rows[0]
        raw = read_source(
            self.settings.root / row.path,
            row.path,
            max_size=self.settings.max_file_size,
            within=str(self.settings.root),
        )
        if not isinstance(raw, bytes):
            return None
        doc = parse_source(raw, row.path)
        if any(d.severity.value == "error" for d in doc.diagnostics):
            return None
        try:
            return RECORD_ADAPTER.validate_python(doc.data)
        except ValidationError:
            return None

    def prefix_stems(self, prefix: str) -> list[str]:
        """The stems the index keeps for words starting with `prefix` that do not start with it themselves.

        The index holds porter stems ("organization" as "organ"), so `organiz*` alone finds nothing: the
        prefix is completed with common English endings and each completion stemmed by the index's own
        tokenizer, and the stems shorter than the prefix are searched too."""
        from .store import TOKENIZER

        db = self.db
        db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.stemmer USING fts5 (x, tokenize = '{TOKENIZER}')")
        db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.stems USING fts5vocab (temp, stemmer, row)")
        db.execute("DELETE FROM temp.stemmer")
        db.execute("INSERT INTO temp.stemmer VALUES (?)", (" ".join(prefix + ending for ending in _ENDINGS),))
        folded = prefix.casefold()
        return sorted(term for (term,) in db.execute("SELECT term FROM temp.stems") if not term.startswith(folded))

    def _rows(self, where: str, params: tuple) -> list[Row]:
        return [Row.of(row) for row in self.db.execute(f"SELECT {_COLUMNS} FROM records r {where}", params)]


def open_index(settings: Any, *, jobs: int | None = None, progress: Progress | None = None) -> Index:
    """The project's index, brought up to date with its records/ first (built on first use).

    Never fails for lack of a cache folder: the index is then built in memory for this run."""
    from ..config import default_cache_dir

    # What else shapes the index's contents: a file over the size limit is indexed as a problem.
    stamp = f"{code_stamp()} max-file-size={settings.max_file_size}"
    cache_dir = Path(settings.cache_dir or default_cache_dir())
    path = database_path(cache_dir, settings.records, settings.root)
    note = None
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        with _locked(path):
            store = Store(path, stamp)
            refreshed = _refresh(store, settings, jobs, progress)
        if refreshed.indexed > 1000:  # a build: a good time to drop the indexes of trees no longer used
            _prune(cache_dir, path)
    except (OSError, sqlite3.Error) as error:
        reason = getattr(error, "strerror", None) or str(error)
        note = f"the index at {path} cannot be used ({reason}); a temporary one was built for this run"
        store = Store(":memory:", stamp)
        refreshed = _refresh(store, settings, jobs, progress)
    return Index(store, settings, refreshed, note)


def _refresh(store: Store, settings: Any, jobs: int | None, progress: Progress | None) -> Refreshed:
    return refresh(
        store,
        Path(os.path.abspath(settings.records)),
        Path(os.path.abspath(settings.root)),
        jobs=jobs or settings.jobs,
        max_size=settings.max_file_size,
        progress=progress,
    )


_UNUSED_DAYS = 30


def _prune(cache_dir: Path, keep: Path) -> None:
    """Delete the indexes of other trees (or projects, or settings) that no command has used for a month."""
    import time

    limit = time.time() - _UNUSED_DAYS * 86400
    for path in cache_dir.glob("index-v*.sqlite3"):
        try:
            if path != keep and path.stat().st_mtime < limit:
                for suffix in ("", "-wal", "-shm", ".lock"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
        except OSError:
            continue


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """One refresh at a time per index: a second command waits, then finds the work done.

    A POSIX record lock (lockf), not flock: processes forked while it is held (the index's workers) do
    not inherit it, so a command killed mid-build cannot leave a worker holding it for ever."""
    try:
        import fcntl
    except ImportError:  # Windows: SQLite's own locking keeps the writes apart
        yield
        return
    with open(f"{path}.lock", "a+b") as handle:
        fcntl.lockf(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.lockf(handle, fcntl.LOCK_UN)


__all__ = ["UNINDEXED", "Index", "Listed", "Referrer", "Row", "open_index"]
