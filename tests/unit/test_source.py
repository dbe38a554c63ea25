"""The strict YAML dialect: each refusal has its own code, message and position."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from resolvetool.diagnostics import Severity
from resolvetool.source import MAX_DIAGNOSTICS_PER_FILE, parse_source, read_source


def codes(text: str | bytes) -> list[tuple[str, int, int]]:
    raw = text.encode() if isinstance(text, str) else text
    return [(d.code, d.line, d.col) for d in parse_source(raw, "f.yaml").diagnostics]


def test_values_keep_their_positions() -> None:
    doc = parse_source(b"id: x\nlist:\n  - a\n  - {b: 1}\n", "f.yaml")
    assert doc.data == {"id": "x", "list": ["a", {"b": 1}]}
    assert doc.position(("id",)) == (1, 5)
    assert doc.position(("list", 1, "b")) == (4, 9)
    assert doc.position(("list", 1, "b"), of_key=True) == (4, 6)
    assert doc.position(("list", 7)) == (3, 3)  # unknown parts fall back to the nearest known value
    assert doc.diagnostics == []


def test_columns_count_characters_not_bytes() -> None:
    doc = parse_source("title: «é»\nbody: x\n".encode(), "f.yaml")
    assert doc.position(("body",)) == (2, 7)
    doc = parse_source("a: é\nb: [x, *y]\n".encode(), "f.yaml")
    assert [(d.code, d.line, d.col) for d in doc.diagnostics] == [("RT014", 2, 8)]


def test_core_schema_scalars() -> None:
    doc = parse_source(
        b"a: 1\nb: -2\nc: 1.5\nd: true\ne: False\nf: ~\ng:\nh: null\ni: '1'\nj: 2012-11-05\n"
        b"k: 0x1F\nl: 1_000\nm: .inf\n",
        "f.yaml",
    )
    assert doc.data == {
        "a": 1,
        "b": -2,
        "c": 1.5,
        "d": True,
        "e": False,
        "f": None,
        "g": None,
        "h": None,
        "i": "1",
        "j": "2012-11-05",
        "k": "0x1F",
        "l": "1_000",
        "m": ".inf",
    }
    assert doc.diagnostics == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: yes\n", [("RT020", 1, 4)]),
        ("a: Off\n", [("RT020", 1, 4)]),
        ("a: 012\n", [("RT021", 1, 4)]),
        ("a: 1:20\n", [("RT022", 1, 4)]),
        ("a: 190:20:30.15\n", [("RT022", 1, 4)]),
        ("a: 'yes'\nb: \"012\"\n", []),  # quoted: the author meant a string
        ("a: 019\n", []),  # not octal in YAML 1.1 either: a string with no surprise
    ],
)
def test_yaml11_surprises_stay_strings_with_a_warning(text: str, expected: list) -> None:
    doc = parse_source(text.encode(), "f.yaml")
    assert [(d.code, d.line, d.col) for d in doc.diagnostics] == expected
    assert all(isinstance(v, str) for v in doc.data.values())
    assert all(d.severity is Severity.WARNING for d in doc.diagnostics)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: [1\n", [("RT010", 2, 1)]),
        ("a: 1\n  b: 2\n", [("RT010", 2, 4)]),
        ("a: 1\na: 2\n", [("RT011", 2, 1)]),
        ("a: &x 1\n", [("RT013", 1, 4)]),
        ("a: 1\nb: *x\n", [("RT014", 2, 4)]),  # even an alias to nothing
        ("a: &x 1\nb: *x\n", [("RT013", 1, 4), ("RT014", 2, 4)]),
        ("<<: {a: 1}\n", [("RT015", 1, 1)]),
        ("a: !!str 1\n", [("RT016", 1, 4)]),
        ("a: !custom 1\n", [("RT016", 1, 4)]),
        ("!record\na: 1\n", [("RT016", 1, 1)]),
        ("a: 1\n---\nb: 2\n", [("RT012", 2, 1)]),
        ("", [("RT007", 1, 1)]),
        ("# only a comment\n", [("RT007", 1, 1)]),
        ("---\n", [("RT007", 1, 1)]),
        ("- a\n", [("RT017", 1, 1)]),
        ("text\n", [("RT017", 1, 1)]),
        ("? [a]\n: 1\n", [("RT018", 1, 3)]),
        ("a: " + "[" * 65 + "]" * 65 + "\n", [("RT019", 1, 67)]),
    ],
)
def test_refusals(text: str, expected: list) -> None:
    assert codes(text) == expected


def test_duplicate_key_names_both_lines_and_keeps_the_first() -> None:
    doc = parse_source(b"id: x\nname: first\nother: 1\nname: second\n", "f.yaml")
    assert doc.data["name"] == "first"
    [d] = doc.diagnostics
    assert (d.code, d.line, d.col) == ("RT011", 4, 1)
    assert "line 2" in d.message and "line 2" in d.hint


def test_refused_documents_have_no_data() -> None:
    for text in ("a: &x 1\n", "a: !t 1\n", "a: [\n", "a: 1\n---\nb: 1\n"):
        assert parse_source(text.encode(), "f.yaml").data is None


@pytest.mark.parametrize(
    ("raw", "code", "position"),
    [
        (b"\xef\xbb\xbfa: 1\n", "RT005", (1, 1)),
        (b"\xff\xfea\x00", "RT005", (1, 1)),
        (b"a: 1\nb: x\x00y\n", "RT006", (2, 5)),
        (b"a: 1\nb: caf\xe9\n", "RT004", (2, 7)),
        (b"a: 1\nb: " + "éé".encode() + b"\xe9\n", "RT004", (2, 6)),
        ("id: a\ntitle: éééé\nx: \0".encode(), "RT006", (3, 4)),
        ("a: 1\nb: «\x07»\n".encode(), "RT008", (2, 5)),
        ("a: \u0085x\u009f\n".encode(), "RT008", (1, 6)),
    ],
)
def test_bytes_that_are_not_clean_utf8(raw: bytes, code: str, position: tuple[int, int]) -> None:
    [d] = parse_source(raw, "f.yaml").diagnostics
    assert (d.code, (d.line, d.col)) == (code, position)
    assert d.hint


def test_billion_laughs_is_refused_without_expansion() -> None:
    # Thirty levels of nine: expanding it would take longer than the universe has left.
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 30)]
    raw = ("\n".join(lines) + "\n").encode()
    # In a child process with a deadline, so that a regression fails instead of hanging the suite.
    script = (
        "import sys; from resolvetool.source import parse_source; d = parse_source(sys.stdin.buffer.read(), 'f');"
        "print(sorted({x.code for x in d.diagnostics}), d.data)"
    )
    done = subprocess.run([sys.executable, "-c", script], input=raw, capture_output=True, timeout=20, check=True)
    assert done.stdout.decode().strip() == "['RT013', 'RT014'] None"
    doc = parse_source(raw, "f.yaml")
    assert "(29 more anchors in this file)" in doc.diagnostics[0].message
    assert "(260 more aliases in this file)" in doc.diagnostics[1].message


def test_a_flood_of_problems_is_capped_errors_first() -> None:
    from resolvetool.corpus import analyse

    raw = ("a:\n" + "  - yes\n" * 200 + "z: &a 1\n").encode()
    assert len(parse_source(raw, "f.yaml").diagnostics) == 201  # parse_source keeps them all
    _, diagnostics, *_ = analyse(raw, "f.yaml")
    assert len(diagnostics) == MAX_DIAGNOSTICS_PER_FILE + 1
    assert diagnostics[0][2] == "RT013"  # the refusal is not lost among the warnings
    assert diagnostics[-1][2:5] == ("RT009", "warning", "101 more problems in this file are not listed")
    raw = "".join(f"k{i}: 1\nk{i}: 2\n" for i in range(150)).encode()
    _, diagnostics, *_ = analyse(raw, "f.yaml")
    assert diagnostics[-1][2:5] == ("RT009", "error", "51 more problems in this file are not listed")


def test_long_digit_strings_stay_strings() -> None:
    doc = parse_source(("a: " + "9" * 5000 + "\n").encode(), "f.yaml")
    assert doc.data == {"a": "9" * 5000}


def test_refusals_past_the_collection_limit_do_not_crash() -> None:
    raw = ("a:\n" + "  - yes\n" * 10_000 + "b: &x 1\nc: &y 2\n").encode()
    doc = parse_source(raw, "f.yaml")
    assert doc.data is None and doc.unlisted == 2


def test_deep_nesting_never_crashes() -> None:
    for opener in ("[", "{a: "):
        doc = parse_source((f"a: {opener * 200_000}").encode(), "f.yaml")
        assert doc.data is None and doc.diagnostics


def test_read_source_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * 2000)
    d = read_source(path, "big.yaml", max_size=1000)
    assert (d.code, d.line) == ("RT003", 0)
    assert "2,003 bytes" in d.message
    assert read_source(path, "big.yaml", max_size=5000) == path.read_bytes()


def test_read_source_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\n")

    def denied(path: Path, flags: int) -> int:
        raise PermissionError(13, "Permission denied")

    from resolvetool import source

    monkeypatch.setattr(source, "_open", denied)  # as the file is opened to be read
    d = read_source(path, "x.yaml")
    assert d.code == "RT001" and "Permission denied" in d.message


def test_read_source_folder_and_broken_link(tmp_path: Path) -> None:
    (tmp_path / "folder.yaml").mkdir()
    assert read_source(tmp_path / "folder.yaml", "folder.yaml").code == "RT001"
    (tmp_path / "link.yaml").symlink_to(tmp_path / "nowhere.yaml")
    d = read_source(tmp_path / "link.yaml", "link.yaml")
    assert d.code == "RT002" and "nowhere.yaml" in d.message


def test_every_kind_of_problem_is_capped_per_file() -> None:
    from resolvetool.corpus import analyse

    articles = "".join(f'  - number: "{i % 2}"\n' for i in range(300))
    _, diagnostics, *_ = analyse(f"id: c\nkind: instrument\ntitle: C\narticles:\n{articles}".encode(), "c.yaml")
    assert len(diagnostics) == MAX_DIAGNOSTICS_PER_FILE + 1
    assert {d[2] for d in diagnostics[:-1]} == {"RT209"}
    assert diagnostics[-1][2] == "RT009" and "198 more problems" in diagnostics[-1][4]


def test_positions_count_lines_as_editors_do() -> None:
    # libyaml breaks lines at U+2028 and U+0085 too; editors and GitHub do not.
    doc = parse_source("id: a\ntitle: 'x\u2028y'\nk: 1\nk: 2\nn: \"\x85\"\n".encode(), "f.yaml")
    [d] = doc.diagnostics
    assert (d.code, d.line, d.col) == ("RT011", 4, 1) and "first at line 3" in d.message
    assert doc.position(("n",)) == (5, 4)
    doc = parse_source(b"a: 1\r\nb: [\r\n", "f.yaml")
    assert [(d.code, d.line) for d in doc.diagnostics] == [("RT010", 3)]


def test_an_unreadable_folder_is_reported(base_tree, monkeypatch) -> None:
    import os

    from resolvetool.config import load_settings
    from resolvetool.validation import validate

    tree = base_tree()
    real = os.scandir

    def scandir(path):
        if str(path).endswith("sessions"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = validate(load_settings(tree), base=tree)
    assert [(d.path, d.code, d.message) for d in result.diagnostics] == [
        ("records/sessions", "RT001", "cannot list the folder: Permission denied")
    ]
