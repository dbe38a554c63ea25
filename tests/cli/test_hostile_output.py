"""Output that cannot be turned against its reader (issue 14, section 3).

Record values, file names, command-line paths and commit subjects are written by whoever sends a pull
request. Whatever resolvetool prints for people shows them inert (escape sequences and bidirectional controls
as escapes, never a line of their own); CSV cells cannot become spreadsheet formulas; markdown shows text as
text; project templates run sandboxed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import BASE_TREE

RESOLUTION = "records/resolutions/2020/res-1.yaml"
# An OSC 52 clipboard write (ESC ] 52 ; c ; base64 ST), and a colour change, as a YAML double-quoted value.
OSC52_YAML = "\\e]52;c;aGVsbG8=\\e\\\\"
OSC52 = "\x1b]52;c;aGVsbG8=\x1b\\"
# Characters a terminal acts on, or that make text read otherwise than it is: none may be printed raw.
ACTING = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def acting(text: str) -> list[str]:
    return ACTING.findall(text)


def with_resolution(base_tree, old: str, new: str) -> Path:
    return base_tree(**{RESOLUTION.replace("/", "__"): BASE_TREE[RESOLUTION].replace(old, new)})


# --- 1. the inert-text function ---------------------------------------------------------------------


def test_inert_shows_acting_characters_as_escapes():
    from resolvetool.inert import inert

    assert inert(OSC52) == "\\x1b]52;c;aGVsbG8=\\x1b\\"
    assert inert("a\u202eb\u2066c\x9bd\x7f\re") == "a\\u202eb\\u2066c\\x9bd\\x7f\\re"
    assert inert("two\nlines\tand a tab") == "two\nlines\tand a tab"
    assert inert("two\nlines\tand a tab", one_line=True) == "two\\nlines\\tand a tab"
    assert inert("C:\\path ünïcödé “quoted” عربي") == "C:\\path ünïcödé “quoted” عربي"
    assert inert("\udcff") == "\\xff"  # a file name that is not UTF-8 can still be printed, its byte as \\xNN
    assert inert(inert(OSC52 + "\n", one_line=True), one_line=True) == inert(OSC52 + "\n", one_line=True)


def test_there_is_one_inert_function():
    import resolvetool.textlayout as textlayout
    from resolvetool import inert as module

    assert not hasattr(textlayout, "inert") and not hasattr(textlayout, "_ACTING")
    source = Path(module.__file__).parent
    definitions = [path for path in source.rglob("*.py") if "def inert(" in path.read_text(encoding="utf-8")]
    assert definitions == [Path(module.__file__)]


def test_quoted_values_in_messages_are_inert():
    from resolvetool.diagnostics import quote

    assert quote(OSC52) == '"\\x1b]52;c;aGVsbG8=\\x1b\\\\"'
    assert quote('a "b"\nc\td') == '"a \\"b\\"\\nc\\td"'


# --- 1. validate and lint -----------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_a_value_holding_an_escape_sequence_does_not_reach_the_terminal(run_cli, base_tree, command):
    root = with_resolution(base_tree, "status: adopted", f'status: "{OSC52_YAML}"')
    result = run_cli(command, cwd=root)
    out = result.stdout + result.stderr
    assert result.exit_code == 1
    assert not acting(out), out
    assert 'status: "\\x1b]52;c;aGVsbG8=\\x1b\\\\" is not one of' in out


@pytest.mark.parametrize(
    "name", ["evil\x1b]52;c;aGVsbG8=\x07", "right\u202etxt.lmth", "forged\nrecords/x.yaml:1:1: error[RT000] forged"]
)
def test_file_names_cannot_forge_diagnostic_lines(run_cli, base_tree, name):
    root = base_tree(**{f"records__resolutions__2020__{name}.yaml": "id: 1\n"})
    result = run_cli("validate", cwd=root)
    out = result.stdout + result.stderr
    assert result.exit_code == 1
    assert not acting(out), out
    lines = out.splitlines()
    assert not [line for line in lines if line.startswith("records/x.yaml")]
    problems = [line for line in lines if re.search(r"^\S.*: error\[RT\d+\]", line)]
    assert len(problems) == 1, out  # one file, one problem (no kind), one line
    assert all(line.startswith("records/resolutions/2020/") for line in problems)


GITHUB_COMMAND = re.compile(r"::(error|warning|notice) (?P<props>[^:\r\n]*)::(?P<message>[^\r\n]*)")


def github_commands(output: str) -> list[tuple[dict[str, str], str]]:
    """Each workflow command as GitHub's runner reads it: its properties (unescaped) and its message."""

    def unescape(text: str) -> str:
        for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
            text = text.replace(escaped, raw)
        return text

    commands = []
    for line in output.split("\n")[:-1]:
        match = GITHUB_COMMAND.fullmatch(line)
        assert match, f"not one workflow command: {line!r}"
        props = dict(prop.split("=", 1) for prop in match["props"].split(","))
        commands.append(({key: unescape(value) for key, value in props.items()}, unescape(match["message"])))
    return commands


