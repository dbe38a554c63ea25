"""The ecosystem around the command line: pre-commit hooks (run from this repository, as a hooks repository at
a revision, against a sample records repository), the GitHub Action's steps run as a runner would run them,
`init` and `new`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import REPO

GIT = {
    "GIT_AUTHOR_NAME": "Clerk",
    "GIT_AUTHOR_EMAIL": "clerk@example.org",
    "GIT_COMMITTER_NAME": "Clerk",
    "GIT_COMMITTER_EMAIL": "clerk@example.org",
}


def git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=folder, env={**os.environ, **GIT}, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def records_repository(tmp_path: Path) -> Path:
    """A secretariat's repository: the bundled records, committed."""
    folder = tmp_path / "secretariat"
    shutil.copytree(REPO / "records", folder / "records")
    shutil.copytree(REPO / "schemas", folder / "schemas")
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "records")
    return folder


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit cache for the session: the hooks' environment is built once."""
    return tmp_path_factory.mktemp("pre-commit")


@pytest.fixture(scope="session")
def hooks_repository(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This repository as pre-commit fetches a hooks repository: its files (as the working tree has them,
    uncommitted changes too, as `pre-commit try-repo` would take them) committed, and the commit. One fixed
    repository and revision, so that pre-commit builds the hooks' environment once, as for a user, where
    `try-repo` would build it again for every call."""
    folder = tmp_path_factory.mktemp("hooks") / "resolvetool"
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=REPO,
            check=True,
            capture_output=True,
        )
        .stdout.decode("utf-8")
        .split("\0")
    )
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, folder / name)
    git(folder.parent, "init", "-q", "-b", "main", folder.name)
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "hooks")
    return folder, git(folder, "rev-parse", "HEAD").strip()


def try_hook(repository: Path, hook: str, home: Path, hooks: tuple[Path, str]) -> subprocess.CompletedProcess:
    """`pre-commit run HOOK --all-files` in `repository`, with resolvetool's hooks at the revision given."""
    env = {**os.environ, **GIT, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("RESOLVETOOL_CACHE_DIR", None)
    folder, revision = hooks
    config = home / "config.yaml"  # outside the records repository: its files are what the hooks check
    config.write_text(
        yaml.safe_dump(
            {
                "repos": [
                    {
                        "repo": str(folder),
                        "rev": revision,
                        "hooks": [
                            {"id": "resolvetool-validate"},
                            {"id": "resolvetool-lint"},
                            {"id": "resolvetool-fmt"},
                        ],
                    }
                ]
            }
        )
    )
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", hook, "--all-files", "--config", str(config), "--color", "never"],
        cwd=repository,
        env=env,
        capture_output=True,
        text=True,
    )


def test_the_hooks_declared():
    hooks = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"resolvetool-validate", "resolvetool-lint", "resolvetool-fmt"}
    assert hooks["resolvetool-validate"]["pass_filenames"] is False  # the whole tree, always
    assert hooks["resolvetool-lint"]["pass_filenames"] is False
    assert hooks["resolvetool-fmt"]["entry"] == "resolvetool fmt --check"


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_hooks(records_repository, pre_commit_home, hooks_repository):
    for hook in ("resolvetool-validate", "resolvetool-lint", "resolvetool-fmt"):
        result = try_hook(records_repository, hook, pre_commit_home, hooks_repository)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Passed" in result.stdout
    # A change that breaks another file's reference fails validate, though that file is untouched.
    (records_repository / "records/agreements/interpol-impact-cooperation.yaml").unlink()
    failed = try_hook(records_repository, "resolvetool-validate", pre_commit_home, hooks_repository)
    assert failed.returncode == 1
    assert "Failed" in failed.stdout and "RT205" in failed.stdout
    assert "interpol-ga-81-impact-cooperation.yaml" in failed.stdout
    git(records_repository, "checkout", "-q", "--", ".")
    # Records kept elsewhere (resolvetool.toml says where): validate still runs, and still catches a mistake.
    (records_repository / "records").rename(records_repository / "data")
    (records_repository / "resolvetool.toml").write_text('records = "data"\n')
    (records_repository / "data/organizations/itu.yaml").write_text("id: impact\nkind: organization\nname: X\n")
    elsewhere = try_hook(records_repository, "resolvetool-validate", pre_commit_home, hooks_repository)
    assert elsewhere.returncode == 1 and "RT201" in elsewhere.stdout, elsewhere.stdout
    git(records_repository, "checkout", "-q", "--", ".")
    shutil.rmtree(records_repository / "data")
    (records_repository / "resolvetool.toml").unlink()
    badly = records_repository / "records/organizations/itu.yaml"
    badly.write_text(badly.read_text().replace("kind: organization", "kind:   organization"))
    unformatted = try_hook(records_repository, "resolvetool-fmt", pre_commit_home, hooks_repository)
    assert unformatted.returncode == 1 and "itu.yaml" in unformatted.stdout


