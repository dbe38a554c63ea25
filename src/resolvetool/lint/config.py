"""The [lint] settings: which rules run and how severe they are, where they are ignored, and the formulas,
case and punctuation each body drafts with. Read with the rest of the settings; wrong values are errors."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from fnmatch import fnmatch
from typing import Any

from ..config import ConfigError, Settings
from ..errors import ResolvetoolError
from .finding import BodyConventions
from .vocabulary import normalise

SEVERITIES = ("error", "warning", "info")
CASES = ("upper", "capitalized", "any")


class LintConfigError(ResolvetoolError, ValueError):
    """A [lint] setting that is not understood; the message names it."""


@dataclass(frozen=True)
class BodyRules:
    vocabulary: dict[str, frozenset[str]] = field(default_factory=dict)
    conventions: BodyConventions = field(default_factory=BodyConventions)


@dataclass(frozen=True)
class LintConfig:
    select: tuple[str, ...] = ()  # code prefixes that run ("RT3"); none: every rule
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    per_path_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)  # glob (from the root) -> codes
    vocabulary: dict[str, frozenset[str]] = field(default_factory=dict)  # section -> formulas, every body
    bodies: dict[str, BodyRules] = field(default_factory=dict)
    raw: str = "{}"  # the table as given, for the cache key

    def digest(self) -> bytes:
        """Changes whenever a setting that rules read changes (findings are cached with files)."""
        return hashlib.blake2b(self.raw.encode(), digest_size=8).digest()

    def known(self, section: str, body: str | None) -> frozenset[str]:
        extra = self.vocabulary.get(section, frozenset())
        rules = self.bodies.get(body or "")
        return extra | (rules.vocabulary.get(section, frozenset()) if rules else frozenset())

    def conventions(self, body: str | None) -> BodyConventions:
        rules = self.bodies.get(body or "")
        return rules.conventions if rules else BodyConventions()

    def enabled(self, code: str, path: str) -> bool:
        """Whether `code` is reported for the file at `path` (relative to the project root)."""
        if self.select and not code.startswith(self.select):
            return False
        if code.startswith(self.ignore):
            return False
        return not any(
            code.startswith(codes) for pattern, codes in self.per_path_ignores.items() if fnmatch(path, pattern)
        )

    def with_options(self, select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> LintConfig:
        """The configuration with command-line --select (replacing) and --ignore (adding); LintConfigError
        when either names no lint rule's code or prefix."""
        from dataclasses import replace

        _known(select, "--select")
        _known(ignore, "--ignore")
        return replace(self, select=select or self.select, ignore=self.ignore + ignore)


def _known(codes: Any, where: str, *, prefix: bool = True) -> None:
    """LintConfigError unless every one of `codes` is a lint rule's code (or, with `prefix`, the start of some):
    a misspelt code would silently select nothing, or leave out nothing."""
    from .codes import code_problem

    for code in codes:
        problem = code_problem(code, prefix=prefix)
        if problem is not None:
            raise LintConfigError(f"{where}: {problem.what}; {problem.hint}")


def _codes(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(code, str) and code.startswith("RT") for code in value):
        raise LintConfigError(f'{where} must be a list of codes or code prefixes such as "RT304" or "RT3"')
    _known(value, where)
    return tuple(value)


def _formulas(value: Any, where: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise LintConfigError(f'{where} must be a list of formulas such as "BEARING IN MIND"')
    return frozenset(normalise(item) for item in value)


def _conventions(table: dict[str, Any], where: str) -> BodyConventions:
    case = table.get("formula-case", {})
    punctuation = table.get("punctuation", {})
    if (
        not isinstance(case, dict)
        or set(case) - {"preamble", "operative"}
        or not all(value in CASES for value in case.values())
    ):
        raise LintConfigError(f"{where}.formula-case must map preamble and operative to one of {', '.join(CASES)}")
    if (
        not isinstance(punctuation, dict)
        or set(punctuation) - {"preamble", "operative", "last"}
        or not all(value in (",", ";", ".", ":") for value in punctuation.values())
    ):
        raise LintConfigError(f'{where}.punctuation must map preamble, operative and last to ",", ";" or "."')
    return BodyConventions(dict(case), dict(punctuation))


def parse_lint_config(table: Any) -> LintConfig:
    """The [lint] table of resolvetool.toml as a LintConfig; LintConfigError names what is wrong."""
    if not isinstance(table, dict):
        raise LintConfigError("[lint] must be a table")
    known = {"select", "ignore", "severity", "per-path-ignores", "vocabulary", "bodies"}
    unknown = set(table) - known
    if unknown:
        raise LintConfigError(f"unknown [lint] setting {sorted(unknown)[0]!r} (known: {', '.join(sorted(known))})")
    severity = table.get("severity", {})
    if not isinstance(severity, dict) or not all(value in SEVERITIES for value in severity.values()):
        raise LintConfigError(f"[lint.severity] must map codes to one of {', '.join(SEVERITIES)}")
    _known(severity, "[lint.severity]", prefix=False)  # a severity is a whole code's
    paths = table.get("per-path-ignores", {})
    if not isinstance(paths, dict):
        raise LintConfigError("[lint.per-path-ignores] must map file patterns to lists of codes")
    vocabulary = table.get("vocabulary", {})
    if not isinstance(vocabulary, dict) or set(vocabulary) - {"preamble", "operative"}:
        raise LintConfigError("[lint.vocabulary] takes preamble and operative lists")
    bodies: dict[str, BodyRules] = {}
    for body, rules in table.get("bodies", {}).items():
        where = f"[lint.bodies.{body}]"
        if not isinstance(rules, dict) or set(rules) - {"preamble", "operative", "formula-case", "punctuation"}:
            raise LintConfigError(f"{where} takes preamble, operative, formula-case and punctuation")
        bodies[body] = BodyRules(
            {
                section: _formulas(rules[section], f"{where}.{section}")
                for section in ("preamble", "operative")
                if section in rules
            },
            _conventions(rules, where),
        )
    return LintConfig(
        select=_codes(table.get("select", []), "[lint] select"),
        ignore=_codes(table.get("ignore", []), "[lint] ignore"),
        severity=dict(severity),
        per_path_ignores={
            pattern: _codes(codes, f"[lint.per-path-ignores] {pattern!r}") for pattern, codes in paths.items()
        },
        vocabulary={section: _formulas(items, f"[lint.vocabulary] {section}") for section, items in vocabulary.items()},
        bodies=bodies,
        raw=json.dumps(table, sort_keys=True, default=str),
    )


def lint_config(settings: Settings) -> LintConfig:
    """The project's [lint] settings; ConfigError, naming the settings file, when the table is wrong."""
    try:
        return parse_lint_config(settings.lint_table)
    except LintConfigError as error:
        raise ConfigError(f"{settings.source}: {error}") from None
