"""A hostile review of resolvetool's own YAML writers (fmt, lint --fix, new, import): files validate accepts that
fmt's writer (ruamel.yaml) read otherwise than the strict reader (libyaml) or failed on, comments moved or lost,
line endings changed, writes past max-file-size, slowness on large files, schema lines of CR files. Each test
failed before the fix it names; the properties at the end generate such files."""

from __future__ import annotations

import contextlib
import re
import time

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resolvetool.formatting import FormatError, format_text
from resolvetool.lint.fix import fix_text
from resolvetool.source import parse_source
from resolvetool.writecheck import WriteRefused, comment_lines

ORG = "records/organizations/x.yaml"
HEAD = "id: x\nkind: organization\nname: X\n"


def _strict(text: str) -> dict:
    doc = parse_source(text.encode("utf-8"), "x.yaml")
    assert doc.data is not None and not [d for d in doc.diagnostics if d.severity.value == "error"], doc.diagnostics
    return doc.data


def _comments(text: str) -> list[str]:
    return sorted(comment for _, comment in comment_lines(text))


def _formats_faithfully(text: str) -> str:
    """fmt's text for `text`, checked: the same data, every comment, stable, one kind of line ending."""
    once = format_text(text)
    assert _strict(once) == _strict(text)
    assert _comments(once) == _comments(text)
    assert format_text(once) == once
    first = re.search("\r\n|\r|\n", text)
    assert set(re.findall("\r\n|\r|\n", once)) <= {first.group() if first else "\n"}
    return once


def _output(result) -> str:
    return result.stdout + result.stderr


# --- 1. fmt's writer reads plain values as the strict reader does --------------------------------------------
# ruamel.yaml resolved plain values by its own rules: a date that does not exist crashed fmt (ValueError), a
# time was written back in another spelling, `~:` and `TRUE:` keys became other keys, `1.5e400` became `.inf`
# (a string), and under `%YAML 1.1` `yes` became true. Each was a traceback or a refusal calling itself a bug.


@pytest.mark.parametrize(
    "line",
    [
        "notes: 2013-02-30",
        "notes: 0000-01-01",
        "notes: 2020-05-04 25:00:00",  # ValueError tracebacks
        "notes: 2001-12-14t21:59:43.10-05:00",
        "notes: 2020-05-04 1:02:03 +1",  # written back as another time
        "notes: 1.5e400",
        "notes: .5e+3",  # `.inf` (a string), 500.0 (a number): refused as a bug
        "~: b",
        "TRUE: b",
        "Null: b",  # other keys
    ],
)
def test_fmt_keeps_plain_values_the_strict_reader_reads(line):
    _formats_faithfully(HEAD + line + "\n")


@pytest.mark.parametrize("number", ["1e-400", "-0", "1.5e400", "+1", "1E3", "-.5"])
def test_fmt_writes_numbers_as_they_were_written(number):
    """`1e-400` became `0e+000` and `-0` became `0`: the same numbers to the strict reader, other text."""
    assert f"notes: {number}\n" in _formats_faithfully(HEAD + f"notes: {number}\n")


def test_fmt_ignores_a_yaml_1_1_directive_as_the_strict_reader_does():
    formatted = _formats_faithfully("%YAML 1.1\n---\n" + HEAD + "notes: yes\nacronym: 012\n")
    assert 'notes: "yes"' in formatted and 'acronym: "012"' in formatted


def test_fmt_of_an_impossible_date_is_no_traceback(run_cli, make_tree):
    text = "id: a-1\nkind: session\nbody: a\nnumber: 1\nstart: 2013-02-27\nend: 2013-02-30\n"
    root = make_tree({"records/sessions/a-1.yaml": text})
    result = run_cli("fmt", cwd=root)
    assert result.exit_code == 0, _output(result)
    assert _strict((root / "records/sessions/a-1.yaml").read_text(encoding="utf-8")) == _strict(text)


