"""Hostile input for resolvetool's own writers (fmt, lint --fix, new, import): what the strict reader reads
back after a write equals what was meant, or nothing is written; comments and line endings are kept; files
the strict reader refuses are left alone, quickly; the schema line follows a record that moved."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from resolvetool.source import parse_source

RESOLUTION = "records/resolutions/2020/res-1.yaml"
SESSION = "records/sessions/assembly-1.yaml"


def _read(root: Path, name: str) -> dict:
    doc = parse_source((root / name).read_bytes(), name)
    assert doc.data is not None and not [d for d in doc.diagnostics if d.severity.value == "error"], doc.diagnostics
    return doc.data


def _output(result) -> str:
    return result.stdout + result.stderr


# --- 1. fmt, new and import write what was meant --------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "notes",
    [
        r'"Venue TBC.\n\rend: 2013-11-01"',  # a CR after a line break became a new `end:` field
        r'"a\r\nb"',  # the CR was lost
        r'"x\n\e[1m"',  # an ESC in a literal block: a file validate refuses
        r'"x\n\x7f and \x85 and \u2028 and \u2029 and \x9b"',
        r'"first\n  indented\n"',
        r'"trailing space \nnext"',
        r'" leading\nline"',
        r'"tab\there\nnext"',
        r'"a\n\n\n"',
        r'"\nstarts with a break"',
    ],
)
def test_fmt_keeps_every_string_value(run_cli, base_tree, notes):
    root = base_tree(
        **{
            SESSION.replace("/", "__"): f"id: assembly-1\nkind: session\nbody: assembly\nnumber: 1\n"
            f"start: 2020-05-04\nend: 2020-05-06\nnotes: {notes}\n"
        }
    )
    before = _read(root, SESSION)
    assert run_cli("fmt", cwd=root).exit_code == 0
    assert _read(root, SESSION) == before
    assert run_cli("fmt", "--check", cwd=root).exit_code == 0
    assert run_cli("validate", cwd=root).exit_code == 0


def test_new_writes_a_title_with_control_characters_faithfully(run_cli, base_tree):
    root = base_tree()
    title = "A\n\x1b[1mB\x7f"
    result = run_cli("new", "resolution", "--session", "assembly-1", "--title", title, cwd=root)
    assert result.exit_code == 0, _output(result)
    written = result.stdout.strip()
    assert _read(root, written)["title"] == title
    assert run_cli("fmt", "--check", cwd=root).exit_code == 0


IMPORTED = """\
Resolution 7. Safety of navigation\u007f on rivers

The Assembly,

Noting the report of the Secretary-General on the safety of navigation on rivers and the\u007f measures
taken since its last session,

Decides to act.
"""


def test_import_of_a_text_holding_del_writes_a_valid_record(run_cli, base_tree, tmp_path):
    root = base_tree()
    source = tmp_path / "text.txt"
    source.write_text(IMPORTED, encoding="utf-8")
    result = run_cli("import", str(source), "--body", "assembly", "--session", "assembly-1", cwd=root)
    assert result.exit_code == 0, _output(result)
    written = [path for path in (root / "records/resolutions").rglob("*.yaml") if path.name != "res-1.yaml"]
    assert len(written) == 1
    assert "\x7f" not in written[0].read_text(encoding="utf-8")  # written as an escape
    record = _read(root, str(written[0].relative_to(root)))
    assert "\x7f" in record["title"] and "\x7f" in record["preamble"][0]["text"]
    assert run_cli("validate", cwd=root).exit_code == 0


@pytest.fixture
def blocks_for_everything(monkeypatch):
    """The style chooser as it was: every string holding a line break as a literal block."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    import resolvetool.formatting
    import resolvetool.yamledit

    original = resolvetool.yamledit.styled

    def careless(value, indent, width=100):
        return LiteralScalarString(value) if "\n" in value else original(value, indent, width)

    monkeypatch.setattr(resolvetool.yamledit, "styled", careless)
    monkeypatch.setattr(resolvetool.formatting, "styled", careless)


