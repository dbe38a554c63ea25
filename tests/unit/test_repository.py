"""The repository stands on its own: nothing a test reads lies beside it, and the architecture it documents is
the one it holds."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from helpers import CORPUS, CORPUS_EXPECTED, CORPUS_TEXTS, PACKAGE, REFERENCE_TEXT, REPO
from repository_guard import ReadOutsideRepository
from repository_guard import install as guard_reads_beside

# conftest installed the guard; installing again only answers whether it watches (False at the filesystem's root)
GUARDED = guard_reads_beside(REPO)


def test_the_corpus_is_inside_the_repository():
    for path in (CORPUS, CORPUS_TEXTS, CORPUS_EXPECTED, REFERENCE_TEXT):
        assert path.resolve().is_relative_to(REPO), path
    texts = sorted(path.name for path in CORPUS_TEXTS.glob("*.txt"))
    assert len(texts) >= 9 and REFERENCE_TEXT.name in texts
    assert sorted(yaml.safe_load(CORPUS_EXPECTED.read_text(encoding="utf-8"))) == texts
    # Every file kept has its provenance said, and nothing is said of a file not kept.
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    named = set(re.findall(r"^\| `texts/([^`]+)`", sources, re.MULTILINE))
    assert named == set(texts)
    assert "| `expected.yaml` |" in sources and "## Provenance" in sources


def test_a_read_beside_the_repository_fails_the_test(tmp_path, monkeypatch):
    if not GUARDED:
        pytest.skip("the repository sits at the filesystem's root: nothing can be beside it")
    beside = REPO.parent / "shared" / "corpus"
    with pytest.raises(ReadOutsideRepository, match="outside the repository"):
        (beside / "expected.yaml").read_text(encoding="utf-8")  # fails so even where the file exists
    with pytest.raises(ReadOutsideRepository):
        os.listdir(beside / "texts")  # listing too (a glob of a missing folder reads nothing: see the test above)
    monkeypatch.chdir(REPO)
    with pytest.raises(ReadOutsideRepository), open("../shared/corpus/expected.yaml", "rb"):
        pass
    with pytest.raises(ReadOutsideRepository):
        (REPO.parent / "elsewhere.txt").write_text("x")  # writing beside the clone too
    # What the tests do use is let through: the repository, their temporary folders, Python's own files.
    assert REFERENCE_TEXT.read_bytes()
    (tmp_path / "scratch.txt").write_text("x")
    assert (tmp_path / "scratch.txt").read_text() == "x"
    assert Path(yaml.__file__).read_bytes()


BESIDE = re.compile(
    r"""\.\./shared|["'/]shared["'/]|\b(?:REPO|ROOT|HERE)\.parent\b(?!\s*/\s*["']src)"""
    r"""|\.parent\.parent\.parent|\.parents\[[2-9]\]"""
)


def test_no_test_or_benchmark_names_a_path_beside_the_repository():
    this = Path(__file__).resolve()
    scanned = [
        path
        for folder in ("tests", "benchmarks")
        for path in sorted((REPO / folder).rglob("*.py"))
        if path.resolve() != this
    ]
    assert len(scanned) > 20
    found = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in scanned
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if BESIDE.search(line)
    ]
    assert found == []


ARCHITECTURE = REPO / "docs" / "architecture.md"


def module_map() -> set[str]:
    """The paths (relative to src/resolvetool/, folders ending in /) that the module map of
    docs/architecture.md names, read from its tree's indentation."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    section = text[text.index("## 5. Module map") :]
    block = re.search(r"```\n(src/resolvetool/\n.*?)```", section, re.DOTALL)
    assert block, "docs/architecture.md §5 has no tree starting at src/resolvetool/"
    named: set[str] = set()
    stack: list[str] = []
    for line in block.group(1).splitlines()[1:]:
        entry = re.match(r"( *)(\S+)", line)
        assert entry, f"a blank line in the module map: {line!r}"
        depth, name = len(entry.group(1)) // 2 - 1, entry.group(2)
        assert len(entry.group(1)) % 2 == 0 and 0 <= depth <= len(stack), f"misindented: {line!r}"
        del stack[depth:]
        named.add("".join(stack) + name)
        if name.endswith("/"):
            stack.append(name)
    return named


def test_the_module_map_names_every_module_and_nothing_else():
    modules = {path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py")}
    packages = {module.rsplit("/", 1)[0] + "/" for module in modules if "/" in module}
    assert len(modules) > 100
    named = module_map()
    assert sorted(modules - named) == [], "modules missing from docs/architecture.md §5"
    assert sorted(packages - named) == [], "packages missing from docs/architecture.md §5"
    stale = sorted(name for name in named if not (PACKAGE / name).exists())
    assert stale == [], "docs/architecture.md §5 names what is not there"


def test_the_architecture_covers_what_it_must():
    text = ARCHITECTURE.read_text(encoding="utf-8")
    for heading in (
        "## 4. Data flow",
        "## 5. Module map",
        "## 6. The command line",
        "## 7. Exit codes",
        "## 8. Design decisions",
        "## 9. Scale",
    ):
        assert heading in text
    for command in (
        "validate",
        "lint",
        "rules",
        "fmt",
        "show",
        "query",
        "search",
        "diff",
        "render",
        "import",
        "new",
        "init",
        "schema",
    ):
        assert re.search(rf"^\|[^|\n]*`{command}", text, re.MULTILINE), f"{command} missing from the tables"


SKIPPED = {
    ".git",
    "__pycache__",
    ".hypothesis",
    ".pytest_cache",
    "build",
    "dist",
    ".venv",
    "venv",
    ".resolvetool-cache",
}


def test_no_file_cites_a_design_document_the_repository_lacks():
    cited = re.compile(rb"\b" + b"DES" + rb"IGN\b")  # spelled apart, so that this file does not cite it
    found = []
    for folder, folders, files in os.walk(REPO):
        folders[:] = [name for name in folders if name not in SKIPPED and not name.endswith(".egg-info")]
        for name in files:
            path = Path(folder) / name
            if path.is_symlink() or not path.is_file():
                continue  # the golden cases hold dangling links on purpose
            for number, line in enumerate(path.read_bytes().splitlines(), 1):
                if cited.search(line):
                    found.append(f"{path.relative_to(REPO)}:{number}")
    assert found == []
    # Code comments cite the architecture by section, and the sections they cite exist.
    headings = set(re.findall(r"^## (\d+)\. ", ARCHITECTURE.read_text(encoding="utf-8"), re.MULTILINE))
    citations = [
        (path, section)
        for path in PACKAGE.rglob("*.py")
        for section in re.findall(r"docs/architecture\.md §(\d+)", path.read_text(encoding="utf-8"))
    ]
    assert len(citations) >= 4
    assert [(path, section) for path, section in citations if section not in headings] == []