@pytest.mark.parametrize(
    "value", ["012", "0o17", "0b101", "-0x1F", "1_000", ".5e+3", "-.inf", "+.inf", "-1:20", "=", "<<", "0x_1F"]
)
def test_fmt_quotes_what_a_yaml_1_1_or_1_2_reader_takes_for_another_type(value):
    """The docs (fmt): quoted where a YAML 1.1 reader would take them for a boolean, number or date. `012` stayed
    plain (validate's RT021 after fmt), and `0o17` (1.2), `-1:20` (1.1) were read as numbers; `=` and `<<` make
    PyYAML's safe loader fail."""
    from ruamel.yaml import YAML

    formatted = _formats_faithfully(HEAD + f"notes: {value}\n")
    assert yaml.safe_load(formatted)["notes"] == value
    assert YAML(typ="safe", pure=True).load(formatted)["notes"] == value
    assert not [d for d in parse_source(formatted.encode(), "x").diagnostics if d.code in ("RT020", "RT021", "RT022")]


# --- 2. tabs, NEL, U+2028/2029: what ruamel.yaml reads otherwise ---------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "notes: a\tb\n",
        "notes: a\t# the comment\n",
        "notes:\ta\n",
        "notes: 'a'\t# c\n",
        "notes: a\t\t\n",
        "notes: |\t# c\n  text\n",
        "other_names: [a,\tb]\n",
        "notes: >-\n  a\tb\n",  # these held up already
    ],
)
def test_fmt_formats_tabs_the_strict_reader_takes(body):
    """validate accepts these; fmt said 'ruamel.yaml cannot read it ...; run resolvetool validate' (exit 1)."""
    _formats_faithfully(HEAD + body)


@pytest.mark.parametrize(
    "body, where",
    [
        ("notes: a # the note\u2028description: hidden\n", "line 4, column 20: U+2028 outside quotes"),
        ("notes: a # \x85\n", "line 4, column 12: U+0085 outside quotes"),
        ("notes: |\n  a\u2029  b\n", "line 5, column 4: U+2029 outside quotes"),
    ],
)
def test_fmt_refuses_line_breaks_only_the_strict_reader_sees(run_cli, make_tree, body, where):
    """libyaml reads NEL, U+2028 and U+2029 as line breaks, ruamel.yaml and editors as characters; fmt said
    'ruamel.yaml cannot read it ... run resolvetool validate' (which found nothing), or called it a bug. The
    strict reader now refuses them outside quotes (RT024), so fmt leaves the file alone as one validate refuses."""
    root = make_tree({ORG: HEAD + body})
    result = run_cli("fmt", cwd=root)
    assert result.exit_code == 1, _output(result)
    assert f"{ORG}: not formatted: {where}" in _output(result)
    assert "run 'resolvetool validate'" in _output(result) and "bug" not in _output(result)
    assert "error[RT024]" in run_cli("validate", cwd=root).stdout
    assert (root / ORG).read_text(encoding="utf-8") == HEAD + body


def test_fmt_reads_quoted_values_holding_nel_as_the_strict_reader_does():
    """(Held up already: both read NEL in quotes as a line break, folded into a space.)"""
    _formats_faithfully(HEAD + "notes: \"a\x85b\"\nacronym: 'c\u2028d'\n")


# --- 3. comments fmt moved, lost or failed on ------------------------------------------------------------------


@pytest.mark.parametrize(
    "body, expected",
    [
        # ruamel.yaml failed (NotImplementedError: overlap in comment): a traceback
        ("name: # what it is called\n  Example\n\nacronym: EO\n", "name: Example # what it is called\n\nacronym: EO\n"),
        # refused: the comment would be lost
        ("name: # what it is called\n  Example\n# the end\n", "name: Example # what it is called\n# the end\n"),
        # written after the blank line, above the next field, as if about it
        (
            "name:\n  # what it is called\n  Example\n\nacronym: EO\n",
            "name: Example # what it is called\n\nacronym: EO\n",
        ),
        # written after the comment that followed it
        ("name:\n  # what it is called\n  Example\n# the end\n", "name: Example # what it is called\n# the end\n"),
        # refused: the comment after `...` would be lost ("put it on a line of its own")
        ("name: Example\n...\n# the end\n", "name: Example\n# the end\n"),
        # a list item's block header comment was lost when the item became one line
        ("name: Example\nother_names:\n  - |- # the short one\n    EO\n", "other_names:\n  - EO # the short one\n"),
    ],
)
def test_fmt_keeps_a_comment_where_it_was(body, expected):
    assert expected in _formats_faithfully("id: x\nkind: organization\n" + body)