def test_fmt_refuses_a_write_that_would_not_read_back(run_cli, base_tree, blocks_for_everything):
    text = (
        "id: assembly-1\nkind: session\nbody: assembly\nnumber: 1\nstart: 2020-05-04\n"
        'notes: "Venue TBC.\\n\\rend: 2013-11-01"\n'
    )
    root = base_tree(**{SESSION.replace("/", "__"): text})
    result = run_cli("fmt", cwd=root)
    assert result.exit_code == 2
    assert (
        f'{SESSION}: not formatted: notes would be read back as "Venue TBC." instead of "Venue TBC.\\u000a'
        f'\\u000dend: 2013-11-01"'
    ) in _output(result)
    assert "Traceback" not in _output(result)
    assert (root / SESSION).read_text(encoding="utf-8") == text


def test_new_and_import_refuse_a_write_that_would_not_read_back(
    run_cli, base_tree, tmp_path, monkeypatch, blocks_for_everything
):
    root = base_tree()
    before = sorted((root / "records").rglob("*"))
    result = run_cli("new", "resolution", "--session", "assembly-1", "--title", "A\n\rnotes: B", cwd=root)
    assert result.exit_code == 2
    assert "title would be read back as" in result.stderr and "nothing was written" in result.stderr
    source = tmp_path / "text.txt"
    source.write_text(IMPORTED.replace("\u007f", ""), encoding="utf-8")

    import resolvetool.textimport.run as run

    imported = run.import_document

    def with_a_cr(*args, **kwargs):  # a title holding a CR, as a text extractor may leave one
        results = imported(*args, **kwargs)
        for planned in (planned for result in results for planned in result.planned):
            if planned.record.kind == "resolution":
                planned.record = planned.record.model_copy(update={"title": planned.record.title + "\n\rnotes: B"})
        return results

    monkeypatch.setattr(run, "import_document", with_a_cr)
    result = run_cli("import", str(source), "--body", "assembly", "--session", "assembly-1", cwd=root)
    assert result.exit_code == 2, _output(result)
    assert "title would be read back as" in result.stderr and "nothing was written" in result.stderr
    assert sorted((root / "records").rglob("*")) == before


def test_the_guard_names_the_file_and_the_field():
    from resolvetool.writecheck import WriteRefused, check_written

    with pytest.raises(WriteRefused) as refused:
        check_written("records/x.yaml", "id: x\nnotes: |-\n  a\n  \rend: 1\n", {"id": "x", "notes": "a\n\rend: 1"})
    assert str(refused.value).startswith(
        'records/x.yaml: notes would be read back as "a" instead of "a\\u000a\\u000dend: 1"'
    )
    with pytest.raises(WriteRefused, match=r"records/x.yaml: the text to be written would not be read back \(line 3"):
        check_written("records/x.yaml", "id: x\nnotes: |-\n  \x1b\n", {"id": "x", "notes": "\x1b"})
    with pytest.raises(WriteRefused, match=r"preamble\[0\].text would be read back as 1 instead of \"1\""):
        check_written("r", "preamble:\n  - text: 1\n", {"preamble": [{"text": "1"}]})
    with pytest.raises(WriteRefused, match="not a Unicode character"):
        check_written("r", "title: \udcff\n", {"title": "\udcff"})
    check_written("r", 'title: "\\e"\n', {"title": "\x1b"})


# --- 2. comments and line endings -----------------------------------------------------------------------

HEAD = "id: org\nkind: organization\n"


@pytest.mark.parametrize(
    "body",
    [
        "name: # what it is called\n  Example Organization\n",
        "name:\n  # what it is called\n  Example Organization\n",
        "name:\n  # what it is called\n  Example\n  Organization # the end\n",
        "name: >- # what it is called\n  Example\n  Organization\n",
        "name: Example Organization\naliases: [EO, # the short one\n  Ex Org]\n",
        "name: Example Organization\naliases: [EO, Ex Org, # the long one\n  ]\n",
        "name: Example Organization\naliases:\n  - EO # the short one\n  # the long one\n  - Ex Org\n",
        "name: Example Organization\noffices:\n  - # the head\n    id: head\n    title: Head\n",
    ],
)
def test_fmt_keeps_every_comment(run_cli, make_tree, body):
    name = "records/organizations/org.yaml"
    root = make_tree({name: HEAD + body})
    before = _read(root, name)
    assert run_cli("fmt", cwd=root).exit_code == 0
    after = (root / name).read_text(encoding="utf-8")
    for comment in ("# what it is called", "# the short one", "# the long one", "# the head", "# the end"):
        assert (comment in body) == (comment in after), after
    assert _read(root, name) == before
    assert run_cli("fmt", "--check", cwd=root).exit_code == 0


