"""Shared fixtures (a CLI runner with stdout and stderr apart, tree builders, an isolated cache), the guard
against reads beside the repository, and which tests the default run leaves out (`--all` runs every one).
What test modules share besides fixtures is in helpers.py."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import BASE_TREE, REPO
from repository_guard import install as guard_reads_beside
from typer.testing import CliRunner

# No test may read beside the repository (a user's clone has nothing there): watched from before any test module
# is imported (tests/repository_guard.py). False only for a repository at the filesystem's root.
GUARDED = guard_reads_beside(REPO)


# The default run is the quick one (under a minute): tests marked slow or integration are left out of it unless
# --all is given (as .ci/run and the README's Quick start give it), -m chooses by marker, or the command names
# what to run (a folder, a file, a test): what is named explicitly runs, whatever its markers. Every test under
# tests/integration is marked integration by its place; slow ones elsewhere carry @pytest.mark.slow.
INTEGRATION = Path(__file__).resolve().parent / "integration"
LEFT_OUT_BY_DEFAULT = ("slow", "integration")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the expected output of golden cases")
    parser.addoption(
        "--all",
        action="store_true",
        dest="run_all",
        help="run every test, the slow and integration ones too (as .ci/run does); without it they are left out",
    )


def runs_everything(config: pytest.Config) -> bool:
    named = config.args_source == pytest.Config.ArgsSource.ARGS
    return bool(config.getoption("run_all") or config.getoption("markexpr") or named)


def pytest_report_header(config: pytest.Config) -> str | None:
    if runs_everything(config):
        return None
    return "slow and integration tests are left out: python -m pytest --all runs them too"


@pytest.hookimpl(tryfirst=True)  # before -m reads the markers
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.resolve().is_relative_to(INTEGRATION):
            item.add_marker(pytest.mark.integration)
    if runs_everything(config):
        return
    kept: list[pytest.Item] = []
    left_out: list[pytest.Item] = []
    for item in items:
        marked = any(item.get_closest_marker(name) for name in LEFT_OUT_BY_DEFAULT)
        (left_out if marked else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own cache folder; nothing touches the user's."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("RESOLVETOOL_CACHE_DIR", str(folder))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    return folder


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliResult]:
    """Run resolvetool in-process: run_cli("validate", "--format", "json", cwd=tree, input=stdin_bytes)."""
    from resolvetool.cli import app

    def run(*args: str, cwd: Path | None = None, input: bytes | str | None = None) -> CliResult:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        result = CliRunner().invoke(app, list(args), catch_exceptions=False, input=input)
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture
def make_tree(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    """Write files (text or bytes) under a fresh project folder and return it."""

    def make(files: dict[str, str | bytes]) -> Path:
        root = tmp_path / "project"
        (root / "records").mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return make


@pytest.fixture
def base_tree(make_tree: Callable[[dict[str, str | bytes]], Path]) -> Callable[..., Path]:
    """The valid base tree, with some files replaced or added (None removes one)."""

    def make(**changes: str | bytes | None) -> Path:
        files: dict[str, str | bytes] = dict(BASE_TREE)
        for name, content in changes.items():
            name = name.replace("__", "/")
            if content is None:
                files.pop(name, None)
            else:
                files[name] = content
        return make_tree(files)

    return make


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(REPO)
    return REPO


os.environ.setdefault("COLUMNS", "200")


@pytest.fixture
def reference_project(make_tree: Callable[[dict[str, str | bytes]], Path]) -> Path:
    """A project holding a copy of the bundled records/ (the reference resolution and its neighbours)."""
    return make_tree({str(path.relative_to(REPO)): path.read_bytes() for path in (REPO / "records").rglob("*.yaml")})