@pytest.mark.parametrize(
    "body",
    [
        "notes:\n  # the note\n  >- # folded\n    text\n",  # AssertionError in ruamel.yaml's scanner
        "notes:\n\n> # folded\n",  # AssertionError
    ],
)
def test_fmt_refuses_what_ruamel_yaml_fails_on_without_a_traceback(run_cli, make_tree, body):
    root = make_tree({ORG: HEAD + body})
    for args in (("fmt", "--check"), ("fmt",)):
        result = run_cli(*args, cwd=root)
        assert result.exit_code == 2, _output(result)
        assert f"{ORG}: not formatted: ruamel.yaml, with which fmt writes, fails on it" in _output(result)
        assert "format the file by hand" in _output(result) and "Traceback" not in _output(result)
    assert (root / ORG).read_text(encoding="utf-8") == HEAD + body


@pytest.mark.parametrize(
    "body, expected",
    [
        ("offices: [{id: a, title: T}, {id: b, title: U}, # the last\n  ]\n", "  - id: b\n    title: U # the last\n"),
        ("other_names: [{a: 1}, # the last\n  ]\n", "  - a: 1 # the last\n"),
    ],
)
def test_fmt_of_a_comment_after_a_flow_lists_last_mapping_is_stable(body, expected):
    """It was written after the last item's dash (`- # c`), where ruamel.yaml reads it back above the dash."""
    assert expected in _formats_faithfully(HEAD + body)


def test_fmt_of_a_null_list_item_with_a_comment_is_stable():
    """`- ~ # c` became `-  # c`, then `- ` with the comment on the next line: fmt(fmt(x)) != fmt(x)."""
    assert "  - ~ # none yet\n" in _formats_faithfully(HEAD + "other_names:\n- ~ # none yet\n- EO\n")


# --- 4. line endings: a file mixing them ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "id: x\rkind: organization\r\nname: |\r\n  a\r\n  b\r\n",  # refused as a bug: CR LF read as two breaks
        "id: x\rkind: organization\r\nname: a\r\n",  # written with CR CR
        "id: x\nkind: organization\nname: a\r\n# end\r",  # a CR LF and a CR written in an LF file
    ],
)
def test_fmt_writes_a_file_mixing_line_endings_with_its_first_lines(text):
    formatted = _formats_faithfully(text)
    assert len(re.findall("\r\n|\r|\n", formatted)) == len(re.findall("\r\n|\r|\n", text))  # no line added


# --- 5. lint --fix: blocks of CR files, long values, whole blocks ----------------------------------------------


def test_lint_fix_corrects_a_block_in_a_cr_file():
    """A CR file's blocks were found by looking for LF: the correction would not read back (refused as a bug)."""
    text = "id: r\rkind: resolution\rtitle: >- # folded\r  a  title\r  more\r\r# after\rbody: b # the body\r"
    assert fix_text(text, {("title",): "a title more"}) == text.replace("a  title\r  more", "a title more")
    assert fix_text(text, {("title",): "a title\nmore"}) == text.replace(">-", "|-").replace("a  title", "a title")


def test_lint_fix_writes_a_long_value_with_the_files_line_endings():
    """A corrected value longer than a line is written on several lines: they ended in LF in a CR LF file."""
    text = 'id: r\r\nkind: resolution\r\ntitle: "a  b"\r\nbody: b\r\n'
    fixed = fix_text(text, {("title",): "word " * 1200 + "x\x1b"})
    assert fixed.count("\n") == fixed.count("\r\n") > 4
    assert _strict(fixed)["title"] == "word " * 1200 + "x\x1b"


@pytest.mark.parametrize(
    "text, expected",
    [
        # a block's last line of spaces is text (" "): it was left behind, in the new block
        ("id: x\nname: |\n  a\n   \n\n# c\nb: 1\n", "id: x\nname: |-\n  x\n\n# c\nb: 1\n"),
        ("id: x\nname: |2\n  \t\nb: 1\n", "id: x\nname: |-\n  x\nb: 1\n"),
        # a file ending without a line break got one
        ("id: x\nname: >-\n  a\n  b", "id: x\nname: >-\n  x"),
    ],
)
def test_lint_fix_replaces_a_whole_block_and_nothing_else(text, expected):
    assert fix_text(text, {("name",): "x"}) == expected


