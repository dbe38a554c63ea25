"""The ecosystem around the command line: pre-commit hooks (tried with `pre-commit try-repo` against a sample
records repository), the GitHub Action's steps run as a runner would run them, `init` and `new`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

GIT = {"GIT_AUTHOR_NAME": "Clerk", "GIT_AUTHOR_EMAIL": "clerk@example.org", "GIT_COMMITTER_NAME": "Clerk",
       "GIT_COMMITTER_EMAIL": "clerk@example.org"}


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, env={**os.environ, **GIT}, check=True, capture_output=True,
                          text=True).stdout


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


def try_hook(repository: Path, hook: str, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, **GIT, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("RESOLVETOOL_CACHE_DIR", None)
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(REPO), hook, "--all-files",
                           "--color", "never"], cwd=repository, env=env, capture_output=True, text=True)


def test_the_hooks_declared():
    hooks = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"resolvetool-validate", "resolvetool-lint", "resolvetool-fmt"}
    assert hooks["resolvetool-validate"]["pass_filenames"] is False  # the whole tree, always
    assert hooks["resolvetool-lint"]["pass_filenames"] is False
    assert hooks["resolvetool-fmt"]["entry"] == "resolvetool fmt --check"


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_try_repo(records_repository, pre_commit_home):
    for hook in ("resolvetool-validate", "resolvetool-lint", "resolvetool-fmt"):
        result = try_hook(records_repository, hook, pre_commit_home)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Passed" in result.stdout
    # A change that breaks another file's reference fails validate, though that file is untouched.
    (records_repository / "records/agreements/interpol-impact-cooperation.yaml").unlink()
    failed = try_hook(records_repository, "resolvetool-validate", pre_commit_home)
    assert failed.returncode == 1
    assert "Failed" in failed.stdout and "RT205" in failed.stdout
    assert "interpol-ga-81-impact-cooperation.yaml" in failed.stdout
    git(records_repository, "checkout", "-q", "--", ".")
    badly = records_repository / "records/organizations/itu.yaml"
    badly.write_text(badly.read_text().replace("kind: organization", "kind:   organization"))
    unformatted = try_hook(records_repository, "resolvetool-fmt", pre_commit_home)
    assert unformatted.returncode == 1 and "itu.yaml" in unformatted.stdout
