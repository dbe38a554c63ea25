"""No test reads outside the repository: a user's clone has nothing beside it.

`install` adds an audit hook (PEP 578) that makes every open or listing of a path *beside* the repository (under
the folder holding it, not inside it) fail at once with ReadOutsideRepository, naming the path. conftest installs
it before any test module is imported, so a test that would pass here, reading a folder beside the clone, and
fail on a fresh clone fails here too, at collection or in the test.

Let through, since they are not project data: Python's own files (the interpreter's prefixes and every sys.path
folder, such as a virtual environment or an editable install's src/ kept beside the clone), the temporary
folders (pytest's included, wherever the temporary folder is), and hidden entries (~/.cache, ~/.local when the
clone sits in a home folder). Subprocesses are not watched: the paths they get are built from the same constants.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

# Audit events that name a path about to be read, written or listed (open covers io.open, os.open and the
# import system's open_code; Path.glob, os.walk and shutil.copytree list through os.scandir).
_WATCHED = frozenset({"open", "os.listdir", "os.scandir"})
_installed: list[Path] = []


class ReadOutsideRepository(Exception):
    """A test opened or listed a path beside the repository, which a fresh clone does not have."""


def install(repository: Path) -> bool:
    """Watch reads for the repository at `repository` (once per process); False where nothing can be beside
    it (a repository at the filesystem's root)."""
    if _installed:
        return True
    repository_text = os.path.normpath(str(repository))
    beside = os.path.dirname(repository_text)
    if beside == os.path.dirname(beside):
        return False
    beside_prefix = beside + os.sep
    inside_prefix = repository_text + os.sep
    temporary = {os.path.normpath(tempfile.gettempdir()), os.path.realpath(tempfile.gettempdir())}

    def let_through(path: str) -> bool:
        if path[len(beside_prefix) :].startswith("."):
            return True
        if any(path.startswith(os.path.join(folder, "pytest-of-")) for folder in temporary):
            return True
        for folder in (sys.prefix, sys.base_prefix, sys.exec_prefix, *sys.path, *temporary):
            if not folder or not os.path.isabs(folder):
                continue
            folder = os.path.normpath(folder)
            if inside_prefix.startswith(folder + os.sep):
                continue  # a folder holding the repository would let everything beside it through
            if path == folder or path.startswith(folder + os.sep):
                return True
        return False

    def guard(event: str, args: tuple) -> None:
        if event not in _WATCHED or not args or args[0] is None or isinstance(args[0], int):
            return
        try:
            path = os.fsdecode(args[0])
            path = os.path.normpath(path if os.path.isabs(path) else os.path.join(os.getcwd(), path))
        except (OSError, TypeError, ValueError):
            return
        if (
            not path.startswith(beside_prefix)
            or path == repository_text
            or path.startswith(inside_prefix)
            or let_through(path)
        ):
            return
        raise ReadOutsideRepository(
            f"a test reached {path}, outside the repository {repository_text}: a fresh clone has nothing beside "
            f"it. Copy what the test needs into tests/ (as tests/corpus/ holds the corpus texts, with their "
            f"provenance in tests/corpus/SOURCES.md)"
        )

    sys.addaudithook(guard)
    _installed.append(Path(repository_text))
    return True