@pytest.mark.parametrize(
    "text, value, expected",
    [
        # spaces ending the file after a block were left behind, in the new block (refused as a bug)
        ("id: x\nname: |\n     ", "a", "id: x\nname: |-\n  a"),
        # a block at the start of its line became a value on one line there, which YAML reads as a key (a bug)
        ("id: x\nname:\n|\n  a\nb: 1\n", "x\x1b", 'id: x\nname:\n  "x\\e"\nb: 1\n'),
        # `|# c`: the comment followed the closing quote with no space
        ("id: x\nname: |# the name\n  a\n", "b\x1b", 'id: x\nname: "b\\e" # the name\n'),
    ],
)
def test_lint_fix_writes_over_a_block_of_any_layout(text, value, expected):
    assert fix_text(text, {("name",): value}) == expected


def test_lint_fix_names_a_line_break_only_the_strict_reader_sees():
    with pytest.raises(WriteRefused, match=r"^record: the strict reader does not accept the file"):
        fix_text("id: x\nname: |\x85 a\n", {("name",): "b"})


# --- 6. max-file-size ---------------------------------------------------------------------------------------------


def test_fmt_writes_no_file_past_max_file_size(run_cli, make_tree):
    """A list at column 0 grows by two spaces an item: fmt wrote 388 bytes where the limit is 300, and validate
    then refused the file (RT003)."""
    text = HEAD + "other_names:\n" + "".join(f"- a{i}\n" for i in range(50))
    text = text[: text.rfind("\n", 0, 300) + 1]
    root = make_tree({ORG: text, "resolvetool.toml": "max-file-size = 300\n"})
    for args in (("fmt", "--check"), ("fmt",)):
        result = run_cli(*args, cwd=root)
        assert result.exit_code == 2, _output(result)
        assert (
            f"{ORG}: not formatted: the file written would be 388 bytes, over the limit of 300 (max-file-size), "
            "which validate refuses"
        ) in _output(result)
    assert (root / ORG).read_text(encoding="utf-8") == text
    assert run_cli("validate", cwd=root).exit_code == 0


def test_lint_fix_writes_no_file_past_max_file_size(make_tree):
    from resolvetool.lint.fix import apply_fixes

    text = HEAD + "notes: 'a  b'\n"
    root = make_tree({ORG: text})
    outcome = apply_fixes(root, {ORG: [(("notes",), "a " + "\u2019" * 30)]}, root=root, max_size=len(text) + 20)
    assert not outcome.fixed and "over the limit of" in outcome.refused[ORG]
    assert (root / ORG).read_text(encoding="utf-8") == text


IMPORTED = """\
Resolution 7. Safety of navigation on rivers

The Assembly,

Noting the report of the Secretary-General on the safety of navigation on rivers,

Decides to act.
"""


def test_new_and_import_write_no_file_past_max_file_size(run_cli, base_tree, tmp_path):
    root = base_tree(**{"resolvetool.toml": "max-file-size = 200\n"})
    before = sorted((root / "records").rglob("*"))
    result = run_cli("new", "organization", "--name", "World Customs Organization " * 6, "--id", "wco", cwd=root)
    assert result.exit_code == 2, _output(result)
    assert "records/organizations/wco.yaml: the file written would be" in _output(result)
    source = tmp_path / "text.txt"
    source.write_text(IMPORTED, encoding="utf-8")
    result = run_cli("import", str(source), "--body", "assembly", "--session", "assembly-1", cwd=root)
    assert result.exit_code == 2, _output(result)
    assert "over the limit of 200 (max-file-size)" in _output(result) and "nothing was written" in _output(result)
    assert sorted((root / "records").rglob("*")) == before


# --- 7. where comments are: lines counted as editors count them, in linear time -----------------------------------


def test_fmt_names_the_line_of_a_lost_comment_in_a_cr_file():
    """Comments' lines were counted by LF alone: in a file with CR line endings, every one was on line 1."""
    text = "id: x\rkind: organization\rname: # a\r  Example # b\r"
    with pytest.raises(WriteRefused, match='the comment "# a" on line 3 would be lost'):
        format_text(text)


def test_a_comment_right_after_a_quote_is_a_comment():
    """libyaml reads `"a"#c` as a value and a comment; the check of comments did not see it."""
    assert comment_lines('name: "a"#c\nother_names: [b,#d\n  ]\n') == [(1, "#c"), (2, "#d")]


