"""The project stands on its own: a fresh clone with nothing beside it has everything its tests, benchmarks,
documents and `init` refer to, and what it builds and writes works on the day it is made."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from conftest import CORPUS, CORPUS_EXPECTED, CORPUS_TEXTS, GUARDED, REFERENCE_TEXT, REPO
from repository_guard import ReadOutsideRepository

# --- 1. Nothing read from beside the repository ------------------------------------------------------------


def test_the_corpus_is_inside_the_repository():
    for path in (CORPUS, CORPUS_TEXTS, CORPUS_EXPECTED, REFERENCE_TEXT):
        assert path.resolve().is_relative_to(REPO), path
    texts = sorted(path.name for path in CORPUS_TEXTS.glob("*.txt"))
    assert len(texts) >= 9 and REFERENCE_TEXT.name in texts
    assert sorted(yaml.safe_load(CORPUS_EXPECTED.read_text(encoding="utf-8"))) == texts
    # Every file kept has its provenance said, and nothing is said of a file not kept.
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    named = set(re.findall(r"^\| `texts/([^`]+)`", sources, re.MULTILINE))
    assert named == set(texts)
    assert "| `expected.yaml` |" in sources and "## Provenance" in sources


def test_a_read_beside_the_repository_fails_the_test(tmp_path, monkeypatch):
    if not GUARDED:
        pytest.skip("the repository sits at the filesystem's root: nothing can be beside it")
    beside = REPO.parent / "shared" / "corpus"
    with pytest.raises(ReadOutsideRepository, match="outside the repository"):
        (beside / "expected.yaml").read_text(encoding="utf-8")  # fails so even where the file exists
    with pytest.raises(ReadOutsideRepository):
        os.listdir(beside / "texts")  # listing too (a glob of a missing folder reads nothing: see the test above)
    monkeypatch.chdir(REPO)
    with pytest.raises(ReadOutsideRepository):
        open("../shared/corpus/expected.yaml", "rb")
    with pytest.raises(ReadOutsideRepository):
        (REPO.parent / "elsewhere.txt").write_text("x")  # writing beside the clone too
    # What the tests do use is let through: the repository, their temporary folders, Python's own files.
    assert REFERENCE_TEXT.read_bytes()
    (tmp_path / "scratch.txt").write_text("x")
    assert (tmp_path / "scratch.txt").read_text() == "x"
    assert Path(yaml.__file__).read_bytes()


BESIDE = re.compile(
    r"""\.\./shared|["'/]shared["'/]|\b(?:REPO|ROOT|HERE)\.parent\b(?!\s*/\s*["']src)"""
    r"""|\.parent\.parent\.parent|\.parents\[[2-9]\]"""
)


def test_no_test_or_benchmark_names_a_path_beside_the_repository():
    this = Path(__file__).resolve()
    scanned = [
        path
        for folder in ("tests", "benchmarks")
        for path in sorted((REPO / folder).rglob("*.py"))
        if path.resolve() != this
    ]
    assert len(scanned) > 20
    found = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in scanned
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if BESIDE.search(line)
    ]
    assert found == []


def test_bench_import_takes_its_corpus_folder(tmp_path):
    import subprocess
    import sys

    script = REPO / "benchmarks" / "bench_import.py"
    help_text = subprocess.run([sys.executable, str(script), "--help"], capture_output=True, text=True).stdout
    assert "--corpus DIR" in help_text and "tests/corpus/texts" in help_text
    empty = subprocess.run([sys.executable, str(script), "--corpus", str(tmp_path)], capture_output=True, text=True)
    assert empty.returncode == 2 and "no *.txt texts there" in empty.stderr


# --- 2. The architecture is in the repository, and true -----------------------------------------------------

ARCHITECTURE = REPO / "docs" / "architecture.md"
PACKAGE = REPO / "src" / "resolvetool"


def module_map() -> set[str]:
    """The paths (relative to src/resolvetool/, folders ending in /) that the module map of
    docs/architecture.md names, read from its tree's indentation."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    section = text[text.index("## 5. Module map") :]
    block = re.search(r"```\n(src/resolvetool/\n.*?)```", section, re.DOTALL)
    assert block, "docs/architecture.md §5 has no tree starting at src/resolvetool/"
    named, stack = set(), []
    for line in block.group(1).splitlines()[1:]:
        entry = re.match(r"( *)(\S+)", line)
        depth, name = len(entry.group(1)) // 2 - 1, entry.group(2)
        assert len(entry.group(1)) % 2 == 0 and 0 <= depth <= len(stack), f"misindented: {line!r}"
        del stack[depth:]
        named.add("".join(stack) + name)
        if name.endswith("/"):
            stack.append(name)
    return named


