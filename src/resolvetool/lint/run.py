"""`lint`: validate's findings, the rules' findings under the project's configuration and the files'
suppression comments, the rules that read several records, and, with `fix`, the certain corrections written
back (comments and layout kept)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..config import Settings
from ..corpus import Corpus, Progress
from ..diagnostics import CODES, Diagnostic, Severity, make
from ..validation import ValidationResult, validate
from .codes import code_problem
from .config import LintConfig, lint_config
from .rules import tree_modules


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
) -> ValidationResult:
    """Lint the project's tree, reporting on `paths` (all of records/ if none). `select` and `ignore` are
    --select and --ignore: LintConfigError when one names no lint rule's code or prefix."""
    base = (base or Path.cwd()).resolve()
    config = lint_config(settings).with_options(select, ignore)  # a misspelt code: before the run
    checked = validate(settings, paths, jobs=jobs, use_cache=use_cache, progress=progress, base=base)
    corpus = checked.corpus
    wanted = checked.selected
    diagnostics = list(checked.diagnostics)
    fixes: dict[str, list[tuple]] = {}
    corrected: set[tuple[str, int, int, str]] = set()
    for entry in corpus.entries:
        if (wanted is not None and entry.path not in wanted) or not entry.findings:
            continue
        findings, directives = entry.findings
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
    return ValidationResult(diagnostics, checked.files, checked.records, corpus, wanted, fixed, not_fixed)


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
        for code, col in zip(codes, columns, strict=True):
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
        for found in module.check_tree(corpus):
            entry, finding = found.entry, found.finding
            code = finding.code or module.CODES[0]
            if (wanted is not None and entry.path not in wanted) or not config.enabled(
                code, _from_root(base / entry.path, settings.root)
            ):
                continue
            doc = parse_source((base / entry.path).read_bytes(), entry.path)
            line, col = doc.position(finding.loc)
            out.append(_diagnostic(config, entry.path, line, col, code, finding.message, finding.hint, None))
    return out
