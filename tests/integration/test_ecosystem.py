"""The ecosystem around the command line: pre-commit hooks (run from this repository, as a hooks repository at
a revision, against a sample records repository), the GitHub Action's steps run as a runner would run them,
and the annotations they print. (`init` and `new` themselves are tests/cli/test_init_new.py's.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import GIT, REPO, git


@pytest.fixture
def records_repository(tmp_path: Path) -> Path:
    """A secretariat's repository: the bundled records, committed."""
    folder = tmp_path / "secretariat"
    shutil.copytree(REPO / "records", folder / "records")
    shutil.copytree(REPO / "schemas", folder / "schemas")
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "records")
    return folder


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit cache for the session: the hooks' environment is built once."""
    return tmp_path_factory.mktemp("pre-commit")


@pytest.fixture(scope="session")
def hooks_repository(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This repository as pre-commit fetches a hooks repository: its files (as the working tree has them,
    uncommitted changes too, as `pre-commit try-repo` would take them) committed, and the commit. One fixed
    repository and revision, so that pre-commit builds the hooks' environment once, as for a user, where
    `try-repo` would build it again for every call."""
    folder = tmp_path_factory.mktemp("hooks") / "resolvetool"
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=REPO,
            check=True,
            capture_output=True,
        )
        .stdout.decode("utf-8")
        .split("\0")
    )
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, folder / name)
    git(folder.parent, "init", "-q", "-b", "main", folder.name)
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "hooks")
    return folder, git(folder, "rev-parse", "HEAD").strip()


def try_hook(repository: Path, hook: str, home: Path, hooks: tuple[Path, str]) -> subprocess.CompletedProcess:
    """`pre-commit run HOOK --all-files` in `repository`, with resolvetool's hooks at the revision given."""
    env = {**os.environ, **GIT, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("RESOLVETOOL_CACHE_DIR", None)
    folder, revision = hooks
    config = home / "config.yaml"  # outside the records repository: its files are what the hooks check
    config.write_text(
        yaml.safe_dump(
            {
                "repos": [
                    {
                        "repo": str(folder),
                        "rev": revision,
                        "hooks": [
                            {"id": "resolvetool-validate"},
                            {"id": "resolvetool-lint"},
                            {"id": "resolvetool-fmt"},
                        ],
                    }
                ]
            }
        )
    )
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", hook, "--all-files", "--config", str(config), "--color", "never"],
        cwd=repository,
        env=env,
        capture_output=True,
        text=True,
    )


def test_the_hooks_declared():
    hooks = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"resolvetool-validate", "resolvetool-lint", "resolvetool-fmt"}
    assert hooks["resolvetool-validate"]["pass_filenames"] is False  # the whole tree, always
    assert hooks["resolvetool-lint"]["pass_filenames"] is False
    assert hooks["resolvetool-fmt"]["entry"] == "resolvetool fmt --check"


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_hooks(records_repository, pre_commit_home, hooks_repository):
    for hook in ("resolvetool-validate", "resolvetool-lint", "resolvetool-fmt"):
        result = try_hook(records_repository, hook, pre_commit_home, hooks_repository)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Passed" in result.stdout
    # A change that breaks another file's reference fails validate, though that file is untouched.
    (records_repository / "records/agreements/interpol-impact-cooperation.yaml").unlink()
    failed = try_hook(records_repository, "resolvetool-validate", pre_commit_home, hooks_repository)
    assert failed.returncode == 1
    assert "Failed" in failed.stdout and "RT205" in failed.stdout
    assert "interpol-ga-81-impact-cooperation.yaml" in failed.stdout
    git(records_repository, "checkout", "-q", "--", ".")
    # Records kept elsewhere (resolvetool.toml says where): validate still runs, and still catches a mistake.
    (records_repository / "records").rename(records_repository / "data")
    (records_repository / "resolvetool.toml").write_text('records = "data"\n')
    (records_repository / "data/organizations/itu.yaml").write_text("id: impact\nkind: organization\nname: X\n")
    elsewhere = try_hook(records_repository, "resolvetool-validate", pre_commit_home, hooks_repository)
    assert elsewhere.returncode == 1 and "RT201" in elsewhere.stdout, elsewhere.stdout
    git(records_repository, "checkout", "-q", "--", ".")
    shutil.rmtree(records_repository / "data")
    (records_repository / "resolvetool.toml").unlink()
    badly = records_repository / "records/organizations/itu.yaml"
    badly.write_text(badly.read_text().replace("kind: organization", "kind:   organization"))
    unformatted = try_hook(records_repository, "resolvetool-fmt", pre_commit_home, hooks_repository)
    assert unformatted.returncode == 1 and "itu.yaml" in unformatted.stdout


