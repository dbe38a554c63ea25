"""The library is the product: what docs/library.md shows works without the command line."""

from __future__ import annotations

from helpers import REPO

import resolvetool
from resolvetool import load_settings, validate


def test_readme_example(in_repo) -> None:
    result = validate(load_settings())
    assert result.diagnostics == [] and result.exit_code() == 0
    record = result.corpus.record("interpol-ga-81-impact-cooperation")
    assert record.operative[0].phrase == "APPROVES"
    report = result.corpus.record("AG-2012-RAP-18")  # a symbol works as well as an id
    assert report.id == "ag-2012-rap-18"
    assert result.corpus.record("no-such-record") is None


def test_lookup_from_another_folder(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    corpus = validate(load_settings(REPO)).corpus
    assert corpus.record("interpol-ga-81").number == 81


def test_lazy_exports() -> None:
    assert resolvetool.Diagnostic.__name__ == "Diagnostic"
    try:
        _ = resolvetool.nothing_here
    except AttributeError as error:
        assert "nothing_here" in str(error)
    else:
        raise AssertionError("expected AttributeError")
