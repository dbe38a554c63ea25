"""A hostile review of the fixes for issue 14: what a hostile contributor or a careless clerk could still do to
resolvetool once links, escapes, full disks and odd names were dealt with. Each test names what went wrong."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import BASE_TREE

BASE_RESOLUTION = BASE_TREE["records/resolutions/2020/res-1.yaml"]


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file and folder under `folder` (links as their own text), for "nothing changed" comparisons."""
    found: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_symlink():
            found[name] = b"-> " + os.readlink(path).encode()
        elif path.is_dir():
            found[name + "/"] = b""
        else:
            found[name] = path.read_bytes()
    return found


# --- render --site ------------------------------------------------------------------------------------------


def test_site_removes_nothing_outside_it_through_a_link(run_cli, base_tree, tmp_path: Path) -> None:
    """The site's manifest names the pages a rebuild removes. A site folder a pull request fills (a committed
    `site/` holding a manifest and a link `evil -> /home/runner`) made `render --site` delete the files the
    manifest named through the link, outside the site, and prune their folders."""
    from resolvetool.publish.plan import FORMAT

    root = base_tree()
    victim = tmp_path / "victim"
    (victim / "sub").mkdir(parents=True)
    (victim / "important.txt").write_text("precious\n")
    (victim / "sub" / "page.html").write_text("mine\n")
    site = root / "site"
    site.mkdir()
    (site / "evil").symlink_to(victim, target_is_directory=True)
    manifest = {"format": FORMAT, "pages": {"evil/important.txt": "x", "evil/sub/page.html": "y"}}
    (site / ".resolvetool-site.json").write_text(json.dumps(manifest))
    before = _tree(victim)
    result = run_cli("render", "--site", "site", cwd=root)
    assert _tree(victim) == before, "files outside the site were removed"
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "site/evil" in result.stderr and "leads outside the site folder" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", [".", "a//b.html", "x\\y.html", "/etc/passwd", "../up.html", "a\u0000b.html"])
def test_a_damaged_manifest_names_nothing_to_remove(run_cli, base_tree, name: str) -> None:
    from resolvetool.publish.plan import FORMAT

    root = base_tree()
    (root / "site").mkdir()
    (root / "site" / ".resolvetool-site.json").write_text(json.dumps({"format": FORMAT, "pages": {name: "x"}}))
    result = run_cli("render", "--site", "site", cwd=root)
    assert result.exit_code == 0, result.stderr
    assert (root / "site" / "index.html").is_file()


# --- diff ---------------------------------------------------------------------------------------------------


def _loop(folder: Path, name: str) -> None:
    """`name` in `folder` made a link in a loop of two links: it is there, and cannot be read."""
    (folder / name).symlink_to(f"{name}.loop")
    (folder / f"{name}.loop").symlink_to(name)


def test_diff_of_folders_does_not_call_an_unreadable_file_removed(run_cli, tmp_path: Path) -> None:
    """A file that is there but cannot be read (a link loop, no permission) was left out of its side without a
    word, so diff reported its record removed, and `--exit-code` a change that was never made."""
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir(), new.mkdir()
    (old / "a.yaml").write_text("id: a\nkind: organization\nname: A\n")
    _loop(new, "a.yaml")
    result = run_cli("diff", str(old), str(new), "--format", "json", cwd=tmp_path)
    [record] = json.loads(result.stdout)["records"]
    assert record["status"] != "removed", record
    assert "cannot be read" in json.dumps(record["changes"])


