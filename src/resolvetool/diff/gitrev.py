"""Record files at git revisions, read safely and in bulk.

A revision is checked with `git rev-parse --verify --end-of-options REV^{commit}` and never placed where
git could read it as an option; files come out of one `git cat-file --batch` process; only the files
`git diff` names are read, so a diff touching 100 records of a 10,000-record tree reads about 200 files.
A shallow clone that lacks the base revision gets an error saying how to fetch it.

A file name may hold any byte but NUL (a newline, a tab, bytes that are not UTF-8), so names pass between git
and resolvetool NUL-separated (`-z`) and literally (`--literal-pathspecs`: `*` or `[` in a name is no pattern),
and `cat-file` is given blob ids alone: `git ls-tree -z` finds them, whereas `cat-file --batch` reads
`REV:path` requests one per line (its `-z` needs git 2.38 or later).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

from ..errors import ResolvetoolError
from .trees import Side


class GitError(ResolvetoolError):
    """Something git could not do, said for people; the CLI exits 2 with it."""


def _git(root: Path, *args: str, input: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(
            ["git", "--literal-pathspecs", *args], cwd=root, input=input, capture_output=True, check=False
        )
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH); diff between revisions needs it") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed")
    return result.stdout


def repository(start: Path) -> Path:
    """The top folder of the git work tree holding `start`."""
    try:
        return Path(os.fsdecode(_git(start, "rev-parse", "--show-toplevel").removesuffix(b"\n")))
    except GitError:
        raise GitError(
            f"{start} is not in a git repository; compare two files or folders instead (resolvetool diff A B)"
        ) from None


def commit(root: Path, revision: str) -> str:
    """The commit a revision names, or a GitError saying what to do."""
    if not revision or revision.startswith("-") or any(ch in revision for ch in "\0\n"):
        raise GitError(f"{revision!r} is not a revision")
    try:
        return (
            _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
            .decode()
            .strip()
        )
    except GitError:
        pass
    shallow = _git(root, "rev-parse", "--is-shallow-repository").decode().strip() == "true"
    if shallow:
        raise GitError(
            f"this clone is shallow and does not hold {revision}; fetch it first, for example "
            f"'git fetch --unshallow' or 'git fetch origin {revision}' (in GitHub Actions: "
            "actions/checkout with fetch-depth: 0)"
        )
    raise GitError(
        f"no commit {revision!r} in {root}; 'git log --oneline' lists them, 'git fetch' brings others' branches"
    )


def changed_paths(root: Path, base: str, head: str | None, folder: str) -> set[str]:
    """Paths under `folder` (relative to the repository) that differ between base and head (or the working
    tree, untracked files included)."""
    args = ["diff", "--name-only", "-z", "--no-renames", base] + ([head] if head else []) + ["--", folder]
    paths = {p for p in _git(root, *args).decode("utf-8", "surrogateescape").split("\0") if p}
    if head is None:
        others = _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", folder)
        paths |= {p for p in others.decode("utf-8", "surrogateescape").split("\0") if p}
    return {p for p in paths if p.endswith((".yaml", ".yml"))}


def read_at(root: Path, revision: str, paths: set[str]) -> Side:
    """The bytes of those paths at a commit (the ones that exist there): their blob ids from `git ls-tree`,
    the blobs through one cat-file process."""
    blobs = _blob_ids(root, revision, paths)
    if not blobs:
        return {}
    wanted = sorted(set(blobs.values()))
    output = _git(root, "cat-file", "--batch", input=b"".join(blob + b"\n" for blob in wanted))
    contents: dict[bytes, bytes] = {}
    position = 0
    for blob in wanted:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            contents[blob] = output[position : position + size]
            position += size + 1
    return {path: contents[blob] for path, blob in blobs.items() if blob in contents}


def _blob_ids(root: Path, revision: str, paths: set[str]) -> dict[str, bytes]:
    """path -> blob id at a commit, of those paths that are files there."""
    blobs: dict[str, bytes] = {}
    for batch in _batches(sorted(paths)):
        listing = _git(root, "ls-tree", "-r", "-z", "--full-tree", revision, "--", *batch)
        for entry in listing.split(b"\0"):
            info, _, name = entry.partition(b"\t")
            fields, path = info.split(), os.fsdecode(name)
            if len(fields) == 3 and fields[1] == b"blob" and path in paths:
                blobs[path] = fields[2]
    return blobs


def _batches(paths: list[str], limit: int = 100_000) -> Iterator[list[str]]:
    """The paths in runs of at most `limit` characters, well under the system's limit on a command line."""
    batch: list[str] = []
    size = 0
    for path in paths:
        if batch and size + len(path) > limit:
            yield batch
            batch, size = [], 0
        batch.append(path)
        size += len(path) + 1
    if batch:
        yield batch


def read_worktree(root: Path, paths: set[str], within: str, max_size: int) -> Side:
    """The working tree's files (those that exist); links leading out of the project (`within`, a real path)
    and files over `max_size` bytes are not read."""
    from .trees import read_file

    side: Side = {}
    for path in paths:
        try:
            side[path] = read_file(root / path, within, max_size=max_size)
        except FileNotFoundError:  # deleted in the working tree
            continue
    return side


def history(root: Path, path: str) -> list[tuple[str, str, str, str]]:
    """(commit, date, subject, the file's name then) of every commit that touched `path`, oldest first, renames
    followed: one `git log -z`, whose --name-only part gives each commit's name for the file.

    Each commit comes out as `\\x01SHA NUL DATE NUL SUBJECT NUL`, then (if it named files) a newline and each
    name followed by NUL: a subject and a name hold no NUL, so the fields are read by position."""
    log = _git(root, "log", "--follow", "--name-only", "-z", "--format=%x01%H%x00%as%x00%s", "--", path)
    fields = log.split(b"\0")
    entries = []
    at = 0
    while at + 2 < len(fields) and fields[at].startswith(b"\x01"):
        sha, date, subject = (os.fsdecode(field) for field in (fields[at][1:], fields[at + 1], fields[at + 2]))
        at += 3
        name = path
        if at < len(fields) and fields[at].startswith(b"\n"):
            name = os.fsdecode(fields[at][1:])
            at += 1
        while at < len(fields) and fields[at] and not fields[at].startswith(b"\x01"):
            at += 1  # another name of that commit (a merge's): the first is the file's
        entries.append((sha, date, subject, name))
    return entries[::-1]


def relative(root: Path, folder: Path) -> str:
    return os.path.relpath(os.path.abspath(folder), root).replace(os.sep, "/")