@pytest.mark.parametrize(
    "body, line",
    [
        ('name: # what it is called\n  "Example\n  Organization" # the end\n', 3),  # ruamel keeps one of the two
        ("name: Example Organization\noffices:\n  - {id: head, # the head\n     title: Head}\n", 5),  # in {...}
    ],
)
def test_fmt_refuses_to_drop_a_comment_it_cannot_keep(run_cli, make_tree, body, line):
    name = "records/organizations/org.yaml"
    root = make_tree({name: HEAD + body})
    for args in (("fmt", "--check"), ("fmt",)):
        result = run_cli(*args, cwd=root)
        assert result.exit_code == 2, _output(result)
        assert f"{name}: not formatted: the comment" in _output(result) and f"on line {line}" in _output(result)
        assert "would be lost; put it on a line of its own above the field it is about" in _output(result)
    assert (root / name).read_text(encoding="utf-8") == HEAD + body


def test_fmt_keeps_crlf_line_endings(run_cli, base_tree):
    text = (
        "kind: resolution\r\nid: res-1\r\ntitle: 'A first decision'  # the title\r\nbody: assembly\r\n"
        "session: assembly-1\r\nstatus: adopted\r\nadoption:\r\n  outcome: Adopted\r\n  date: 2020-05-05\r\n"
        "preamble:\r\n  - phrase: NOTING\r\n    text: |\r\n      the report,\r\n      and more,\r\n"
        "operative:\r\n  - phrase: DECIDES\r\n    text: to decide.\r\n    refs: [org#head]\r\n"
    )
    root = base_tree(**{RESOLUTION.replace("/", "__"): text})
    before = _read(root, RESOLUTION)
    assert run_cli("fmt", cwd=root).exit_code == 0
    raw = (root / RESOLUTION).read_bytes()
    assert raw.startswith(b"id: res-1\r\nkind: resolution\r\n") and b"# the title\r\n" in raw
    assert raw.count(b"\n") == raw.count(b"\r\n")
    assert _read(root, RESOLUTION) == before
    assert run_cli("fmt", "--check", cwd=root).exit_code == 0


FIXABLE = (
    "# yaml-language-server: $schema=../../../schemas/resolution.schema.json\r\n"
    "id: res-1\r\nkind: resolution\r\n"
    "title:   a first decision.   # the title, as printed\r\n"
    "body: assembly\r\nsession: assembly-1\r\nstatus: adopted\r\n"
    "adoption: {date: 2020-05-05, outcome: Adopted}\r\n"
    "preamble:\r\n  - phrase: NOTING\r\n    text: >- # folded on purpose\r\n      the  report's rules\r\n"
    "      and more,\r\n\r\n    # about the report\r\n"
    'operative:\r\n  - {phrase: DECIDES, text: "to decide;",   refs: [org#head, # the head\r\n'
    "       org]}\r\n"
)


def test_lint_fix_touches_only_the_values_it_corrects(run_cli, base_tree):
    root = base_tree(**{RESOLUTION.replace("/", "__"): FIXABLE})
    result = run_cli("lint", "--fix", cwd=root)
    assert "records/resolutions/2020/res-1.yaml: 3 values corrected" in result.stdout, _output(result)
    written = (root / RESOLUTION).read_bytes().decode("utf-8")
    expected = (
        FIXABLE.replace("title:   a first decision.   #", "title:   A first decision   #")
        .replace("the  report's rules\r\n      and more,", "the report's rules and more,")
        .replace('"to decide;"', '"to decide."')
    )
    assert written == expected


def test_lint_fix_writes_a_value_its_style_cannot_hold_in_another(run_cli, base_tree):
    from resolvetool.lint.fix import fix_text

    text = "id: r\nkind: resolution\ntitle: >- # folded\n  a title\n\n# after\nbody: b # the body\n"
    fixed = fix_text(text, {("title",): "a  title\x1b", ("body",): "b: c"})
    assert fixed == 'id: r\nkind: resolution\ntitle: "a  title\\e" # folded\n\n# after\nbody: "b: c" # the body\n'
    assert fix_text(text, {("title",): "A title, longer"}) == text.replace("a title", "A title, longer")


