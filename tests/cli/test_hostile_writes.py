"""Hostile input against what resolvetool writes and reads: links in the tree leading out of the project, settings
naming folders elsewhere, a full disk in the middle of a write. Nothing outside the project is ever written or
read, and a write of several files lands whole or not at all."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REFERENCE_TEXT

SECRET = "//registry.npmjs.org/:_authToken=npm_SECRET_TOKEN_1234\n"


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (links as their own text), for "nothing changed" comparisons."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            found[str(path.relative_to(folder))] = b"-> " + os.readlink(path).encode()
        elif path.is_file():
            found[str(path.relative_to(folder))] = path.read_bytes()
    return found


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the project, holding a secret a hostile link might reach for."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / ".npmrc").write_text(SECRET)
    (folder / "config.yaml").write_text("# the user's own settings\nname:   mine\n")
    return folder


# --- writes ------------------------------------------------------------------------------------------


def test_import_never_writes_through_a_linked_folder(run_cli, make_tree, outside: Path) -> None:
    root = make_tree({})
    (root / "records" / "organizations").symlink_to(outside, target_is_directory=True)
    before, outside_before = _files(root), _files(outside)
    result = run_cli("import", str(REFERENCE_TEXT), cwd=root)
    assert result.exit_code == 2, result.stderr
    assert (
        "records/organizations: is a symbolic link" in result.stderr and "never writes through links" in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert _files(outside) == outside_before  # nothing written outside
    assert _files(root) == before  # and nothing of the text inside: its records land together or not at all


def test_import_force_never_replaces_a_linked_file(run_cli, make_tree, outside: Path) -> None:
    root = make_tree({})
    assert run_cli("import", str(REFERENCE_TEXT), cwd=root).exit_code == 0
    [target] = (root / "records" / "resolutions").rglob("*.yaml")
    target.unlink()
    target.symlink_to(outside / "config.yaml")
    result = run_cli("import", str(REFERENCE_TEXT), "--force", cwd=root)
    assert result.exit_code == 2
    assert f"{target.name}: is a symbolic link" in result.stderr
    assert (outside / "config.yaml").read_text() == "# the user's own settings\nname:   mine\n"
    assert target.is_symlink()


def test_fmt_neither_reads_nor_rewrites_a_file_outside(run_cli, base_tree, outside: Path) -> None:
    root = base_tree()
    (root / "records" / "organizations" / "mine.yaml").symlink_to(outside / "config.yaml")
    for args in (("fmt",), ("fmt", "records/organizations/mine.yaml"), ("fmt", "--check")):
        result = run_cli(*args, cwd=root)
        assert result.exit_code == 1, (args, result.stderr)
        assert (
            "mine.yaml: not formatted: symbolic link to" in result.stderr
            and "leads outside the project" in result.stderr
        )
    assert (outside / "config.yaml").read_text() == "# the user's own settings\nname:   mine\n"


def test_fmt_refuses_to_write_through_a_link_inside_the_project(run_cli, base_tree) -> None:
    root = base_tree(**{"records/organizations/other.yaml": "name: Other\nkind: organization\nid: other\n"})
    (root / "records" / "organizations" / "alias.yaml").symlink_to("other.yaml")
    result = run_cli("fmt", "records/organizations/alias.yaml", cwd=root)
    assert result.exit_code == 2
    assert "alias.yaml: not formatted: is a symbolic link (to other.yaml)" in result.stderr
    assert (root / "records" / "organizations" / "alias.yaml").is_symlink()


def test_lint_fix_never_writes_through_a_link(run_cli, base_tree) -> None:
    root = base_tree(**{"records/organizations/other.yaml": "id: other\nkind: organization\nname: Other  name\n"})
    real = root / "records" / "organizations" / "other.yaml"
    shelf = root / "shelf"
    shelf.mkdir()
    real.rename(shelf / "other.yaml")
    real.symlink_to(shelf / "other.yaml")
    result = run_cli("lint", "--fix", cwd=root)
    assert result.exit_code == 2
    assert "other.yaml: not corrected (nothing was written): is a symbolic link" in result.stderr
    assert (shelf / "other.yaml").read_text() == "id: other\nkind: organization\nname: Other  name\n"


def test_new_never_writes_into_a_linked_folder(run_cli, base_tree, outside: Path) -> None:
    root = base_tree()
    (root / "records" / "resolutions" / "2021").symlink_to(outside, target_is_directory=True)
    result = run_cli("new", "resolution", "--session", "assembly-1", "--title", "Later decision", cwd=root)
    # The session is of 2020: the record goes in resolutions/2020, not through the link.
    assert result.exit_code == 0
    (root / "records" / "resolutions" / "2020").rename(root / "kept")
    (root / "records" / "resolutions" / "2020").symlink_to(outside, target_is_directory=True)
    before = _files(outside)
    result = run_cli("new", "resolution", "--session", "assembly-1", "--title", "Another decision", cwd=root)
    assert result.exit_code == 2 and "records/resolutions/2020: is a symbolic link" in result.stderr
    assert _files(outside) == before


@pytest.mark.parametrize(
    "setting",
    ['records = "../outside"', 'schemas = "../outside"', '[render]\ntemplates = "../outside"', 'records = "/etc"'],
)
def test_settings_cannot_name_folders_outside_the_project(run_cli, base_tree, outside: Path, setting: str) -> None:
    root = base_tree(**{"resolvetool.toml": setting + "\n"})
    result = run_cli("validate", cwd=root)
    assert result.exit_code == 2 and "is outside the project" in result.stderr


def test_a_setting_leading_out_through_a_link_is_refused(run_cli, base_tree, outside: Path) -> None:
    root = base_tree(**{"resolvetool.toml": 'schemas = "schemas"\n'})
    (root / "schemas").symlink_to(outside, target_is_directory=True)
    result = run_cli("schema", cwd=root)
    assert (
        result.exit_code == 2 and "setting schemas = 'schemas' is outside the project (through a link" in result.stderr
    )
    assert sorted(p.name for p in outside.iterdir()) == [".npmrc", "config.yaml"]


# --- reads ---------------------------------------------------------------------------------------------


def _plant_secret_link(root: Path, outside: Path) -> None:
    (root / "records" / "organizations" / "n.yaml").symlink_to(outside / ".npmrc")


@pytest.mark.parametrize("fmt", ["text", "github", "json", "sarif"])
def test_validate_does_not_read_a_link_out_of_the_project(run_cli, base_tree, outside: Path, fmt: str) -> None:
    root = base_tree()
    _plant_secret_link(root, outside)
    result = run_cli("validate", "--format", fmt, cwd=root)
    assert result.exit_code == 1
    assert "npm_SECRET" not in result.stdout + result.stderr
    assert "RT030" in result.stdout + result.stderr


def test_lint_does_not_read_a_link_out_of_the_project(run_cli, base_tree, outside: Path) -> None:
    root = base_tree()
    _plant_secret_link(root, outside)
    result = run_cli("lint", "--format", "github", cwd=root)
    assert "npm_SECRET" not in result.stdout + result.stderr and "RT030" in result.stdout


def test_lookups_and_the_site_do_not_read_a_link_out_of_the_project(
    run_cli, base_tree, outside: Path, tmp_path: Path
) -> None:
    root = base_tree()
    (outside / "org.yaml").write_text("id: leak\nkind: organization\nname: npm_SECRET_NAME\n")
    (root / "records" / "organizations" / "leak.yaml").symlink_to(outside / "org.yaml")
    for args in (
        ("show", "leak"),
        ("query", "kind=organization", "-f", "json"),
        ("search", "npm_SECRET_NAME"),
        ("show", "records/organizations/leak.yaml", "-f", "json"),
    ):
        result = run_cli(*args, cwd=root)
        assert "npm_SECRET" not in result.stdout + result.stderr, args
    site = tmp_path / "site"
    run_cli("render", "--site", str(site), cwd=root)
    assert not any(b"npm_SECRET" in path.read_bytes() for path in site.rglob("*") if path.is_file())


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args],
        cwd=root,
        check=True,
        capture_output=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
        },
    )


def test_diff_does_not_read_a_record_replaced_by_a_link(run_cli, base_tree, outside: Path) -> None:
    root = base_tree()
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "records")
    (outside / "org.yaml").write_text("id: org\nkind: organization\nname: npm_SECRET_NAME\n")
    record = root / "records" / "organizations" / "org.yaml"
    record.unlink()
    record.symlink_to(outside / "org.yaml")
    for fmt in ("markdown", "json", "text"):
        result = run_cli("diff", "--format", fmt, cwd=root)
        assert result.exit_code == 0
        assert "npm_SECRET" not in result.stdout + result.stderr
        assert "leads outside the project" in result.stdout, result.stdout


def test_diff_of_folders_does_not_follow_links_out_of_them(run_cli, tmp_path: Path, outside: Path) -> None:
    for side in ("old", "new"):
        (tmp_path / side).mkdir()
        (tmp_path / side / "org.yaml").write_text("id: org\nkind: organization\nname: Org\n")
    (outside / "org.yaml").write_text("id: org\nkind: organization\nname: npm_SECRET_NAME\n")
    (tmp_path / "new" / "org.yaml").unlink()
    (tmp_path / "new" / "org.yaml").symlink_to(outside / "org.yaml")
    result = run_cli("diff", str(tmp_path / "old"), str(tmp_path / "new"), "-f", "json", cwd=tmp_path)
    assert "npm_SECRET" not in result.stdout and "leads outside the project" in result.stdout


# --- faults: a full disk -----------------------------------------------------------------------------


def _full_disk_after(monkeypatch: pytest.MonkeyPatch, files: int) -> list[str]:
    """Make the (files+1)-th file resolvetool writes fail as a full disk does, at its first byte."""
    from resolvetool import fileio

    opened: list[str] = []
    real_open, real_write = os.open, os.write
    doomed: set[int] = set()

    def counting_open(path, flags, mode=0o777, *, dir_fd=None):
        descriptor = real_open(path, flags, mode, dir_fd=dir_fd)
        if flags & os.O_CREAT and str(path).endswith(".tmp"):
            opened.append(str(path))
            if len(opened) > files:
                doomed.add(descriptor)
        return descriptor

    def failing_write(descriptor, data):
        if descriptor in doomed:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(descriptor, data)

    monkeypatch.setattr(fileio.os, "open", counting_open)
    monkeypatch.setattr(fileio.os, "write", failing_write)
    return opened


def test_import_on_a_full_disk_writes_nothing(run_cli, make_tree, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_tree({})
    before = _files(root)
    opened = _full_disk_after(monkeypatch, 2)  # organizations and body written, then the disk is full
    result = run_cli("import", str(REFERENCE_TEXT), cwd=root)
    monkeypatch.undo()
    assert len(opened) == 3
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert "the disk is full; free some space and run the command again (nothing was written)" in result.stderr
    assert _files(root) == before  # no organization, body or session without its resolution; no temporaries
    assert sorted(os.listdir(root / "records")) == []  # the folders it made are gone too


def test_fmt_and_lint_fix_on_a_full_disk(run_cli, base_tree, monkeypatch: pytest.MonkeyPatch) -> None:
    messy = "name:   Example Organization\nkind: organization\nid: org\n"
    root = base_tree(
        **{
            "records/organizations/org.yaml": messy,
            "records/organizations/other.yaml": "id: other\nkind: organization\nname: Other  name\n",
        }
    )
    before = _files(root)
    _full_disk_after(monkeypatch, 0)
    for args in (("fmt",), ("lint", "--fix")):
        result = run_cli(*args, cwd=root)
        assert result.exit_code == 2, (args, result.stdout, result.stderr)
        assert "the disk is full" in result.stderr and "Traceback" not in result.stderr
    monkeypatch.undo()
    assert _files(root) == before


def test_a_real_write_error_from_the_kernel(tmp_path: Path) -> None:
    """A file-size limit makes the kernel refuse a write part-way (EFBIG), as a full disk does (ENOSPC):
    the file keeps its old text and no temporary file is left."""
    root = tmp_path / "project"
    (root / "records").mkdir(parents=True)
    (root / "records" / "a.yaml").write_text("old\n")
    script = (
        "import resource, signal, sys\n"
        "from pathlib import Path\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))\n"
        "from resolvetool.fileio import WriteError, write_files\n"
        "root = Path(sys.argv[1])\n"
        "try:\n"
        "    write_files(root, {root / 'records/b.yaml': 'b\\n', root / 'records/a.yaml': 'x' * 100_000})\n"
        "except WriteError as error:\n"
        "    print(error)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(root)], capture_output=True, text=True, check=True)
    assert "a.yaml: cannot write: File too large (nothing was written)" in done.stdout
    assert sorted(os.listdir(root / "records")) == ["a.yaml"]
    assert (root / "records" / "a.yaml").read_text() == "old\n"


@pytest.mark.parametrize("planted", ["assets/site.css", "house/interpol/style.css", "record.html.j2"])
def test_the_site_does_not_read_template_links_out_of_the_project(
    run_cli, reference_project, outside: Path, tmp_path: Path, planted: str
) -> None:
    """A pull request's templates folder holding a link to a secret cannot publish it in a CI preview build."""
    root = reference_project
    (root / "resolvetool.toml").write_text('[render]\ntemplates = "templates"\n')
    link = root / "templates" / planted
    link.parent.mkdir(parents=True)
    link.symlink_to(outside / ".npmrc")
    site = tmp_path / "site"
    result = run_cli("render", "--site", str(site), cwd=root)
    assert result.exit_code == 2, result.stderr
    assert "is a symbolic link leading outside" in result.stderr and "Traceback" not in result.stderr
    assert not site.exists() or not any(b"npm_SECRET" in p.read_bytes() for p in site.rglob("*") if p.is_file())
    page = run_cli("render", "interpol-ga-81-impact-cooperation", "-f", "html", cwd=root)
    assert "npm_SECRET" not in page.stdout + page.stderr and page.exit_code != 0


