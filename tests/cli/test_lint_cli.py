"""lint, rules and fmt at the command line: configuration, suppression, fixes, formats, exit codes."""

from __future__ import annotations

import json

import pytest
from helpers import BASE_TREE

CLEAN = BASE_TREE["records/resolutions/2020/res-1.yaml"].replace("    refs: [org#head]\n", "")


def test_lint_reports_rules_and_validate_problems_alike(run_cli, base_tree):
    root = base_tree(
        **{
            "records__resolutions__2020__res-1.yaml": CLEAN.replace("the report,", "the report;;")
            + "superseded_by: nowhere\n"
        }
    )
    result = run_cli("lint", cwd=root)
    assert result.exit_code == 1  # RT205 from validate is an error
    assert "error[RT205]" in result.stdout
    assert "warning[RT304]" not in result.stdout  # ';' is accepted after a preambular paragraph
    assert "2 problems" not in result.stdout


def test_warnings_fail_only_with_strict(run_cli, base_tree):
    root = base_tree()  # res-1 refers to org#head, which its words never mention
    result = run_cli("lint", cwd=root)
    assert result.exit_code == 0
    assert "warning[RT306] operative paragraph 1 refers to 'org#head', which its words never mention" in result.stdout
    assert run_cli("lint", "--strict", cwd=root).exit_code == 1
    assert run_cli("lint", "--strict", "--ignore", "RT306", cwd=root).exit_code == 0
    assert run_cli("lint", "--strict", "--select", "RT4", cwd=root).exit_code == 0


def test_suppression_comments(run_cli, base_tree):
    text = BASE_TREE["records/resolutions/2020/res-1.yaml"].replace(
        "    refs: [org#head]\n", "    refs: [org#head]  # resolvetool: ignore[RT306] the head decides\n"
    )
    root = base_tree(**{"records__resolutions__2020__res-1.yaml": text})
    assert run_cli("lint", "--strict", cwd=root).exit_code == 0
    above = BASE_TREE["records/resolutions/2020/res-1.yaml"].replace(
        "    refs: [org#head]\n", "    # resolvetool: ignore[RT306]\n    refs: [org#head]\n"
    )
    root = base_tree(**{"records__resolutions__2020__res-1.yaml": above})
    assert run_cli("lint", "--strict", cwd=root).exit_code == 0
    whole = "# resolvetool: ignore-file[RT306]\n" + BASE_TREE["records/resolutions/2020/res-1.yaml"]
    root = base_tree(**{"records__resolutions__2020__res-1.yaml": whole})
    assert run_cli("lint", "--strict", cwd=root).exit_code == 0


def test_unused_and_unreadable_suppressions(run_cli, base_tree):
    text = CLEAN.replace("title: A first decision\n", "title: A first decision  # resolvetool: ignore[RT314]\n")
    text = text.replace("status: adopted\n", "status: adopted  # resolvetool: ignore RT404\n")
    root = base_tree(**{"records__resolutions__2020__res-1.yaml": text})
    result = run_cli("lint", cwd=root)
    assert "res-1.yaml:3:1: warning[RT399] this comment suppresses RT314, which is not reported here" in result.stdout
    assert "res-1.yaml:6:1: warning[RT398] this suppression comment cannot be read" in result.stdout


def test_configuration(run_cli, base_tree):
    root = base_tree(**{"resolvetool.toml": '[lint]\nignore = ["RT306"]\n'})
    assert run_cli("lint", "--strict", cwd=root).exit_code == 0
    root = base_tree(**{"resolvetool.toml": '[lint.severity]\nRT306 = "error"\n'})
    result = run_cli("lint", cwd=root)
    assert result.exit_code == 1 and "error[RT306]" in result.stdout
    root = base_tree(**{"resolvetool.toml": '[lint.per-path-ignores]\n"records/resolutions/*/*" = ["RT3"]\n'})
    assert run_cli("lint", "--strict", cwd=root).exit_code == 0


@pytest.mark.parametrize(
    "toml, message",
    [
        ('[lint]\nselekt = ["RT3"]\n', "unknown [lint] setting 'selekt'"),
        ('[lint]\nignore = "RT306"\n', "[lint] ignore must be a list of codes"),
        ('[lint.severity]\nRT306 = "fatal"\n', "[lint.severity] must map codes to one of error, warning, info"),
        ('[lint.bodies.ga]\nformula-case = { preamble = "loud" }\n', "formula-case must map preamble and operative"),
    ],
)
def test_bad_configuration_is_a_usage_error(run_cli, base_tree, toml, message):
    root = base_tree(**{"resolvetool.toml": toml})
    result = run_cli("lint", cwd=root)
    assert result.exit_code == 2
    assert message in result.stderr