def test_lint_fix_refuses_a_correction_that_would_not_read_back(run_cli, base_tree, monkeypatch):
    from ruamel.yaml.scalarstring import LiteralScalarString

    import resolvetool.lint.fix

    # A style chooser gone wrong: what it writes holds a space the corrected value does not.
    monkeypatch.setattr(
        resolvetool.lint.fix, "styled_like", lambda style, value, indent: LiteralScalarString(value + " ")
    )
    root = base_tree(**{RESOLUTION.replace("/", "__"): FIXABLE})
    result = run_cli("lint", "--fix", cwd=root)
    assert result.exit_code == 2
    assert f"{RESOLUTION}: not corrected (nothing was written): preamble[0].text would be read back as " in _output(
        result
    ), _output(result)
    assert (root / RESOLUTION).read_bytes().decode("utf-8") == FIXABLE


# --- 3. and 4. fmt leaves alone what the strict reader refuses, quickly -----------------------------------

BILLION_LAUGHS = (
    "id: x\nkind: organization\na: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(12))
    + "name: *m\n"
)


@pytest.mark.parametrize(
    "text, reason",
    [
        ("id: x\nkind: organization\nname: [unclosed\n", "YAML syntax error"),
        ("id: x\nkind: organization\nname: a\u2028b\n", "YAML syntax error"),
        ("id: x\nkind: organization\nname: a\nname: b\n", 'duplicate key "name"'),
        ("id: x\nkind: organization\nname: \x1b\n", "control character U+001B"),
    ],
)
def test_fmt_leaves_files_the_strict_reader_refuses_alone(run_cli, make_tree, text, reason):
    name = "records/organizations/x.yaml"
    root = make_tree({name: text})
    for args in (("fmt", "--check"), ("fmt",)):
        result = run_cli(*args, cwd=root)
        assert result.exit_code == 1, _output(result)
        assert f"{name}: not formatted: " in _output(result) and reason in _output(result)
        assert "run 'resolvetool validate'" in _output(result)
    assert (root / name).read_text(encoding="utf-8") == text


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, reason",
    [
        (BILLION_LAUGHS, "anchor &a is not allowed"),
        ("id: x\nkind: organization\nname: " + "[" * 100 + "]" * 100 + "\n", "nested more than 64 deep"),
        ("id: x\nkind: organization\nname:\n" + "".join(" " * i + "-\n" for i in range(100)), "nested more than 64"),
        # a libyaml with a nesting limit of its own stops at 1000 while scanning ahead; one without reaches our 64 first
        (
            "id: x\nkind: organization\nname: " + "[" * 5000 + "]" * 5000 + "\n",
            ("exceeded maximum nesting depth", "nested more than 64 deep"),
        ),
    ],
)
def test_fmt_check_ends_at_once_on_hostile_files(make_tree, text, reason):
    """The pre-commit hook's `fmt --check` hung on a billion laughs and crashed on deep nesting; in a process of
    its own, so that a hang fails the test instead of stopping the suite."""
    import subprocess
    import sys

    name = "records/organizations/x.yaml"
    root = make_tree({name: text})
    for args in (("fmt", "--check"), ("fmt",)):
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "resolvetool", *args], cwd=root, capture_output=True, text=True, timeout=60
        )
        assert time.monotonic() - started < 20
        assert result.returncode == 1, result.stderr
        reasons = reason if isinstance(reason, tuple) else (reason,)
        assert f"{name}: not formatted: " in result.stderr, result.stderr
        assert any(each in result.stderr for each in reasons), result.stderr
        assert "Traceback" not in result.stderr
    assert (root / name).read_text(encoding="utf-8") == text


def test_fmt_keeps_to_the_file_size_limit(run_cli, make_tree):
    name = "records/organizations/x.yaml"
    text = "id: x\nkind: organization\nname: 'X'\nnotes: '" + "word " * 100 + "'\n"
    root = make_tree({name: text, "resolvetool.toml": "max-file-size = 200\n"})
    result = run_cli("fmt", cwd=root)
    assert result.exit_code == 1 and "over the limit of 200" in _output(result)
    assert (root / name).read_text(encoding="utf-8") == text


