"""What `init` wires a new project to: the pre-commit hooks and the workflow install resolvetool from where it
came from (a release, a commit, a local folder), as the [ci] setting says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from helpers import REPO, git


def test_init_hooks_mirror_the_repository_hooks(run_cli, tmp_path):
    """The local hooks init writes behave as the hooks resolvetool's repository declares, but run the
    installed resolvetool (language: system) instead of building an environment from a remote repository."""
    folder = tmp_path / "secretariat"
    assert run_cli("init", str(folder), "--no-git").exit_code == 0
    written = yaml.safe_load((folder / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    declared = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in written] == [hook["id"] for hook in declared]
    for ours, theirs in zip(written, declared, strict=True):
        for key in ("name", "entry", "always_run", "pass_filenames", "require_serial", "files"):
            assert ours.get(key) == theirs.get(key), (ours["id"], key)
        assert ours["language"] == "system"


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
    git(tmp_path, "init", "-q", str(outer))
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