def test_github_annotations_cannot_be_forged(tmp_path, monkeypatch):
    """A message or a path holding newlines, '::' and commas starts no workflow command of its own, and
    every property reads back as it was."""
    from resolvetool.diagnostics import make
    from resolvetool.reporters import Report, github_report

    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    monkeypatch.chdir(tmp_path)
    path = "records/a,b:c\n::warning file=x,line=1::forged%0A.yaml"
    message = "bad\n::error file=README.md,line=1::forged\r\n::add-mask::secret %0A"
    report = Report([make(path, 3, 4, "RT104", message, "hint\n::notice::forged")], 1, 1, root=tmp_path, base=tmp_path)
    output = github_report(report)
    assert output.count("\n") == 1 and "\r" not in output
    [(props, text)] = github_commands(output)
    assert props == {"file": path, "line": "3", "col": "4", "title": "RT104 invalid-value"}
    # The message reads back as it was, its carriage return shown as \r (inert, as in text: a CR would rewrite
    # the line it is printed on in the job's log or a terminal).
    assert text == message.replace("\r", "\\r") + "\nhint: hint\n::notice::forged"


def test_github_annotations_of_hostile_file_names(run_cli, base_tree, monkeypatch):
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    root = base_tree(
        **{
            "records__resolutions__2020__a,b:c.yaml": "id: a\n",
            "records__resolutions__2020__n\n::warning file=x::y.yaml": "id: a\n",
        }
    )
    result = run_cli("validate", "--format", "github", cwd=root)
    assert result.exit_code == 1
    files = {props["file"] for props, _ in github_commands(result.stdout)}
    assert files == {"records/resolutions/2020/a,b:c.yaml", "records/resolutions/2020/n\n::warning file=x::y.yaml"}


# --- 1. the command line's own lines: errors, per-file lines, notes ------------------------------------

HOSTILE_NAME = "x\x1b]52;c;aGVsbG8=\x07[bold]\u202e\nforged: error"


def assert_inert(result, *, lines: int | None = None) -> None:
    out = result.stdout + result.stderr
    assert not acting(out), out
    assert "x\\x1b]52;c;aGVsbG8=\\x07[bold]\\u202e\\nforged: error" in out, out  # shown, escaped, no markup
    assert not [line for line in out.splitlines() if line.startswith("forged")], out


def test_errors_show_what_was_given_inert(run_cli, tmp_path):
    result = run_cli("diff", HOSTILE_NAME, "b", cwd=tmp_path)
    assert result.exit_code == 2
    assert_inert(result)
    assert result.stderr.startswith("error: ")


def test_fmt_names_files_inert(run_cli, base_tree):
    unordered = "kind: organization\nid: org\nname: Example Organization\n"
    root = base_tree(**{f"records__organizations__{HOSTILE_NAME}.yaml": unordered})
    result = run_cli("fmt", "--check", cwd=root)
    assert result.exit_code == 1
    assert_inert(result)
    assert "would be reformatted" in result.stderr