def test_the_module_map_names_every_module_and_nothing_else():
    modules = {path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py")}
    packages = {module.rsplit("/", 1)[0] + "/" for module in modules if "/" in module}
    assert len(modules) > 100
    named = module_map()
    assert sorted(modules - named) == [], "modules missing from docs/architecture.md §5"
    assert sorted(packages - named) == [], "packages missing from docs/architecture.md §5"
    stale = sorted(name for name in named if not (PACKAGE / name).exists())
    assert stale == [], "docs/architecture.md §5 names what is not there"


def test_the_architecture_covers_what_it_must():
    text = ARCHITECTURE.read_text(encoding="utf-8")
    for heading in (
        "## 4. Data flow",
        "## 5. Module map",
        "## 6. The command line",
        "## 7. Exit codes",
        "## 8. Design decisions",
        "## 9. Scale",
    ):
        assert heading in text
    for command in (
        "validate",
        "lint",
        "rules",
        "fmt",
        "show",
        "query",
        "search",
        "diff",
        "render",
        "import",
        "new",
        "init",
        "schema",
    ):
        assert re.search(rf"^\|[^|\n]*`{command}", text, re.MULTILINE), f"{command} missing from the tables"


SKIPPED = {
    ".git",
    "__pycache__",
    ".hypothesis",
    ".pytest_cache",
    "build",
    "dist",
    ".venv",
    "venv",
    ".resolvetool-cache",
}


def test_no_file_cites_a_design_document_the_repository_lacks():
    cited = re.compile(rb"\b" + b"DES" + rb"IGN\b")  # spelled apart, so that this file does not cite it
    found = []
    for folder, folders, files in os.walk(REPO):
        folders[:] = [name for name in folders if name not in SKIPPED and not name.endswith(".egg-info")]
        for name in files:
            path = Path(folder) / name
            if path.is_symlink() or not path.is_file():
                continue  # the golden cases hold dangling links on purpose
            for number, line in enumerate(path.read_bytes().splitlines(), 1):
                if cited.search(line):
                    found.append(f"{path.relative_to(REPO)}:{number}")
    assert found == []
    # Code comments cite the architecture by section, and the sections they cite exist.
    headings = set(re.findall(r"^## (\d+)\. ", ARCHITECTURE.read_text(encoding="utf-8"), re.MULTILINE))
    citations = [
        (path, section)
        for path in PACKAGE.rglob("*.py")
        for section in re.findall(r"docs/architecture\.md §(\d+)", path.read_text(encoding="utf-8"))
    ]
    assert len(citations) >= 4
    assert [(path, section) for path, section in citations if section not in headings] == []


# --- 3. What `init` writes works on the day it is written --------------------------------------------------

GIT = {
    "GIT_AUTHOR_NAME": "Clerk",
    "GIT_AUTHOR_EMAIL": "clerk@example.org",
    "GIT_COMMITTER_NAME": "Clerk",
    "GIT_COMMITTER_EMAIL": "clerk@example.org",
}


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


def test_init_hooks_mirror_the_repository_hooks(run_cli, tmp_path):
    """The local hooks init writes behave as the hooks resolvetool's repository declares, but run the
    installed resolvetool (language: system) instead of building an environment from a remote repository."""
    folder = tmp_path / "secretariat"
    assert run_cli("init", str(folder), "--no-git").exit_code == 0
    written = yaml.safe_load((folder / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    declared = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in written] == [hook["id"] for hook in declared]
    for ours, theirs in zip(written, declared):
        for key in ("name", "entry", "always_run", "pass_filenames", "require_serial", "files"):
            assert ours.get(key) == theirs.get(key), (ours["id"], key)
        assert ours["language"] == "system"


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


def test_the_ci_setting_is_checked_like_every_other(run_cli, make_tree):
    from resolvetool.config import load_settings

    root = make_tree({"resolvetool.toml": '[ci]\ninstall = "resolvetool==0.1.0"\n'})
    assert load_settings(root).ci_install == "resolvetool==0.1.0"
    for text, message in [
        ('[ci]\ninstal = "x"\n', "unknown setting ci.instal"),
        ("[ci]\ninstall = 1\n", "ci.install must be a non-empty string"),
        ('[ci]\ninstall = " "\n', "ci.install must be a non-empty string"),
        ('ci = "x"\n', "setting 'ci' must be a dict"),
    ]:
        (root / "resolvetool.toml").write_text(text)
        result = run_cli("validate", cwd=root)
        assert result.exit_code == 2 and message in result.stderr, (text, result.stderr)


class FakeDistribution:
    """What importlib.metadata knows of an installed resolvetool, with the PEP 610 record given."""

    def __init__(self, direct_url: dict | None, version: str = "0.1.0"):
        self.direct_url, self.version = direct_url, version

    def read_text(self, name: str) -> str | None:
        import json

        return json.dumps(self.direct_url) if name == "direct_url.json" and self.direct_url else None

    def locate_file(self, name: str) -> Path:
        import resolvetool

        return Path(resolvetool.__file__).parent.parent / name


COMMIT = "0123456789abcdef0123456789abcdef01234567"


@pytest.mark.parametrize(
    "direct_url, requirement",
    [
        (
            {"url": "https://git.example.org/tools/resolvetool", "vcs_info": {"vcs": "git", "commit_id": COMMIT}},
            f"resolvetool @ git+https://git.example.org/tools/resolvetool@{COMMIT}",
        ),
        (
            {
                "url": "https://git.example.org/mono",
                "subdirectory": "resolvetool",
                "vcs_info": {"vcs": "git", "commit_id": COMMIT, "requested_revision": "v0.1.0"},
            },
            f"resolvetool @ git+https://git.example.org/mono@{COMMIT}#subdirectory=resolvetool",
        ),
        (
            {
                "url": "https://files.example.org/resolvetool-0.1.0-py3-none-any.whl",
                "archive_info": {"hashes": {"sha256": "ab" * 32}},
            },
            "resolvetool @ https://files.example.org/resolvetool-0.1.0-py3-none-any.whl#sha256=" + "ab" * 32,
        ),
        (None, "resolvetool==0.1.0"),  # from a package index
        ({"url": "file:///home/clerk/resolvetool", "dir_info": {"editable": True}}, None),
        ({"url": "file:///home/clerk/resolvetool", "dir_info": {}}, None),
        ({"url": "file:///home/clerk/dist/resolvetool-0.1.0-py3-none-any.whl", "archive_info": {}}, None),
        ({"url": "file:///home/clerk/resolvetool", "vcs_info": {"vcs": "git", "commit_id": COMMIT}}, None),
    ],
)
def test_init_names_where_resolvetool_came_from(direct_url, requirement, run_cli, tmp_path, monkeypatch):
    import importlib.metadata
    import tomllib

    monkeypatch.setattr(importlib.metadata, "distribution", lambda name: FakeDistribution(direct_url))
    folder = tmp_path / "secretariat"
    result = run_cli("init", str(folder), "--no-git")
    assert result.exit_code == 0
    settings = (folder / "resolvetool.toml").read_text(encoding="utf-8")
    written = tomllib.loads(settings)["ci"]["install"]
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert not re.search(r"pip install resolvetool(\s|$)", readme)  # no index serves the bare name
    assert "pre-commit install" in readme and "[ci] install" in readme
    if requirement is None:
        from resolvetool.scaffold.init import INSTALL_PLACEHOLDER

        assert written == INSTALL_PLACEHOLDER and "which CI cannot reach" in " ".join(settings.replace("#", "").split())
        assert "CI cannot reach" in result.stderr and "`ci` table" in result.stderr
        assert "python -m pip install ./resolvetool" in readme
    else:
        assert written == requirement and "CI cannot reach" not in result.stderr
        assert f"python -m pip install '{requirement}'" in readme or f"python -m pip install {requirement}\n" in readme
    assert run_cli("--root", str(folder), "validate").exit_code == 0


def test_init_outside_any_installation_says_so(run_cli, tmp_path, monkeypatch):
    import importlib.metadata

    def missing(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "distribution", missing)
    result = run_cli("init", str(tmp_path / "secretariat"), "--no-git")
    assert result.exit_code == 0 and "not from an installed package" in result.stderr


def test_init_inside_a_repository_shows_the_wiring_at_its_root(run_cli, tmp_path):
    outer = tmp_path / "archive"
    assert run(["git", "init", "-q", str(outer)], tmp_path, offline_env(tmp_path)).returncode == 0
    result = run_cli("init", str(outer / "council records"), "--no-git")
    assert result.exit_code == 0 and "--root 'council records'" in result.stderr
    readme = (outer / "council records" / "README.md").read_text(encoding="utf-8")
    hooks_text, workflow_text = re.findall(r"```yaml\n(.*?)```", readme, re.DOTALL)
    hooks = yaml.safe_load(hooks_text)["repos"][0]["hooks"]
    assert hooks[0]["entry"] == "resolvetool --root 'council records' validate"
    assert re.search(hooks[2]["files"], "council records/records/bodies/x.yaml")
    assert not re.search(hooks[2]["files"], "other/records/bodies/x.yaml")
    workflow = yaml.safe_load(workflow_text)
    assert workflow["jobs"]["check"]["defaults"]["run"]["working-directory"] == "council records"


# --- 4. Release-ready: an sdist and a wheel that work where the repository is not ---------------------------

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
