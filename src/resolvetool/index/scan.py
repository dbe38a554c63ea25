"""What changed in the records tree since the index last looked, found from file and folder stamps.

Every command that reads the index first checks every record file, because a file edited in place
changes nothing but its own stamp. The check is made as cheap as the operating system allows:

- a folder whose stamp (modification and change times, inode) is unchanged, and whose change time is
  older than the previous check, has the same entries as before; other folders are listed again and
  every file in them is compared with what was indexed (files added, removed or renamed, files replaced
  by a new one as git, `fmt` and safe-saving editors do, folders renamed or swapped for others);
- a file is examined only when its change time (which no tool can set back) is at or after the start
  of the previous check, less a margin for the file system's coarse clock; at 100,000 records that
  leaves a stat per file and no reading;
- on Linux the stats are spread over forked processes, one per core: they are system calls, and a
  process per core runs them side by side.
"""

from __future__ import annotations

import marshal
import os
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

YAML_SUFFIXES = (".yaml", ".yml")
MARGIN_NS = 3_000_000_000  # a file changed this long before the last check started is examined again
_FORK_FROM = 20_000  # below this many files, forking costs more than the stats it would share out

Stamp = tuple[int, int, int, int]  # size, modification and change times (ns), inode
FolderStamp = tuple[int, int, int]  # modification and change times (ns), inode
Known = dict[str, tuple[FolderStamp, int]]  # folder -> (stamp, record files) at the last check


@dataclass
class Scan:
    """What the stats found. Folder paths are relative to the records folder ("" for itself)."""

    started: int  # time.time_ns() when the check began: the next check's reference point
    folders: Known = field(default_factory=dict)  # folder -> (stamp, record files) now
    listed: dict[str, list[str]] = field(default_factory=dict)  # folders whose entries may have changed -> names
    recent: dict[tuple[str, str], Stamp | None] = field(default_factory=dict)  # (folder, name) -> stamp (None: no stat)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (folder, reason): keep what was known


def scan(
    records: str, known: Known, since: int, *, expected_files: int = 0, clock: Callable[[], int] | None = None
) -> Scan:
    """Stat the records tree. `known` is every folder's (stamp, count) at the last check; files whose stamps
    are at or after `since`, and every file of a folder listed again, are reported in `recent` (since=0
    reports every file)."""
    import time

    result = Scan(started=(clock or time.time_ns)())
    folders = _folders(records, known, since, result)
    work = [(folder, folder in result.listed) for folder in folders]
    if _can_fork() and max(expected_files, sum(known.get(f, (0, 0))[1] for f in folders)) >= _FORK_FROM:
        parts = _forked(records, work, since, {folder: count for folder, (_, count) in known.items()})
    else:
        parts = [_stat_folders(records, work, since)]
    for counts, listed, recent, unreadable in parts:
        for folder, count in counts.items():
            result.folders[folder] = (result.folders[folder][0], count)
        result.listed.update(listed)
        result.recent.update({(folder, name): stamp for folder, name, stamp in recent})
        result.unreadable += unreadable
    for folder, (_, count) in result.folders.items():
        # A file system whose folder times do not move (some network ones) is caught by the count.
        if folder not in result.listed and folder in known and known[folder][1] != count:
            names, _ = _list(os.path.join(records, folder) if folder else records)
            result.listed[folder] = names
    return result