def test_lint_fix_names_files_inert(run_cli, base_tree):
    doubled = "id: org\nkind: organization\nname: Example  Organization\n"
    root = base_tree(**{f"records__organizations__{HOSTILE_NAME}.yaml": doubled})
    result = run_cli("lint", "--fix", cwd=root)
    assert_inert(result)
    assert "1 value corrected" in result.stdout


def test_import_names_files_inert(run_cli, base_tree, tmp_path):
    text = tmp_path / HOSTILE_NAME
    text.write_text("nothing that reads as a resolution\n")
    result = run_cli("import", str(text), "--dry-run", cwd=base_tree())
    assert result.exit_code == 1
    assert_inert(result)
    assert "not imported" in result.stdout


def test_render_site_names_files_inert(run_cli, base_tree):
    root = base_tree(**{f"records__organizations__{HOSTILE_NAME}.yaml": "id: o\n"})
    result = run_cli("render", "--site", "site", cwd=root)
    assert result.exit_code == 1
    assert_inert(result)
    assert "not published" in result.stderr


def test_show_names_its_file_inert(run_cli, base_tree):
    root = base_tree(**{f"records__organizations__{HOSTILE_NAME}.yaml": "id: o\nkind: organization\nname: O\n"})
    result = run_cli("show", "o", cwd=root)
    assert result.exit_code == 0
    assert_inert(result)


# --- 2. query -f csv, ids and table ---------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://x","y")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)", "\tTAB", "\rCR"]


def organizations(make_tree, names: list[str]) -> Path:
    """Organizations o0, o1... with these names (JSON strings are YAML double-quoted scalars)."""
    files = {
        f"records/organizations/o{number}.yaml": f"id: o{number}\nkind: organization\nname: {json.dumps(name)}\n"
        for number, name in enumerate(names)
    }
    return make_tree(files)


def test_csv_cells_cannot_start_formulas(run_cli, make_tree):
    import csv
    import io

    root = organizations(make_tree, [*FORMULAS, "plain - = + @", "é 1"])
    result = run_cli("query", "kind=organization", "--fields", "id,name", "-f", "csv", cwd=root)
    assert result.exit_code == 0, result.stderr
    assert all(line.startswith('"') for line in result.stdout.splitlines())  # every cell quoted
    rows = list(csv.reader(io.StringIO(result.stdout)))
    titles = {row[0]: row[1] for row in rows[1:]}
    assert [titles[f"o{number}"] for number in range(len(FORMULAS))] == ["'" + inert_text(name) for name in FORMULAS]
    assert titles[f"o{len(FORMULAS)}"] == "plain - = + @" and titles[f"o{len(FORMULAS) + 1}"] == "é 1"


def test_csv_cells_show_control_characters_as_escapes(run_cli, make_tree):
    import csv
    import io

    root = organizations(make_tree, [OSC52 + "\u202eend\nsecond line"])
    result = run_cli("query", "kind=organization", "--fields", "id,name", "-f", "csv", cwd=root)
    assert not acting(result.stdout)
    assert list(csv.reader(io.StringIO(result.stdout)))[1] == ["o0", inert_text(OSC52) + "\\u202eend\nsecond line"]


def inert_text(text: str) -> str:
    from resolvetool.inert import inert

    return inert(text)


def test_ids_and_table_rows_of_a_hostile_id_stay_one_line(run_cli, make_tree):
    """A file that does not validate is still indexed, its id as written: it may hold a newline."""
    root = make_tree({"records/organizations/q.yaml": 'id: "q\\e[31mred\\nsecond"\nkind: organization\nname: Q\n'})
    ids = run_cli("query", "kind=organization", "-f", "ids", cwd=root)
    assert ids.stdout == "q\\x1b[31mred\\nsecond\n"
    table = run_cli("query", "kind=organization", cwd=root)
    assert not acting(table.stdout) and len(table.stdout.splitlines()) == 2, table.stdout


