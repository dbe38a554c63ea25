"""`resolvetool init DIR`: a new records repository for a secretariat, which passes validate as created.

    DIR/records/<kind folders>/       empty, each kept by a .gitkeep
    DIR/schemas/                      the JSON Schemas the records name on their first line
    DIR/resolvetool.toml              the settings, every one shown with its default
    DIR/.pre-commit-config.yaml       validate, lint and fmt --check before each commit
    DIR/.github/workflows/records.yml the same on every pull request, with the diff in the job summary
    DIR/.vscode/settings.json         records/** mapped to schemas/ for editors without the first-line comment
    DIR/.gitignore, DIR/README.md
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..fileio import atomic_write
from ..kinds import FOLDER_BY_KIND

REPOSITORY = "https://github.com/resolvetool/resolvetool"
ACTION = "resolvetool/resolvetool"


class InitError(Exception):
    """The repository cannot be made there; the message says why."""


@dataclass
class Initialized:
    folder: Path
    files: list[str] = field(default_factory=list)  # written, relative to the folder
    git: bool = False  # a git repository was started
    notes: list[str] = field(default_factory=list)  # what the user should know (a folder inside a repository)


def init_repository(folder: Path, *, title: str = "Resolutions", git: bool = True) -> Initialized:
    """Make `folder` (new or empty) a records repository."""
    from ..schema import generate

    if folder.exists() and not folder.is_dir():
        raise InitError(f"{folder} is a file; name a new or empty folder")
    # A folder holding only hidden entries (a fresh clone's .git) will do; anything else is someone's.
    if folder.is_dir() and any(not entry.name.startswith(".") for entry in folder.iterdir()):
        raise InitError(f"{folder} is not empty; name a new or empty folder (hidden files such as .git may be there)")
    outer = _repository_of(folder.parent if not folder.exists() else folder)
    nested = outer is not None and outer != folder.resolve()
    files = {f"records/{kind_folder}/.gitkeep": "" for kind_folder in FOLDER_BY_KIND.values()}
    files |= {f"schemas/{name}": text for name, text in sorted(generate().items())}
    files |= {"resolvetool.toml": _settings(title), ".vscode/settings.json": _editor_settings(),
              ".gitignore": "# The published site (resolvetool render --site site) is built, not kept.\nsite/\n",
              "README.md": _readme(title)}
    made = Initialized(folder)
    if nested:
        # pre-commit and GitHub read their settings at the repository's root only: written here they would
        # never run. Say where they go instead.
        made.notes.append(f"{folder} is inside the git repository at {outer}: add the hooks to its "
                          f".pre-commit-config.yaml and use the GitHub Action with `path: "
                          f"{os.path.relpath(folder.resolve(), outer)}` (see the README)")
    else:
        files |= {".pre-commit-config.yaml": _pre_commit(), ".github/workflows/records.yml": _workflow()}
    taken = [name for name in files if (folder / name).exists()]
    if taken:
        raise InitError(f"{folder / taken[0]} exists; init writes only into a new or empty folder")
    created_folder = not folder.exists()
    try:
        for relative, text in files.items():
            target = folder / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, text)
            made.files.append(relative)
    except OSError:
        _undo(folder, made.files, created_folder)  # a failed init leaves nothing that would block a retry
        raise
    if git and outer is None and shutil.which("git"):
        made.git = subprocess.run(["git", "init", "-q", "-b", "main", str(folder)], capture_output=True).returncode == 0
    return made


def _undo(folder: Path, written: list[str], created_folder: bool) -> None:
    """Take back a failed init: the folder when init made it, else the files and folders it wrote there."""
    if created_folder:
        shutil.rmtree(folder, ignore_errors=True)
        return
    for relative in written:
        (folder / relative).unlink(missing_ok=True)
    for top in {relative.split("/", 1)[0] for relative in written if "/" in relative}:
        for path, _, _ in sorted(os.walk(folder / top), key=lambda entry: -len(entry[0])):
            try:
                os.rmdir(path)
            except OSError:  # not empty: not only ours
                pass


def _repository_of(folder: Path) -> Path | None:
    """The root of the git work tree holding `folder` (the nearest existing folder up), if any."""
    while not folder.exists():
        folder = folder.parent
    if not shutil.which("git"):
        return None
    found = subprocess.run(["git", "-C", str(folder), "rev-parse", "--show-toplevel"], capture_output=True, text=True)
    return Path(found.stdout.strip()).resolve() if found.returncode == 0 and found.stdout.strip() else None


def _settings(title: str) -> str:
    return f"""# resolvetool settings (https://github.com/resolvetool/resolvetool#configuration); every value shown is
# the default unless said otherwise.
records = "records"
schemas = "schemas"
# max-file-size = 1048576   # bytes; larger record files are refused (RT003)
# jobs = 2                  # worker processes (default: one per core)

[render]
site-title = {json.dumps(title, ensure_ascii=False)}
# akn-country = "un"        # the country or organization code of Akoma Ntoso URIs
# akn-language = "eng"
# templates = "templates"   # a folder whose templates replace resolvetool's by name

[lint]
# select = ["RT3"]          # the drafting rules to run (default: all)
# ignore = []
"""


def _pre_commit() -> str:
    return f"""# Checks before each commit: `pip install pre-commit && pre-commit install`.
# validate and lint look at the whole tree whenever a record changes (one file's change can break
# another's references); fmt --check names records not in canonical form (`resolvetool fmt` fixes them).
repos:
  - repo: {REPOSITORY}
    rev: v{__version__}
    hooks:
      - id: resolvetool-validate
      - id: resolvetool-lint
      - id: resolvetool-fmt
"""


def _workflow() -> str:
    return f"""# Every pull request: validate and lint with annotations on the changed lines, and what the pull
# request changes, record by record, in the job summary.
name: records
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # the diff compares with where the branch left main
      - uses: {ACTION}@v{__version__}
"""


def _editor_settings() -> str:
    """VS Code's YAML extension: each kind's folder mapped to its schema (the first-line comment does the
    same for any editor using the YAML language server)."""
    mapping = {f"./schemas/{kind}.schema.json": [f"records/{folder}/**/*.yaml"]
               for kind, folder in FOLDER_BY_KIND.items()}
    return json.dumps({"yaml.schemas": mapping, "files.insertFinalNewline": True}, indent=2) + "\n"


def _readme(title: str) -> str:
    return f"""# {title}

The record of what was decided: resolutions, the agreements they approve, the reports they examine and the
sessions where they were adopted, one YAML file each under `records/`, kept with
[resolvetool]({REPOSITORY}).

```sh
python -m pip install resolvetool
resolvetool new resolution --session <session id> --title "..."   # a new record, valid at once
resolvetool import text.txt                                         # or one from a plain-text resolution
resolvetool validate                                                # check every record
resolvetool render --site site                                      # publish
```
"""
