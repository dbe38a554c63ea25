"""A cache of per-file results, keyed by the file's content, in one SQLite database.

The key is a keyed BLAKE2b hash of the file's bytes; the hash key changes with resolvetool's own
code and the versions of the libraries whose words and rules end up in results, so an upgrade
never reads an old version's results. A second table remembers, per file path, the size,
modification and change times and inode last seen with each content key, so an unchanged file need not even
be read (as git's index does; files modified in the last seconds before a run are not remembered,
since a second edit within the clock's granularity would not change their stamp). Entries are path-free: the same
content under another name is the same result. The database lives outside records/ (the user's
cache folder by default), runs in WAL mode so overlapping runs read while one writes, and any
failure of it only makes a run slower: a broken cache is set aside, never an error.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

from . import __version__

_FILE = "results-v6.sqlite3"  # v6: analyses as entries.Analysis.to_plain gives them, references packed
_KEEP_DAYS = 30  # entries unused this long are deleted
_RACY_NS = 3_000_000_000  # files modified this recently are read again next time

Stamp = tuple[int, int, int, int]  # size, modification and change times (ns), inode


def code_salt() -> bytes:
    """A digest of resolvetool's code and of what shapes its results: changing either changes every key."""
    import sys
    from importlib import metadata

    from yaml import __version__ as yaml_version

    versions = []
    for name in ("pydantic", "pydantic-core"):  # read from metadata: importing them costs 50 ms
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} ?")
    stack = f"{__version__} {sys.version} yaml {yaml_version} {' '.join(versions)}"
    digest = hashlib.blake2b(stack.encode(), digest_size=32)
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        info = path.stat()
        digest.update(f"{path.relative_to(package)}:{info.st_size}:{info.st_mtime_ns}".encode())
    return digest.digest()


def content_key(raw: bytes, salt: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=20, key=salt).digest()


def _today() -> int:
    return int(time.time() // 86400)


class ResultCache:
    """Get and put per-file results; every method is safe to call when the cache is unusable."""

    def __init__(self, directory: Path, *, readonly: bool = False) -> None:
        self.path = directory / _FILE
        self.problem: str | None = None
        self._db: sqlite3.Connection | None = None
        try:
            if readonly:
                self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=10, check_same_thread=False)
            else:
                directory.mkdir(parents=True, exist_ok=True)
                self._db = self._open()
        except (sqlite3.Error, OSError) as error:
            self._disable(error)

    def _open(self) -> sqlite3.Connection:
        try:
            return self._connect()
        except sqlite3.DatabaseError as error:
            if "not a database" not in str(error) and "malformed" not in str(error):
                raise
            # A damaged cache is only lost time: set it aside and start again.
            os.replace(self.path, self.path.with_suffix(".damaged"))
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute(
            "CREATE TABLE IF NOT EXISTS results "
            "(key BLOB PRIMARY KEY, value BLOB NOT NULL, used INTEGER NOT NULL) WITHOUT ROWID"
        )
        db.execute(
            "CREATE TABLE IF NOT EXISTS stamps "
            "(path BLOB PRIMARY KEY, size INTEGER, mtime INTEGER, ctime INTEGER, inode INTEGER, key BLOB, salt BLOB) "
            "WITHOUT ROWID"
        )
        return db

    def _disable(self, error: Exception) -> None:
        self.problem = f"cache at {self.path} not used: {error}"
        if self._db is not None:
            with suppress(sqlite3.Error):
                self._db.close()
        self._db = None

    @property
    def usable(self) -> bool:
        return self._db is not None

    def get(self, key: bytes) -> tuple[bytes, bool] | None:
        """The stored result, and whether its last-used day needs refreshing."""
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT value, used FROM results WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as error:
            self._disable(error)
            return None
        return (row[0], row[1] < _today()) if row else None

    def get_unchanged(self, path: str, stamp: Stamp, salt: bytes) -> tuple[bytes, bytes, bool] | None:
        """(key, result, stale?) for a file whose stamp is the one last seen with a cached result, computed by
        the same code and settings (`salt`): after an upgrade or a [lint] change the file is analysed again."""
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT s.size, s.mtime, s.ctime, s.inode, s.key, r.value, r.used FROM stamps s "
                "JOIN results r ON r.key = s.key WHERE s.path = ? AND s.salt = ?",
                (os.fsencode(path), salt),
            ).fetchone()
        except sqlite3.Error as error:
            self._disable(error)
            return None
        if row is None or row[:4] != stamp:
            return None
        return row[4], row[5], row[6] < _today()

    def update(
        self,
        new: list[tuple[bytes, bytes]],
        used: list[bytes],
        stamps: Sequence[tuple[str, Stamp, bytes]] = (),
        salt: bytes = b"",
    ) -> None:
        """Store new results and file stamps, and mark `used` results as used today."""
        if self._db is None:
            return
        today = _today()
        recent = time.time_ns() - _RACY_NS
        with self._writing() as db:
            db.executemany(
                "INSERT OR REPLACE INTO results (key, value, used) VALUES (?, ?, ?)",
                [(key, value, today) for key, value in new],
            )
            db.executemany("UPDATE results SET used = ? WHERE key = ?", [(today, key) for key in used])
            db.executemany(
                "INSERT OR REPLACE INTO stamps (path, size, mtime, ctime, inode, key, salt) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (os.fsencode(path), *stamp, key, salt)
                    for path, stamp, key in stamps
                    if max(stamp[1], stamp[2]) < recent
                ],
            )

    def prune(self) -> None:
        """Drop results unused for a while, and the stamps that led to them."""
        if self._db is None:
            return
        with self._writing() as db:
            if db.execute("DELETE FROM results WHERE used < ?", (_today() - _KEEP_DAYS,)).rowcount:
                db.execute("DELETE FROM stamps WHERE key NOT IN (SELECT key FROM results)")

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; a failure rolls it back and turns the cache off for the run."""
        assert self._db is not None
        try:
            self._db.execute("BEGIN IMMEDIATE")
            yield self._db
            self._db.execute("COMMIT")
        except sqlite3.Error as error:
            with suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            self._disable(error)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
