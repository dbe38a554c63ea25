"""The project stands on its own, end to end: the benchmarks take their corpus folder, what `init` writes passes
pre-commit offline and installs resolvetool as the workflow would, and the sdist and the wheel built from the
clone work where the repository is not. (What a fresh clone must hold is tests/unit/test_repository.py's; what
`init` wires a project to, tests/cli/test_init_wiring.py's.)"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from helpers import GIT, PACKAGE, REPO

# --- 1. The import benchmark reads the corpus folder it is given ---------------------------------------------


def test_bench_import_takes_its_corpus_folder(tmp_path):
    import subprocess
    import sys

    script = REPO / "benchmarks" / "bench_import.py"
    help_text = subprocess.run([sys.executable, str(script), "--help"], capture_output=True, text=True).stdout
    assert "--corpus DIR" in help_text and "tests/corpus/texts" in help_text
    empty = subprocess.run([sys.executable, str(script), "--corpus", str(tmp_path)], capture_output=True, text=True)
    assert empty.returncode == 2 and "no *.txt texts there" in empty.stderr


# --- 2. What `init` writes works on the day it is written --------------------------------------------------


def offline_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a clerk's machine with no network: its own HOME, pre-commit's cache in it, every
    HTTP(S) request sent to a closed port, no package index, git refusing every protocol but local files."""
    import sys

    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {
        **os.environ,
        **GIT,
        "HOME": str(home),
        "PRE_COMMIT_HOME": str(home / "pre-commit"),
        "NO_COLOR": "1",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PIP_NO_INDEX": "1",
        "http_proxy": "http://127.0.0.1:9",
        "https_proxy": "http://127.0.0.1:9",
        "GIT_ALLOW_PROTOCOL": "file",
    }
    env.pop("RESOLVETOOL_CACHE_DIR", None)
    return env | extra


def run(args: list[str], folder: Path, env: dict[str, str]):
    import subprocess

    return subprocess.run(args, cwd=folder, env=env, capture_output=True, text=True)


