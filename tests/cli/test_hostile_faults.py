"""Hostile input: faults and odd names. File names holding any byte git and the file system allow (a newline,
a tab, a backslash, quotes, bytes that are not UTF-8, a leading dash, one name the prefix of another), and
text whose lines end as old Macs ended them (CR alone)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import BASE_TREE, IMPORT_SAMPLES

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Clerk",
    "GIT_AUTHOR_EMAIL": "clerk@example.org",
    "GIT_COMMITTER_NAME": "Clerk",
    "GIT_COMMITTER_EMAIL": "clerk@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_SYSTEM": os.devnull,
}
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is needed")

# File names (as bytes) that a careless or hostile contributor can commit beside a record.
ODD_NAMES = [
    b"new\nline.yaml",
    b"tab\there.yaml",
    b"back\\slash.yaml",
    b"\"quoted\" 'name'.yaml",
    b"caf\xe9.yaml",
    b"-dash.yaml",
    b"prefix.yaml",
    b"prefix.yaml.yaml",
    b"star*[x].yaml",
]


def git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, env={**os.environ, **GIT_ENV})
    assert result.returncode == 0, result.stderr
    return os.fsdecode(result.stdout)


def odd(folder: Path, name: bytes) -> Path:
    """The path of a file whose name is those bytes."""
    return folder / os.fsdecode(name)


def write(path: Path, text: str) -> None:
    """Write a file under an odd name, or skip where the file system refuses the name (macOS takes only UTF-8)."""
    try:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)
    except (OSError, UnicodeEncodeError) as error:
        pytest.skip(f"this file system refuses the name {path.name!r}: {error}")


def organization(number: int, name: str) -> str:
    return f"id: odd-{number}\nkind: organization\nname: {name}\n"


@needs_git
@pytest.mark.parametrize("names", [ODD_NAMES, [b"new\nline.yaml"]], ids=["every-odd-name", "a-newline-alone"])
def test_diff_reads_every_file_at_both_revisions_whatever_its_name(run_cli, base_tree, names) -> None:
    root = base_tree()
    folder = root / "records/resolutions/2020"
    for number, name in enumerate(names):
        write(odd(folder, name), organization(number, "Before"))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "records")
    resolution = folder / "res-1.yaml"
    resolution.write_text(resolution.read_text().replace("status: adopted", "status: superseded"))
    for number, name in enumerate(names):
        odd(folder, name).write_text(organization(number, "After"))
    git(root, "commit", "-q", "-am", "a status changes")

    result = run_cli("diff", "--base", "HEAD~1", "--head", "HEAD", "--exit-code", "-f", "json", cwd=root)
    assert result.exit_code == 1, result.stdout + result.stderr
    by_id = {record["id"]: record for record in json.loads(result.stdout)["records"]}
    assert [c["summary"] for c in by_id["res-1"]["changes"]] == ["status: adopted → superseded"]
    assert by_id["res-1"]["new_path"] == "records/resolutions/2020/res-1.yaml"
    for number, name in enumerate(names):
        assert by_id[f"odd-{number}"]["status"] == "changed"
        assert [c["summary"] for c in by_id[f"odd-{number}"]["changes"]] == ["name: Before → After"]
        # A name that is not UTF-8 is shown with its other bytes as \xNN.
        shown = name.decode("utf-8", "backslashreplace")
        assert by_id[f"odd-{number}"]["new_path"] == f"records/resolutions/2020/{shown}"
    text = run_cli("diff", "--base", "HEAD~1", "--head", "HEAD", cwd=root).stdout
    assert "resolution res-1 changed" in text
    assert "records/resolutions/2020/caf\\xe9.yaml" in text or b"caf\xe9.yaml" not in names
    # And against the working tree, with nothing changed since.
    assert run_cli("diff", "--exit-code", cwd=root).exit_code == 0


@needs_git
def test_history_follows_a_file_once_named_with_a_newline(run_cli, base_tree) -> None:
    root = base_tree()
    folder = root / "records/organizations"
    write(odd(folder, b"first\nname.yaml"), organization(1, "Before"))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "records \x01 in the subject")
    git(root, "mv", os.fsdecode(folder / "first\nname.yaml"), str(folder / "odd.yaml"))
    git(root, "commit", "-q", "-m", "renamed")
    (folder / "odd.yaml").write_text(organization(1, "After"))
    git(root, "commit", "-q", "-am", "name changed")

    result = run_cli("diff", "records/organizations/odd.yaml", "--history", "-f", "json", cwd=root)
    assert result.exit_code == 0, result.stderr
    steps = json.loads(result.stdout)
    assert [step["subject"] for step in steps] == ["records \x01 in the subject", "renamed", "name changed"]
    assert [record["status"] for record in steps[0]["records"]] == ["added"]
    assert [record["status"] for record in steps[1]["records"]] == ["moved"]
    assert [c["summary"] for c in steps[2]["records"][0]["changes"]] == ["name: Before → After"]


# --- file names that are not UTF-8, and names holding newlines or control characters -----------------------


def odd_tree(base_tree) -> Path:
    """The base tree, plus records under names that are not UTF-8 (a file, and a file in a folder) and under
    names that are UTF-8 but hold a newline and a terminal escape."""
    root = base_tree()
    write(odd(root / "records/organizations", b"caf\xe9.yaml"), organization(1, "Cafe"))
    write(odd(root / "records", b"folder\xff/deep.yaml"), organization(2, "Deep"))
    write(root / "records/organizations/new\nline\x1b[31m.yaml", organization(3, "Newline Organization"))
    return root


UNINDEXED_LINES = [
    "warning: records/folder\\xff/deep.yaml: not read: its name is not valid UTF-8",
    "warning: records/organizations/caf\\xe9.yaml: not read: its name is not valid UTF-8",
]


def says_unindexed_once(stderr: str) -> bool:
    return all(stderr.count(line) == 1 for line in UNINDEXED_LINES) and "Traceback" not in stderr


@pytest.mark.parametrize(
    "command",
    [
        ("show", "res-1"),
        ("show", "odd-3"),
        ("query", "kind=organization", "-f", "ids"),
        ("search", "decide", "-f", "ids"),
        ("search", "organization", "--fields", "id,path", "-f", "json"),
    ],
)
def test_lookups_report_names_that_are_not_utf8_and_answer_for_the_rest(run_cli, base_tree, command) -> None:
    root = odd_tree(base_tree)
    for _ in range(2):  # building the index, then reading it as it is
        result = run_cli(*command, cwd=root)
        assert result.exit_code == 0, result.stderr
        assert says_unindexed_once(result.stderr), result.stderr
    if command[0] == "query":
        assert result.stdout.split() == ["odd-3", "org"]
    elif command[1] == "decide":
        assert result.stdout.split() == ["res-1"]
    elif command[1] == "organization":
        assert '"path": "records/organizations/new\\nline\\u001b[31m.yaml"' in result.stdout
    else:
        assert command[1] in result.stdout


def test_a_file_named_so_is_found_once_renamed(run_cli, base_tree) -> None:
    root = odd_tree(base_tree)
    assert run_cli("show", "odd-1", cwd=root).exit_code == 1
    assert run_cli("show", os.fsdecode(b"records/organizations/caf\xe9.yaml"), cwd=root).exit_code == 1
    odd(root / "records/organizations", b"caf\xe9.yaml").rename(root / "records/organizations/odd-1.yaml")
    result = run_cli("show", "odd-1", cwd=root)
    assert result.exit_code == 0 and "Cafe" in result.stdout
    assert UNINDEXED_LINES[0] in result.stderr and UNINDEXED_LINES[1] not in result.stderr


def test_the_site_leaves_out_names_that_are_not_utf8_and_publishes_the_rest(run_cli, base_tree) -> None:
    root = odd_tree(base_tree)
    result = run_cli("render", "--site", "site", cwd=root)
    assert result.exit_code == 1  # records not published
    for path in ("records/folder\\xff/deep.yaml", "records/organizations/caf\\xe9.yaml"):
        assert result.stderr.count(f"{path}: not published: its name is not valid UTF-8") == 1, result.stderr
    assert (root / "site/resolutions/res-1.html").is_file()
    assert (root / "site/organizations/odd-3.html").is_file()
    assert not (root / "site/organizations/odd-1.html").exists()


# --- line ends as editors count them: CR LF, LF, and a CR alone (old Mac files) -------------------------------

RESOLUTION = BASE_TREE["records/resolutions/2020/res-1.yaml"]
ENDINGS = {
    "cr": lambda text: text.replace("\n", "\r"),
    "crlf": lambda text: text.replace("\n", "\r\n"),
    # every kind of line end in one file, and a U+2028 in a value (which libyaml counts as a line end, editors not)
    "mixed": lambda text: "".join(
        line + ("\n", "\r", "\r\n")[number % 3] for number, line in enumerate(text.split("\n")[:-1])
    ).replace("title: A first decision", 'title: "A first\u2028decision"'),
}


def ended(name: str, text: str) -> bytes:
    return ENDINGS[name](text).encode("utf-8")


def findings(result) -> str:
    return result.stdout + result.stderr


@pytest.mark.parametrize("ending", ENDINGS)
def test_reading_errors_and_schema_errors_point_at_the_line_an_editor_shows(run_cli, base_tree, ending) -> None:
    broken = RESOLUTION.replace("body: assembly\n", "body: assembly\nbody: assembly\n").replace(
        "status: adopted", "status: bogus"
    )
    root = base_tree(**{"records__resolutions__2020__res-1.yaml": ended(ending, broken)})
    result = run_cli("validate", cwd=root)
    assert 'res-1.yaml:5:1: error[RT011] duplicate key "body" (first at line 4, column 1)' in findings(result)
    assert 'res-1.yaml:7:9: error[RT104] status: "bogus"' in findings(result)
    syntax = RESOLUTION.replace("    refs: [org#head]\n", "    refs: [org#head\n")
    root = base_tree(**{"records__resolutions__2020__res-1.yaml": ended(ending, syntax)})
    assert "res-1.yaml:17:1: error[RT010]" in findings(run_cli("validate", cwd=root))


@pytest.mark.parametrize("ending", ENDINGS)
@pytest.mark.parametrize("bad, code, col", [(b"caf\xe9", "RT004", 14), (b"\x01", "RT008", 11), (b"\x00", "RT006", 11)])
def test_bytes_refused_before_reading_point_at_their_line(run_cli, base_tree, ending, bad, code, col) -> None:
    head, tail = ended(ending, RESOLUTION).split(b"text: to decide.")
    root = base_tree(**{"records__resolutions__2020__res-1.yaml": head + b"text: " + bad + tail})
    assert f"res-1.yaml:15:{col}: error[{code}]" in findings(run_cli("validate", cwd=root))


@pytest.mark.parametrize("ending", ENDINGS)
def test_lint_findings_and_suppressions_count_lines_as_editors_do(run_cli, base_tree, ending) -> None:
    root = base_tree(**{"records__resolutions__2020__res-1.yaml": ended(ending, RESOLUTION)})
    # (RT311 reports the U+2028 of the mixed file: an invisible character)
    assert "res-1.yaml:16:12: warning[RT306]" in findings(run_cli("lint", "--ignore", "RT311", cwd=root))
    for comment in (
        "    refs: [org#head]  # resolvetool: ignore[RT306]\n",
        "    # resolvetool: ignore[RT306]\n    refs: [org#head]\n",
    ):
        suppressed = RESOLUTION.replace("    refs: [org#head]\n", comment)
        root = base_tree(**{"records__resolutions__2020__res-1.yaml": ended(ending, suppressed)})
        result = run_cli("lint", "--strict", "--ignore", "RT311", cwd=root)
        assert result.exit_code == 0, findings(result)


def test_a_text_with_cr_line_ends_imports_as_one_with_lf(run_cli, make_tree) -> None:
    sample = (IMPORT_SAMPLES / "icao-whereas.txt").read_bytes()
    root = make_tree({"lf.txt": sample, "cr.txt": sample.replace(b"\n", b"\r")})
    lf = run_cli("import", "lf.txt", "--dry-run", cwd=root)
    cr = run_cli("import", "cr.txt", "--dry-run", cwd=root)
    assert lf.exit_code == cr.exit_code == 0 and cr.stdout == lf.stdout and "phrase: Resolves" in cr.stdout


def test_import_errors_point_at_the_line_an_editor_shows(run_cli, make_tree) -> None:
    # a form feed (a page break, as pdftotext writes one) does not end a line in an editor
    paged = (
        "RESOLUTION\n\nSubject: Test\n\nThe ICPO-INTERPOL General Assembly,\n\nNOTING the report,\n\n"
        "\fDECIDES to act.\n\nApproved\n\nSigned in two copies\n"
    )
    root = make_tree(
        {
            "latin1.txt": b"RESOLUTION 1\r\rThe General Assembly,\rNoting caf\xe9\r",
            "paged.txt": paged,
            "paged-cr.txt": paged.replace("\n", "\r"),
        }
    )
    result = run_cli("import", "latin1.txt", "paged.txt", "paged-cr.txt", "--dry-run", cwd=root)
    assert "latin1.txt:4:11: error[RT004] not UTF-8 text (byte 0xe9)" in findings(result)
    for name in ("paged.txt", "paged-cr.txt"):
        assert f"{name}:13:1: warning[RT501] kept as printed but not understood" in findings(result)


@pytest.mark.parametrize(
    "args",
    [
        ("search", "caf\udce9"),
        ("query", "kind=body", "title~caf\udce9"),
        ("query", "--sort", "title\udce9"),
        ("search", "x", "--fields", "id,\udce9"),
    ],
)
def test_arguments_that_are_not_utf8_are_a_usage_error(run_cli, base_tree, args) -> None:
    """A shell passes bytes that are not UTF-8 as they are (Python holds them as lone surrogates): a usage error
    pointing at the byte, never a UnicodeEncodeError from inside the index."""
    result = run_cli(*args, cwd=base_tree())
    assert result.exit_code == 2
    assert "this argument is not UTF-8 text" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_a_line_break_only_yaml_sees_cannot_hide_a_field(run_cli, base_tree, separator):
    """A comment that goes on for editors must not end for YAML and hide a field after it: refused at the
    character (RT024). Inside quotes such a character is content, and stays accepted."""
    hidden = f"id: org\nkind: organization\nname: Org # the short name{separator}description: hidden\n"
    root = base_tree(**{"records__organizations__org.yaml": hidden})
    result = run_cli("validate", cwd=root)
    assert result.exit_code == 1
    assert "records/organizations/org.yaml:3:27: error[RT024]" in result.stdout
    shown = run_cli("show", "org", "-f", "json", cwd=root)
    assert '"description"' not in shown.stdout
    quoted = f'id: org\nkind: organization\nname: "Org{separator}name"\noffices:\n  - id: head\n    title: Head\n'
    assert run_cli("validate", cwd=base_tree(**{"records__organizations__org.yaml": quoted})).exit_code == 0


def test_new_says_an_option_is_not_utf8(run_cli, base_tree):
    result = run_cli("new", "organization", "--name", "caf\udce9", cwd=base_tree())
    assert result.exit_code == 2 and "--name is not UTF-8 text" in result.stderr
