"""The rule registry: one module per rule, each with its codes (whose names, severities and summaries are in
`resolvetool.diagnostics.CODES`), the kinds of record it reads, and a `check(record, context)` generator of
Findings (or, for a rule that reads several records, a `check_tree(corpus)` generator of TreeFindings). A
module's docstring, with its failing and passing examples, is the rule's documentation (`resolvetool rules`,
docs/rules.md)."""

from __future__ import annotations

from types import ModuleType

from . import (
    agreement_approval,
    agreement_signature,
    clause_content,
    formula_case,
    formula_part,
    hygiene,
    known_formula,
    numbering,
    punctuation,
    references,
    status,
    title,
)

MODULES: tuple[ModuleType, ...] = (
    formula_case,
    known_formula,
    formula_part,
    punctuation,
    references,
    numbering,
    hygiene,
    clause_content,
    title,
    status,
    agreement_approval,
    agreement_signature,
)
MODULE_BY_CODE = {code: module for module in MODULES for code in module.CODES}


def record_modules(kind: str) -> list[ModuleType]:
    """The rules that read one record of `kind` at a time."""
    return [
        module
        for module in MODULES
        if not getattr(module, "TREE", False) and (not module.KINDS or kind in module.KINDS)
    ]


def tree_modules() -> list[ModuleType]:
    return [module for module in MODULES if getattr(module, "TREE", False)]