@pytest.mark.skipif(__import__("shutil").which("git") is None, reason="git is not installed")
def test_init_then_commit_then_pre_commit_passes_offline(run_cli, tmp_path):
    import sys

    folder = tmp_path / "secretariat"
    assert run_cli("init", str(folder), "--title", "Council resolutions").exit_code == 0
    config = yaml.safe_load((folder / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]  # nothing to fetch: no remote, no tag
    assert {hook["language"] for hook in config["repos"][0]["hooks"]} == {"system"}
    for step in [
        ("organization", "--name", "Example Organization", "--acronym", "EXO"),
        ("body", "--name", "Council", "--organization", "exo"),
    ]:
        assert run_cli("--root", str(folder), "new", *step).exit_code == 0
    env = offline_env(tmp_path)
    assert run(["git", "add", "-A"], folder, env).returncode == 0
    assert run(["git", "commit", "-q", "-m", "Start the record"], folder, env).returncode == 0
    pre_commit = [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"]
    passed = run(pre_commit, folder, env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    for name in ("resolvetool validate", "resolvetool lint", "resolvetool fmt --check"):
        assert re.search(rf"^{re.escape(name)}\.+Passed$", passed.stdout, re.MULTILINE), passed.stdout
    # The hooks do check: a record out of canonical form, and a reference to nothing.
    body = folder / "records/bodies/exo-council.yaml"
    body.write_text(body.read_text(encoding="utf-8").replace("organization: exo", "organization:   exo"))
    unformatted = run(pre_commit, folder, env)
    assert unformatted.returncode == 1 and "exo-council.yaml" in unformatted.stdout
    body.write_text(body.read_text(encoding="utf-8").replace("organization:   exo", "organization: exp"))
    broken = run(pre_commit, folder, env)
    assert broken.returncode == 1 and "RT205" in broken.stdout


def workflow_steps(folder: Path) -> list[dict]:
    workflow = yaml.safe_load((folder / ".github/workflows/records.yml").read_text(encoding="utf-8"))
    return workflow["jobs"]["check"]["steps"]


def run_install_step(folder: Path, tmp_path: Path):
    """The workflow's install step as a runner runs it (bash, in the project folder), with a fake pip that
    records what it was asked to install instead of installing it."""
    step = next(step for step in workflow_steps(folder) if step.get("id") == "install")
    fake = tmp_path / "fake-pip"
    (fake / "pip").mkdir(parents=True, exist_ok=True)
    (fake / "pip" / "__init__.py").write_text("")  # a regular package: it comes before the real pip
    asked = tmp_path / "pip-asked.txt"
    (fake / "pip" / "__main__.py").write_text(
        f"import sys\nopen({str(asked)!r}, 'w').write('\\n'.join(sys.argv[1:]))\n"
    )
    asked.unlink(missing_ok=True)
    env = offline_env(tmp_path, PYTHONPATH=str(fake), GITHUB_WORKSPACE=str(folder))
    result = run(["bash", "-e", "-o", "pipefail", "-c", step["run"]], folder, env)
    return result, (asked.read_text().splitlines() if asked.exists() else None)


def test_the_workflow_installs_from_the_setting(run_cli, tmp_path):
    folder = tmp_path / "secretariat"
    assert run_cli("init", str(folder), "--no-git").exit_code == 0
    steps = workflow_steps(folder)
    assert [step.get("uses", "").split("@")[0] for step in steps if "uses" in step] == [
        "actions/checkout",
        "actions/setup-python",
    ]  # no action that does not exist
    assert steps[0]["with"]["fetch-depth"] == 0
    for step in steps:  # the event's values reach scripts only through the environment
        assert "${{" not in step.get("run", ""), step.get("name")
    assert [step["name"] for step in steps if "run" in step] == [
        "Install resolvetool",
        "Validate the records",
        "Lint the records",
        "Summarise what changed",
    ]
    assert "--format github" in steps[3]["run"] and "--format github" in steps[4]["run"]
    assert "$GITHUB_STEP_SUMMARY" in steps[5]["run"] and steps[5]["env"] == {"BASE": "${{ github.base_ref }}"}
    # As init wrote it here (resolvetool installed from a folder CI cannot reach): refused, saying what to do.
    refused, asked = run_install_step(folder, tmp_path)
    assert refused.returncode == 1 and asked is None
    assert "::error file=resolvetool.toml" in refused.stdout and "[ci] install" in refused.stdout
    # The user names a source in one place, and the workflow installs exactly that.
    settings = folder / "resolvetool.toml"
    requirement = "resolvetool @ git+https://git.example.org/tools/resolvetool@v0.1.0"
    settings.write_text(
        re.sub(
            r"^install = .*$", f'install = "{requirement}"', settings.read_text(encoding="utf-8"), flags=re.MULTILINE
        )
    )
    assert run_cli("--root", str(folder), "validate").exit_code == 0  # the setting is a known one
    installed, asked = run_install_step(folder, tmp_path)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert asked[:1] == ["install"] and asked[-1] == requirement
    # Settings kept in pyproject.toml instead are read as resolvetool reads them.
    settings.unlink()
    (folder / "pyproject.toml").write_text('[tool.resolvetool.ci]\ninstall = "resolvetool==0.1.0"\n')
    _, asked = run_install_step(folder, tmp_path)
    assert asked[-1] == "resolvetool==0.1.0"


# --- 3. Release-ready: an sdist and a wheel that work where the repository is not ---------------------------

TEMPLATES = PACKAGE / "rendering" / "templates"


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """`python -m build` of a copy of what the build reads (nothing written into the repository): the sdist,
    and the wheel built from it. --no-isolation: the backend of the test extra, nothing downloaded."""
    import shutil
    import sys

    folder = tmp_path_factory.mktemp("release")
    source = folder / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(REPO / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    built = run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(folder / "dist"), str(source)],
        folder,
        offline_env(folder),
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    (sdist,) = (folder / "dist").glob("*.tar.gz")
    (wheel,) = (folder / "dist").glob("*.whl")
    return {"folder": folder, "sdist": sdist, "wheel": wheel}


def test_the_version_lives_in_one_place(release):
    import tomllib
    import zipfile

    import resolvetool

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    # pyproject.toml writes it; the package reads it from the installed metadata
    assert project["project"]["version"] == resolvetool.__version__
    assert "version" not in project["project"].get("dynamic", [])
    assert "version" not in project["tool"].get("setuptools", {}).get("dynamic", {})
    with zipfile.ZipFile(release["wheel"]) as wheel:
        (metadata,) = [name for name in wheel.namelist() if name.endswith(".dist-info/METADATA")]
        headers = wheel.read(metadata).decode("utf-8").split("\n\n", 1)[0]
    assert f"\nVersion: {resolvetool.__version__}\n" in headers
    assert "License-Expression: Apache-2.0" in headers
    assert release["wheel"].name == f"resolvetool-{resolvetool.__version__}-py3-none-any.whl"


def test_the_sdist_and_the_wheel_hold_what_the_package_needs(release):
    import tarfile
    import zipfile

    templates = {path.relative_to(PACKAGE).as_posix() for path in TEMPLATES.rglob("*") if path.is_file()}
    modules = {path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py")}
    assert len(templates) > 10
    with tarfile.open(release["sdist"]) as sdist:
        top = f"{release['sdist'].name.removesuffix('.tar.gz')}/"
        held = {name.removeprefix(top) for name in sdist.getnames()}
    assert {"README.md", "LICENSE", "pyproject.toml"} <= held
    assert {f"src/resolvetool/{name}" for name in modules | templates | {"py.typed"}} <= held
    with zipfile.ZipFile(release["wheel"]) as wheel:
        held = set(wheel.namelist())
    assert {f"resolvetool/{name}" for name in modules | templates | {"py.typed"}} <= held
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in held)
    assert (REPO / "LICENSE").read_text(encoding="utf-8").lstrip().startswith("Apache License\n")


def test_the_wheel_installs_and_runs_outside_the_repository(release, tmp_path):
    """A fresh virtual environment holding only the wheel (its dependencies are seen from the running
    environment's site-packages, after the wheel's own, so nothing is downloaded), run from a folder outside
    the repository, so that neither src/ nor an editable install can stand in for the wheel."""
    import shutil
    import sys

    import resolvetool

    venv = tmp_path / "venv"
    assert (
        run([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp_path, offline_env(tmp_path)).returncode == 0
    )
    python = venv / "bin" / "python"
    installed = run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            "--no-cache-dir",
            "--quiet",
            "--disable-pip-version-check",
            str(release["wheel"]),
        ],
        tmp_path,
        offline_env(tmp_path),
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    (own,) = (venv / "lib").glob("python3*/site-packages")
    dependencies = [
        entry for entry in sys.path if entry.endswith(("site-packages", "dist-packages")) and Path(entry).is_dir()
    ]
    (own / "dependencies-of-the-test.pth").write_text("\n".join(dependencies) + "\n")  # paths only: no .pth run
    work = tmp_path / "clerk"
    shutil.copytree(REPO / "records", work / "records")
    env = offline_env(tmp_path, RESOLVETOOL_CACHE_DIR=str(tmp_path / "cache"))
    env = {name: value for name, value in env.items() if name not in ("PYTHONPATH", "PYTHONHOME")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"
    found = run([str(python), "-c", "import resolvetool; print(resolvetool.__file__)"], work, env)
    assert Path(found.stdout.strip()).is_relative_to(own), found.stdout + found.stderr  # the wheel's, not src/
    command = str(venv / "bin" / "resolvetool")
    version = run([command, "--version"], work, env)
    assert version.stdout.strip() == f"resolvetool {resolvetool.__version__}"
    checked = run([command, "validate"], work, env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    page = run(
        [command, "render", "interpol-ga-81-impact-cooperation", "--format", "html", "-o", "page.html"], work, env
    )
    assert page.returncode == 0, page.stderr
    assert "<html" in (work / "page.html").read_text(encoding="utf-8")
    site = run([command, "render", "--site", "site"], work, env)
    assert site.returncode == 0, site.stderr
    for name in (
        "index.html",
        "search.html",
        "assets/site.css",
        "assets/search.js",
        "resolutions/interpol-ga-81-impact-cooperation.html",
    ):
        assert (work / "site" / name).is_file(), name
