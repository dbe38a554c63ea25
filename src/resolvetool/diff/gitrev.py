"""Record files at git revisions, read safely and in bulk.

A revision is checked with `git rev-parse --verify --end-of-options REV^{commit}` and never placed where
git could read it as an option; files come out of one `git cat-file --batch` process; only the files
`git diff` names are read, so a diff touching 100 records of a 10,000-record tree reads about 200 files.
A shallow clone that lacks the base revision gets an error saying how to fetch it.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from .trees import Side


class GitError(Exception):
    """Something git could not do, said for people; the CLI exits 2 with it."""


def _git(root: Path, *args: str, input: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=root, input=input, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH); diff between revisions needs it") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed")
    return result.stdout


def repository(start: Path) -> Path:
    """The top folder of the git work tree holding `start`."""
    try:
        return Path(_git(start, "rev-parse", "--show-toplevel").decode().strip())
    except GitError:
        raise GitError(f"{start} is not in a git repository; compare two files or folders instead "
                       "(resolvetool diff A B)") from None


def commit(root: Path, revision: str) -> str:
    """The commit a revision names, or a GitError saying what to do."""
    if not revision or revision.startswith("-") or any(ch in revision for ch in "\0\n"):
        raise GitError(f"{revision!r} is not a revision")
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}").decode().strip()
    except GitError:
        pass
    shallow = _git(root, "rev-parse", "--is-shallow-repository").decode().strip() == "true"
    if shallow:
        raise GitError(f"this clone is shallow and does not hold {revision}; fetch it first, for example "
                       f"'git fetch --unshallow' or 'git fetch origin {revision}' (in GitHub Actions: "
                       "actions/checkout with fetch-depth: 0)")
    raise GitError(f"no commit {revision!r} in {root}; 'git log --oneline' lists them, "
                   "'git fetch' brings others' branches")


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
    """The bytes of those paths at a commit (the ones that exist there), through one cat-file process."""
    wanted = sorted(paths)
    if not wanted:
        return {}
    request = "".join(f"{revision}:{path}\n" for path in wanted).encode("utf-8", "surrogateescape")
    output = _git(root, "cat-file", "--batch", input=request)
    side: Side = {}
    position = 0
    for path in wanted:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            side[path] = output[position : position + size]
            position += size + 1
    return side


def read_worktree(root: Path, paths: set[str], within: str) -> Side:
    """The working tree's files (those that exist); links leading out of the project (`within`, a real path)
    are not read."""
    from .trees import read_file

    side: Side = {}
    for path in paths:
        try:
            side[path] = read_file(root / path, within)
        except OSError:
            continue
    return side


def history(root: Path, path: str) -> list[tuple[str, str, str, str]]:
    """(commit, date, subject, the file's name then) of every commit that touched `path`, oldest first, renames
    followed: one `git log`, whose --name-only lines give each commit's name for the file."""
    log = _git(root, "log", "--follow", "--name-only", "--format=%x01%H%x00%as%x00%s", "--", path)
    entries = []
    for block in log.decode("utf-8", "surrogateescape").split("\x01")[1:]:
        header, _, names = block.partition("\n")
        sha, date, subject = header.split("\0", 2)
        name = next((line for line in names.splitlines() if line), path)
        entries.append((sha, date, subject, name))
    return entries[::-1]


def relative(root: Path, folder: Path) -> str:
    return os.path.relpath(os.path.abspath(folder), root).replace(os.sep, "/")