def test_fix_writes_certain_corrections_and_keeps_comments(run_cli, base_tree):
    text = (
        "# yaml-language-server: $schema=../../../schemas/resolution.schema.json\n"
        "# A clerk's note that must survive.\n"
        "id: res-1\nkind: resolution\ntitle: a first decision.\nbody: assembly\nsession: assembly-1\n"
        "status: adopted\nadoption:\n  date: 2020-05-05\n  outcome: Adopted\npreamble:\n"
        "  - phrase: NOTING\n    text: the  report's rules,  # keep this comment\n"
        "  - phrase: RECALLING\n    text: >-\n"
        "      the Organization’s rules and the long paragraph that goes on and on so that it\n"
        "      is folded over two lines,\n"
        "operative:\n  - phrase: DECIDES\n    text: to decide;\n"
    )
    root = base_tree(**{"records__resolutions__2020__res-1.yaml": text})
    result = run_cli("lint", "--fix", cwd=root)
    assert "records/resolutions/2020/res-1.yaml: 4 values corrected" in result.stdout, result.stdout
    written = (root / "records/resolutions/2020/res-1.yaml").read_text(encoding="utf-8")
    assert "# A clerk's note that must survive." in written and "# keep this comment" in written
    assert "title: A first decision\n" in written
    assert "text: the report's rules," in written
    assert "the Organization's rules" in written and "text: >-" in written
    assert "text: to decide.\n" in written
    assert run_cli("lint", "--strict", cwd=root).exit_code == 0
    assert run_cli("validate", cwd=root).exit_code == 0


def test_json_format_and_tree_rules(run_cli, base_tree):
    agreement = (
        "id: deal\nkind: agreement\ntitle: A deal\nparties: [org, org]\n"
        "lifecycle:\n  - event: approved\n    by: res-1\n"
    )
    root = base_tree(**{"records__agreements__deal.yaml": agreement})
    result = run_cli("lint", "--format", "json", cwd=root)
    report = json.loads(result.stdout)
    found = {(d["path"], d["code"]) for d in report["diagnostics"]}
    assert ("records/agreements/deal.yaml", "RT407") in found


def test_rules_lists_and_documents(run_cli):
    listing = run_cli("rules")
    assert listing.exit_code == 0 and "RT304  clause-punctuation" in listing.stdout
    page = run_cli("rules", "rt304")
    assert page.exit_code == 0 and "Fails" in page.stdout and "Passes" in page.stdout
    assert run_cli("rules", "RT999").exit_code == 2


def test_fmt_check_names_files_and_fmt_keeps_comments(run_cli, base_tree):
    messy = (
        "kind: resolution  # the kind\nid: res-1\n\ntitle: 'A first decision'\nbody: assembly\n"
        "session: assembly-1\nstatus: adopted\nadoption:\n  outcome: Adopted\n  date: 2020-05-05\n"
        "preamble:\n  - text: the report,\n    phrase: NOTING\n"
        "operative:\n  - phrase: DECIDES\n    text: to decide.\n    refs: [org#head]\n"
    )
    root = base_tree(**{"records__resolutions__2020__res-1.yaml": messy})
    check = run_cli("fmt", "--check", cwd=root)
    assert check.exit_code == 1 and "records/resolutions/2020/res-1.yaml: would be reformatted" in check.stderr
    assert (root / "records/resolutions/2020/res-1.yaml").read_text(encoding="utf-8") == messy
    assert run_cli("fmt", cwd=root).exit_code == 0
    text = (root / "records/resolutions/2020/res-1.yaml").read_text(encoding="utf-8")
    assert text.startswith("id: res-1\n\nkind: resolution  # the kind\ntitle: A first decision\n")
    assert "  date: 2020-05-05\n  outcome: Adopted\n" in text and "  - phrase: NOTING\n    text: the report,\n" in text
    assert run_cli("fmt", "--check", cwd=root).exit_code == 0
    assert run_cli("validate", cwd=root).exit_code == 0


def test_fmt_leaves_unreadable_files_alone(run_cli, base_tree):
    root = base_tree(**{"records__resolutions__2020__bad.yaml": "id: [unclosed\n"})
    result = run_cli("fmt", cwd=root)
    assert result.exit_code == 1
    assert (
        "records/resolutions/2020/bad.yaml: not formatted: line 2, column 1: YAML syntax error"
        in result.stdout + result.stderr
    )
    assert "run 'resolvetool validate'" in result.stdout + result.stderr
    assert (root / "records/resolutions/2020/bad.yaml").read_text() == "id: [unclosed\n"


def test_bundled_records_are_formatted_and_lint_clean(run_cli, in_repo):
    assert run_cli("fmt", "--check", cwd=in_repo).exit_code == 0
    assert run_cli("lint", "--strict", cwd=in_repo).exit_code == 0


def test_lint_settings_in_pyproject(run_cli, base_tree):
    root = base_tree(**{"pyproject.toml": '[tool.resolvetool.lint]\nignore = ["RT306"]\n'})
    assert run_cli("lint", "--strict", cwd=root).exit_code == 0
