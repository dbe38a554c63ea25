"""Conventions users expect of a linter (as ruff, yamllint and check-jsonschema keep them): global options
after the command too, unknown rule codes refused, findings on standard output."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import BASE_TREE

from resolvetool.diagnostics import CODES

BROKEN_REFERENCE = {
    "records__resolutions__2020__res-1.yaml": BASE_TREE["records/resolutions/2020/res-1.yaml"].replace(
        "refs: [org#head]", "refs: [org#chair]"
    )
}


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
    records out, as docs/lookups.md says)."""
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


# --- 3. findings on standard output, the run itself on standard error ---------------------------------------


def test_validate_findings_and_summary_go_to_standard_output(run_cli, base_tree) -> None:
    result = run_cli("validate", cwd=base_tree(**BROKEN_REFERENCE))
    assert result.exit_code == 1 and result.stderr == ""
    assert "error[RT206]" in result.stdout and "  hint: " in result.stdout
    assert result.stdout.endswith("4 files checked: 1 error, 0 warnings in 1 file\n")


def test_validate_can_be_redirected_to_a_report_file(base_tree, tmp_path: Path) -> None:
    import subprocess
    import sys

    tree = base_tree(**BROKEN_REFERENCE)
    report = tmp_path / "report.txt"
    with report.open("w") as out:
        done = subprocess.run(
            [sys.executable, "-m", "resolvetool", "-v", "validate"],
            cwd=tree,
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert done.returncode == 1
    assert "error[RT206]" in report.read_text() and "4 files checked" in report.read_text()
    assert "of them from the cache" in done.stderr and "RT206" not in done.stderr  # timings: about the run


def test_lint_findings_and_fixes_go_to_standard_output_errors_to_standard_error(run_cli, base_tree) -> None:
    tree = base_tree()
    result = run_cli("lint", cwd=tree)
    assert "warning[RT306]" in result.stdout and "1 warning in 1 file" in result.stdout and result.stderr == ""
    data = run_cli("lint", "-f", "json", cwd=tree)  # data formats were on standard output already
    assert '"RT306"' in data.stdout and data.stderr == ""
    fixable = BASE_TREE["records/resolutions/2020/res-1.yaml"].replace("to decide.", "to decide")
    result = run_cli("lint", "--fix", cwd=base_tree(**{"records__resolutions__2020__res-1.yaml": fixable}))
    assert "res-1.yaml: 1 value corrected" in result.stdout and result.stderr == ""
    bad = run_cli("lint", cwd=base_tree(**{"resolvetool.toml": "[lint]\nselect = 'RT3'\n"}))
    assert bad.exit_code == 2 and bad.stdout == "" and "[lint] select must be a list" in bad.stderr


def test_import_findings_go_to_standard_output(run_cli, make_tree) -> None:
    root = make_tree({"bad.txt": "Minutes of the meeting\n\nThe chair opened the meeting.\n"})
    result = run_cli("import", "bad.txt", cwd=root)
    assert result.exit_code == 1 and result.stderr == ""
    assert "bad.txt:1:1: error[RT503] no opening formula found" in result.stdout
    assert "bad.txt: not imported" in result.stdout


def test_new_edit_reports_findings_on_standard_output(run_cli, tmp_path, monkeypatch) -> None:
    import sys

    folder = tmp_path / "secretariat"
    assert run_cli("init", str(folder), "--no-git").exit_code == 0
    editor = tmp_path / "editor.py"
    editor.write_text("import sys\nopen(sys.argv[1], 'a').write('colour: blue\\n')\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    result = run_cli("new", "organization", "--name", "Other", "--edit", "--root", str(folder))
    assert result.exit_code == 1
    assert "error[RT102]" in result.stdout and "RT102" not in result.stderr
    assert result.stdout.splitlines()[0].endswith("other.yaml")  # the path written comes first


def _run_on_terminal(tree: Path, terminal: str) -> tuple[str, str]:
    """validate with one stream on a pseudo-terminal and the other a pipe: (stdout, stderr) as bytes read."""
    import os
    import pty
    import subprocess
    import sys

    main, side = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    env.pop("FORCE_COLOR", None)
    streams = (
        {"stdout": side, "stderr": subprocess.PIPE}
        if terminal == "stdout"
        else {"stdout": subprocess.PIPE, "stderr": side}
    )
    process = subprocess.Popen([sys.executable, "-m", "resolvetool", "validate"], cwd=tree, env=env, **streams)
    os.close(side)
    piped = (process.stderr if terminal == "stdout" else process.stdout).read().decode()
    on_terminal = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        on_terminal += chunk
    process.wait(timeout=120)
    os.close(main)
    shown = on_terminal.decode()
    return (shown, piped) if terminal == "stdout" else (piped, shown)


def test_colour_on_standard_output_follows_whether_it_is_a_terminal(base_tree) -> None:
    tree = base_tree(**BROKEN_REFERENCE)
    stdout, stderr = _run_on_terminal(tree, "stdout")
    assert "RT206" in stdout and "\x1b[" in stdout and stderr == ""
    stdout, stderr = _run_on_terminal(tree, "stderr")
    assert "RT206" in stdout and "\x1b[" not in stdout and stderr == ""


# --- 2. unknown rule codes are errors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "option, value, message",
    [
        ("--select", "RT3O9", "--select: 'RT3O9' is no lint rule's code or prefix; did you mean RT309?"),
        ("--ignore", "RT306,RT3O6", "--ignore: 'RT3O6' is no lint rule's code or prefix; did you mean RT306?"),
        ("--select", "RT999", "--select: 'RT999' is no lint rule's code or prefix; did you mean RT399"),
        ("--select", "RT2", "--select: RT2 (RT201-RT212) is validate's, not a lint rule's; lint always reports"),
        ("--ignore", "RT205", "--ignore: RT205 (unresolved-reference) is validate's, not a lint rule's"),
        # the last import code moves as import learns to warn of more: the message names whichever it is
        (
            "--select",
            "RT5",
            f"--select: RT5 (RT501-{max(code for code in CODES if code.startswith('RT5'))}) is import's, "
            "not a lint rule's",
        ),
    ],
)
def test_unknown_codes_in_options_exit_2_with_the_nearest(run_cli, base_tree, option, value, message) -> None:
    result = run_cli("lint", option, value, cwd=base_tree())
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert result.stdout == ""  # refused before the run: no "no problems"


@pytest.mark.parametrize("value", ["RT3", "RT30", "RT4", "RT39", "rt304", "RT304,RT4", "RT"])
def test_codes_and_prefixes_of_lint_rules_are_accepted(run_cli, base_tree, value) -> None:
    assert run_cli("lint", "--select", value, cwd=base_tree()).exit_code in (0, 1)


@pytest.mark.parametrize(
    "settings, message",
    [
        (
            '[lint]\nselect = ["RT3O9"]\n',
            "[lint] select: 'RT3O9' is no lint rule's code or prefix; did you mean RT309?",
        ),
        (
            '[lint]\nignore = ["RT3", "RT31O"]\n',
            "[lint] ignore: 'RT31O' is no lint rule's code or prefix; did you mean RT310?",
        ),
        (
            '[lint.per-path-ignores]\n"records/*" = ["RT3O4"]\n',
            "[lint.per-path-ignores] 'records/*': 'RT3O4' is no lint rule's code or prefix; did you mean RT304?",
        ),
        ('[lint.severity]\nRT3O4 = "error"\n', "[lint.severity]: 'RT3O4' is no lint rule's code; did you mean RT304?"),
        ('[lint.severity]\nRT3 = "error"\n', "[lint.severity]: RT3 starts codes but is none; name whole codes"),
        ('[lint.severity]\nRT205 = "warning"\n', "[lint.severity]: RT205 (unresolved-reference) is validate's"),
    ],
)
def test_unknown_codes_in_the_settings_exit_2_naming_the_file(run_cli, base_tree, settings, message) -> None:
    tree = base_tree(**{"resolvetool.toml": settings})
    for command in ("lint", "validate"):  # the settings are read, and refused, by every command
        result = run_cli(command, cwd=tree)
        assert result.exit_code == 2 and "resolvetool.toml: " + message in result.stderr, result.stderr


def test_unknown_code_in_a_suppression_comment_is_an_error_at_its_column(run_cli, base_tree) -> None:
    text = BASE_TREE["records/resolutions/2020/res-1.yaml"].replace(
        "    refs: [org#head]\n", "    refs: [org#head]  # resolvetool: ignore[RT3O6]\n"
    )
    result = run_cli("lint", cwd=base_tree(**{"records__resolutions__2020__res-1.yaml": text}))
    assert result.exit_code == 1
    line = text.splitlines().index("    refs: [org#head]  # resolvetool: ignore[RT3O6]") + 1
    column = text.splitlines()[line - 1].index("RT3O6") + 1
    assert (
        f"res-1.yaml:{line}:{column}: error[RT397] this suppression comment names no lint rule's code: "
        "'RT3O6' is no lint rule's code\n  hint: did you mean RT306?"
    ) in result.stdout
    assert "warning[RT306]" in result.stdout  # nothing was silenced
    assert "RT399" not in result.stdout and "RT398" not in result.stdout


def test_a_comment_with_a_known_and_an_unknown_code(run_cli, base_tree) -> None:
    text = BASE_TREE["records/resolutions/2020/res-1.yaml"].replace(
        "    refs: [org#head]\n", "    refs: [org#head]  # resolvetool: ignore[RT306, RT205, RT3]\n"
    )
    result = run_cli("lint", "-f", "json", cwd=base_tree(**{"records__resolutions__2020__res-1.yaml": text}))
    import json

    found = [
        (d["code"], d["col"], d["message"].split(": ", 1)[1], d["hint"])
        for d in json.loads(result.stdout)["diagnostics"]
    ]
    line = text.splitlines()[15]
    assert found == [
        (
            "RT397",
            line.index("RT205") + 1,
            "RT205 (unresolved-reference) is validate's, not a lint rule's; lint "
            "always reports validate's checks and cannot leave them out",
            "'resolvetool rules' lists lint's rules",
        ),
        (
            "RT397",
            line.index("RT3]") + 1,
            "RT3 starts codes but is none",
            "name whole codes, such as RT304 ('resolvetool rules' lists lint's rules)",
        ),
    ]  # RT306 was silenced, so the comment is used: no RT399


def test_the_rules_command_suggests_the_nearest_code(run_cli) -> None:
    result = run_cli("rules", "RT3O4")
    assert result.exit_code == 2 and "'RT3O4' is no lint rule's code; did you mean RT304?" in result.stderr
    result = run_cli("rules", "RT205")
    assert result.exit_code == 2 and "RT205 (unresolved-reference) is validate's" in result.stderr
    for code in ("RT397", "RT398", "RT399"):  # listed by 'rules', so documented by 'rules CODE' too
        result = run_cli("rules", code)
        assert result.exit_code == 0 and "RT397 unknown-suppression-code (error)" in result.stdout


def test_lint_codes_are_the_rules_and_the_suppression_comments_codes() -> None:
    from resolvetool.lint.codes import LINT_CODES, SUPPRESSION_CODES
    from resolvetool.lint.rules import MODULE_BY_CODE

    assert sorted(LINT_CODES) == sorted([*MODULE_BY_CODE, *SUPPRESSION_CODES])


def test_the_library_refuses_unknown_codes_too(base_tree) -> None:
    from resolvetool.config import load_settings
    from resolvetool.lint.config import LintConfigError
    from resolvetool.lint.run import lint

    with pytest.raises(LintConfigError, match="did you mean RT309"):
        lint(load_settings(base_tree()), select=("RT3O9",))
