"""Every excerpt of a real text in tests/corpus/excerpts/ (sources in tests/corpus/SOURCES.md) imports to
records that pass validate's checks and render back to the excerpt, whitespace aside. The tests of each
construction (test_import_damage, _resolved, _shapes, _instruments, _pdf) look at what was read; this is the
floor under all of them."""

from __future__ import annotations

import pytest
from helpers import EXCERPTS

from resolvetool.config import load_settings
from resolvetool.corpus import load_corpus
from resolvetool.recordyaml import record_yaml
from resolvetool.rendering import render
from resolvetool.textimport import Records, import_document
from resolvetool.textimport.verify import TreeCheck

# Pieces of an instrument's text without the resolution around them: test_import_instruments reads them with
# the instrument reader alone.
FRAGMENTS = {
    "ilo-1946-letter-labels-glued.txt",
    "unesco-1960-items-hard-wrapped.txt",
    "unesco-2003-sections-number-again.txt",
    "unesco-2xc-1953-page-break-ocr.txt",
}
NAMES = sorted(
    path.name for path in EXCERPTS.iterdir() if path.suffix in (".txt", ".md") and path.name not in FRAGMENTS
)


def test_the_fragments_are_excerpts():
    assert {path.name for path in EXCERPTS.iterdir()} >= FRAGMENTS


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_excerpt_imports_valid_and_renders_back(name, make_tree):
    source = (EXCERPTS / name).read_text(encoding="utf-8")
    results = import_document(source, name=name, records=Records())
    rendered = "\n".join(render(result.resolution, resolve=result.resolve) for result in results)
    assert " ".join(rendered.split()) == " ".join(source.split())
    settings = load_settings(make_tree({}))
    tree = TreeCheck(load_corpus(settings, base=settings.root, use_cache=False))
    files = {
        planned.path: record_yaml(planned.record, "schema.json", path=planned.path)
        for result in results
        for planned in result.planned
    }
    assert [problem for problem in tree.problems(files) if problem.severity.value == "error"] == []
