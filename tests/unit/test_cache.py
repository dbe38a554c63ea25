"""The result cache: keyed by content, outside records/, safe when runs overlap, never fatal."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import BASE_TREE, REPO

from resolvetool.cache import ResultCache
from resolvetool.config import load_settings
from resolvetool.corpus import load_corpus


def test_second_run_reads_everything_from_the_cache(base_tree, isolated_cache: Path) -> None:
    settings = load_settings(base_tree())
    assert load_corpus(settings).cached == 0
    second = load_corpus(settings)
    assert second.cached == 4
    assert (isolated_cache / "results-v6.sqlite3").is_file()
    assert not any(p.suffix == ".sqlite3" for p in settings.root.rglob("*"))  # nothing inside the project


def test_an_edit_is_seen_at_once(base_tree) -> None:
    tree = base_tree()
    settings = load_settings(tree)
    load_corpus(settings)
    session = tree / "records/sessions/assembly-1.yaml"
    session.write_text(session.read_text().replace("number: 1", "number: one"))
    corpus = load_corpus(settings)
    assert corpus.cached == 3
    assert [d.code for d in corpus.diagnostics] == ["RT103"]
    session.write_text(session.read_text().replace("number: one", "number: 1"))
    corpus = load_corpus(settings)
    assert corpus.cached == 4 and corpus.diagnostics == []


def test_results_are_path_free(base_tree) -> None:
    """The same bytes under another name give the same analysis, reported at the new path."""
    content = "id: s\nkind: session\nbody: assembly\nnumber: x\n"
    tree = base_tree(**{"records__sessions__s.yaml": content})
    settings = load_settings(tree)
    load_corpus(settings)
    (tree / "records/sessions/s.yaml").rename(tree / "records/sessions/t.yaml")
    corpus = load_corpus(settings, base=tree)
    assert corpus.cached == 5
    assert {(d.path, d.code) for d in corpus.diagnostics} == {("records/sessions/t.yaml", "RT103")}


def test_no_cache_neither_reads_nor_writes(base_tree, isolated_cache: Path) -> None:
    settings = load_settings(base_tree())
    corpus = load_corpus(settings, use_cache=False)
    assert corpus.cached == 0
    assert not (isolated_cache / "results-v6.sqlite3").exists()


def test_a_damaged_cache_is_set_aside(base_tree, isolated_cache: Path) -> None:
    (isolated_cache / "results-v6.sqlite3").write_bytes(b"this is not a database" * 100)
    settings = load_settings(base_tree())
    corpus = load_corpus(settings)
    assert corpus.diagnostics == [] and corpus.cache_problem is None
    assert (isolated_cache / "results-v6.damaged").is_file()
    assert load_corpus(settings).cached == 4


def test_an_unusable_cache_only_costs_time(base_tree, tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("")
    monkeypatch.setenv("RESOLVETOOL_CACHE_DIR", str(blocker / "cache"))
    corpus = load_corpus(load_settings(base_tree()))
    assert corpus.diagnostics == [] and corpus.cached == 0
    assert corpus.cache_problem and "not used" in corpus.cache_problem


def test_read_only_cache_on_a_missing_file_is_just_empty(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "none", readonly=True)
    assert cache.get(b"k") is None and not cache.usable


@pytest.mark.slow
def test_overlapping_runs(base_tree, isolated_cache: Path) -> None:
    """Several processes validating (and writing the cache) at once all succeed and agree."""
    files = {
        f"records__sessions__s-{i}.yaml": f"id: s-{i}\nkind: session\nbody: assembly\nnumber: {i}\n"
        for i in range(1, 600)
    }
    tree = base_tree(**files)
    command = [sys.executable, "-m", "resolvetool", "validate", "-f", "json", "--jobs", "2"]
    runs = [
        subprocess.Popen(command, cwd=tree, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0, 0], [err for _, err in outputs]
    assert all(err == "" for _, err in outputs)
    summaries = {json.dumps(json.loads(out)["summary"]) for out, _ in outputs}
    assert summaries == {json.dumps({"files": 603, "records": 603, "errors": 0, "warnings": 0, "infos": 0})}
    again = subprocess.run([*command[:-2], "--jobs", "1"], cwd=tree, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0
    from resolvetool.lint.engine import lint_checks

    # with the checks validate loads the corpus with: their findings are cached with the files
    settings = load_settings(tree)
    assert load_corpus(settings, record_checks=lint_checks(settings)).cached == 603


def test_code_changes_change_every_key(monkeypatch) -> None:
    from resolvetool import cache

    first = cache.code_salt()
    monkeypatch.setattr(cache, "__version__", "999")
    assert cache.code_salt() != first
    assert cache.content_key(b"x", first) != cache.content_key(b"x", cache.code_salt())


def test_base_tree_is_what_the_other_tests_assume() -> None:
    assert len(BASE_TREE) == 4


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """The names of the files read (whole) from now on."""
    from resolvetool import source

    names: list[str] = []
    real = source._open  # how a record file is opened to be read (source.read_source)
    monkeypatch.setattr(source, "_open", lambda path, flags: names.append(Path(path).name) or real(path, flags))
    return names


def test_unchanged_files_are_not_read_again(base_tree, monkeypatch, request) -> None:
    """Files whose stamps match the cache are not opened; an edit that keeps size and time is seen."""
    import os

    from resolvetool import cache as cache_module

    monkeypatch.setattr(cache_module, "_RACY_NS", 0)  # the tree was written a moment ago
    tree = base_tree()
    settings = load_settings(tree)
    load_corpus(settings)
    opened = request.getfixturevalue("opened")  # count reads from here on, not the first load's
    assert load_corpus(settings).cached == 4 and opened == []
    session = tree / "records/sessions/assembly-1.yaml"
    info = session.stat()
    session.write_text(session.read_text().replace("number: 1", "number: x"))  # same size
    os.utime(session, ns=(info.st_atime_ns, info.st_mtime_ns))  # and the old modification time
    corpus = load_corpus(settings)
    assert opened == ["assembly-1.yaml"]
    assert [d.code for d in corpus.diagnostics] == ["RT103"]


def test_recently_modified_files_are_read_every_time(base_tree, request) -> None:
    tree = base_tree()
    settings = load_settings(tree)
    load_corpus(settings)
    opened = request.getfixturevalue("opened")  # count reads from here on, not the first load's
    assert load_corpus(settings).cached == 4
    assert len(opened) == 4  # written moments ago: their stamps are not trusted yet


def test_unchanged_files_are_analysed_again_when_the_lint_settings_change(run_cli, base_tree):
    """The stamp fast path holds only for results of the same code and settings."""
    root = base_tree()
    assert run_cli("lint", cwd=root).exit_code == 0
    (root / "resolvetool.toml").write_text('[lint]\nignore = ["RT404"]\n', encoding="utf-8")
    result = run_cli("-v", "validate", cwd=root)
    assert "0 of them from the cache" in result.stderr


@pytest.mark.parametrize(
    "name",
    [
        "agreements/interpol-impact-cooperation.yaml",
        "resolutions/2012/interpol-ga-81-impact-cooperation.yaml",
        "sessions/interpol-ga-81.yaml",
    ],
)
def test_an_analysis_crosses_the_cache_unchanged(name: str) -> None:
    """What marshal stores (`Analysis.to_plain`) reads back (`Entry.from_plain`) as the entry of the analysis
    itself: references, facts per kind and findings alike."""
    import marshal

    from resolvetool.corpus import analyse
    from resolvetool.entries import Entry, Sharing
    from resolvetool.lint.config import LintConfig
    from resolvetool.lint.engine import LintChecks

    raw = (REPO / "records" / name).read_bytes()
    analysis = analyse(raw, name, LintChecks(LintConfig()))
    assert analysis.summary is not None and analysis.summary.valid and analysis.summary.facts is not None
    plain = marshal.loads(marshal.dumps(analysis.to_plain()))
    assert Entry.from_plain(name, "x", plain, Sharing()) == Entry.of(name, "x", analysis)