# --- 3. markdown: render -f markdown and diff -f markdown ------------------------------------------------

# Text that would be markup: every block a line can start, inline markup, entities, HTML, a footnote that
# does not exist, code fences of backticks and tildes, indented code after a blank line.
HOSTILE_MARKDOWN = (
    "x\n# heading\n> quote\n- list\n+ plus\n* star\n1. one\n2) two\n```\nfence\n~~~\ntilde\n"
    "| a | b |\n|---|---|\n---\n***\n___\n<div>html</div>\n<script>alert(1)</script>\n"
    "&lt;entity&gt; &amp; &#60;b&#62;\n    indented\n\n    code after a blank line\n"
    "  # indented heading\n[link](http://x) ![img](http://y) <http://z> [^9]\n"
    "*em* _em_ **strong** ~~del~~ `code` ``two``\nsetext\n===\n[ref]: http://x\nend\\"
)


def markdown_html(text: str) -> tuple[list[tuple[str, tuple]], str]:
    """The elements (tag and attributes, in order) and the text of `text` rendered as CommonMark with
    GitHub's tables, strikethrough and footnotes, raw HTML allowed (as GitHub allows some)."""
    from html.parser import HTMLParser

    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    class Parser(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.elements: list[tuple[str, tuple]] = []
            self.texts: list[str] = []

        def handle_starttag(self, tag, attrs):
            self.elements.append((tag, tuple(attrs)))

        def handle_startendtag(self, tag, attrs):
            self.elements.append((tag, tuple(attrs)))

        def handle_data(self, data):
            self.texts.append(data)

    renderer = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).use(footnote_plugin)
    parser = Parser()
    parser.feed(renderer.render(text))
    parser.close()
    return parser.elements, " ".join(" ".join(parser.texts).split())


def words_of(text: str) -> str:
    return " ".join(text.split())


def resolution_with(text: str) -> str:
    """The base tree's resolution with `text` in its title, a formula, clause text, an item, an annex, a
    footnote and the closing line."""
    quoted = json.dumps(text)
    return (
        f"id: res-1\nkind: resolution\ntitle: {quoted}\nbody: assembly\nsession: assembly-1\nstatus: adopted\n"
        f"adoption:\n  date: 2020-05-05\n  outcome: {quoted}\n"
        f"preamble:\n  - phrase: {quoted}\n    text: {quoted}\n"
        f"operative:\n  - number: {quoted}\n    phrase: DECIDES\n    text: {quoted}\n"
        f"    items:\n      - label: {quoted}\n        text: {quoted}\n"
        f"        items:\n          - label: (i)\n            text: {quoted}\n"
        f"annexes:\n  - heading: {quoted}\n    title: {quoted}\n    text: {quoted}\n"
        f"footnotes:\n  - marker: '1'\n    text: {quoted}\n"
    )


def test_render_markdown_shows_hostile_text_as_text(run_cli, base_tree):
    """The hostile resolution renders to the same elements as one holding a plain word in the same places,
    and its text shows every character of the hostile text."""

    def rendered(text: str) -> tuple[list, str]:
        root = base_tree(**{RESOLUTION.replace("/", "__"): resolution_with(text)})
        result = run_cli("render", "res-1", "-f", "markdown", cwd=root)
        assert result.exit_code == 0, result.stderr
        return markdown_html(result.stdout)

    plain_elements, _ = rendered("plain\n\nplain")  # an annex's text keeps its paragraphs; all else is one
    elements, text = rendered(HOSTILE_MARKDOWN)
    assert elements == plain_elements
    assert text.count(words_of(HOSTILE_MARKDOWN)) >= 8, text


