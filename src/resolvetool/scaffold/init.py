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


def init_repository(folder: Path, *, title: str = "Resolutions", git: bool = True) -> Initialized:
    """Make `folder` (new or empty) a records repository."""
    from ..schema import generate

    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InitError(f"{folder} exists and is not an empty folder; name a new or empty one")
    made = Initialized(folder)

    def write(relative: str, text: str) -> None:
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, text)
        made.files.append(relative)

    for kind_folder in FOLDER_BY_KIND.values():
        write(f"records/{kind_folder}/.gitkeep", "")
    for name, text in sorted(generate().items()):
        write(f"schemas/{name}", text)
    write("resolvetool.toml", _settings(title))
    write(".pre-commit-config.yaml", _pre_commit())
    write(".github/workflows/records.yml", _workflow())
    write(".vscode/settings.json", _editor_settings())
    write(".gitignore", "# The published site (resolvetool render --site site) is built, not kept.\nsite/\n")
    write("README.md", _readme(title))
    if git and shutil.which("git") and not _inside_git(folder):
        made.git = subprocess.run(["git", "init", "-q", "-b", "main", str(folder)], capture_output=True).returncode == 0
    return made


def _inside_git(folder: Path) -> bool:
    found = subprocess.run(["git", "-C", str(folder), "rev-parse", "--is-inside-work-tree"], capture_output=True,
                           text=True)
    return found.returncode == 0 and found.stdout.strip() == "true"


def _settings(title: str) -> str:
    return f"""# resolvetool settings (https://github.com/resolvetool/resolvetool#configuration); every value shown is
# the default unless said otherwise.
records = "records"
schemas = "schemas"
# max-file-size = 1048576   # bytes; larger record files are refused (RT003)
# jobs = 2                  # worker processes (default: one per core)

[render]
site-title = {json.dumps(title)}
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
