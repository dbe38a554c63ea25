"""The index database: one SQLite file per records tree, in the cache folder, never the source of truth.

Tables: `records` (one row per record file: id, kind, symbol, title, status, date, path, validity and
first problem), `fields` (every filterable value, by field name), `refs` (every reference as written,
`id` or `id#part`, for what points back at a record), `refnames` (each distinct reference, so that a
search inside them reads thousands of names rather than a million references), `text` (FTS5: title,
words, names), and the bookkeeping of `files` (stamp and content
hash of each file, the record it gave) and `folders` (modification time and file count). Everything is
derived from the files: a damaged or outdated database is set aside and built again.

A file or folder name need not be UTF-8 (Python holds its other bytes as lone surrogates, which SQLite
text cannot carry): the bookkeeping keeps such a name as its bytes (a BLOB in the same column), and the
file is not indexed (no record names it, `rec` is NULL) but listed by `unindexed()`, for commands to report.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..inert import undecodable_at

SCHEMA = 1
TOKENIZER = "porter unicode61 remove_diacritics 2"

_TABLES = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE folders (folder TEXT PRIMARY KEY, mtime INTEGER, ctime INTEGER, inode INTEGER, count INTEGER)
    WITHOUT ROWID;
CREATE TABLE files (folder TEXT, name TEXT, size INTEGER, mtime INTEGER, ctime INTEGER, inode INTEGER,
                    hash BLOB, rec INTEGER, PRIMARY KEY (folder, name)) WITHOUT ROWID;
CREATE TABLE records (rec INTEGER PRIMARY KEY, id TEXT, kind TEXT, symbol TEXT, title TEXT, status TEXT,
                      date TEXT, path TEXT, valid INTEGER, problem TEXT, parts TEXT);
CREATE INDEX files_unindexed ON files (folder) WHERE rec IS NULL;
CREATE INDEX records_id ON records (id COLLATE NOCASE);
CREATE INDEX records_symbol ON records (symbol COLLATE NOCASE) WHERE symbol IS NOT NULL;
CREATE INDEX records_order ON records (coalesce(date, '~'), id);
CREATE INDEX records_kind ON records (kind, coalesce(date, '~'), id);
CREATE TABLE fields (name TEXT, value COLLATE NOCASE, rec INTEGER, pos INTEGER, PRIMARY KEY (name, value, rec, pos))
    WITHOUT ROWID;
CREATE INDEX fields_rec ON fields (rec, name, pos);
CREATE TABLE refs (rec INTEGER, pos INTEGER, field TEXT, ref TEXT, PRIMARY KEY (rec, pos)) WITHOUT ROWID;
CREATE INDEX refs_ref ON refs (ref, field);
CREATE TABLE refnames (ref TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE VIRTUAL TABLE text USING fts5 (title, words, names, tokenize = '{TOKENIZER}');
"""

StoredFile = tuple[tuple[int, int, int, int] | None, bytes | None, int | None]  # stamp, hash, rec


def code_stamp() -> str:
    """What the index's contents depend on: resolvetool's code (a new version installs new files, and so new
    stamps). Reading the package's file stamps costs a millisecond; anything else (importing pydantic, or
    importlib.metadata for the version) would cost more."""
    package = Path(__file__).parent.parent
    digest = hashlib.blake2b(f"{SCHEMA}".encode(), digest_size=16)
    for path in sorted(package.rglob("*.py")):
        info = path.stat()
        digest.update(f"{path.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}".encode())
    return digest.hexdigest()


def database_path(cache_dir: Path, records: Path, root: Path) -> Path:
    """One database per records tree and project folder (paths in it are relative to the project)."""
    where = f"{os.path.abspath(records)}\0{os.path.abspath(root)}"
    name = hashlib.blake2b(os.fsencode(where), digest_size=8).hexdigest()
    return cache_dir / f"index-v{SCHEMA}-{name}.sqlite3"


