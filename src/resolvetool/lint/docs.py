"""The rules' documentation, from the registry and each rule module's docstring: the table `resolvetool
rules` prints, one rule's page, and docs/rules.md (kept equal to this by a test)."""

from __future__ import annotations

import inspect

from ..diagnostics import CODES
from .codes import SUPPRESSION_CODES
from .rules import MODULE_BY_CODE, MODULES

SUPPRESSION = (
    "A comment `# resolvetool: ignore[RT304]` after a value silences those codes on its line; on a line "
    "of its own, on the next line that holds a value; `# resolvetool: ignore-file[RT404]` silences them "
    "in the whole file. A comment naming a code that is no lint rule's is RT397 (with the nearest "
    "codes); one that cannot be read is RT398; one that silences nothing is RT399."
)


def rule_table() -> str:
    rows = [
        f"{code}  {CODES[code].name:<30} {CODES[code].severity.value:<8} {CODES[code].summary}"
        for code in [*sorted(MODULE_BY_CODE), *SUPPRESSION_CODES]
    ]
    return "\n".join(rows) + "\n"


def rule_doc(code: str) -> str | None:
    if code in SUPPRESSION_CODES:
        codes = ", ".join(f"{c} {CODES[c].name} ({CODES[c].severity.value})" for c in SUPPRESSION_CODES)
        return f"{codes}\nReads: every kind\n\n{SUPPRESSION}\n"
    module = MODULE_BY_CODE.get(code)
    if module is None:
        return None
    codes = ", ".join(f"{c} {CODES[c].name} ({CODES[c].severity.value})" for c in module.CODES)
    fixable = "; `lint --fix` corrects it" if getattr(module, "FIXABLE", False) else ""
    kinds = ", ".join(module.KINDS) if module.KINDS else "every kind"
    return f"{codes}\nReads: {kinds}{fixable}\n\n{inspect.cleandoc(module.__doc__ or '')}\n"


def reference() -> str:
    """docs/rules.md: every rule module's documentation, in code order."""
    parts = [
        "# Lint rules\n",
        "Generated from the rule modules in `src/resolvetool/lint/rules/` (`resolvetool rules CODE` prints one); "
        "a test keeps this file equal to them. Severities are defaults: `[lint.severity]` in resolvetool.toml "
        "changes them.\n",
    ]
    for module in sorted(MODULES, key=lambda module: module.CODES[0]):
        title = ", ".join(f"{code} `{CODES[code].name}`" for code in module.CODES)
        parts.append(f"## {title}\n\n```\n{rule_doc(module.CODES[0])}```\n")
    title = ", ".join(f"{code} `{CODES[code].name}`" for code in SUPPRESSION_CODES)
    parts.append(f"## {title}\n\n{SUPPRESSION}\n")
    return "\n".join(parts)
