"""`validate`: every file's own problems (from the corpus) plus integrity across the tree.

Integrity: ids and symbols unique, ids equal to file names, kinds in their folders, every
reference and fragment resolving to a record of an accepted kind, adoption dates within sessions.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import ConfigError, Settings
from .corpus import Corpus, Progress, canonical, discover, display_path, file_stem, load_corpus
from .diagnostics import Diagnostic, Severity, count_by_severity, exit_code, make, quote
from .entries import Entry, Ref, ResolutionFacts, SessionFacts
from .kinds import FOLDER_BY_KIND, KIND_BY_FOLDER
from .lint.engine import lint_checks

_MAX_SUGGESTIONS = 200  # close-match searches are costly at scale; past this many, no "did you mean"


@dataclass
class ValidationResult:
    """The outcome of one validate or lint run: the problems of the files asked about, what was checked, and
    (lint --fix) what was corrected."""

    diagnostics: list[Diagnostic]
    files: int
    records: int
    corpus: Corpus
    selected: set[str] | None = None  # the files asked about (as diagnostics name them); None: the whole tree
    fixed: dict[str, int] = field(default_factory=dict)  # file -> corrections written
    not_fixed: dict[str, str] = field(default_factory=dict)  # file -> why its corrections were not written

    def count(self, severity: Severity) -> int:
        return count_by_severity(self.diagnostics)[severity]

    def exit_code(self, *, strict: bool = False) -> int:
        """2 when corrections could not be written; otherwise 0 clean, 1 when there are errors (or, with
        `strict`, warnings)."""
        return 2 if self.not_fixed else exit_code(self.diagnostics, strict=strict)


def validate(
    settings: Settings,
    paths: Iterable[Path] = (),
    *,
    jobs: int | None = None,
    use_cache: bool = True,
    progress: Progress | None = None,
    base: Path | None = None,
) -> ValidationResult:
    """Validate the project's tree and report on `paths` (files or folders; all of records/ if none).

    References are resolved against the whole tree even when only some files are asked about,
    so that checking one changed file still catches a reference it breaks.
    """
    base = (base or Path.cwd()).resolve()
    if not settings.records.is_dir():
        raise ConfigError(
            f"{settings.records}: no records folder there"
            + (" (it is a file)" if settings.records.exists() else "")
            + "; create it, or set 'records' in resolvetool.toml"
        )
    selected: set[str] | None = None
    extra: list[str] = []
    paths = list(paths)
    if paths:
        selected = set()
        tree = set(discover(settings.records))
        for path in paths:
            absolute = canonical(path)
            if absolute.is_dir():
                named = discover(absolute)
            elif absolute.exists() or absolute.is_symlink():
                named = [os.fspath(absolute)]
            else:
                raise ConfigError(f"{path}: no such file or folder")
            for file in named:
                selected.add(display_path(file, base))
                if file not in tree:  # outside records/, or a file the scan of the tree skips
                    extra.append(file)
    # lint's rules that read one record run beside validate's own checks, so that their findings are cached with
    # the files and lint after validate reads them rather than analysing every file again.
    checks = lint_checks(settings)
    corpus = load_corpus(
        settings, extra, record_checks=checks, jobs=jobs, use_cache=use_cache, progress=progress, base=base
    )
    diagnostics = corpus.diagnostics + check_integrity(corpus)
    if selected is not None:
        diagnostics = [d for d in diagnostics if d.path in selected]
        files = len(selected)
        records = sum(1 for e in corpus.entries if e.path in selected and e.valid)
    else:
        files = len(corpus.files)
        records = sum(1 for e in corpus.entries if e.valid)
    diagnostics.sort()
    return ValidationResult(diagnostics, files, records, corpus, selected)


def check_integrity(corpus: Corpus) -> list[Diagnostic]:
    """The problems between records: identity, placement, references and dates."""
    out: list[Diagnostic] = []
    for entry in corpus.entries:
        out += _identity(corpus, entry)
        out += _placement(corpus, entry)
    out += _references(corpus)
    out += _adoption_dates(corpus)
    out += _schema_lines(corpus)
    return out


def _where(corpus: Corpus, entry: Entry, mark: str) -> str:
    line, col = corpus.locate(entry).at(mark)
    return f"{entry.path}:{line}:{col}"


def _identity(corpus: Corpus, entry: Entry) -> list[Diagnostic]:
    if entry.id is None:
        return []  # the file's own problems say why its id is unknown
    out = []
    first = corpus.by_id.get(entry.id)
    if first is not None and first is not entry:
        line, col = corpus.locate(entry).at("id")
        out.append(
            make(
                entry.path,
                line,
                col,
                "RT201",
                f"duplicate id {quote(entry.id)} (first at {_where(corpus, first, 'id')})",
                "rename one of the two records: an id must be unique in the tree",
            )
        )
    stem = file_stem(entry.path)
    if entry.id != stem:
        name = entry.path.rsplit("/", 1)[-1]
        line, col = corpus.locate(entry).at("id")
        out.append(
            make(
                entry.path,
                line,
                col,
                "RT202",
                f"id {quote(entry.id)} differs from the file name {quote(name)}",
                f"rename the file to {entry.id}{name[len(stem) :]}, or change the id to {stem}",
            )
        )
    if entry.symbol:
        first = corpus.by_symbol.get(entry.symbol)
        if first is not None and first is not entry:
            line, col = corpus.locate(entry).at("symbol")
            out.append(
                make(
                    entry.path,
                    line,
                    col,
                    "RT204",
                    f"duplicate symbol {quote(entry.symbol)} (first at {_where(corpus, first, 'symbol')})",
                    "an official symbol belongs to one record: correct one of the two",
                )
            )
    return out


def _placement(corpus: Corpus, entry: Entry) -> list[Diagnostic]:
    folder = entry.folder
    if folder is None:
        return []  # a file outside records/, validated on request: it has no folder to match
    if folder not in KIND_BY_FOLDER:
        where = f"the folder {folder}/" if folder else "records/ itself"
        target = f"records/{FOLDER_BY_KIND[entry.kind]}/" if entry.kind else "the folder of its kind"
        return [
            make(
                entry.path,
                0,
                0,
                "RT208",
                f"record file in {where}, which is no kind's folder",
                f"move it to {target} (folders: {', '.join(FOLDER_BY_KIND.values())})",
            )
        ]
    if entry.kind and KIND_BY_FOLDER[folder] != entry.kind:
        line, col = corpus.locate(entry).at("kind")
        return [
            make(
                entry.path,
                line,
                col,
                "RT203",
                f"a record of kind {quote(entry.kind)} in the folder {folder}/",
                f"move it to records/{FOLDER_BY_KIND[entry.kind]}/, or correct its kind",
            )
        ]
    return []


class _Suggestions:
    """'Did you mean' for missing ids: one search per missing id, among ids of the accepted kinds
    and of similar length, and only for the first few hundred distinct misses of a run."""

    def __init__(self, corpus: Corpus) -> None:
        self.ids_by_kind: dict[str, list[str]] = {}
        for entry in corpus.entries:
            if entry.id is not None:
                self.ids_by_kind.setdefault(entry.kind or "", []).append(entry.id)
        self.found: dict[tuple[str, tuple[str, ...]], str | None] = {}

    def __call__(self, missing: str, kinds: tuple[str, ...]) -> str | None:
        key = (missing, kinds)
        if key not in self.found:
            if len(self.found) >= _MAX_SUGGESTIONS:
                return None
            pool = [
                i
                for kind in (kinds or self.ids_by_kind)
                for i in self.ids_by_kind.get(kind, ())
                if abs(len(i) - len(missing)) <= 3
            ]
            close = difflib.get_close_matches(missing, pool, n=1, cutoff=0.7)
            self.found[key] = close[0] if close else None
        return self.found[key]


_UNJUDGED = object()


def _references(corpus: Corpus) -> list[Diagnostic]:
    out = []
    suggest = _Suggestions(corpus)
    # What is wrong with a reference depends on the reference alone (its target and kinds), and entries share
    # their Ref objects (entries.Sharing): each is judged once, looked up by identity after.
    problems: dict[int, Any] = {}
    for entry in corpus.entries:
        for index, ref in enumerate(entry.refs):
            problem = problems.get(id(ref), _UNJUDGED)
            if problem is _UNJUDGED:
                problem = problems[id(ref)] = _reference_problem(corpus, ref, suggest)
            if problem is not None:
                line, col = corpus.locate(entry).ref(index)
                out.append(make(entry.path, line, col, *problem))
    return out


def _reference_problem(corpus: Corpus, ref: Ref, suggest: _Suggestions) -> tuple[str, str, str] | None:
    """(code, message, hint) when `ref` leads nowhere, to a record of a kind its field does not accept, or to a
    part its record does not have; None when it holds, or cannot be judged."""
    target, kinds = ref
    record_id, _, fragment = target.partition("#")
    found = corpus.by_id.get(record_id)
    if found is None:
        if corpus.incomplete:
            return None  # the record may be in a folder that could not be read (reported)
        close = suggest(record_id, kinds)
        wanted = " or ".join(_a(kind) for kind in kinds) if kinds else "a record"
        return (
            "RT205",
            f"reference {quote(target)}: no record has this id",
            f"did you mean '{close}'?" if close else f"check the id, or add {wanted} with this id",
        )
    if not found.valid:
        return None  # the target's own file is reported; its kind and parts are unknown
    if kinds and found.kind not in kinds:
        wanted = " or ".join(_a(kind) for kind in kinds)
        return (
            "RT207",
            f"reference {quote(target)} is {_a(found.kind)}, but {wanted} is expected here",
            f"point to {wanted} ({found.path} holds {_a(found.kind)})",
        )
    if fragment and fragment not in found.fragments:
        parts = ", ".join("#" + f for f in found.fragments[:8]) + (" ..." if len(found.fragments) > 8 else "")
        return (
            "RT206",
            f"reference {quote(target)}: {record_id} has no part #{fragment}",
            f"its parts are {parts}" if parts else f"{record_id} has no named parts; drop #{fragment}",
        )
    return None


def _schema_lines(corpus: Corpus) -> list[Diagnostic]:
    """Schema lines that no longer lead to the kind's schema from where the file is (a record moved to
    another folder keeps the line it had): compared here, where places are known, from what the cached
    analysis read."""
    from .schemaline import SchemaPlace

    out = []
    schemas = Path(corpus.settings.schemas)
    # The answer depends on the folder, the line and the kind alone: the files of a folder share it, so it is
    # worked out once per folder (path arithmetic for each of 100,000 files cost a tenth of a warm run).
    decided: dict[tuple[str, str, str], str | None] = {}
    for entry in corpus.entries:
        if entry.schema_line is None or entry.kind is None:
            continue
        key = (os.path.dirname(entry.path), entry.schema_line, entry.kind)
        if key not in decided:
            decided[key] = SchemaPlace(corpus.base / entry.path, schemas).stale(entry.schema_line, entry.kind)
        expected = decided[key]
        if expected is not None:
            out.append(
                make(
                    entry.path,
                    1,
                    1,
                    "RT023",
                    f"the schema line names {quote(entry.schema_line, 200)}, which is not the {entry.kind} "
                    f"schema from here; it should name {quote(expected, 200)}",
                    "run 'resolvetool fmt' to correct it",
                )
            )
    return out


def _a(noun: str | None) -> str:
    noun = noun or ""  # a valid record's kind is known
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _adoption_dates(corpus: Corpus) -> list[Diagnostic]:
    out = []
    for entry in corpus.entries:
        resolution = entry.facts
        if not isinstance(resolution, ResolutionFacts) or not resolution.session or not resolution.adopted:
            continue
        session_id, adopted = resolution.session, resolution.adopted
        session = corpus.by_id.get(session_id)
        if session is None or not isinstance(session.facts, SessionFacts):
            continue
        start, end = session.facts
        if (start and adopted < start) or (end and adopted > end):
            span = f"{start or '?'} to {end or '?'}"
            line, col = corpus.locate(entry).at("adoption-date")
            out.append(
                make(
                    entry.path,
                    line,
                    col,
                    "RT403",
                    f"adopted on {adopted}, outside its session {session_id} ({span})",
                    "correct the adoption date, the session, or the session's dates",
                )
            )
    return out
