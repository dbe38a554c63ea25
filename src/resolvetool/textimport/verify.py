"""Check what an import built as `validate` would, against the whole tree, before anything is written.

Each planned file is analysed as validate analyses a file (the strict reader, the schema, the checks within a
record), and the tree with the planned files in it is checked between records (ids, symbols, folders,
references, adoption dates). Only the problems the import would bring count: those the tree already had are
the tree's, reported by validate, and do not stop an import."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping

from ..corpus import Corpus, _index, _Loader, analyse, canonical, locate_in
from ..diagnostics import Diagnostic, Severity
from ..validation import check_integrity


class TreeCheck:
    """The tree an import run builds on, growing with each text written, and the problems it had before."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._before: set[tuple] | None = None  # worked out on the first check: most imports are of few files
        # the last files checked, the tree with them in it, and its problems: what `accept` takes on when
        # those files are written, rather than analysing them and checking the whole tree again
        self._tried: tuple[dict[str, str], Corpus, set[tuple]] | None = None

    def problems(self, files: Mapping[str, str]) -> list[Diagnostic]:
        """What validate would report, and the tree did not already, were `files` (display path -> text)
        written: errors and warnings, in file order."""
        if self._before is None:
            self._before = {_key(d) for d in check_integrity(self.corpus)}
        trial, own = self._with(files)
        after = check_integrity(trial)
        self._tried = (dict(files), trial, {_key(d) for d in after})
        brought = [d for d in after if _key(d) not in self._before]
        return sorted(own + brought, key=lambda d: (d.path, d.line, d.col))

    def accept(self, files: Mapping[str, str]) -> None:
        """`files` were written: later texts of the run are checked against a tree that holds them."""
        if self._tried is not None and self._tried[0] == dict(files):
            _, self.corpus, self._before = self._tried
        else:
            self.corpus, _ = self._with(files)
            self._before = {_key(d) for d in check_integrity(self.corpus)}
        self._tried = None

    def _with(self, files: Mapping[str, str]) -> tuple[Corpus, list[Diagnostic]]:
        """A copy of the tree's corpus with `files` in it (replacing what is at their paths), and their own
        problems."""
        corpus = self.corpus
        trial = dataclasses.replace(
            corpus,
            entries=[e for e in corpus.entries if e.path not in files],
            diagnostics=[],
            by_id={},
            by_symbol={},
            _located=dict(corpus._located),
        )
        records = os.fspath(canonical(corpus.settings.records)) + os.sep
        loader = _Loader(trial, corpus.base, records, None)
        for display, text in files.items():
            raw = text.encode("utf-8")
            loader.add_analysis(display, analyse(raw, display))  # the checks between records read no lint finding
            # positions come from the text, not from whatever the disk holds at that path today
            trial._located[display] = locate_in(raw, trial.entries[-1])
        trial.entries.sort(key=lambda e: e.path)
        _index(trial)
        return trial, trial.diagnostics


def blocking(problems: list[Diagnostic]) -> bool:
    return any(problem.severity is Severity.ERROR for problem in problems)


def _key(diagnostic: Diagnostic) -> tuple:
    return (diagnostic.path, *diagnostic.to_tuple())
