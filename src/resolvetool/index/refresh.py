"""Bringing the index up to date with the files, before any command reads it.

The scan (scan.py) names the files that may have changed; each is then read and its content hash
compared with the one indexed, so a file only touched is restamped, not reindexed. A stamp is
only trusted when it was taken well after the file's last change (git's "racily clean" rule): a file
changed within the file system's clock resolution of being indexed keeps no stamp and is compared by
content next time. Reindexing many files (the first build) runs in worker processes.

A file whose path is not UTF-8 is not read: no record could name it (paths and names are text in the
index and in every output), so it is kept track of and reported, in `Refreshed.unindexed`, on every refresh.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .scan import MARGIN_NS, Known, Scan, Stamp, scan
from .store import Store, is_utf8

Progress = Callable[[int, int], None]
Key = tuple[str, str]  # (folder relative to records/, file name)
_BATCH = 2000  # files per write transaction during a build
_PARALLEL_FROM = 256


@dataclass
class Refreshed:
    """What a refresh did."""

    indexed: int = 0  # files read into the index (new or changed)
    removed: int = 0
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (folder, reason), shown relative to root
    unindexed: list[str] = field(default_factory=list)  # files left out, their paths not UTF-8 (relative to root)
    seconds: float = 0.0


def refresh(
    store: Store, records: Path, root: Path, *, jobs: int | None = None, max_size: int, progress: Progress | None = None
) -> Refreshed:
    started = time.perf_counter()
    records_path = os.fspath(records)
    checked_at = store.meta("checked_at")
    now = time.time_ns()
    # A clock set back would hide changes made since: look at every file then.
    since = 0 if checked_at is None or now < checked_at else checked_at - MARGIN_NS
    known = store.folders()
    found = scan(records_path, known, since, expected_files=store.meta("files") or 0)
    unreadable = {folder for folder, _ in found.unreadable}
    removed, candidates = _changes(store, found, known, unreadable, records_path)
    base = os.path.relpath(records_path, root)
    done = Refreshed(removed=len(removed), unreadable=found.unreadable)
    folders = {
        folder: (known.get(folder, stamp) if folder in unreadable else stamp) for folder, stamp in found.folders.items()
    }
    catalogue = None if store.meta("catalogue") else _catalogue()
    if not removed and not candidates:
        if folders != known or checked_at is None or catalogue is not None:
            with store.writing() as db:
                store.finish(db, folders, found.started, catalogue)
        elif now - checked_at > MARGIN_NS:  # keep the window of files examined small
            with store.writing() as db:
                db.execute("UPDATE meta SET value = ? WHERE key = 'checked_at'", (found.started,))
        return _done(done, store, base, started)
    unnamed = [key for key, _ in candidates if not is_utf8(_path(base, key))]
    candidates = [(key, digest) for key, digest in candidates if is_utf8(_path(base, key))]
    with store.writing() as db:
        store.remove(db, removed)
        for key in unnamed:
            store.put_unindexed(db, key, _stamp(os.path.join(records_path, *key)))
    total = len(candidates)
    finished = 0
    for outcomes in _read_all(records_path, base, candidates, max_size, jobs, os.path.realpath(root)):
        with store.writing() as db:
            for key, stamp, digest, extracted in outcomes:
                if extracted is None:
                    store.restamp(db, key, stamp)
                else:
                    store.put(db, key, stamp, digest, _path(base, key), extracted)
                    done.indexed += 1
        finished += len(outcomes)
        if progress:
            progress(finished, total)
    with store.writing() as db:
        store.finish(db, folders, found.started, catalogue)
    if done.indexed > _BATCH:  # a build leaves a write-ahead log as large as the index: give the space back
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return _done(done, store, base, started)


def _done(done: Refreshed, store: Store, base: str, started: float) -> Refreshed:
    done.unindexed = [_path(base, key) for key in store.unindexed()]
    done.seconds = time.perf_counter() - started
    return done


def _catalogue() -> dict:
    from .extract import catalogue

    return catalogue()


def _path(base: str, key: Key) -> str:
    folder, name = key
    parts = [part for part in (base if base != "." else "", folder, name) if part]
    return "/".join(part.replace(os.sep, "/") for part in parts)


def _changes(
    store: Store, found: Scan, known: Known, unreadable: set[str], records: str
) -> tuple[list[Key], list[tuple[Key, bytes | None]]]:
    """(files gone, files to read with the hash they had) from what the scan found."""
    removed: list[Key] = []
    added: set[Key] = set()
    for folder in known:
        if folder not in found.folders:
            removed += [(folder, name) for name in sorted(store.names(folder))]
    for folder, names in found.listed.items():
        if folder in unreadable:
            continue
        stored = store.names(folder)
        listed = set(names)
        removed += [(folder, name) for name in sorted(stored - listed)]
        added |= {(folder, name) for name in listed - stored}
    recent = {key: stamp for key, stamp in found.recent.items() if key[0] not in unreadable and key not in added}
    stored_rows = store.stored(recent)
    candidates: list[tuple[Key, bytes | None]] = [(key, None) for key in sorted(added)]
    for key, stamp in sorted(recent.items()):
        known_stamp, digest, rec = stored_rows.get(key, (None, None, None))
        if rec is None or known_stamp is None or stamp is None or tuple(known_stamp) != stamp:
            candidates.append((key, digest if rec is not None else None))
    return removed, candidates


def _read_all(
    records: str, base: str, candidates: list[tuple[Key, bytes | None]], max_size: int, jobs: int | None, root: str
) -> Iterator[list[tuple]]:
    """Read, hash and (when the content changed) extract the candidates, in batches."""
    chunks = [candidates[i : i + 64] for i in range(0, len(candidates), 64)]
    batch: list[tuple] = []
    if len(candidates) < _PARALLEL_FROM or jobs == 1:
        results = (read_chunk(chunk, records, base, max_size, root) for chunk in chunks)
    else:
        from ..parallel import pool_map

        results = (outcome for _, outcome in pool_map(read_chunk, chunks, (records, base, max_size, root), jobs=jobs))
    for outcomes in results:
        batch += outcomes
        if len(batch) >= _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def read_chunk(
    chunk: list[tuple[Key, bytes | None]], records: str, base: str, max_size: int, root: str | None = None
) -> list[tuple]:
    """(key, stamp, hash, extraction or None when the content is unchanged) for each file; links in the project
    at `root` that lead out of it are not read."""
    from ..diagnostics import Diagnostic
    from ..source import read_source
    from .extract import extract

    out: list[tuple] = []
    folders: dict[str, bool] = {}  # the folders of this batch that stay inside the project, each looked up once
    for key, previous in chunk:
        folder, name = key
        path = os.path.join(records, folder, name) if folder else os.path.join(records, name)
        stamp = _stamp(path)
        display = _path(base, key)
        raw = read_source(Path(path), display, max_size=max_size, within=root, folders=folders)
        if isinstance(raw, Diagnostic):
            stem = name.rsplit(".", 1)[0]
            problem = f"{raw.line}:{raw.col}: {raw.code} {raw.message}"
            out.append(
                (key, None, None, (stem, None, None, None, None, None, False, problem, (), (), ("", "", stem), None))
            )
            continue
        digest = hashlib.blake2b(raw, digest_size=16).digest()
        if previous is not None and digest == previous:
            out.append((key, stamp, digest, None))
        else:
            out.append((key, stamp, digest, extract(raw, display)))
    return out


def _stamp(path: str) -> Stamp | None:
    """The file's stamp, or None while it is too recent to be trusted (it could change again unseen)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    if max(info.st_mtime_ns, info.st_ctime_ns) >= time.time_ns() - MARGIN_NS:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino
