"""`lint`: validate's findings, the rules' findings under the project's configuration and the files'
suppression comments, the rules that read several records, and, with `fix`, the certain corrections written
back (comments and layout kept)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Settings
from ..corpus import Corpus, Progress
from ..diagnostics import CODES, Diagnostic, Severity, exit_code, make
from .codes import code_problem
from .config import LintConfig
from .rules import tree_modules


@dataclass
class LintResult:
    diagnostics: list[Diagnostic]
    files: int
    records: int
    corpus: Corpus
    fixed: dict[str, int] = field(default_factory=dict)  # file -> corrections written
    not_fixed: dict[str, str] = field(default_factory=dict)  # file -> why its corrections were not written

    def exit_code(self, *, strict: bool = False) -> int:
        """2 when corrections could not be written; otherwise 0 clean, 1 when there are errors (or, with
        `strict`, warnings): as validate."""
        return 2 if self.not_fixed else exit_code(self.diagnostics, strict=strict)


def lint(
    settings: Settings,
    paths: Iterable[Path] = (),
    *,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    fix: bool = False,
    jobs: int | None = None,
    use_cache: bool = True,
    progress: Progress | None = None,
    base: Path | None = None,
) -> LintResult:
    """Lint the project's tree, reporting on `paths` (all of records/ if none). `select` and `ignore` are
    --select and --ignore: LintConfigError when one names no lint rule's code or prefix."""
    from ..validation import validate

    base = (base or Path.cwd()).resolve()
    config = (settings.lint or LintConfig()).with_options(select, ignore)  # a misspelt code: before the run
    checked = validate(settings, paths, jobs=jobs, use_cache=use_cache, progress=progress, base=base)
    corpus = checked.corpus
    wanted = checked.selected
    diagnostics = list(checked.diagnostics)
    fixes: dict[str, list[tuple]] = {}
    corrected: set[tuple[str, int, int, str]] = set()
    for entry in corpus.entries:
        if wanted is not None and entry.path not in wanted or not entry.lint:
            continue
        findings, directives = entry.lint
        path = _from_root(base / entry.path, settings.root)
        kept, used = _unsuppressed(findings, directives)
        for code, line, col, message, hint, correction, loc in kept:
            if not config.enabled(code, path):
                continue
            diagnostics.append(_diagnostic(config, entry.path, line, col, code, message, hint, correction))
            if fix and correction is not None:
                fixes.setdefault(entry.path, []).append((loc, correction))
                corrected.add((entry.path, line, col, code))
        for diagnostic in _suppression_findings(directives, used):
            if config.enabled(diagnostic[2], path):
                diagnostics.append(_diagnostic(config, entry.path, *diagnostic, None))
    diagnostics += _tree_findings(corpus, config, settings, base, wanted)
    fixed: dict[str, int] = {}
    not_fixed: dict[str, str] = {}
    if fixes:
        from .fix import apply_fixes

        written = apply_fixes(base, fixes, root=settings.root, max_size=settings.max_file_size)
        fixed, not_fixed = written.fixed, written.refused
        diagnostics = [
            d for d in diagnostics if d.path not in fixed or (d.path, d.line, d.col, d.code) not in corrected
        ]
    diagnostics.sort()
    return LintResult(diagnostics, checked.files, checked.records, corpus, fixed, not_fixed)


def _diagnostic(
    config: LintConfig,
    path: str,
    line: int,
    col: int,
    code: str,
    message: str,
    hint: str | None,
    correction: str | None,
) -> Diagnostic:
    severity = Severity(config.severity.get(code, CODES[code].severity.value))
    if correction is not None:
        hint = f"{hint}; 'resolvetool lint --fix' does it" if hint else "'resolvetool lint --fix' corrects it"
    return make(path, line, col, code, message, hint, severity=severity)


def _suppression_findings(directives: tuple, used: set[int]) -> list[tuple[int, int, str, str, str]]:
    """(line, col, code, message, hint) for each comment that cannot be read (RT398), each code in one that is
    no lint rule's (RT397, with the nearest codes), and each comment that silences nothing (RT399)."""
    found = []
    for number, _, codes, columns in directives:
        if not codes:
            found.append(
                (
                    number,
                    1,
                    "RT398",
                    "this suppression comment cannot be read",
                    "write it as '# resolvetool: ignore[RT304]' or '# resolvetool: ignore-file[RT404]'",
                )
            )
            continue
        known = []
        for code, col in zip(codes, columns):
            problem = code_problem(code, prefix=False)
            if problem is None:
                known.append(code)
            else:
                found.append(
                    (
                        number,
                        col,
                        "RT397",
                        f"this suppression comment names no lint rule's code: {problem.what}",
                        problem.hint,
                    )
                )
        if known and number not in used:
            found.append(
                (
                    number,
                    1,
                    "RT399",
                    f"this comment suppresses {', '.join(known)}, which is not reported here",
                    "remove the comment",
                )
            )
    return found


def _unsuppressed(findings: tuple, directives: tuple) -> tuple[list[tuple], set[int]]:
    """The findings no comment suppresses, and the lines of the comments that suppressed something."""
    whole_file = {code: number for number, target, codes, _ in directives if target == 0 for code in codes}
    by_line: dict[int, list[tuple[int, tuple[str, ...]]]] = {}
    for number, target, codes, _ in directives:
        if target:
            by_line.setdefault(target, []).append((number, codes))
    kept, used = [], set()
    for finding in findings:
        code, line = finding[0], finding[1]
        if code in whole_file:
            used.add(whole_file[code])
            continue
        match = next((number for number, codes in by_line.get(line, ()) if code in codes), None)
        if match is not None:
            used.add(match)
            continue
        kept.append(finding)
    return kept, used


def _from_root(path: Path, root: Path) -> str:
    try:
        return Path(os.path.relpath(path, root)).as_posix()
    except ValueError:
        return path.as_posix()


def _tree_findings(
    corpus: Corpus, config: LintConfig, settings: Settings, base: Path, wanted: set[str] | None
) -> list[Diagnostic]:
    from ..source import parse_source

    out = []
    for module in tree_modules():
        code = module.CODES[0]
        for entry, index, message, hint in module.check_tree(corpus):
            if (
                wanted is not None
                and entry.path not in wanted
                or not config.enabled(code, _from_root(base / entry.path, settings.root))
            ):
                continue
            doc = parse_source((base / entry.path).read_bytes(), entry.path)
            line, col = doc.position(("lifecycle", index, "event"))
            out.append(_diagnostic(config, entry.path, line, col, code, message, hint, None))
    return out
