"""`resolvetool init DIR`: a new records repository for a secretariat, which passes validate as created.

    DIR/records/<kind folders>/       empty, each kept by a .gitkeep
    DIR/schemas/                      the JSON Schemas the records name on their first line
    DIR/resolvetool.toml              the settings, every one shown with its default; [ci] install
    DIR/.pre-commit-config.yaml       validate, lint and fmt --check before each commit (`repo: local` hooks
                                      running the installed resolvetool: nothing to fetch)
    DIR/.github/workflows/records.yml the same on every pull request, with the diff in the job summary;
                                      resolvetool installed from the [ci] install setting
    DIR/.vscode/settings.json         records/** mapped to schemas/ for editors without the first-line comment
    DIR/.gitignore, DIR/README.md     the README says how to install resolvetool and wire the hooks

What the files name must exist on the day they are written: no remote hook repository, no published Action
and no package index is assumed. [ci] install is filled from where the running resolvetool was installed
(PEP 610's direct_url.json): a VCS URL at its commit, an archive URL, or a version from a package index. A
local folder (an editable install, a checkout) cannot be reached from CI: then the setting holds a
placeholder that the workflow refuses with a message saying what to write, and init says so.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ResolvetoolError
from ..fileio import write_files
from ..kinds import FOLDER_BY_KIND

# What [ci] install holds when init cannot know a source CI can reach. No pip requirement starts with "<", so
# the workflow tells the placeholder from a real value by its first character.
INSTALL_PLACEHOLDER = "<a pip requirement CI can install resolvetool from: see the comment above>"


class InitError(ResolvetoolError):
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
    # pre-commit and GitHub read their settings at the repository's root only: inside another repository they
    # would never run, so the README says what to add at the root instead, with the project's path filled in.
    project = os.path.relpath(folder.resolve(), outer) if outer is not None and outer != folder.resolve() else None
    source = install_source()
    files = {f"records/{kind_folder}/.gitkeep": "" for kind_folder in FOLDER_BY_KIND.values()}
    files |= {f"schemas/{name}": text for name, text in sorted(generate().items())}
    files |= {
        "resolvetool.toml": _settings(title, source),
        ".vscode/settings.json": _editor_settings(),
        ".gitignore": "# The published site (resolvetool render --site site) is built, not kept.\nsite/\n",
        "README.md": _readme(title, source, project),
    }
    made = Initialized(folder)
    if project is not None:
        made.notes.append(
            f"{folder} is inside the git repository at {outer}: pre-commit and GitHub read their "
            f"settings only at its root, so no hooks or workflow were written; "
            f"{folder / 'README.md'} shows what to add there (with --root {shlex.quote(project)})"
        )
    else:
        files |= {".pre-commit-config.yaml": _pre_commit(), ".github/workflows/records.yml": _workflow()}
    if source.requirement is None:
        made.notes.append(
            f"{source.origin}: set `install` in the `ci` table of {folder / 'resolvetool.toml'} to "
            f"a source CI can install resolvetool from (a git URL at a tag, a wheel's URL); the "
            f"workflow stops at its install step until then"
        )
    taken = [name for name in files if (folder / name).exists()]
    if taken:
        raise InitError(f"{folder / taken[0]} exists; init writes only into a new or empty folder")
    created_folder = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Every file or none: a full disk leaves nothing that would block a retry. Never through a link.
        write_files(folder, {folder / relative: text for relative, text in files.items()})
    except BaseException:
        if created_folder:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    made.files += list(files)
    if git and outer is None and shutil.which("git"):
        # "--": a folder named "-x" is a folder, not an option of git's.
        started = subprocess.run(["git", "init", "-q", "-b", "main", "--", str(folder)], capture_output=True)
        made.git = started.returncode == 0
        if not made.git:
            why = started.stderr.decode("utf-8", "replace").strip().splitlines()
            made.notes.append(
                f"no git repository was started ({why[-1] if why else 'git init failed'}); run 'git init' in {folder}"
            )
    return made


def _repository_of(folder: Path) -> Path | None:
    """The root of the git work tree holding `folder` (the nearest existing folder up), if any."""
    while not folder.exists():
        folder = folder.parent
    if not shutil.which("git"):
        return None
    found = subprocess.run(["git", "-C", str(folder), "rev-parse", "--show-toplevel"], capture_output=True, text=True)
    return Path(found.stdout.strip()).resolve() if found.returncode == 0 and found.stdout.strip() else None


@dataclass(frozen=True)
class InstallSource:
    """Where CI can install resolvetool from: a pip requirement, or None when it cannot be known from here."""

    requirement: str | None
    origin: str  # how the running resolvetool was installed, said plainly


def install_source() -> InstallSource:
    """Where the running resolvetool was installed from, as a requirement CI can install: what pip recorded of
    the installation (PEP 610's direct_url.json), or a version from a package index when it recorded nothing."""
    from importlib import metadata

    running = Path(__file__).resolve().parents[1]
    try:
        distribution = metadata.distribution("resolvetool")
        recorded = json.loads(distribution.read_text("direct_url.json") or "null")
    except metadata.PackageNotFoundError:
        distribution, recorded = None, None
    except ValueError:  # a damaged record: claim nothing
        recorded = {}
    editable = isinstance(recorded, dict) and "dir_info" in recorded
    # The package found by that name must be the one running (not, say, an older one beside a source checkout).
    if distribution is None or not (
        editable or Path(str(distribution.locate_file("resolvetool"))).resolve() == running
    ):
        return InstallSource(
            None,
            f"this resolvetool runs from {_said(str(running))}, not from an installed "
            f"package, so where CI could install it from is not known",
        )
    if recorded is None:
        return InstallSource(
            f"resolvetool=={distribution.version}",
            f"resolvetool {distribution.version} was installed from a package index; CI's pip "
            f"must reach the same index",
        )
    return _recorded_source(recorded)


def _recorded_source(recorded: dict) -> InstallSource:
    """A PEP 610 record as a requirement, when it names a place CI can reach (not a file on this machine)."""
    url = str(recorded.get("url", ""))
    if not url or url.startswith("file:"):
        place = _said(url.removeprefix("file://")) or "a place pip did not record"
        if "dir_info" in recorded:
            how = " (editable)" if recorded["dir_info"].get("editable") else ""
            return InstallSource(None, f"resolvetool was installed from the folder {place}{how}, which CI cannot reach")
        return InstallSource(None, f"resolvetool was installed from {place} on this machine, which CI cannot reach")
    fragment = [f"subdirectory={recorded['subdirectory']}"] if recorded.get("subdirectory") else []
    if "vcs_info" in recorded:
        vcs = recorded["vcs_info"]
        revision = vcs.get("commit_id") or vcs.get("requested_revision")
        at = f"@{revision}" if revision else ""
        return InstallSource(
            f"resolvetool @ {vcs.get('vcs', 'git')}+{url}{at}{_fragment(fragment)}",
            f"resolvetool was installed from {_said(url)}" + (f" at {revision}" if revision else ""),
        )
    hashes = recorded.get("archive_info", {}).get("hashes") or {}
    if "sha256" in hashes:
        fragment.insert(0, f"sha256={hashes['sha256']}")
    return InstallSource(f"resolvetool @ {url}{_fragment(fragment)}", f"resolvetool was installed from {_said(url)}")


def _fragment(parts: list[str]) -> str:
    return "#" + "&".join(parts) if parts else ""


def _said(text: str) -> str:
    """`text` on one line, for a message or a TOML comment."""
    return re.sub(r"[\x00-\x1f\x7f]", "?", text)


def _settings(title: str, source: InstallSource) -> str:
    install = source.requirement or INSTALL_PLACEHOLDER
    found = f"init found that {source.origin}" + (
        "."
        if source.requirement
        else ": name a source it can reach; until then the workflow stops at its install step, saying so."
    )
    return f"""# resolvetool settings (resolvetool's README, "Configuration"); every value shown is the default unless
# said otherwise.
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

[ci]
# What the GitHub workflow (.github/workflows/records.yml) installs resolvetool from: anything
# `pip install` takes that the runner can reach, such as
# "resolvetool @ git+https://github.com/ORG/resolvetool@v0.1.0" or a wheel's https URL.
{_comment(found)}
install = {json.dumps(install, ensure_ascii=False)}
"""


def _comment(text: str, width: int = 110) -> str:
    return "\n".join(
        f"# {line}" for line in textwrap.wrap(_said(text), width - 2, break_long_words=False, break_on_hyphens=False)
    )


# The hooks of resolvetool's .pre-commit-hooks.yaml as local hooks, run by the resolvetool installed where the
# commit is made (language: system): nothing to fetch, no repository or tag to name. A test keeps them alike.
_HOOKS = (
    ("resolvetool-validate", "resolvetool validate", "validate", True),
    ("resolvetool-lint", "resolvetool lint", "lint", True),
    ("resolvetool-fmt", "resolvetool fmt --check", "fmt --check", False),
)


def _pre_commit(project: str = ".") -> str:
    """`.pre-commit-config.yaml` for the project at `project` (relative to the repository's root)."""
    root = "" if project == "." else f" --root {shlex.quote(project)}"
    records = (r"(^|/)records/" if project == "." else "^" + re.escape(project) + "/records/") + r".*\.ya?ml$"
    hooks = []
    for hook_id, name, command, whole_tree in _HOOKS:
        hooks.append(
            f"      - id: {hook_id}\n        name: {name}\n"
            f"        entry: {json.dumps(f'resolvetool{root} {command}')}\n        language: system\n"
        )
        hooks.append(
            "        always_run: true\n        pass_filenames: false\n        require_serial: true\n"
            if whole_tree
            else f"        files: {json.dumps(records)}\n"
        )
    return """# Checks before each commit, run by the resolvetool installed where you commit (README.md says how):
#   python -m pip install pre-commit && pre-commit install
# validate and lint look at the whole tree on every commit (one file's change can break another's
# references; unchanged files come from the cache); fmt --check names the committed records that are not
# in canonical form (`resolvetool fmt` rewrites them).
repos:
  - repo: local
    hooks:
""" + "".join(hooks)


# The workflow's steps, inline (no published Action is assumed). Nothing from the event reaches a script as
# text: the base branch comes in through the environment, so a branch name cannot become a command.
_WORKFLOW = r"""# Every pull request and push to main: validate and lint with annotations on the changed lines, and on pull
# requests what the pull request changes, record by record, in the job summary. resolvetool is installed
# from the [ci] install setting of resolvetool.toml: change it there, not here.
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
    defaults:
      run:
        shell: bash
        working-directory: @PROJECT@  # the folder holding resolvetool.toml, from the repository's root
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # the diff compares with where the branch left its base
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Install resolvetool
        id: install
        run: |
          python - <<'PY'
          import os, sys, tomllib
          from pathlib import Path

          # The settings as resolvetool reads them: resolvetool.toml, else [tool.resolvetool] in pyproject.toml.
          path = Path("resolvetool.toml") if Path("resolvetool.toml").is_file() else Path("pyproject.toml")
          shown = os.path.relpath(path.resolve(), os.environ.get("GITHUB_WORKSPACE", "."))
          try:
              values = tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
          except (OSError, ValueError) as error:
              print(f"::error file={shown}::cannot read {shown}: {error}")
              sys.exit(1)
          if "tool" in values or path.name == "pyproject.toml":
              values = values.get("tool", {}).get("resolvetool", {} if path.name == "pyproject.toml" else values)
          install = values.get("ci", {}).get("install", "")
          if not isinstance(install, str) or not install.strip() or install.strip().startswith("<"):
              print(f"::error file={shown},title=resolvetool is not installed::[ci] install in {shown} does not say "
                    "where to install resolvetool from. Set it to a pip requirement this runner can reach, such as "
                    "install = \"resolvetool @ git+https://github.com/ORG/resolvetool@v0.1.0\" or a wheel's URL.")
              sys.exit(1)
          print(f"pip install {install.strip()} (the [ci] install setting of {shown})", flush=True)
          os.execv(sys.executable, [sys.executable, "-m", "pip", "install", "--quiet",
                                    "--disable-pip-version-check", install.strip()])
          PY
      - name: Validate the records
        if: ${{ !cancelled() && steps.install.outcome == 'success' }}
        run: resolvetool validate --format github
      - name: Lint the records
        if: ${{ !cancelled() && steps.install.outcome == 'success' }}
        run: resolvetool lint --format github
      - name: Summarise what changed
        if: ${{ !cancelled() && steps.install.outcome == 'success' && github.event_name == 'pull_request' }}
        env:
          BASE: ${{ github.base_ref }}
        run: |
          if git rev-parse --verify --quiet "origin/$BASE^{commit}" >/dev/null; then
            base="origin/$BASE"
          elif git rev-parse --verify --quiet "$BASE^{commit}" >/dev/null; then
            base="$BASE"
          else
            git fetch --quiet --no-tags origin "$BASE"
            base=FETCH_HEAD
          fi
          # Compare with where the branch left its base when the history allows, else with the base's tip.
          from=$(git merge-base "$base" HEAD 2>/dev/null || git rev-parse "$base")
          resolvetool diff --base "$from" --format markdown >> "$GITHUB_STEP_SUMMARY"
"""  # noqa: E501 (the file as init writes it, whose first comment line is long)


def _workflow(project: str = ".") -> str:
    """`.github/workflows/records.yml` for the project at `project` (relative to the repository's root)."""
    return _WORKFLOW.replace("@PROJECT@", json.dumps(project))


def _editor_settings() -> str:
    """VS Code's YAML extension: each kind's folder mapped to its schema (the first-line comment does the
    same for any editor using the YAML language server)."""
    mapping = {
        f"./schemas/{kind}.schema.json": [f"records/{folder}/**/*.yaml"] for kind, folder in FOLDER_BY_KIND.items()
    }
    return json.dumps({"yaml.schemas": mapping, "files.insertFinalNewline": True}, indent=2) + "\n"


def _readme(title: str, source: InstallSource, project: str | None) -> str:
    """The repository's README: how to install resolvetool and wire the checks, truthfully, and the
    everyday commands. `project` is the folder's path from the root of the repository it sits in, if any."""
    if source.requirement:
        install = (
            f"```sh\npython -m pip install {shlex.quote(source.requirement)}\n```\n\n"
            f"That is where the resolvetool that started this repository came from ({source.origin}); the "
            f"GitHub workflow installs the same, from `[ci] install` in `resolvetool.toml`."
        )
    else:
        install = (
            "resolvetool is not on a public package index: install it from a clone of its repository or a "
            "wheel built from it (`python -m pip install ./resolvetool`, or the wheel's file), and write in "
            "`[ci] install` of `resolvetool.toml` a source the GitHub runner can reach too, such as "
            "`resolvetool @ git+https://github.com/ORG/resolvetool@v0.1.0` or a wheel's https URL. Until "
            "then the workflow stops at its install step and says so."
        )
    install = "\n\n".join(
        paragraph
        if paragraph.startswith("```")
        else textwrap.fill(paragraph, 110, break_long_words=False, break_on_hyphens=False)
        for paragraph in install.split("\n\n")
    )
    if project is None:
        checks = """## Checks before each commit

```sh
python -m pip install pre-commit
pre-commit install
```

`.pre-commit-config.yaml` runs the `resolvetool` installed above (local hooks: nothing is downloaded):
validate and lint on every commit, over the whole tree, and `fmt --check` on the records being committed.
`pre-commit run --all-files` runs them now.

## Checks on GitHub

`.github/workflows/records.yml` runs on every pull request and push to main: it installs resolvetool from
`[ci] install` in `resolvetool.toml`, runs validate and lint with annotations on the changed lines and, on
pull requests, writes what changed, record by record, into the job summary.
"""
    else:
        checks = f"""## Checks before each commit and on GitHub

This folder sits inside a git repository, and pre-commit and GitHub read their settings only at the
repository's root, so add these there. In the root's `.pre-commit-config.yaml` (then `pre-commit install`),
the hooks run the installed `resolvetool` on this folder:

```yaml
{_pre_commit(project)}```

and as `.github/workflows/records.yml` at the root (it installs resolvetool from `[ci] install` in this
folder's `resolvetool.toml`):

```yaml
{_workflow(project)}```
"""
    return f"""# {title}

The record of what was decided: resolutions, the agreements they approve, the reports they examine and the
sessions where they were adopted, one YAML file each under `records/`, checked and published with
resolvetool.

## Installing resolvetool

resolvetool needs Python 3.11 or newer.

{install}

{checks}
## Everyday commands

```sh
resolvetool new resolution --session <session id> --title "..."   # a new record, valid at once
resolvetool import text.txt                                         # or one from a plain-text resolution
resolvetool validate                                                # check every record
resolvetool fmt                                                     # canonical form, comments kept
resolvetool render --site site                                      # publish
```
"""
