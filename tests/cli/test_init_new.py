"""`init` and `new` at the command line: a new project validates at once, new records are valid or refused as
validate would refuse them, an editor in between; shell completion; fmt keeps the schema line."""

from __future__ import annotations

import os
import sys

import yaml
from helpers import REPO, git


def test_init_makes_a_repository_that_validates(run_cli, tmp_path):
    folder = tmp_path / "secretariat"
    result = run_cli("init", str(folder), "--title", "General Assembly resolutions")
    assert result.exit_code == 0, result.stderr
    assert (folder / ".git").is_dir()
    for name in (
        "records/resolutions/.gitkeep",
        "schemas/resolution.schema.json",
        "resolvetool.toml",
        ".pre-commit-config.yaml",
        ".github/workflows/records.yml",
        ".vscode/settings.json",
        "README.md",
    ):
        assert (folder / name).is_file(), name
    assert run_cli("--root", str(folder), "validate").exit_code == 0
    assert run_cli("--root", str(folder), "lint").exit_code == 0
    assert run_cli("--root", str(folder), "schema", "--check").exit_code == 0
    hooks = yaml.safe_load((folder / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    assert [hook["id"] for hook in hooks] == ["resolvetool-validate", "resolvetool-lint", "resolvetool-fmt"]
    ours = {hook["id"] for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert {hook["id"] for hook in hooks} <= ours
    workflow = yaml.safe_load((folder / ".github/workflows/records.yml").read_text())
    steps = workflow["jobs"]["check"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0 and steps[1]["uses"].startswith("actions/setup-python@")
    assert [step["id"] for step in steps if "id" in step] == ["install"]  # from [ci] install, run inline
    import json

    mapping = json.loads((folder / ".vscode/settings.json").read_text())["yaml.schemas"]
    assert mapping["./schemas/resolution.schema.json"] == ["records/resolutions/**/*.yaml"]
    assert 'site-title = "General Assembly resolutions"' in (folder / "resolvetool.toml").read_text()
    again = run_cli("init", str(folder))
    assert again.exit_code == 2 and "is not empty" in again.stderr


def test_new_records_are_valid_at_once(run_cli, tmp_path, monkeypatch):
    folder = tmp_path / "secretariat"
    assert run_cli("init", str(folder), "--no-git").exit_code == 0
    monkeypatch.chdir(folder)
    steps = [
        ("organization", "--name", "International Criminal Police Organization", "--acronym", "INTERPOL"),
        (
            "body",
            "--name",
            "General Assembly",
            "--organization",
            "interpol",
            "--formula",
            "The ICPO-INTERPOL General Assembly",
        ),
        (
            "session",
            "--body",
            "interpol-general-assembly",
            "--number",
            "81",
            "--start",
            "2012-11-05",
            "--end",
            "2012-11-08",
            "--city",
            "Rome",
            "--country",
            "Italy",
        ),
        ("report", "--symbol", "AG-2012-RAP-18", "--session", "interpol-general-assembly-81"),
        ("organization", "--name", "IMPACT"),
        ("agreement", "--title", "Cooperation Agreement with IMPACT", "--party", "interpol", "--party", "impact"),
        ("instrument", "--title", "Constitution", "--organization", "interpol"),
        (
            "resolution",
            "--session",
            "interpol-general-assembly-81",
            "--title",
            "Draft Cooperation Agreement with IMPACT",
        ),
    ]
    written = []
    for step in steps:
        result = run_cli("--root", str(folder), "new", *step)
        assert result.exit_code == 0, (step, result.stderr)
        written.append(result.stdout.strip())
        checked = run_cli("--root", str(folder), "validate")
        assert checked.exit_code == 0, (step, checked.stderr)
    assert written[-1] == (
        "records/resolutions/2012/interpol-general-assembly-81-draft-cooperation-agreement-with-impact.yaml"
    )
    resolution = (folder / written[-1]).read_text()
    assert resolution.startswith("# yaml-language-server: $schema=../../../schemas/resolution.schema.json\n")
    assert "body: interpol-general-assembly\n" in resolution and "status: draft\n" in resolution
    assert written[0] == "records/organizations/interpol.yaml"
    assert (folder / written[1]).read_text().startswith("# yaml-language-server: $schema=../../schemas/body")
    # fmt keeps the schema line (and changes nothing in what new wrote).
    assert run_cli("--root", str(folder), "fmt", "--check").exit_code == 0
    # Mistakes are said, and nothing is written.
    for args, message in [
        (("resolution", "--title", "x"), "needs --session or --body"),
        (("session", "--body", "interpol-general-asembly", "--number", "2"), "did you mean interpol-general-assembly"),
        (("session", "--body", "interpol", "--number", "2"), "it is an organization, not a body"),
        (
            (
                "resolution",
                "--session",
                "interpol-general-assembly-81",
                "--title",
                "Draft Cooperation Agreement with IMPACT",
            ),
            "is taken by records/resolutions/2012/",
        ),
        (("session", "--body", "interpol-general-assembly", "--number", "82", "--city", "Lyon"), "--country"),
        (("organization", "--name", "X", "--id", "Not An Id"), "would not be valid: id"),
    ]:
        result = run_cli("--root", str(folder), "new", *args)
        assert result.exit_code == 2 and message in result.stderr, (args, result.stderr)
    assert len(list((folder / "records").rglob("*.yaml"))) == len(steps)


def test_new_with_edit_validates_after_the_editor(run_cli, tmp_path, monkeypatch):
    folder = tmp_path / "secretariat"
    assert run_cli("init", str(folder), "--no-git").exit_code == 0
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys\npath = sys.argv[1]\ntext = open(path).read()\n"
        "open(path, 'w').write(text + 'category: intergovernmental\\n')\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    good = run_cli(
        "--root",
        str(folder),
        "new",
        "organization",
        "--name",
        "World Customs Organization",
        "--acronym",
        "WCO",
        "--edit",
    )
    assert good.exit_code == 0, good.stderr
    assert "category: intergovernmental" in (folder / "records/organizations/wco.yaml").read_text()
    editor.write_text("import sys\npath = sys.argv[1]\nopen(path, 'a').write('colour: blue\\n')\n")
    bad = run_cli("--root", str(folder), "new", "organization", "--name", "Other", "--edit")
    assert bad.exit_code == 1
    assert "RT102" in bad.stdout and "colour" in bad.stdout  # said at the line, and the file is kept as edited
    assert "colour: blue" in (folder / "records/organizations/other.yaml").read_text()


def test_shell_completion(run_cli, monkeypatch):
    # Typer detects the shell from the process tree unless told not to (its own switch for tests); the shell is
    # then named on the command line, as a user without a detectable shell would name it.
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    result = run_cli("--show-completion", "bash")
    assert result.exit_code == 0
    assert "complete" in result.stdout and "_RESOLVETOOL_COMPLETE" in result.stdout.upper()


def test_fmt_keeps_the_schema_line(run_cli, make_tree):
    root = make_tree(
        {
            "records/organizations/org.yaml": "# yaml-language-server: $schema=../../schemas/organization.schema.json\n"
            "name:   Example Organization\nkind: organization\nid: org\n"
        }
    )
    assert run_cli("fmt", cwd=root).exit_code == 0
    text = (root / "records/organizations/org.yaml").read_text()
    assert text == (
        "# yaml-language-server: $schema=../../schemas/organization.schema.json\n"
        "id: org\nkind: organization\nname: Example Organization\n"
    )


def test_init_edge_cases(run_cli, tmp_path, monkeypatch):
    emoji = tmp_path / "emoji"
    assert run_cli("init", str(emoji), "--title", "Résolutions 🌍", "--no-git").exit_code == 0
    assert run_cli("--root", str(emoji), "validate").exit_code == 0
    clone = tmp_path / "clone"
    git(tmp_path, "init", "-q", str(clone))  # a fresh clone holds only .git
    result = run_cli("init", str(clone))
    assert result.exit_code == 0, result.stderr
    assert (clone / ".github/workflows/records.yml").is_file()
    nested = clone / "records-of-the-council"
    inside = run_cli("init", str(nested))
    assert inside.exit_code == 0
    assert "inside the git repository" in inside.stderr and "--root records-of-the-council" in inside.stderr
    assert 'working-directory: "records-of-the-council"' in (nested / "README.md").read_text()
    assert not (nested / ".github").exists() and not (nested / ".pre-commit-config.yaml").exists()
    assert not (nested / ".git").exists()
    # A failed init leaves nothing behind that would refuse the retry.
    from resolvetool import fileio

    real_write = os.write
    calls = []

    def full_disk(descriptor, data):
        calls.append(descriptor)
        if len(calls) > 5:
            raise OSError(28, "No space left on device")
        return real_write(descriptor, data)

    monkeypatch.setattr(fileio.os, "write", full_disk)
    failed = run_cli("init", str(tmp_path / "full"), "--no-git")
    monkeypatch.undo()
    assert failed.exit_code == 2 and "the disk is full" in failed.stderr
    assert not (tmp_path / "full").exists()


def test_new_refuses_what_validate_would(run_cli, tmp_path, monkeypatch):
    folder = tmp_path / "secretariat"
    assert run_cli("init", str(folder), "--no-git").exit_code == 0
    for step in [
        ("organization", "--name", "Org", "--acronym", "ORG"),
        ("organization", "--name", "Other"),
        ("body", "--name", "Assembly", "--organization", "org"),
        ("body", "--name", "Council", "--organization", "org"),
        ("session", "--body", "org-assembly", "--number", "1"),
    ]:
        assert run_cli("--root", str(folder), "new", *step).exit_code == 0, step
    for args, message in [
        (
            ("session", "--body", "org-assembly", "--number", "2", "--start", "2012-02-01", "--end", "2012-01-01"),
            "ends (2012-01-01) before it starts",
        ),
        (("resolution", "--body", "org-assembly", "--title", "Резолюция о сотрудничестве"), "no Latin letters"),
        (("organization", "--name", "決議"), "give the id with --id"),
        (
            ("report", "--symbol", "R/1", "--body", "org-council", "--session", "org-assembly-1"),
            "is a session of org-assembly, not of org-council",
        ),
        (("agreement", "--title", "Pact", "--party", "ORG", "--party", "org"), "--party org is given twice"),
    ]:
        result = run_cli("--root", str(folder), "new", *args)
        assert result.exit_code == 2 and message in result.stderr, (args, result.stderr)
    assert len(list((folder / "records").rglob("*.yaml"))) == 5
    named = run_cli("--root", str(folder), "new", "organization", "--name", "決議", "--id", "kettei")
    assert named.exit_code == 0
    monkeypatch.chdir(folder / "records")
    here = run_cli("new", "organization", "--name", "From here")
    assert here.stdout.strip() == "organizations/from-here.yaml"  # relative to where it was run
    for editor, message in [("rm -f", "is gone (removed in the editor)"), ("'unbalanced", "cannot read the editor")]:
        monkeypatch.setenv("EDITOR", editor)
        result = run_cli("new", "organization", "--name", f"Edited {len(editor)}", "--edit")
        assert result.exit_code == 1 and message in result.stderr, result.stderr