def test_comments_of_a_large_file_are_found_in_linear_time():
    """Each comment's line was counted from the start of the file: 13 s for a 1 MiB file of 55,000 commented
    items, three times in every fmt of it (fmt --check, the pre-commit hook, took 29 s)."""
    text = HEAD + "other_names:\n" + "".join(f"  - a{i} # c{i}\n" for i in range(55_000))
    started = time.monotonic()
    found = comment_lines(text)
    assert time.monotonic() - started < 4
    assert found[-1] == (55_004, "# c54999")


# --- 8. the schema line of a CR file ------------------------------------------------------------------------------


def test_the_schema_line_of_a_cr_file_is_checked_and_corrected(run_cli, base_tree):
    """A file with CR line endings is one line to a search for LF: a moved record's stale schema line was neither
    warned about (RT023) nor corrected."""
    name = "records/resolutions/2020/res-1.yaml"
    text = (
        "# yaml-language-server: $schema=../../schemas/resolution.schema.json\n"
        + base_tree().joinpath(name).read_text(encoding="utf-8")
    ).replace("\n", "\r")
    root = base_tree(**{name.replace("/", "__"): text})
    assert "[RT023]" in _output(run_cli("validate", cwd=root))
    assert run_cli("fmt", cwd=root).exit_code == 0
    assert (root / name).read_bytes().decode() == text.replace("../../schemas", "../../../schemas")
    assert "[RT023]" not in _output(run_cli("validate", cwd=root))


# --- 9. properties: any layout of hostile text --------------------------------------------------------------------

ATOMS = [
    "a",
    "b c",
    "yes",
    "012",
    "0x1F",
    "1e3",
    "-.5",
    "~",
    "null",
    "true",
    "2020-05-04",
    "2013-02-30",
    "2020-05-04 10:00:00",
    "#",
    " #",
    ": ",
    "- ",
    "? ",
    "---",
    "...",
    "'",
    '"',
    "\\",
    "{",
    "}",
    "[",
    "]",
    ",",
    "&",
    "*",
    "!",
    "|",
    ">",
    "%",
    "@",
    "`",
    "\t",
    " ",
    "\n",
    "\r",
    "\x85",
    "\u2028",
    "\ufeff",
    "\x7f",
    "\x1b",
    "\x9b",
    "é",
    "\U0001f600",
    "x" * 110,
    "word " * 25,
]
strings = st.lists(st.sampled_from(ATOMS), max_size=4).map("".join)
comments = st.sampled_from(["", "", " # c", "  #c2", "\t# tab", " # \u00e9 # x"])


def _double_quoted(value: str) -> str:
    escaped = re.sub(
        r'[\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]',
        lambda found: "\\" + found.group() if found.group() in '\\"' else f"\\u{ord(found.group()):04x}",
        value,
    )
    return f'"{escaped}"'


@st.composite
def renderings(draw, indent: int):
    """Some way of writing a string value (which the strict reader may or may not accept)."""
    value = draw(strings)
    style = draw(st.sampled_from(["plain", "single", "double", "block"]))
    if style == "plain":
        return value
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    if style == "double":
        return _double_quoted(value)
    header = draw(st.sampled_from(["|", "|-", "|+", ">", ">-", "|2", ">+"])) + draw(st.sampled_from(["", " # hdr"]))
    return header + "\n" + "\n".join(" " * (indent + 2) + line if line else "" for line in value.split("\n"))


@st.composite
def documents(draw):
    lines = [
        draw(st.sampled_from(["", "# top\n", "# yaml-language-server: $schema=../../schemas/x.json\n"]))
        + "id: x"
        + draw(comments),
        "kind: organization" + draw(comments),
        "name: " + draw(renderings(0)) + draw(comments),
    ]
    layout = draw(st.sampled_from(["none", "flow", "block"]))
    if layout == "flow":
        items = draw(st.lists(st.one_of(renderings(2), strings.map(_double_quoted)), min_size=1, max_size=3))
        lines.append("other_names: [" + ", ".join(items) + draw(st.sampled_from(["", ",", ", # in\n  "])) + "]")
    elif layout == "block":
        lines.append("other_names:" + draw(comments))
        for _ in range(draw(st.integers(1, 3))):
            between = draw(st.sampled_from([" ", " # d\n    "]))
            lines.append("  -" + between + draw(renderings(4)) + (draw(comments) if between == " " else ""))
    between = draw(st.sampled_from([" ", " # between\n  ", "\n  # between\n  "]))
    lines.append("notes:" + between + draw(renderings(2)) + (draw(comments) if between == " " else ""))
    lines.append(draw(st.sampled_from(["", "# end", "...\n# end"])))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = "\n".join(lines).replace("\r\n", "\n").replace("\r", "\n").replace("\n", newline)
    return text if draw(st.booleans()) else text.rstrip("\r\n")


PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.mark.slow
@PROPERTY
@given(documents())
def test_fmt_of_any_layout_is_faithful_or_refused(text):
    """fmt either writes the same data with every comment, in the file's line ending, stable under a second fmt,
    or refuses (FormatError: the strict reader refuses the file; WriteRefused: fmt cannot write it as meant);
    never another exception."""
    try:
        _strict(text)
    except AssertionError:
        with pytest.raises(FormatError):
            format_text(text)
        return
    with contextlib.suppress(WriteRefused):
        _formats_faithfully(text)


@pytest.mark.slow
@PROPERTY
@given(documents(), st.data())
def test_lint_fix_of_any_layout_changes_the_values_it_corrects(text, data):
    doc = parse_source(text.encode("utf-8"), "x.yaml")
    if doc.data is None or [d for d in doc.diagnostics if d.severity.value == "error"]:
        return
    places = [("name",), ("notes",)] + [
        ("other_names", index)
        for index, value in enumerate(doc.data.get("other_names") or [])
        if isinstance(value, str)
    ]
    places = [place for place in places if isinstance(_at(doc.data, place), str)]
    if not places:
        return
    values = {
        place: data.draw(strings)
        for place in data.draw(st.lists(st.sampled_from(places), min_size=1, max_size=3, unique=True))
    }
    try:
        fixed = fix_text(text, values)
    except WriteRefused as refused:
        assert "U+" in refused.reason, refused.reason  # only what the strict reader reads as a line break
        return
    meant = _strict(text)
    for (*path, last), value in values.items():
        container = meant
        for step in path:
            container = container[step]
        container[last] = value
    assert _strict(fixed) == meant
    assert _comments(fixed) == _comments(text)
    assert set(re.findall("\r\n|\r|\n", fixed)) <= set(re.findall("\r\n|\r|\n", text)) | {"\n"}
    assert fix_text(fixed, values) == fixed


def _at(data, place):
    for step in place:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


@pytest.mark.slow
@PROPERTY
@given(
    st.one_of(strings, st.text(max_size=12), st.sampled_from(["0o17", "-1:20", "0b101", "=", "<<", "-.inf"])).filter(
        bool
    )
)
def test_what_new_and_import_write_any_yaml_reader_reads_back(value):
    """The records new and import write are read back as written by the strict reader, PyYAML (YAML 1.1) and
    ruamel.yaml (YAML 1.2): `0o17` and `-1:20` were written plain, which they read as numbers."""
    from ruamel.yaml import YAML

    from resolvetool.models import RECORD_ADAPTER
    from resolvetool.recordyaml import record_yaml

    record = RECORD_ADAPTER.validate_python({"id": "x", "kind": "organization", "name": "X", "notes": value})
    try:
        written = record_yaml(record, "s.json")
    except WriteRefused:  # a lone surrogate
        return
    assert _strict(written)["notes"] == value
    assert yaml.safe_load(written)["notes"] == value
    assert YAML(typ="safe", pure=True).load(written)["notes"] == value


@pytest.mark.parametrize("text", ["0E0", "1e5", "0:0", "0:0.5", "1_000", ".5e+3", "0o17", "~", "Null", "TRUE"])
def test_new_and_import_write_text_any_reader_takes_for_a_number_quoted(text):
    """PyYAML (YAML 1.1) writes `0E0` plain, which the strict reader reads as the number 0.0: the record
    writer refused it as a bug in resolvetool. Text any reader would type is written quoted."""
    from resolvetool.models import RECORD_ADAPTER
    from resolvetool.recordyaml import record_yaml

    record = RECORD_ADAPTER.validate_python({"id": "o", "kind": "organization", "name": text})
    written = record_yaml(record, "../../schemas/organization.schema.json")
    assert parse_source(written.encode(), "o.yaml").data["name"] == text
    assert not [d for d in parse_source(written.encode(), "o.yaml").diagnostics]