def expression(text: str, context: dict[str, str]) -> str:
    """`${{ a || b }}` as the runner would give it, for the names this action uses."""
    import re

    def value(match: re.Match) -> str:
        for name in match.group(1).split("||"):
            found = context.get(name.strip(), "")
            if found:
                return found
        return ""

    return re.sub(r"\$\{\{\s*(.*?)\s*\}\}", value, text)


def run_action(repository: Path, summary: Path, **inputs: str) -> list[subprocess.CompletedProcess]:
    """The action's shell steps, run in order as a runner runs them (setup-python and the install step aside:
    resolvetool is installed here already)."""
    action = yaml.safe_load((REPO / "action.yml").read_text())
    context = {f"inputs.{name}": str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    context |= {f"inputs.{name}": value for name, value in inputs.items()}
    context |= {"github.action_path": str(REPO), "github.base_ref": "main", "github.event_name": "pull_request"}
    bin_folder = Path(sys.executable).parent
    results = []
    for step in action["runs"]["steps"]:
        if "run" not in step or step.get("name") == "Install resolvetool":
            continue
        env = {
            **os.environ,
            **GIT,
            "GITHUB_STEP_SUMMARY": str(summary),
            "NO_COLOR": "1",
            "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}",
        }
        env |= {name: expression(str(value), context) for name, value in step.get("env", {}).items()}
        folder = repository / expression(step.get("working-directory", "."), context)
        results.append(
            subprocess.run(["bash", "-e", "-c", step["run"]], cwd=folder, env=env, capture_output=True, text=True)
        )
    return results


def test_the_action_runs_as_a_runner_would(records_repository, tmp_path):
    action = yaml.safe_load((REPO / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    for step in action["runs"]["steps"]:  # inputs reach scripts through the environment only
        assert "${{" not in step.get("run", ""), step.get("name")
    git(records_repository, "checkout", "-q", "-b", "amend-agreement")
    agreement = records_repository / "records/agreements/interpol-impact-cooperation.yaml"
    agreement.write_text(
        agreement.read_text().replace(
            "signature_authorizations:", "  - event: signed\n    date: 2012-12-03\nsignature_authorizations:"
        )
    )
    git(records_repository, "commit", "-q", "-am", "signed")
    summary = tmp_path / "summary.md"
    validate, lint, diff = run_action(records_repository, summary)
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert lint.returncode == 0, lint.stdout + lint.stderr
    assert diff.returncode == 0, diff.stderr
    text = summary.read_text()
    assert "interpol-impact-cooperation" in text and "signed" in text
    # A broken reference: annotations a pull request shows on the line.
    resolution = next((records_repository / "records/resolutions").rglob("*.yaml"))
    resolution.write_text(
        resolution.read_text().replace(
            "approves:\n  - interpol-impact-cooperation", "approves:\n  - interpol-impact-cooperatoin"
        )
    )
    validate, lint, _ = run_action(records_repository, tmp_path / "again.md", lint="true")
    assert validate.returncode == 1
    assert "::error file=records/resolutions/2012/interpol-ga-81-impact-cooperation.yaml,line=" in validate.stdout
    assert "RT205" in validate.stdout
    assert lint.returncode == 1


def test_the_action_without_a_base(records_repository, tmp_path):
    summary = tmp_path / "summary.md"
    *_, diff = run_action(records_repository, summary, base="", diff="true")
    assert diff.returncode == 0
    # github.base_ref is "main" here, and main is HEAD itself: the summary says nothing changed.
    assert "no change" in summary.read_text().lower(), summary.read_text()


def test_annotations_name_files_from_the_repository_root(run_cli, records_repository, monkeypatch):
    project = records_repository / "council"
    shutil.copytree(records_repository / "records", project / "records")
    (project / "records/organizations/itu.yaml").write_text("id: impact\nkind: organization\nname: Duplicate\n")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(records_repository))
    result = run_cli("--root", str(project), "validate", "--format", "github")
    assert result.exit_code == 1
    assert "::error file=council/records/organizations/itu.yaml,line=1" in result.stdout
