"""resolvetool diff at the command line: files, folders, git revisions (safely), history, formats, exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import REPO

RESOLUTION = "records/resolutions/2012/interpol-ga-81-impact-cooperation.yaml"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Clerk",
    "GIT_AUTHOR_EMAIL": "clerk@example.org",
    "GIT_COMMITTER_NAME": "Clerk",
    "GIT_COMMITTER_EMAIL": "clerk@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_SYSTEM": os.devnull,
}

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is needed")


def git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, env={**os.environ, **GIT_ENV})
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A git repository holding the bundled records, committed on main."""
    root = tmp_path / "project"
    shutil.copytree(REPO / "records", root / "records")
    (root / "resolvetool.toml").write_text("")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "the records")
    return root


def edit(root: Path, old: str, new: str, path: str = RESOLUTION) -> None:
    file = root / path
    text = file.read_text()
    assert old in text
    file.write_text(text.replace(old, new))


def test_the_working_tree_against_head(run_cli, project: Path) -> None:
    assert run_cli("diff", "--exit-code", cwd=project).exit_code == 0
    edit(
        project,
        "the Secretary General to sign it.",
        "the Secretary General to sign it and to report to the Executive Committee.",
    )
    edit(project, "  - phrase: MINDFUL", "  - phrase: NOTING\n    text: the report,\n  - phrase: MINDFUL")
    result = run_cli("diff", "--exit-code", cwd=project)
    assert result.exit_code == 1
    assert "resolution interpol-ga-81-impact-cooperation changed" in result.stdout
    assert "preamble clause 4 inserted after ACKNOWLEDGING: {+NOTING the report,+}" in result.stdout
    assert "operative clause 2 changed: AUTHORIZES the Secretary General to sign [-it.-]" in result.stdout


def test_formatting_alone_is_no_change(run_cli, project: Path) -> None:
    edit(project, "title: >-", "# a comment\ntitle: >-")
    edit(project, "status: adopted", "status: 'adopted'")
    assert run_cli("diff", "--exit-code", cwd=project).exit_code == 0


def test_between_branches_and_as_data(run_cli, project: Path) -> None:
    git(project, "checkout", "-q", "-b", "feature")
    edit(project, "status: adopted", "status: superseded")
    edit(
        project,
        "  - event: approved",
        "  - event: signed\n    date: 2012-12-01\n  - event: approved",
        "records/agreements/interpol-impact-cooperation.yaml",
    )
    (project / "records/organizations/itu.yaml").rename(project / "records/organizations/itu2.yaml")
    edit(project, "id: itu", "id: itu2", "records/organizations/itu2.yaml")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "edits")
    data = json.loads(run_cli("diff", "--base", "main", "--head", "feature", "-f", "json", cwd=project).stdout)
    assert data["version"] == 1
    by_id = {record["id"]: record for record in data["records"]}
    assert by_id["itu2"]["status"] == "renamed" and by_id["itu2"]["old_id"] == "itu"
    assert {"kind": "changed", "path": "status", "old": "adopted", "new": "superseded"}.items() <= by_id[
        "interpol-ga-81-impact-cooperation"
    ]["changes"][0].items()
    agreement = [c["summary"] for c in by_id["interpol-impact-cooperation"]["changes"]]
    assert "lifecycle (entry 2) added" in agreement and "status: approved → approved" not in agreement
    markdown = run_cli("diff", "--base", "main", "--head", "feature", "-f", "markdown", cwd=project).stdout
    assert markdown.startswith("**resolvetool diff**: 3 records (2 changed, 1 renamed)")
    assert markdown.count("<details>") == 3
    reverse = json.loads(run_cli("diff", "--base", "feature", "--head", "main", "-f", "json", cwd=project).stdout)
    assert {r["id"] for r in reverse["records"]} == {
        "itu",
        "interpol-ga-81-impact-cooperation",
        "interpol-impact-cooperation",
    }


def test_revisions_are_checked_and_never_read_as_options(run_cli, project: Path) -> None:
    for revision in ("--output=/tmp/x", "-p", "nosuchbranch", "HEAD~5"):
        result = run_cli("diff", "--base", revision, cwd=project)
        assert result.exit_code == 2, revision
        assert "error:" in result.stderr and "Traceback" not in result.stderr


def test_a_shallow_clone_says_how_to_fetch(run_cli, project: Path, tmp_path: Path) -> None:
    edit(project, "status: adopted", "status: superseded")
    git(project, "commit", "-q", "-am", "second")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{project}", str(clone))
    result = run_cli("diff", "--base", "HEAD~1", cwd=clone)
    assert result.exit_code == 2 and "shallow" in result.stderr and "fetch" in result.stderr


def test_outside_git_two_files_or_folders(run_cli, tmp_path: Path, in_repo: Path) -> None:
    shutil.copytree(REPO / "records", tmp_path / "a")
    shutil.copytree(REPO / "records", tmp_path / "b")
    (tmp_path / "b/sessions/interpol-ga-81.yaml").write_text(
        (tmp_path / "b/sessions/interpol-ga-81.yaml").read_text().replace("Rome", "Paris")
    )
    folders = run_cli("diff", str(tmp_path / "a"), str(tmp_path / "b"), "--exit-code", cwd=tmp_path)
    assert folders.exit_code == 1 and "venue.city: Rome → Paris" in folders.stdout
    files = run_cli(
        "diff",
        str(tmp_path / "a/sessions/interpol-ga-81.yaml"),
        str(tmp_path / "b/sessions/interpol-ga-81.yaml"),
        cwd=tmp_path,
    )
    assert "venue.city: Rome → Paris" in files.stdout
    assert run_cli("diff", str(tmp_path / "a"), cwd=tmp_path).exit_code == 2
    assert run_cli("diff", str(tmp_path / "a"), str(tmp_path / "nope"), cwd=tmp_path).exit_code == 2


def test_history_of_one_record(run_cli, project: Path) -> None:
    edit(project, "status: adopted", "status: superseded")
    git(project, "commit", "-q", "-am", "superseded")
    out = run_cli("diff", "interpol-ga-81-impact-cooperation", "--history", cwd=project).stdout
    first, second = out.split("superseded\n", 1)[0], out.split("superseded\n", 1)[1]
    assert "the records" in first and "interpol-ga-81-impact-cooperation added" in first
    assert "status: adopted → superseded" in second