def test_a_killed_write_leaves_nothing_the_next_write_does_not_clear(tmp_path: Path) -> None:
    """kill -9 between writing a temporary file and renaming it leaves the temporary beside its target; the next
    write of that file removes it once it is old enough that no running write can own it."""
    root = tmp_path / "project"
    records = root / "records" / "organizations"
    records.mkdir(parents=True)
    script = (
        "import os, sys, time\n"
        "from pathlib import Path\n"
        "from resolvetool import fileio\n"
        "real = os.fsync\n"
        "def stall(fd):\n"
        "    real(fd)\n"
        "    print('written', flush=True)\n"
        "    time.sleep(60)\n"
        "fileio.os.fsync = stall\n"
        "root = Path(sys.argv[1])\n"
        "fileio.write_files(root, {root / 'records/organizations/org.yaml': 'id: org\\n'})\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script, str(root)], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline() == "written\n"
    process.kill()
    process.wait()
    [left] = [path for path in records.iterdir() if path.name.endswith(".tmp")]
    assert not (records / "org.yaml").exists()  # nothing half-written where the record goes
    from resolvetool.fileio import write_file

    recent = records / ".org.yaml.0123abcd.tmp"  # as if another run were writing it now
    recent.write_text("in progress")
    unrelated = records / ".other.yaml.0123abcd.tmp"
    unrelated.write_text("x")
    for path in (left, unrelated):
        os.utime(path, (1, 1))
    write_file(root, records / "org.yaml", "id: org\nkind: organization\nname: Org\n")
    assert sorted(path.name for path in records.iterdir()) == [
        ".org.yaml.0123abcd.tmp",
        ".other.yaml.0123abcd.tmp",
        "org.yaml",
    ]


def test_fmt_names_what_is_in_the_way(run_cli, base_tree, tmp_path: Path) -> None:
    root = base_tree(
        **{"records/organizations/org.yaml": "name:   Example Organization\nkind: organization\nid: org\n"}
    )
    shelf = root / "shelf"
    (root / "records" / "organizations").rename(shelf)
    (root / "records" / "organizations").symlink_to(shelf, target_is_directory=True)
    result = run_cli("fmt", "records/organizations/org.yaml", cwd=root)
    assert result.exit_code == 2
    assert "org.yaml: not formatted: records/organizations: is a symbolic link" in result.stderr
    os.mkfifo(root / "records" / "pipe.yaml")
    result = run_cli("fmt", "--check", "records/pipe.yaml", cwd=root)
    assert result.exit_code == 1 and "pipe.yaml: not formatted: not a regular file" in result.stderr


def test_diff_reads_no_file_without_end(run_cli, tmp_path: Path) -> None:
    """diff of two named files stops at the size limit: /dev/zero or a huge file is compared as its problem."""
    (tmp_path / "a.yaml").write_text("id: org\nkind: organization\nname: Org\n")
    result = run_cli("diff", str(tmp_path / "a.yaml"), "/dev/zero", "-f", "json", cwd=tmp_path)
    assert result.exit_code == 2 and "cannot read /dev/zero: not a regular file" in result.stderr
    (tmp_path / "b.yaml").write_bytes(b"id: org\nkind: organization\nname: " + b"x" * 2_000_000 + b"\n")
    result = run_cli("diff", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "-f", "json", cwd=tmp_path)
    assert result.exit_code == 2 and "b.yaml: the file is 2,000,034 bytes, over the limit of 1,048,576" in result.stderr
