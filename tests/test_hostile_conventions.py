"""Conventions users expect of a linter (as ruff, yamllint and check-jsonschema keep them): global options
after the command too, unknown rule codes refused, findings on standard output."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import BASE_TREE

BROKEN_REFERENCE = {"records__resolutions__2020__res-1.yaml": BASE_TREE["records/resolutions/2020/res-1.yaml"]
                    .replace("refs: [org#head]", "refs: [org#chair]")}


# --- 1. global options after the command name -------------------------------------------------------------


def test_quiet_after_the_command(run_cli, base_tree) -> None:
    tree = base_tree()
    result = run_cli("lint", "-q", "--ignore", "RT306", cwd=tree)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    result = run_cli("validate", "--quiet", cwd=tree)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_root_after_the_command(run_cli, base_tree, tmp_path: Path) -> None:
    tree = base_tree()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_cli("validate", "--root", str(tree), cwd=elsewhere)
    assert result.exit_code == 0 and "4 files checked: no problems" in result.stdout + result.stderr
    # Given before and after, the one after the command wins.
    result = run_cli("--root", str(elsewhere), "validate", "--root", str(tree), cwd=elsewhere)
    assert result.exit_code == 0, result.stderr


def test_verbosity_after_the_command_replaces_the_one_before(run_cli, base_tree) -> None:
    tree = base_tree()
    assert "of them from the cache" in run_cli("-q", "validate", "-v", cwd=tree).stderr
    result = run_cli("-v", "validate", "-q", cwd=tree)
    assert (result.stdout, result.stderr) == ("", "")


@pytest.mark.parametrize("args", [("-q", "-v", "validate"), ("validate", "-q", "-v"), ("lint", "--verbose", "-q")])
def test_quiet_and_verbose_in_one_place_contradict(run_cli, base_tree, args) -> None:
    result = run_cli(*args, cwd=base_tree())
    assert result.exit_code == 2 and "-q and -v contradict each other" in result.stderr


def test_no_color_after_the_command(run_cli, base_tree, monkeypatch) -> None:
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    tree = base_tree(**BROKEN_REFERENCE)
    coloured = run_cli("validate", cwd=tree)
    assert "\x1b[" in coloured.stdout + coloured.stderr
    plain = run_cli("validate", "--no-color", cwd=tree)
    assert plain.exit_code == 1 and "[RT206]" in plain.stdout + plain.stderr
    assert "\x1b[" not in plain.stdout + plain.stderr


def test_every_command_lists_the_global_options_once(run_cli) -> None:
    import typer.main

    from resolvetool.cli import app

    for name in typer.main.get_command(app).commands:
        help_text = run_cli(name, "--help").stdout
        assert "Global options (before or after the command):" in help_text, name
        for option in ("--root DIR", "--no-color", "-q, --quiet", "-v, --verbose"):
            assert help_text.count(option) == 1, (name, option)


def test_search_words_and_global_options(run_cli, reference_project) -> None:
    """A -q among a search's words is the option; after --, where options end, it is a word (-word leaves
    records out, as the README says)."""
    quiet = run_cli("search", "IMPACT", "-q", "-f", "table", cwd=reference_project)
    assert quiet.exit_code == 0 and "interpol-ga-81-impact-cooperation" in quiet.stdout
    assert "records" not in quiet.stderr  # no count of the records found
    loud = run_cli("search", "IMPACT", "-f", "table", cwd=reference_project)
    assert "records" in loud.stderr
    word = run_cli("search", "IMPACT", "--", "-q", cwd=reference_project)
    assert word.exit_code == 0 and "records" in word.stderr  # not quiet: -q was a word


def test_query_filters_and_global_options(run_cli, reference_project) -> None:
    result = run_cli("query", "kind=session", "-q", "--sort", "-start", cwd=reference_project)
    assert result.exit_code == 0 and "interpol-ga-81" in result.stdout and result.stderr == ""
