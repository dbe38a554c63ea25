"""Preambular paragraphs open with participles, operative ones with verbs.

A preambular paragraph opens with a participle or adjective (`RECALLING`, `HAVING EXAMINED`, `MINDFUL`),
an operative one with a verb in the present (`APPROVES`, `Decides`). A verb among the preambular paragraphs,
or a participle among the operative ones, usually means a paragraph was filed in the wrong list.

Fails:

    preamble:
      - phrase: DECIDES
        text: to establish a working group,

Passes:

    operative:
      - phrase: DECIDES
        text: to establish a working group;
"""

from __future__ import annotations

from ...formulas import formula_kind
from ..finding import Finding, clauses

CODES = ("RT303",)
KINDS = ("resolution",)


def check(record, context):
    for section, index, clause in clauses(record):
        kind = formula_kind(clause.phrase) if clause.phrase else None
        if kind is not None and kind != section:
            yield Finding(
                (section, index, "phrase"),
                f"{clause.phrase!r} opens {'an operative' if kind == 'operative' else 'a preambular'} "
                f"paragraph, but this one is among the {section} paragraphs",
                f"move the paragraph to {kind}, or correct its formula",
            )