def test_render_markdown_footnote_references_still_work(run_cli, base_tree):
    root = base_tree(**{RESOLUTION.replace("/", "__"): resolution_with("see[^1] and [^2]")})
    result = run_cli("render", "res-1", "-f", "markdown", cwd=root)
    elements, text = markdown_html(result.stdout)
    assert ("a", (("href", "#fn1"), ("id", "fnref1"))) in elements
    assert "[^2]" in text


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_render_text_and_markdown_show_acting_characters_as_escapes(run_cli, base_tree, fmt):
    root = base_tree(**{RESOLUTION.replace("/", "__"): resolution_with(OSC52 + "\u202e\ttab\nline")})
    result = run_cli("render", "res-1", "-f", fmt, cwd=root)
    assert result.exit_code == 0
    assert not acting(result.stdout), result.stdout
    shown = result.stdout if fmt == "text" else markdown_html(result.stdout)[1]
    assert "\\x1b]52;c;aGVsbG8=\\x1b" in shown and "\\u202e" in shown
    if fmt == "text":
        assert "\ttab\nline" in result.stdout  # the document's own tabs and newlines stay


def test_diff_markdown_shows_hostile_text_as_text(run_cli, tmp_path):
    """Changed text, file names and a commit subject (the title) in the job summary are text: the same
    elements as for a plain change, every character shown, and no backtick closes the path's code span."""

    def diffed(text: str, name: str) -> tuple[list, str, str]:
        folder = tmp_path / name.replace("/", "_")[:20].replace("\n", "_")
        (folder / "old").mkdir(parents=True)
        (folder / "new").mkdir()
        record = "id: r\nkind: organization\nname: {}\nnotes: {}\n"
        (folder / "old" / f"{name}.yaml").write_text(record.format("Old", json.dumps("before")))
        (folder / "new" / f"{name}.yaml").write_text(record.format("New", json.dumps(text)))
        result = run_cli("diff", str(folder / "old"), str(folder / "new"), "-f", "markdown", cwd=folder)
        assert result.exit_code == 0, result.stderr
        return (*markdown_html(result.stdout), result.stdout)

    plain_elements, _, _ = diffed("plain words " * 10, "plain")  # long enough to be shown struck and added
    hostile_name = "a ``` b ` c\n<details># x &amp; <b>"
    elements, text, markdown = diffed(HOSTILE_MARKDOWN, hostile_name)
    assert elements == plain_elements, markdown
    assert words_of(HOSTILE_MARKDOWN) in text
    assert "a ``` b ` c\\n<details># x &amp; <b>.yaml" in text  # the path, in its code span


def test_diff_markdown_title_is_escaped():
    from resolvetool.diff import report

    title = "abc1234 2024-01-01 </summary># Subject <img src=x> &amp; **x**"
    for diffs in ([], None):
        markdown = report.markdown(diffs or [], title)
        elements, text = markdown_html(markdown)
        assert [tag for tag, _ in elements] == ["p", "strong"]
        assert title in text


# --- 4. project templates run sandboxed -------------------------------------------------------------------

TEMPLATE_ESCAPES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}",
    "{{ lipsum.__globals__['os'].popen('touch PWNED').read() }}",
    "{{ joiner.__init__.__globals__.os.system('touch PWNED') }}",
    "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.popen('touch PWNED') }}",
    "{{ plural.__globals__['__builtins__']['__import__']('os').system('touch PWNED') }}",
    "{{ link.__closure__ }}",
    "{{ '{0.__class__.__base__.__subclasses__}'.format('') }}",
    "{{ kind_labels.update({'resolution': 'PWNED'}) }}",
    "{{ record.parse_file('PWNED.pickle', proto='pickle', allow_pickle=True) }}",
    "{{ record.model_construct() }}",
    "{{ record.copy }}",
]


