"""Formulas are ones the body uses.

A paragraph opens with a formula from the body's vocabulary: the UN, WHO, IMO and INTERPOL formulas are
known; a body's own are added in configuration (`[lint.vocabulary]` for every body, `[lint.bodies.<id>]
preamble = [...]` and `operative = [...]` for one). Variations that do not make another formula are
accepted: `RECALLING ALSO`, `FURTHER RESOLVES`, `Deeply concerned`, `Noting with grave concern`. An unknown
formula is often a misspelling (`RECOGNISING` where the body writes `RECOGNIZING`) or text that was read as
a formula.

Fails:

    operative:
      - phrase: APPROVESS
        text: the agreement;

Passes:

    operative:
      - phrase: APPROVES
        text: the agreement;
"""

from __future__ import annotations

from ..finding import Finding, clauses
from ..vocabulary import DEFAULT, normalise

CODES = ("RT302",)
KINDS = ("resolution",)


def check(record, context):
    for section, index, clause in clauses(record):
        if not clause.phrase:
            continue
        key = normalise(clause.phrase)
        if key in DEFAULT[section] or key in context.known(section):
            continue
        other = "operative" if section == "preamble" else "preamble"
        if key in DEFAULT[other]:
            continue  # a known formula in the wrong part is RT303's to report
        yield Finding(
            (section, index, "phrase"),
            f"{section} formula {clause.phrase!r} is not one the body uses",
            f"correct it, or add it under [lint.bodies.{record.body}] {section} in resolvetool.toml",
            subject=key,
        )