class Store:
    """The open database. Reads are plain queries; writes go through `writing()`, one transaction."""

    def __init__(self, path: Path | str, stamp: str) -> None:
        self.path = path
        self.db = self._open(path, stamp)

    def _open(self, path: Path | str, stamp: str) -> sqlite3.Connection:
        try:
            db = self._connect(path)
            current = db.execute("SELECT value FROM meta WHERE key = 'code'").fetchone()
        except sqlite3.OperationalError as error:
            if "no such table" not in str(error):
                raise
            current = None
        except sqlite3.DatabaseError:  # not a database, or damaged: it only costs a rebuild
            current = None
        if current is not None and current[0] == stamp:
            return db
        # Missing, from another version of resolvetool, or damaged: start again.
        with contextlib.suppress(NameError, sqlite3.Error):
            db.close()
        if path != ":memory:":
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(f"{path}{suffix}")
        db = self._connect(path)
        db.executescript(_TABLES)
        db.execute("INSERT INTO meta VALUES ('code', ?)", (stamp,))
        return db

    @staticmethod
    def _connect(path: Path | str) -> sqlite3.Connection:
        db = sqlite3.connect(path, timeout=600, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA cache_size=-65536")  # 64 MiB: the fields index is walked by every filter
        # SQLite folds the case of ASCII letters only; queries with other letters compare fold()ed text.
        db.create_function("fold", 1, fold, deterministic=True)
        return db

    def close(self) -> None:
        self.db.close()

    # --- bookkeeping ---------------------------------------------------------------------------------

    def meta(self, key: str) -> Any:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def folders(self) -> dict[str, tuple[tuple[int, int, int], int]]:
        return {
            _name(folder): ((mtime, ctime, inode), count)
            for folder, mtime, ctime, inode, count in self.db.execute("SELECT * FROM folders")
        }

    def names(self, folder: str) -> set[str]:
        return {_name(name) for (name,) in self.db.execute("SELECT name FROM files WHERE folder = ?", (_kept(folder),))}

    def unindexed(self) -> list[tuple[str, str]]:
        """(folder, name) of the files that are known but not indexed: those whose path is not UTF-8."""
        return sorted(
            (_name(folder), _name(name))
            for folder, name in self.db.execute("SELECT folder, name FROM files WHERE rec IS NULL")
        )

    def stored(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], StoredFile]:
        """What is known of these files, read folder by folder."""
        by_folder: dict[str, set[str]] = {}
        for folder, name in keys:
            by_folder.setdefault(folder, set()).add(name)
        found = {}
        for folder, names in by_folder.items():
            if len(names) < 50:
                rows = [
                    self.db.execute(
                        "SELECT folder, name, size, mtime, ctime, inode, hash, rec FROM files "
                        "WHERE folder = ? AND name = ?",
                        _key((folder, name)),
                    ).fetchone()
                    for name in names
                ]
            else:
                rows = self.db.execute(
                    "SELECT folder, name, size, mtime, ctime, inode, hash, rec FROM files WHERE folder = ?",
                    (_kept(folder),),
                ).fetchall()
            for row in rows:
                if row is not None and _name(row[1]) in names:
                    found[folder, _name(row[1])] = _stored(row)
        return found

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # --- writes (inside `writing()`) -------------------------------------------------------------------

    def remove(self, db: sqlite3.Connection, keys: Iterable[tuple[str, str]]) -> None:
        for key in keys:
            self._drop_file_record(db, key)
            db.execute("DELETE FROM files WHERE folder = ? AND name = ?", _key(key))

    def restamp(self, db: sqlite3.Connection, key: tuple[str, str], stamp: tuple | None) -> None:
        db.execute(
            "UPDATE files SET size = ?, mtime = ?, ctime = ?, inode = ? WHERE folder = ? AND name = ?",
            (*(stamp or (None,) * 4), *_key(key)),
        )

    def put(
        self,
        db: sqlite3.Connection,
        key: tuple[str, str],
        stamp: tuple | None,
        digest: bytes | None,
        path: str,
        extracted: tuple,
    ) -> None:
        """(Re)index one file: its old record's rows go, the new ones come in."""
        self._drop_file_record(db, key)
        record_id, kind, symbol, title, status, date, valid, problem, fields, refs, words, parts = extracted
        rec = db.execute(
            "INSERT INTO records (id, kind, symbol, title, status, date, path, valid, problem, parts) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record_id,
                kind,
                symbol,
                title,
                status,
                date,
                path,
                int(valid),
                problem,
                " ".join(parts) if parts is not None else None,
            ),
        ).lastrowid
        # Positions keep each field's values in the record's order (a list field sorts by its first value).
        db.executemany(
            "INSERT INTO fields (name, value, rec, pos) VALUES (?, ?, ?, ?)",
            [(name, value, rec, pos) for pos, (name, value) in enumerate(fields)],
        )
        written = list(
            dict.fromkeys((field, f"{target}#{fragment}" if fragment else target) for target, fragment, field in refs)
        )
        db.executemany(
            "INSERT INTO refs (rec, pos, field, ref) VALUES (?, ?, ?, ?)",
            [(rec, pos, field, ref) for pos, (field, ref) in enumerate(written)],
        )
        db.executemany("INSERT OR IGNORE INTO refnames VALUES (?)", [(ref,) for ref in {ref for _, ref in written}])
        db.execute("INSERT INTO text (rowid, title, words, names) VALUES (?, ?, ?, ?)", (rec, *words))
        db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (*key, *(stamp or (None,) * 4), digest, rec)
        )

    def put_unindexed(self, db: sqlite3.Connection, key: tuple[str, str], stamp: tuple | None) -> None:
        """Keep track of a file that is not indexed (its path is not UTF-8): no record, no hash."""
        self._drop_file_record(db, key)
        db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, NULL, NULL)", (*_key(key), *(stamp or (None,) * 4))
        )

    def _drop_file_record(self, db: sqlite3.Connection, key: tuple[str, str]) -> None:
        row = db.execute("SELECT rec FROM files WHERE folder = ? AND name = ?", _key(key)).fetchone()
        if row and row[0] is not None:
            self._drop_record(db, row[0])

    @staticmethod
    def _drop_record(db: sqlite3.Connection, rec: int) -> None:
        db.execute("DELETE FROM records WHERE rec = ?", (rec,))
        db.execute("DELETE FROM fields WHERE rec = ?", (rec,))
        db.execute("DELETE FROM refs WHERE rec = ?", (rec,))
        db.execute("DELETE FROM text WHERE rowid = ?", (rec,))

    def finish(
        self,
        db: sqlite3.Connection,
        folders: dict[str, tuple[tuple[int, int, int], int]],
        checked_at: int,
        catalogue: dict | None,
    ) -> None:
        """Record the state the index now reflects."""
        import json

        db.execute("DELETE FROM folders")
        db.executemany(
            "INSERT INTO folders VALUES (?, ?, ?, ?, ?)",
            [(_kept(folder), *stamp, count) for folder, (stamp, count) in folders.items()],
        )
        db.execute("INSERT OR REPLACE INTO meta VALUES ('checked_at', ?)", (checked_at,))
        db.execute("INSERT OR REPLACE INTO meta VALUES ('files', (SELECT count(*) FROM files))")
        if catalogue is not None:
            db.execute("INSERT OR REPLACE INTO meta VALUES ('catalogue', ?)", (json.dumps(catalogue),))


def fold(value: Any) -> Any:
    """Text in the form that compares regardless of case in every script (casefold), anything else as is."""
    return value.casefold() if isinstance(value, str) else value


def is_utf8(text: str) -> bool:
    """Whether a name read from the file system is UTF-8 (a name that is not comes with lone surrogates)."""
    return undecodable_at(text) is None


def _kept(name: str) -> str | bytes:
    """A file or folder name as the bookkeeping keeps it: its text, or its bytes when it is not UTF-8."""
    return name if is_utf8(name) else os.fsencode(name)


def _name(kept: str | bytes) -> str:
    return kept if isinstance(kept, str) else os.fsdecode(kept)


def _key(key: tuple[str, str]) -> tuple[str | bytes, str | bytes]:
    return _kept(key[0]), _kept(key[1])


def _stored(row: tuple) -> StoredFile:
    stamp = tuple(row[2:6]) if row[2] is not None else None
    return stamp, row[6], row[7]