def test_diff_of_the_working_tree_does_not_call_an_unreadable_file_removed(run_cli, base_tree) -> None:
    import subprocess

    root = base_tree()
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "records"], cwd=root, check=True
    )
    organizations = root / "records" / "organizations"
    (organizations / "org.yaml").unlink()
    _loop(organizations, "org.yaml")
    result = run_cli("diff", "--format", "json", cwd=root)
    [record] = json.loads(result.stdout)["records"]
    assert record["status"] == "changed" and record["id"] == "org", record
    assert "cannot be read" in json.dumps(record["changes"])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_diff_of_folders_does_not_wait_on_a_named_pipe(run_cli, tmp_path: Path) -> None:
    """A named pipe called like a record in a compared folder (validate reports it, RT001) made diff wait for
    a writer that never came: it hung."""
    import threading

    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir(), new.mkdir()
    (old / "a.yaml").write_text("id: a\nkind: organization\nname: A\n")
    os.mkfifo(new / "a.yaml")
    outcome: list = []
    worker = threading.Thread(
        target=lambda: outcome.append(run_cli("diff", str(old), str(new), "-f", "json")), daemon=True
    )
    worker.start()
    worker.join(20)
    if not outcome:  # let the stuck reader go, so the test run can end
        os.close(os.open(new / "a.yaml", os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("diff waited on the named pipe")
    [record] = json.loads(outcome[0].stdout)["records"]
    assert "not a regular file" in json.dumps(record["changes"])


# --- init ---------------------------------------------------------------------------------------------------


def test_init_starts_git_in_a_folder_whose_name_starts_with_a_dash(run_cli, tmp_path: Path) -> None:
    """`init -- -records` ran `git init ... -records`, which git took for an option: no repository was started,
    and nothing said so; the next step it printed, `cd -records`, is an option of cd's too."""
    import shutil

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    result = run_cli("init", "--", "-records", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "-records" / ".git").is_dir()
    assert "a git repository started" in result.stderr
    assert "next: cd ./-records && " in result.stderr


def test_init_says_the_next_step_as_a_command_that_works(run_cli, tmp_path: Path) -> None:
    result = run_cli("init", "my records", "--no-git", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "next: cd 'my records' && " in result.stderr


# --- escapes in every output --------------------------------------------------------------------------------

ACTING = "\x1b]52;c;SGVsbG8=\x07\x1b[31m\u202e\x9b31m\x7f"  # a clipboard write, a colour, a bidi override, C1 CSI, DEL
ACTING_YAML = r"\e]52;c;SGVsbG8=\a\e[31m\u202e\x9b31m\x7f"


def _acting(text: str) -> list[str]:
    from resolvetool.inert import inert

    return sorted({ch for ch in text if inert(ch) != ch and ch not in "\n\t"})


def test_render_html_cannot_act_on_a_terminal(run_cli, base_tree) -> None:
    """`render -f html` printed record text with its control characters as they were (HTML escaping leaves
    them), so `resolvetool render X -f html` on a terminal ran a value's OSC 52 clipboard write; `text` and
    `markdown` show them as escapes."""
    title = f'title: "A hostile {ACTING_YAML} title"\n'
    root = base_tree(
        **{"records/resolutions/2020/res-1.yaml": BASE_RESOLUTION.replace("title: A first decision\n", title)}
    )
    for ref in ("res-1", "assembly-1"):  # the record's own page, and one that lists it
        result = run_cli("render", ref, "-f", "html", cwd=root)
        assert result.exit_code == 0, result.stderr
        assert _acting(result.stdout) == [], ref
        assert r"A hostile \x1b]52;c;SGVsbG8=\x07\x1b[31m\u202e\x9b31m\x7f title" in result.stdout


def test_site_pages_show_control_characters_as_escapes(run_cli, base_tree) -> None:
    title = f'title: "A hostile {ACTING_YAML} title"\n'
    root = base_tree(
        **{"records/resolutions/2020/res-1.yaml": BASE_RESOLUTION.replace("title: A first decision\n", title)}
    )
    result = run_cli("render", "--site", "site", cwd=root)
    assert result.exit_code == 0, result.stderr
    for page in (root / "site").rglob("*.html"):
        assert _acting(page.read_text(encoding="utf-8")) == [], page


def test_github_annotations_cannot_act_on_the_log(run_cli, base_tree) -> None:
    """`--format github` wrote a value's escape sequences into the annotation as they were: the runner prints
    annotations into the job's log, whose viewer acts on escape sequences, and the same lines reach a
    terminal when run by hand. The text format showed them as escapes."""
    root = base_tree(**{f"records/organizations/o{ACTING}rg.yaml": "id: other\nkind: organization\nname: O\n"})
    for command in ("validate", "lint"):
        result = run_cli(command, "--format", "github", cwd=root)
        assert result.exit_code == 1, result.stderr
        assert "title=RT202 id-not-file-stem::" in result.stdout  # the id is not the file's name, which it shows
        assert _acting(result.stdout) == [], command
        assert _acting(result.stdout) == [], command


# --- a careless clerk ---------------------------------------------------------------------------------------


def test_a_current_folder_that_was_removed_is_said_not_a_traceback(base_tree, tmp_path: Path) -> None:
    """A shell still in a folder that was removed (another terminal's `git checkout` of a branch without it)
    got a FileNotFoundError traceback from every command."""
    import subprocess
    import sys

    root = base_tree()
    gone = tmp_path / "gone"
    gone.mkdir()
    script = (
        "import os, sys; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); "
        "from resolvetool.cli import main; sys.argv = ['resolvetool', '--root', sys.argv[2], 'validate']; main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(gone), str(root)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "the current folder no longer exists" in result.stderr


# --- concurrent runs ----------------------------------------------------------------------------------------


@pytest.fixture
def made_meanwhile(monkeypatch: pytest.MonkeyPatch):
    """Make fileio's write of `name` meet a file another run made after it was checked and before it landed."""
    from resolvetool import fileio

    def arrange(name: str, text: str = "theirs\n") -> None:
        real = fileio._stage

        def racing(folder, target, data):
            staged = real(folder, target, data)
            if Path(target).name == name:
                Path(target).write_text(text)
            return staged

        monkeypatch.setattr(fileio, "_stage", racing)

    return arrange


def test_a_new_file_made_meanwhile_is_not_replaced(run_cli, base_tree, made_meanwhile) -> None:
    """Two `new` of one id at once (two clerks on one machine, a script in parallel) both said they wrote the
    record, and the second silently replaced the first's: the check that the id is free comes before the
    write, and the write renamed over whatever was there by then."""
    root = base_tree()
    made_meanwhile("alpha.yaml", "# another clerk's record\n")
    result = run_cli("new", "organization", "--name", "Alpha", cwd=root)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "was made by another program while this one ran" in result.stderr
    assert (root / "records" / "organizations" / "alpha.yaml").read_text() == "# another clerk's record\n"
    assert not [p for p in (root / "records").rglob(".*.tmp")]


def test_a_text_whose_record_was_made_meanwhile_lands_not_at_all(base_tree, made_meanwhile, tmp_path) -> None:
    from resolvetool.fileio import WriteError, write_files

    root = base_tree()
    before = _tree(root)
    made_meanwhile("b.yaml")
    files = {
        root / "records" / "organizations" / "org.yaml": "replaced\n",
        root / "records" / "bodies" / "a.yaml": "a\n",
        root / "records" / "bodies" / "b.yaml": "b\n",
    }
    with pytest.raises(WriteError, match=r"b\.yaml: was made by another program"):
        write_files(root, files)
    assert _tree(root) == {**before, "records/bodies/b.yaml": b"theirs\n"}


# --- full disk ----------------------------------------------------------------------------------------------

_RUN_LIMITED = """
import resource, sys
limit = int(sys.argv[1])
if limit:
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))  # writing a file past it fails (EFBIG)
from resolvetool.cli import main
sys.argv = ["resolvetool", *sys.argv[2:]]
main()
"""


def _run_into(stdout, *args: str, limit: int = 0, unbuffered: bool = False, cwd: Path):
    """resolvetool ARGS in a process of its own, its standard output `stdout` (a file), files limited to
    `limit` bytes; standard error is kept apart (in a file the limit does not reach before the message)."""
    import subprocess
    import sys

    env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    return subprocess.run(
        [sys.executable, "-c", _RUN_LIMITED, str(limit), *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize(
    "args",
    [
        ("validate", "-f", "json"),
        ("validate",),
        ("render", "res-1"),
        ("show", "res-1"),
        ("query", "kind=resolution", "-f", "csv"),
    ],
)
def test_standard_output_on_a_full_disk_is_an_error_not_a_traceback(base_tree, args) -> None:
    """`validate -f json > report.json` on a full disk printed an OSError traceback (every command that writes
    to standard output did)."""
    root = base_tree()
    with open("/dev/full", "w") as full:
        result = _run_into(full, *args, cwd=root)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "error: cannot write the output: the disk is full" in result.stderr


@pytest.mark.skipif(not hasattr(os, "fork") or os.name != "posix", reason="needs RLIMIT_FSIZE")
@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "PYTHONUNBUFFERED"])
def test_a_report_cut_short_by_a_full_disk_does_not_exit_0(base_tree, tmp_path: Path, unbuffered: bool) -> None:
    """A page or report larger than the room left was cut short and the command exited 0 without a word (the
    error came when the interpreter flushed its output at exit, which drops it; under PYTHONUNBUFFERED=1, as
    CI containers often set, Python drops a short write's remainder silently), so CI kept half a report."""
    root = base_tree()
    with open(tmp_path / "page.html", "w") as page:
        result = _run_into(page, "render", "res-1", "-f", "html", limit=1000, unbuffered=unbuffered, cwd=root)
    assert (tmp_path / "page.html").stat().st_size <= 1000
    assert result.returncode == 2, result.stderr
    assert "cannot write the output" in result.stderr


# --- import -------------------------------------------------------------------------------------------------


def test_import_reads_no_more_than_a_record_may_hold(run_cli, base_tree, tmp_path: Path) -> None:
    """import read its input whole, whatever its size: `import /dev/zero` (or a stream that never ends) filled
    the memory, and a 5 MB text took a minute to give a record that validate then refused (RT003)."""
    root = base_tree(**{"resolvetool.toml": "max-file-size = 2000\n"})
    text = tmp_path / "long.txt"
    text.write_text("Resolution 1\n\nThe General Assembly,\n\n1. Decides " + "word " * 1000 + ".\n")
    result = run_cli("import", str(text), cwd=root)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "error[RT003] the text is over the limit of 2,000 bytes" in result.stdout
    assert "raise max-file-size" in result.stdout
    endless = run_cli("import", "-", cwd=root, input=b"The General Assembly,\n" * 100_000)
    assert endless.exit_code == 1 and "RT003" in endless.stdout
    (root / "resolvetool.toml").write_text("max-file-size = 99999999999999999999999\n")  # no limit, in effect
    result = run_cli("import", str(text), "--dry-run", cwd=root)
    assert result.exit_code == 0, result.stdout + result.stderr


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_import_of_an_endless_file_ends(base_tree) -> None:
    import subprocess
    import sys

    def small_memory() -> None:  # were it read whole, the process fails fast instead of filling the machine
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    root = base_tree()
    result = subprocess.run(
        [sys.executable, "-m", "resolvetool", "import", "/dev/zero"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=small_memory,
    )
    assert result.returncode == 1, result.stderr
    assert "/dev/zero: error[RT003]" in result.stdout


# --- settings -----------------------------------------------------------------------------------------------


def test_the_cache_dir_setting_cannot_name_a_folder_outside_the_project(
    run_cli, base_tree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`cache-dir` was the one folder setting not held inside the project: a pull request's resolvetool.toml
    (`cache-dir = "/home/runner/.config/x"`) made validate make folders and write its SQLite databases anywhere
    the CI runner could write, though the docs say a repository's settings cannot make resolvetool write
    elsewhere."""
    elsewhere = tmp_path / "elsewhere" / "made"
    root = base_tree(**{"resolvetool.toml": f'cache-dir = "{elsewhere.as_posix()}"\n'})
    monkeypatch.delenv("RESOLVETOOL_CACHE_DIR")
    result = run_cli("validate", cwd=root)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "setting cache-dir" in result.stderr and "is outside the project" in result.stderr
    assert not (tmp_path / "elsewhere").exists()


def test_the_users_cache_folder_wins_over_the_repositorys_setting(
    run_cli, base_tree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The docs name $RESOLVETOOL_CACHE_DIR first, but a cache-dir setting overrode it: a repository chose
    the cache of the user who had named one."""
    mine = tmp_path / "my-cache"
    root = base_tree(**{"resolvetool.toml": 'cache-dir = ".cache"\n'})
    monkeypatch.setenv("RESOLVETOOL_CACHE_DIR", str(mine))
    assert run_cli("validate", cwd=root).exit_code == 0
    assert list(mine.glob("*.sqlite3")) and not (root / ".cache").exists()
    monkeypatch.delenv("RESOLVETOOL_CACHE_DIR")
    assert run_cli("validate", cwd=root).exit_code == 0
    assert list((root / ".cache").glob("*.sqlite3"))  # inside the project, the setting holds


# --- two site builds at once --------------------------------------------------------------------------------

_SLOW_BUILD = """
import os, sys, time
real = os.fsync
def slow(fd):  # each page takes a while to land, as on a slow disk
    real(fd)
    time.sleep(0.15)
os.fsync = slow
from resolvetool.cli import main
sys.argv = ["resolvetool", "render", "--site", sys.argv[1]]
main()
"""


@pytest.mark.slow
def test_two_builds_of_one_site_wait_for_one_another(base_tree) -> None:
    """A build removes the temporary files a killed build left beside its pages; two builds of one site at
    once (a watch script and a hand-run build, two CI jobs on one runner) removed each other's, and one of them
    stopped with 'cannot write the site in site: No such file or directory'."""
    import subprocess
    import sys
    import time

    root = base_tree()
    site = root / "site"
    slow = subprocess.Popen(
        [sys.executable, "-c", _SLOW_BUILD, str(site)],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not list(site.glob("**/.*.tmp")) and slow.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)  # until the slow build is writing its pages
    quick = subprocess.run(
        [sys.executable, "-m", "resolvetool", "render", "--site", str(site)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    _out, err = slow.communicate(timeout=120)
    assert slow.returncode == 0, err
    assert quick.returncode == 0, quick.stderr
    assert not list(site.glob("**/.*.tmp"))


# --- reads through linked folders ---------------------------------------------------------------------------


def test_a_file_named_inside_a_linked_folder_is_not_read(run_cli, base_tree, tmp_path: Path) -> None:
    """Only a file that was itself a link was checked for leading out of the project: a file named on the command
    line inside a linked folder (`validate records/lnk/npmrc.yaml`, `lnk -> ~`) was read, and its keys and
    values shown in the findings, though the docs say a link leading outside is never read."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "npmrc.yaml").write_text('id: secret\nkind: organization\nname: x\n_authToken: "npm_SECRET"\n')
    root = base_tree()
    (root / "records" / "lnk").symlink_to(outside, target_is_directory=True)
    for command in ("validate", "lint", "fmt"):
        result = run_cli(command, "records/lnk/npmrc.yaml", *(["--check"] if command == "fmt" else []), cwd=root)
        shown = result.stdout + result.stderr
        assert "_authToken" not in shown and "would be reformatted" not in shown, command
        assert 'its folder "lnk" is a symbolic link to' in shown, command
        assert "RT030" in shown or command == "fmt", command


@pytest.mark.parametrize("was_a_link", [False, True], ids=["file", "link inside"])
def test_a_link_put_in_a_files_place_while_it_is_read_is_not_followed(
    base_tree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, was_a_link: bool
) -> None:
    """A record file was checked (not a link, or a link leading inside), then read by its name: a link put in
    its place in between (a process racing the run) made validate read a file outside the project."""
    from resolvetool import source

    outside = tmp_path / "secret.yaml"
    outside.write_text('id: secret\nkind: organization\nname: x\n_authToken: "npm_SECRET"\n')
    root = base_tree()
    target = root / "records" / "organizations" / "org.yaml"
    if was_a_link:
        target.rename(root / "records" / "organizations" / "real.yaml")
        target.symlink_to("real.yaml")
    swaps = [target]

    def swap_after(check):  # the file becomes a link to the secret just after `check` looked at it
        def checked(path, *args, **kwargs):
            answer = check(path, *args, **kwargs)
            if swaps and Path(path) == target:
                swaps.pop()
                target.unlink()
                target.symlink_to(outside)
            return answer

        return checked

    if was_a_link:  # after the check that the link leads inside
        monkeypatch.setattr(source, "leads_outside", swap_after(source.leads_outside))
    else:  # after the look that found a file, not a link
        monkeypatch.setattr(source.os, "lstat", swap_after(os.lstat))
    result = source.read_source(target, "records/organizations/org.yaml", within=str(root.resolve()))
    assert not swaps, "the file was not swapped"
    assert not isinstance(result, bytes), "read outside the project"
    assert result.code == "RT030" and "was replaced" in result.message


# --- names that are not UTF-8 -------------------------------------------------------------------------------


def test_a_name_that_is_not_utf8_is_shown_one_way_everywhere(run_cli, base_tree) -> None:
    """One file named three ways: the index's warning and diff showed `caf\\xe9.yaml`, validate's findings
    `caf\ufffd.yaml` (two such names could not be told apart) and fmt's and lint --fix's lines `caf\\udce9.yaml`."""
    root = base_tree()
    folder = os.fsencode(root / "records" / "organizations")
    try:
        with open(os.path.join(folder, b"caf\xe9.yaml"), "w") as stream:
            stream.write('kind: organization\nid: cafe\nname: "Cafe"\n')
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    shown = "records/organizations/caf\\xe9.yaml"
    text = run_cli("validate", cwd=root)
    assert f"{shown}:2:5: error[RT202]" in text.stdout and "\ufffd" not in text.stdout
    data = json.loads(run_cli("validate", "-f", "json", cwd=root).stdout)
    assert {d["path"] for d in data["diagnostics"]} == {shown}
    assert f"{shown}: reformatted" in run_cli("fmt", cwd=root).stderr


# --- schema -------------------------------------------------------------------------------------------------


def test_schema_removes_only_the_schemas_it_made(run_cli, base_tree) -> None:
    """`resolvetool schema` deleted every *.schema.json in schemas/ that no kind generates, a schema of the
    user's own kept there included (and the `schemas` setting may name any folder of the project); --check
    failed on it for ever. Only a schema of a kind that is gone (its kind constant is its name) is ours."""
    root = base_tree()
    assert run_cli("schema", cwd=root).exit_code == 0
    theirs = root / "schemas" / "openapi.schema.json"
    theirs.write_text('{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}\n')
    gone = root / "schemas" / "treaty.schema.json"  # a kind an older resolvetool had
    gone.write_text(json.dumps({"title": "Treaty", "properties": {"kind": {"const": "treaty"}}}))
    check = run_cli("schema", "--check", cwd=root)
    assert check.exit_code == 1 and "treaty.schema.json: not generated by any kind" in check.stderr
    assert "openapi" not in check.stderr
    result = run_cli("schema", cwd=root)
    assert result.exit_code == 0, result.stderr
    assert theirs.is_file() and not gone.exists()
    assert "removed schemas/treaty.schema.json" in result.stderr and "openapi" not in result.stderr
    assert run_cli("schema", "--check", cwd=root).exit_code == 0


@pytest.mark.parametrize(
    "setting",
    [
        'records = "records\\u0000x"',
        'schemas = "s\\u0000"',
        'cache-dir = "c\\u0000"',
        '[render]\ntemplates = "t\\u0000"',
    ],
)
def test_a_folder_setting_holding_nul_is_a_settings_error(run_cli, base_tree, monkeypatch, setting: str) -> None:
    """A NUL in a folder setting (TOML writes it \\u0000) was a ValueError traceback from every command."""
    monkeypatch.delenv("RESOLVETOOL_CACHE_DIR")
    root = base_tree(**{"resolvetool.toml": setting + "\n"})
    result = run_cli("validate", cwd=root)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "holds a NUL character" in result.stderr and "resolvetool.toml" in result.stderr


# --- query --------------------------------------------------------------------------------------------------


def test_a_sort_key_given_twice_is_a_usage_error_not_a_traceback(run_cli, base_tree) -> None:
    """`query --sort title,title,...` (a script joining keys) made an ORDER BY longer than SQLite takes: an
    OperationalError traceback."""
    root = base_tree()
    result = run_cli("query", "kind=body", "--sort", ",".join(["title"] * 3000), cwd=root)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "sort key 'title' given twice" in result.stderr
    assert run_cli("query", "kind=body", "--sort", "title,-date", cwd=root).exit_code == 0


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="closes a descriptor before the program starts")
@pytest.mark.parametrize("args", [("validate",), ("rules",), ("validate", "-f", "json")])
def test_a_closed_standard_output_is_no_traceback(base_tree, args) -> None:
    """`resolvetool rules >&-` (standard output closed, which Python shows as sys.stdout None) was an
    AttributeError traceback."""
    import subprocess
    import sys

    root = base_tree()
    result = subprocess.run(
        [sys.executable, "-c", "from resolvetool.cli import main; main()", *args],
        cwd=root,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        preexec_fn=lambda: os.close(1),
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="closes a descriptor before the program starts")
def test_import_from_a_closed_standard_input_says_so(base_tree) -> None:
    """`import - <&-` was an AttributeError traceback (sys.stdin is None)."""
    import subprocess
    import sys

    root = base_tree()
    result = subprocess.run(
        [sys.executable, "-m", "resolvetool", "import", "-"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: os.close(0),
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "<stdin>: error[RT001] standard input is closed" in result.stdout


def test_diff_text_keeps_a_file_name_holding_a_newline_on_its_line(run_cli, tmp_path: Path) -> None:
    """diff's text view printed a moved record's new file name as it was: a name holding a newline started a
    line of its own, which could read as another record's change ("agreement evil removed")."""
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir(), new.mkdir()
    record = "id: a\nkind: organization\nname: A\n"
    (old / "a.yaml").write_text(record)
    (new / "x\nagreement evil removed\n.yaml").write_text(record)
    (new / "b\nagreement worse removed.yaml").write_text("id: b\nkind: organization\nname: B\n")
    result = run_cli("diff", str(old), str(new), cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert not [line for line in lines if line.startswith("agreement")], result.stdout
    assert "organization a moved from a.yaml to x\\nagreement evil removed\\n.yaml" in result.stdout
    assert "  b\\nagreement worse removed.yaml" in result.stdout


def test_show_keeps_a_field_name_holding_a_newline_on_its_line(run_cli, base_tree) -> None:
    """show printed a field's name as the file wrote it: a key holding a newline (a record that does not
    validate is still shown) started a line of its own among the facts, forging one."""
    root = base_tree(
        **{"records/organizations/org.yaml": BASE_TREE["records/organizations/org.yaml"] + '"a\\nFORGED fact": 1\n'}
    )
    result = run_cli("show", "org", cwd=root)
    assert result.exit_code == 0, result.stderr
    assert not [line for line in result.stdout.splitlines() if line.startswith("FORGED")], result.stdout
    assert "a\\nFORGED fact" in result.stdout


def test_a_site_build_stopped_before_writing_leaves_no_folder(base_tree, monkeypatch) -> None:
    """Waiting for another build needs the site folder; a build that stops before writing anything takes it
    back, as before there was waiting."""
    from resolvetool.config import load_settings
    from resolvetool.publish import site

    def refused(*args, **kwargs):
        raise site.SiteError("refused before anything was written")

    monkeypatch.setattr(site, "_build", refused)
    root = base_tree()
    with pytest.raises(site.SiteError):
        site.build_site(load_settings(root), root / "site")
    assert not (root / "site").exists()


def test_a_templates_folder_reached_through_a_link_still_keeps_its_links_in(run_cli, base_tree, tmp_path) -> None:
    """A template, stylesheet or script leading out of the templates folder is refused; but when the folder the
    setting names is itself a link (to another folder of the project), files in it were taken for named from
    outside, and read: a pull request published a secret as the site's stylesheet."""
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET_TOKEN_42\n")
    root = base_tree(**{"resolvetool.toml": '[render]\ntemplates = "tpl"\n'})
    (root / "real" / "assets").mkdir(parents=True)
    (root / "real" / "assets" / "site.css").symlink_to(secret)
    (root / "tpl").symlink_to("real", target_is_directory=True)
    result = run_cli("render", "--site", "site", cwd=root)
    assert result.exit_code == 2, result.stderr
    assert "symbolic link leading outside" in result.stderr
    assert not [
        page
        for page in (root / "site").rglob("*")
        if page.is_file() and "SECRET_TOKEN_42" in page.read_text(errors="replace")
    ]


def test_a_project_reached_through_a_link_above_it_keeps_its_links_in(run_cli, base_tree, tmp_path) -> None:
    """A link in the tree leading outside is not read; named through a link above the project (as /home/me ->
    /data/me, or macOS's /tmp -> /private/tmp), the path was taken for one named from outside, and read."""
    secret = tmp_path / "secret.yaml"
    secret.write_text('id: secret\nkind: organization\nname: x\n_authToken: "npm_SECRET"\n')
    root = base_tree()
    (root / "records" / "organizations" / "n.yaml").symlink_to(secret)
    alias = tmp_path / "alias"
    alias.symlink_to(root, target_is_directory=True)
    result = run_cli("validate", str(alias / "records" / "organizations" / "n.yaml"), cwd=root)
    assert "_authToken" not in result.stdout and "RT030" in result.stdout, result.stdout


def _commit(root: Path, message: str) -> None:
    import subprocess

    if not (root / ".git").exists():
        subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", message], cwd=root, check=True)


def test_diff_sees_changes_in_a_records_folder_reached_through_a_link(run_cli, base_tree) -> None:
    """With records/ a link to a folder of the project (which the settings accept), diff asked git about the
    link's path, under which git holds no file: 'no change to any record' and exit 0 for a real change, and
    --history found no commit."""
    root = base_tree()
    (root / "records").rename(root / "data")
    (root / "records").symlink_to("data", target_is_directory=True)
    _commit(root, "records")
    organization = root / "data" / "organizations" / "org.yaml"
    organization.write_text(organization.read_text().replace("Example", "Changed"))
    result = run_cli("diff", "--exit-code", cwd=root)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "organization org changed" in result.stdout
    _commit(root, "renamed")
    history = run_cli("diff", "org", "--history", cwd=root)
    assert history.exit_code == 0, history.stderr
    assert "organization org added" in history.stdout and "organization org changed" in history.stdout


def test_diff_of_a_broken_link_says_so(run_cli, tmp_path: Path) -> None:
    """`diff A B` with A a link in a loop said 'A does not exist', though it is there."""
    _loop(tmp_path, "a.yaml")
    (tmp_path / "b.yaml").write_text("id: b\nkind: organization\nname: B\n")
    result = run_cli("diff", "a.yaml", "b.yaml", cwd=tmp_path)
    assert result.exit_code == 2
    assert "a.yaml is a symbolic link leading nowhere (or in a loop)" in result.stderr