def test_lint_fix_refuses_a_file_that_became_hostile(make_tree):
    from resolvetool.lint.fix import apply_fixes

    root = make_tree({"records/organizations/x.yaml": BILLION_LAUGHS})
    started = time.monotonic()
    outcome = apply_fixes(root, {"records/organizations/x.yaml": [(("name",), "X")]}, root=root)
    assert time.monotonic() - started < 10
    assert not outcome.fixed and "changed since it was read" in outcome.refused["records/organizations/x.yaml"]
    assert (root / "records/organizations/x.yaml").read_text(encoding="utf-8") == BILLION_LAUGHS


# --- 5. the schema line follows a record that moved ----------------------------------------------------------

SCHEMA_LINE = "# yaml-language-server: $schema=../../../schemas/resolution.schema.json\n"


def test_a_moved_record_is_warned_about_and_fmt_corrects_its_schema_line(run_cli, base_tree):
    text = SCHEMA_LINE + (base_tree().joinpath(RESOLUTION).read_text(encoding="utf-8"))
    root = base_tree(**{RESOLUTION.replace("/", "__"): text})
    assert run_cli("validate", "--strict", cwd=root).exit_code == 0  # analysed and cached where it was
    moved = root / "records/resolutions/res-1.yaml"
    (root / RESOLUTION).rename(moved)
    result = run_cli("validate", cwd=root)
    assert result.exit_code == 0
    assert (
        "records/resolutions/res-1.yaml:1:1: warning[RT023] the schema line names "
        '"../../../schemas/resolution.schema.json", which is not the resolution schema from here; it should name '
        '"../../schemas/resolution.schema.json"'
    ) in _output(result)
    assert "run 'resolvetool fmt' to correct it" in _output(result)
    check = run_cli("fmt", "--check", cwd=root)
    assert check.exit_code == 1 and "records/resolutions/res-1.yaml: would be reformatted" in _output(check)
    assert run_cli("fmt", cwd=root).exit_code == 0
    assert moved.read_text(encoding="utf-8") == text.replace("../../../schemas", "../../schemas")
    assert "RT023" not in _output(run_cli("validate", cwd=root))
    # Back where it was, with the cache holding the file's analysis: the line is wrong again, and said so.
    moved.rename(root / RESOLUTION)
    assert "RT023" in _output(run_cli("validate", cwd=root))


@pytest.mark.slow
@pytest.mark.parametrize(
    "line, stale",
    [
        ("# yaml-language-server: $schema=../../../schemas/resolution.schema.json", False),
        ("# yaml-language-server: $schema=../../../schemas/record.schema.json", False),  # the schema of every kind
        ("#yaml-language-server: $schema=./../../../schemas/resolution.schema.json", False),
        ("# yaml-language-server: $schema=https://example.org/resolution.schema.json", False),
        ("# yaml-language-server: $schema=../../../schemas/session.schema.json", True),  # another kind's
        ("#yaml-language-server:  $schema=../../schemas/resolution.schema.json", True),
        ("# a comment naming no schema", False),
    ],
)
def test_which_schema_lines_are_stale(run_cli, base_tree, line, stale):
    text = base_tree().joinpath(RESOLUTION).read_text(encoding="utf-8")
    root = base_tree(**{RESOLUTION.replace("/", "__"): f"{line}\r\n" + text.replace("\n", "\r\n")})
    assert ("[RT023]" in _output(run_cli("validate", cwd=root))) == stale
    assert run_cli("fmt", cwd=root).exit_code == 0
    first = (root / RESOLUTION).read_bytes().split(b"\r\n", 1)[0].decode()
    assert first == (line.split("=")[0] + "=../../../schemas/resolution.schema.json" if stale else line)
    assert "[RT023]" not in _output(run_cli("validate", cwd=root))


def test_fmt_adds_no_schema_line(run_cli, base_tree):
    root = base_tree()
    assert run_cli("fmt", cwd=root).exit_code == 0
    assert not (root / RESOLUTION).read_text(encoding="utf-8").startswith("#")
