"""The version is written once, in pyproject.toml; a package imported from a source tree says that tree's."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from helpers import PACKAGE

ROOT = PACKAGE.parent.parent


def test_the_version_is_pyprojects() -> None:
    import resolvetool

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert resolvetool.__version__ == project["version"]


def test_a_source_tree_says_its_own_version_not_another_installations(tmp_path: Path) -> None:
    """`PYTHONPATH=src python -m resolvetool --version` in a checkout said 0+unknown where resolvetool was never
    installed, and the other installation's version where one was (0.1.0 here, from the test's own install),
    while the old code said the checkout's: the pyproject.toml beside src/ is read first."""
    (tmp_path / "src" / "resolvetool").mkdir(parents=True)
    shutil.copy(PACKAGE / "__init__.py", tmp_path / "src" / "resolvetool" / "__init__.py")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "resolvetool"\nversion = "9.8.7"\n', encoding="utf-8")
    said = subprocess.run(
        [sys.executable, "-c", "import resolvetool; print(resolvetool.__version__)"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "src"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert said.stdout == "9.8.7\n"


def test_a_pyproject_of_another_project_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "src" / "resolvetool").mkdir(parents=True)
    shutil.copy(PACKAGE / "__init__.py", tmp_path / "src" / "resolvetool" / "__init__.py")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "other"\nversion = "9.8.7"\n', encoding="utf-8")
    said = subprocess.run(
        [sys.executable, "-S", "-c", "import resolvetool; print(resolvetool.__version__)"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "src"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert said.stdout == "0+unknown\n"
