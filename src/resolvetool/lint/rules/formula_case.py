"""Formulas of one part are set in one case.

The formulas that open paragraphs are set in capitals (INTERPOL's `BEARING IN MIND`, WHO's operative
`APPROVES`) or capitalised (the UN's `Recalling`), and a body keeps to one within each part. The case a body
uses is configured (`[lint.bodies.<id>] formula-case = {preamble = "upper", operative = "upper"}`); without
configuration, the case most formulas of that part of the record use.

Fails (unconfigured, the preamble's formulas are mostly in capitals; configured upper, `Mindful` alone would fail):

    preamble:
      - phrase: RECOGNIZING
        text: that IMPACT is a partner,
      - phrase: Mindful
        text: of the increase in cybercrime,
      - phrase: HAVING EXAMINED
        text: Report AG-2012-RAP-18,

Passes:

    preamble:
      - phrase: RECOGNIZING
        text: that IMPACT is a partner,
      - phrase: MINDFUL
        text: of the increase in cybercrime,
      - phrase: HAVING EXAMINED
        text: Report AG-2012-RAP-18,
"""

from __future__ import annotations

from collections import Counter

from ..finding import Finding, clauses, plain

CODES = ("RT301",)
KINDS = ("resolution",)


def case_of(phrase: str) -> str:
    text = plain(phrase)
    if text.isupper():
        return "upper"
    return "capitalized" if text[:1].isupper() else "lower"


def check(record, context):
    for section in ("preamble", "operative"):
        found = [(index, clause) for part, index, clause in clauses(record) if part == section and clause.phrase]
        expected = context.conventions.formula_case.get(section)
        if expected == "any" or not found:
            continue
        if expected is None:
            counts = Counter(case_of(clause.phrase) for _, clause in found).most_common()
            if len(counts) < 2 or counts[0][1] == counts[1][1]:
                continue  # one case throughout, or no majority to go by
            expected = counts[0][0]
        for index, clause in found:
            case = case_of(clause.phrase)
            if case != expected:
                wanted = plain(clause.phrase).upper() if expected == "upper" else plain(clause.phrase).capitalize()
                form = "capitals" if expected == "upper" else "the capitalised form"
                yield Finding(
                    (section, index, "phrase"),
                    f"{section} formula {clause.phrase!r} is not in {form} like the others",
                    f"write {wanted!r}",
                )