def _folders(records: str, known: Known, since: int, result: Scan) -> list[str]:
    """Every folder of the tree, found from the last check's list: an unchanged folder has the same
    subfolders. Changed and new folders are marked to be listed."""
    pending = sorted(known) if known else [""]
    if "" not in known:
        pending = ["", *pending]
    seen: set[str] = set()
    while pending:
        folder = pending.pop()
        if folder in seen:
            continue
        seen.add(folder)
        path = os.path.join(records, folder) if folder else records
        try:  # records/ itself may be a link; a linked folder inside it is not followed (as corpus.discover)
            info = os.stat(path) if not folder else os.lstat(path)
        except OSError:
            continue  # gone: its files are removed
        if not stat.S_ISDIR(info.st_mode):
            continue  # no longer a folder
        previous = known.get(folder)
        stamp = (info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        result.folders[folder] = (stamp, previous[1] if previous else 0)
        # A folder's times can be set back, and two changes can fall in one tick of the file system's
        # clock: only a stamp that is the same and older than the last check shows nothing changed.
        if previous is not None and tuple(previous[0]) == stamp and max(stamp[:2]) < since:
            continue
        result.listed[folder] = []  # filled by the stat pass
        try:
            with os.scandir(path) as entries:
                for entry in entries:
                    if not entry.name.startswith(".") and entry.is_dir(follow_symlinks=False):
                        pending.append(f"{folder}/{entry.name}" if folder else entry.name)
        except OSError as error:
            result.unreadable.append((folder, error.strerror or str(error)))
    return sorted(result.folders)


def _list(path: str) -> tuple[list[str], str | None]:
    try:
        with os.scandir(path) as entries:
            return sorted(e.name for e in entries if _is_record_name(e.name)), None
    except OSError as error:
        return [], error.strerror or str(error)


def _is_record_name(name: str) -> bool:
    return name.endswith(YAML_SUFFIXES) and not name.startswith(".")  # as corpus.discover, and the loop below


def _stat_folders(records: str, work: list[tuple[str, bool]], since: int) -> tuple:
    """(record files per folder, names of folders to list, recent files (all of a folder listed again),
    unreadable folders).

    The inner loop runs once per record file on every command: it is written for speed."""
    counts: dict[str, int] = {}
    listed: dict[str, list[str]] = {}
    recent: list[tuple[str, str, Stamp | None]] = []
    unreadable: list[tuple[str, str]] = []
    by_descriptor = os.scandir in os.supports_fd
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    for folder, list_names in work:
        path = os.path.join(records, folder) if folder else records
        descriptor = None
        names: list[str] = []
        keep = names.append
        try:
            if by_descriptor:  # each stat then names the file alone, not its whole path again
                descriptor = os.open(path, flags)
            with os.scandir(path if descriptor is None else descriptor) as entries:
                for entry in entries:
                    name = entry.name
                    if not name.endswith(YAML_SUFFIXES) or name[0] == ".":
                        continue
                    keep(name)
                    try:
                        info = entry.stat()
                    except OSError:
                        recent.append((folder, name, None))  # a broken link: the reader says why
                        continue
                    if list_names or info.st_ctime_ns >= since or info.st_mtime_ns >= since:
                        recent.append((folder, name, (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)))
        except OSError as error:
            unreadable.append((folder, error.strerror or str(error)))
            continue
        finally:
            if descriptor is not None:
                os.close(descriptor)
        counts[folder] = len(names)
        if list_names:
            listed[folder] = sorted(names)
    return counts, listed, recent, unreadable


def _shares(work: list[tuple[str, bool]], sizes: dict[str, int], parts: int) -> list[list[tuple[str, bool]]]:
    """The folders dealt out so that each process stats about as many files (largest first, to the
    least loaded)."""
    shares: list[list[tuple[str, bool]]] = [[] for _ in range(parts)]
    loads = [0] * parts
    for item in sorted(work, key=lambda item: -sizes.get(item[0], 0)):
        lightest = loads.index(min(loads))
        shares[lightest].append(item)
        loads[lightest] += sizes.get(item[0], 0) + 1
    return shares


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def _forked(records: str, work: list[tuple[str, bool]], since: int, sizes: dict[str, int]) -> list[tuple]:
    """The stat pass in one process per core, each taking every n-th folder; results come back marshalled
    through a pipe. A child that fails is redone here, so a failure only costs time."""
    try:
        jobs = min(len(os.sched_getaffinity(0)), 8)
    except AttributeError:
        jobs = os.cpu_count() or 1
    if jobs <= 1:
        return [_stat_folders(records, work, since)]
    shares = _shares(work, sizes, jobs)
    children = []
    for share in shares[1:]:
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: stat, write, leave at once (no cleanup of the parent's state)
            try:
                os.close(reader)
                data = marshal.dumps(_stat_folders(records, share, since))
                with os.fdopen(writer, "wb") as stream:
                    stream.write(data)
            finally:
                os._exit(0)
        os.close(writer)
        children.append((pid, reader, share))
    results = [_stat_folders(records, shares[0], since)]
    for pid, reader, share in children:
        with os.fdopen(reader, "rb") as stream:
            data = stream.read()
        os.waitpid(pid, 0)
        try:
            results.append(marshal.loads(data))
        except (EOFError, ValueError, TypeError):
            results.append(_stat_folders(records, share, since))
    return results
