"""`validate`: every file's own problems (from the corpus) plus integrity across the tree.

Integrity: ids and symbols unique, ids equal to file names, kinds in their folders, every
reference and fragment resolving to a record of an accepted kind, adoption dates within sessions.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .config import ConfigError, Settings
from .corpus import Corpus, Entry, Progress, canonical, discover, display_path, load_corpus
from .diagnostics import Diagnostic, Severity, count_by_severity, make, quote
from .kinds import FOLDER_BY_KIND, KIND_BY_FOLDER

_MAX_SUGGESTIONS = 200  # close-match searches are costly at scale; past this many, no "did you mean"


@dataclass
class ValidationResult:
    """The outcome of one validate run: the problems of the files asked about, and what was checked."""

    diagnostics: list[Diagnostic]
    files: int
    records: int
    corpus: Corpus

    def count(self, severity: Severity) -> int:
        return count_by_severity(self.diagnostics)[severity]

    def exit_code(self, *, strict: bool = False) -> int:
        """0 clean, 1 when there are errors (or, with `strict`, warnings)."""
        counts = count_by_severity(self.diagnostics)
        failing = counts[Severity.ERROR] + (counts[Severity.WARNING] if strict else 0)
        return 1 if failing else 0


def validate(settings: Settings, paths: Iterable[Path] = (), *, jobs: int | None = None, use_cache: bool = True,
             progress: Progress | None = None, base: Path | None = None) -> ValidationResult:
    """Validate the project's tree and report on `paths` (files or folders; all of records/ if none).

    References are resolved against the whole tree even when only some files are asked about,
    so that checking one changed file still catches a reference it breaks.
    """
    base = (base or Path.cwd()).resolve()
    selected: set[str] | None = None
    extra: list[Path] = []
    paths = list(paths)
    if paths:
        selected = set()
        records = settings.records.resolve()
        for path in paths:
            absolute = canonical(path)
            if absolute.is_dir():
                files = discover(absolute)
            elif absolute.exists() or absolute.is_symlink():
                files = [absolute]
            else:
                raise ConfigError(f"{path}: no such file or folder")
            for file in files:
                selected.add(display_path(file, base))
                if not file.is_relative_to(records):
                    extra.append(file)
    corpus = load_corpus(settings, extra, jobs=jobs, use_cache=use_cache, progress=progress, base=base)
    diagnostics = corpus.diagnostics + check_integrity(corpus, base)
    if selected is not None:
        diagnostics = [d for d in diagnostics if d.path in selected]
        files = len(selected)
        records = sum(1 for e in corpus.entries if e.path in selected and e.valid)
    else:
        files = len(corpus.files)
        records = sum(1 for e in corpus.entries if e.valid)
    diagnostics.sort()
    return ValidationResult(diagnostics, files, records, corpus)


def check_integrity(corpus: Corpus, base: Path) -> list[Diagnostic]:
    """The problems between records: identity, placement, references and dates."""
    out: list[Diagnostic] = []
    records_dir = corpus.settings.records.resolve()
    for entry in corpus.entries:
        out += _identity(corpus, entry)
        out += _placement(entry, base, records_dir)
    out += _references(corpus)
    out += _adoption_dates(corpus)
    return out


def _where(entry: Entry, position: tuple[int, int]) -> str:
    return f"{entry.path}:{position[0]}:{position[1]}"


def _identity(corpus: Corpus, entry: Entry) -> list[Diagnostic]:
    out = []
    first = corpus.by_id.get(entry.id)
    if first is not None and first is not entry:
        line, col = entry.id_position
        out.append(make(entry.path, line, col, "RT201",
                        f"duplicate id {quote(entry.id)} (first at {_where(first, first.id_position)})",
                        "rename one of the two records: an id must be unique in the tree"))
    stem = Path(entry.path).stem
    if entry.id != stem:
        line, col = entry.id_position
        out.append(make(entry.path, line, col, "RT202",
                        f"id {quote(entry.id)} differs from the file name {quote(Path(entry.path).name)}",
                        f"rename the file to {entry.id}{Path(entry.path).suffix}, or change the id to {stem}"))
    if entry.symbol:
        first = corpus.by_symbol.get(entry.symbol)
        if first is not None and first is not entry:
            line, col = entry.symbol_position
            out.append(make(entry.path, line, col, "RT204",
                            f"duplicate symbol {quote(entry.symbol)} (first at {_where(first, first.symbol_position)})",
                            "an official symbol belongs to one record: correct one of the two"))
    return out


def _placement(entry: Entry, base: Path, records_dir: Path) -> list[Diagnostic]:
    path = Path(entry.path)
    absolute = path if path.is_absolute() else base / path
    try:
        parts = absolute.relative_to(records_dir).parts
    except ValueError:
        return []  # a file outside records/, validated on request: it has no folder to match
    folder = parts[0] if len(parts) > 1 else None
    if folder not in KIND_BY_FOLDER:
        where = f"the folder {folder}/" if folder else "records/ itself"
        target = f"records/{FOLDER_BY_KIND[entry.kind]}/" if entry.kind else "the folder of its kind"
        return [make(entry.path, 0, 0, "RT208", f"record file in {where}, which is no kind's folder",
                     f"move it to {target} (folders: {', '.join(FOLDER_BY_KIND.values())})")]
    if entry.kind and KIND_BY_FOLDER[folder] != entry.kind:
        line, col = entry.kind_position
        return [make(entry.path, line, col, "RT203",
                     f"a record of kind {quote(entry.kind)} in the folder {folder}/",
                     f"move it to records/{FOLDER_BY_KIND[entry.kind]}/, or correct its kind")]
    return []


def _references(corpus: Corpus) -> list[Diagnostic]:
    out = []
    ids_by_kind: dict[str, list[str]] = {}
    for entry in corpus.entries:
        ids_by_kind.setdefault(entry.kind or "", []).append(entry.id)
    suggestions_left = _MAX_SUGGESTIONS
    for entry in corpus.entries:
        for target, line, col, kinds in entry.references():
            record_id, _, fragment = target.partition("#")
            found = corpus.by_id.get(record_id)
            if found is None:
                hint = None
                if suggestions_left > 0:
                    suggestions_left -= 1
                    pool = [i for kind in (kinds or ids_by_kind) for i in ids_by_kind.get(kind, ())]
                    close = difflib.get_close_matches(record_id, pool, n=1, cutoff=0.7)
                    hint = f"did you mean '{close[0]}'?" if close else None
                wanted = " or ".join(_a(kind) for kind in kinds) if kinds else "a record"
                out.append(make(entry.path, line, col, "RT205", f"reference {quote(target)}: no record has this id",
                                hint or f"check the id, or add {wanted} with this id"))
                continue
            if not found.valid:
                continue  # the target's own file is reported; its kind and parts are unknown
            if kinds and found.kind not in kinds:
                wanted = " or ".join(_a(kind) for kind in kinds)
                out.append(make(entry.path, line, col, "RT207",
                                f"reference {quote(target)} is {_a(found.kind)}, but {wanted} is expected here",
                                f"point to {wanted} ({found.path} holds {_a(found.kind)})"))
            elif fragment and fragment not in found.fragments:
                parts = ", ".join("#" + f for f in found.fragments[:8]) + (" ..." if len(found.fragments) > 8 else "")
                out.append(make(entry.path, line, col, "RT206",
                                f"reference {quote(target)}: {record_id} has no part #{fragment}",
                                f"its parts are {parts}" if parts else f"{record_id} has no named parts; drop #{fragment}"))
    return out


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _adoption_dates(corpus: Corpus) -> list[Diagnostic]:
    out = []
    for entry in corpus.entries:
        if entry.kind != "resolution" or not entry.facts:
            continue
        session_id, adopted, line, col = entry.facts
        session = corpus.by_id.get(session_id)
        if session is None or session.kind != "session" or not session.facts:
            continue
        start, end = session.facts
        if (start and adopted < start) or (end and adopted > end):
            span = f"{start or '?'} to {end or '?'}"
            out.append(make(entry.path, line, col, "RT403",
                            f"adopted on {adopted}, outside its session {session_id} ({span})",
                            "correct the adoption date, the session, or the session's dates"))
    return out