@pytest.mark.parametrize("payload", TEMPLATE_ESCAPES)
def test_project_templates_cannot_leave_the_sandbox(run_cli, base_tree, payload):
    """A pull request's template tries to run a command (or read a file) in a CI preview build: the build
    stops with the template and line named (exit 2), and the command never ran."""
    import pickle

    root = base_tree(**{"resolvetool.toml": '[render]\ntemplates = "tpl"\n'})
    (root / "tpl").mkdir()
    (root / "tpl" / "record.html.j2").write_text("{{ title }}\n" + payload + "\n")
    (root / "PWNED.pickle").write_bytes(pickle.dumps(0))
    result = run_cli("render", "--site", "site", cwd=root)
    assert not (root / "PWNED").exists()
    assert result.exit_code == 2, result.stderr
    assert "record.html.j2, line 2: " in result.stderr and "fix it, or remove it" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_project_templates_still_read_what_pages_show(run_cli, reference_project):
    """Fields, our models' properties (an agreement's status), filters, macros and the globals we give work."""
    templates = reference_project / "tpl"
    templates.mkdir()
    (reference_project / "resolvetool.toml").write_text('[render]\ntemplates = "tpl"\n')
    (templates / "record.html.j2").write_text(
        "{% import 'macros.html.j2' as m %}{{ record.id }}|{{ record.status if record.kind == 'agreement' }}|"
        "{{ kind_labels.get(kind) }}|{{ plural(2, 'body') }}|{{ 1234 | thousands }}|{{ title.split() | length }}\n"
    )
    result = run_cli("render", "--site", "site", cwd=reference_project)
    assert result.exit_code == 0, result.stderr
    agreement = next((reference_project / "site/agreements").glob("[!_]*.html")).read_text()
    assert agreement.startswith("interpol-") and "|Agreement|2 bodies|1,234|" in agreement
    assert agreement.split("|")[1] in ("draft", "approved", "signed", "in-force", "terminated", "negotiating")


ACTING_IN_JSON = r"\x9b31m \u202e \x7f \x85"  # as YAML escapes: C1 CSI, RLO, DEL, NEL


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "-f", "json"),
        ("validate", "-f", "sarif"),
        ("lint", "-f", "json"),
        ("show", "org", "-f", "json"),
        ("query", "kind=organization", "-f", "json"),
        ("diff", "-f", "json"),
    ],
)
def test_json_outputs_show_no_character_a_terminal_acts_on(run_cli, base_tree, args):
    """DEL, C1 controls (CSI among them) and bidi controls, which JSON would print as they are, are written as
    \\u escapes: the data reads back exactly, and a terminal showing it acts on nothing."""
    import json
    import subprocess

    root = base_tree()
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "."], cwd=root, check=True)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "x"], cwd=root, check=True
    )
    org = root / "records" / "organizations" / "org.yaml"
    org.write_text(
        org.read_text().replace(
            "name: Example Organization", f'name: "Org {ACTING_IN_JSON}"\nnotes: "{ACTING_IN_JSON}: x"'
        )
    )
    (root / "records" / "organizations" / "bad.yaml").write_text(
        f'id: bad\nkind: organization\nname: "{ACTING_IN_JSON}"\ncolour: "{ACTING_IN_JSON}"\n'
    )
    result = run_cli(*args, cwd=root)
    assert not any(char in result.stdout for char in "\x9b\u202e\x7f\x85"), args
    json.loads(result.stdout)
    if args[0] in ("show", "query", "diff"):  # values given as they are, their acting characters as \u escapes
        assert "\\u009b" in result.stdout and "\\u202e" in result.stdout, args


def test_a_template_that_raises_is_said_not_a_traceback(run_cli, base_tree):
    """A project's record template whose own code raises (`{{ 1 / 0 }}`): `render REF -f html` printed a
    traceback (before the refactor too); it names the template and line, exit 1 as a template error does, and
    `render --site` still publishes the rest, saying which records could not be rendered."""
    root = base_tree(**{"resolvetool.toml": '[render]\ntemplates = "tpl"\n'})
    (root / "tpl").mkdir()
    (root / "tpl" / "record.html.j2").write_text("{{ title }}\n{{ 1 / 0 }}\n")
    result = run_cli("render", "res-1", "-f", "html", cwd=root)
    assert result.exit_code == 1, result.stderr
    assert "record.html.j2, line 2: division by zero; fix it, or remove it" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