def expression(text: str, context: dict[str, str]) -> str:
    """`${{ a || b }}` as the runner would give it, for the names this action uses."""
    import re

    def value(match: re.Match) -> str:
        for name in match.group(1).split("||"):
            found = context.get(name.strip(), "")
            if found:
                return found
        return ""

    return re.sub(r"\$\{\{\s*(.*?)\s*\}\}", value, text)


def run_action(repository: Path, summary: Path, **inputs: str) -> list[subprocess.CompletedProcess]:
    """The action's shell steps, run in order as a runner runs them (setup-python and the install step aside:
    resolvetool is installed here already)."""
    action = yaml.safe_load((REPO / "action.yml").read_text())
    context = {f"inputs.{name}": str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    context |= {f"inputs.{name}": value for name, value in inputs.items()}
    context |= {"github.action_path": str(REPO), "github.base_ref": "main", "github.event_name": "pull_request"}
    bin_folder = Path(sys.executable).parent
    results = []
    for step in action["runs"]["steps"]:
        if "run" not in step or step.get("name") == "Install resolvetool":
            continue
        env = {
            **os.environ,
            **GIT,
            "GITHUB_STEP_SUMMARY": str(summary),
            "NO_COLOR": "1",
            "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}",
        }
        env |= {name: expression(str(value), context) for name, value in step.get("env", {}).items()}
        folder = repository / expression(step.get("working-directory", "."), context)
        results.append(
            subprocess.run(["bash", "-e", "-c", step["run"]], cwd=folder, env=env, capture_output=True, text=True)
        )
    return results


def test_the_action_runs_as_a_runner_would(records_repository, tmp_path):
    action = yaml.safe_load((REPO / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    for step in action["runs"]["steps"]:  # inputs reach scripts through the environment only
        assert "${{" not in step.get("run", ""), step.get("name")
    git(records_repository, "checkout", "-q", "-b", "amend-agreement")
    agreement = records_repository / "records/agreements/interpol-impact-cooperation.yaml"
    agreement.write_text(
        agreement.read_text().replace(
            "signature_authorizations:", "  - event: signed\n    date: 2012-12-03\nsignature_authorizations:"
        )
    )
    git(records_repository, "commit", "-q", "-am", "signed")
    summary = tmp_path / "summary.md"
    validate, lint, diff = run_action(records_repository, summary)
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert lint.returncode == 0, lint.stdout + lint.stderr
    assert diff.returncode == 0, diff.stderr
    text = summary.read_text()
    assert "interpol-impact-cooperation" in text and "signed" in text
    # A broken reference: annotations a pull request shows on the line.
    resolution = next((records_repository / "records/resolutions").rglob("*.yaml"))
    resolution.write_text(
        resolution.read_text().replace(
            "approves:\n  - interpol-impact-cooperation", "approves:\n  - interpol-impact-cooperatoin"
        )
    )
    validate, lint, _ = run_action(records_repository, tmp_path / "again.md", lint="true")
    assert validate.returncode == 1
    assert "::error file=records/resolutions/2012/interpol-ga-81-impact-cooperation.yaml,line=" in validate.stdout
    assert "RT205" in validate.stdout
    assert lint.returncode == 1


def test_the_action_without_a_base(records_repository, tmp_path):
    summary = tmp_path / "summary.md"
    *_, diff = run_action(records_repository, summary, base="", diff="true")
    assert diff.returncode == 0
    # github.base_ref is "main" here, and main is HEAD itself: the summary says nothing changed.
    assert "no change" in summary.read_text().lower(), summary.read_text()


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


def test_annotations_name_files_from_the_repository_root(run_cli, records_repository, monkeypatch):
    project = records_repository / "council"
    shutil.copytree(records_repository / "records", project / "records")
    (project / "records/organizations/itu.yaml").write_text("id: impact\nkind: organization\nname: Duplicate\n")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(records_repository))
    result = run_cli("--root", str(project), "validate", "--format", "github")
    assert result.exit_code == 1
    assert "::error file=council/records/organizations/itu.yaml,line=1" in result.stdout
