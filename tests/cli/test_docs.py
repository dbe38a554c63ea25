"""The documentation documents what exists: every command, every code, every setting, and every command's
`--help`; the README is short, starts with the Quick start, and its example runs; every page links only to
pages that exist and is in the site's nav."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from helpers import REPO

from resolvetool.cli import app
from resolvetool.config import _KEYS
from resolvetool.diagnostics import CODES

README = (REPO / "README.md").read_text(encoding="utf-8")
DOCS = REPO / "docs"
GENERATED = {"commands.md", "rules.md"}  # written by scripts/gen_docs.py


def page(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def gen_docs() -> ModuleType:
    """scripts/gen_docs.py, which writes the generated pages (a script, not a module of the package)."""
    spec = importlib.util.spec_from_file_location("gen_docs", REPO / "scripts" / "gen_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def command_names() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    return sorted(getattr(group, "commands", {}))  # a click group (typer's own copy of click, in recent typer)


def test_every_command_is_documented_once_listed_in_the_readme_and_has_help(run_cli) -> None:
    written = {path.name: path.read_text(encoding="utf-8") for path in DOCS.glob("*.md")}
    for name in command_names():
        heading = f"## `resolvetool {name}`\n"
        pages = [page for page, text in written.items() if heading in text and page not in GENERATED]
        assert len(pages) == 1, (name, pages)
        assert re.search(rf"^\| `{name}` \| .+ \| \[\w+\]\(docs/\w+\.md\) \|$", README, re.MULTILINE), name
        result = run_cli(name, "--help")
        assert result.exit_code == 0 and "Examples:" in result.stdout, name


def test_the_code_table_is_the_code_registry() -> None:
    rows = [f"| {c.code} | {c.name} | {c.severity.value} | {c.summary} |" for c in CODES.values()]
    table = [line for line in page("codes.md").splitlines() if re.match(r"\| RT\d{3} \|", line)]
    assert table == rows


def test_every_setting_is_documented() -> None:
    configuration = page("configuration.md")
    for key in _KEYS:
        assert f"| `{key}` |" in configuration, key


def test_quick_start_is_two_commands_and_ci_runs_the_second() -> None:
    assert re.findall(r"^## .*", README, re.MULTILINE)[0] == "## Quick start"  # the first thing one reads
    section = README.split("## Quick start", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    commands = section.strip().splitlines()
    assert len(commands) == 2
    assert "resolvetool validate" in commands[0]
    assert commands[1] in (REPO / ".ci/run").read_text()


def test_the_readme_is_short_and_its_screenshot_small() -> None:
    assert len(README.encode("utf-8")) <= 15 * 1024
    screenshot = DOCS / "images" / "site.png"
    assert f"]({screenshot.relative_to(REPO).as_posix()})" in README
    assert screenshot.read_bytes().startswith(b"\x89PNG") and screenshot.stat().st_size < 200 * 1024


@pytest.mark.slow  # ten commands as processes: seconds
def test_the_readme_example_runs(tmp_path: Path) -> None:
    """The example's lines, run in order on a copy of the bundled records, succeed."""
    block = README.split("## Example", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    assert 8 <= len(block.strip().splitlines()) <= 12
    for folder in ("records", "schemas"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", "NO_COLOR": "1"}
    result = subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", block], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "10 files checked: no problems" in result.stdout
    assert (tmp_path / "site" / "index.html").is_file() and (tmp_path / "impact.xml").is_file()


def test_the_command_reference_is_the_real_help() -> None:
    generator = gen_docs()
    assert page("commands.md") == generator.commands_page(), (
        f"docs/commands.md differs from the commands' --help; run {generator.REGENERATE} and review the change"
    )


LINK = re.compile(r"\]\(([^)#\s]+\.(?:md|png))(#[^)\s]*)?\)")


def test_links_between_pages_lead_to_files_that_exist() -> None:
    """Relative links in the README and docs/ name files that exist (mkdocs build --strict, run by .ci/run,
    checks the anchors too)."""
    sources = [*(REPO / name for name in ("README.md", "CONTRIBUTING.md", "CHANGELOG.md")), *sorted(DOCS.glob("*.md"))]
    broken = [
        f"{source.relative_to(REPO)}: {target}"
        for source in sources
        for target, _anchor in LINK.findall(source.read_text(encoding="utf-8"))
        if "://" not in target and not (source.parent / target).is_file()
    ]
    assert broken == []


def test_every_page_is_in_the_site_nav() -> None:
    nav = re.findall(r"^\s+- (?:[^:\n]+: )?(\S+\.md)$", (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert sorted(nav) == sorted(path.name for path in DOCS.glob("*.md"))
    assert len(nav) == len(set(nav))


def test_the_python_files_the_docs_name_exist() -> None:
    """A module or script named in the README, CONTRIBUTING.md or docs/ (`lint/finding.py`, `corpus.py`,
    `scripts/gen_docs.py`) is a file of the repository, so a rename cannot leave the docs pointing at nothing."""
    files = [
        path.relative_to(REPO).as_posix()
        for folder in ("src", "scripts", "tests", "benchmarks")
        for path in (REPO / folder).rglob("*.py")
    ]
    sources = [REPO / "README.md", REPO / "CONTRIBUTING.md", *sorted(DOCS.glob("*.md"))]
    missing = [
        f"{source.relative_to(REPO)}: {name}"
        for source in sources
        for name in sorted(set(re.findall(r"`([\w/.-]+\.py)`", source.read_text(encoding="utf-8"))))
        if not any(file == name or file.endswith(f"/{name}") for file in files)
    ]
    assert missing == []
