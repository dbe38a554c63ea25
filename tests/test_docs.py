"""The README documents what exists: every command, every code, every setting."""

from __future__ import annotations

import re

from resolvetool.cli import app
from resolvetool.config import _KEYS
from resolvetool.diagnostics import CODES

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def command_names() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    return sorted(group.commands)


def test_every_command_is_documented_and_has_help(run_cli) -> None:
    for name in command_names():
        assert f"## `resolvetool {name}`" in README, name
        result = run_cli(name, "--help")
        assert result.exit_code == 0 and "Examples:" in result.stdout, name


def test_the_code_table_is_the_code_registry() -> None:
    rows = [f"| {c.code} | {c.name} | {c.severity.value} | {c.summary} |" for c in CODES.values()]
    table = [line for line in README.splitlines() if re.match(r"\| RT\d{3} \|", line)]
    assert table == rows


def test_every_setting_is_documented() -> None:
    for key in _KEYS:
        assert f"| `{key}` |" in README, key


def test_quick_start_is_two_commands_and_ci_runs_the_second() -> None:
    section = README.split("## Quick start", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    commands = section.strip().splitlines()
    assert len(commands) == 2
    assert "resolvetool validate" in commands[0]
    assert commands[1] in (REPO / ".ci/run").read_text()
