"""The codes lint answers for, which --select, --ignore, the [lint] settings and suppression comments may name,
and what to say of a name that is none of them (with the nearest codes). Light: the settings are checked on
every command, so this reads the code table, not the rule modules (a test keeps the two equal)."""

from __future__ import annotations

import difflib
import re
from typing import NamedTuple

from ..diagnostics import CODES

SUPPRESSION_CODES = ("RT397", "RT398", "RT399")  # the suppression comments' own


def _reported_by_lint(code: str) -> bool:
    # RT3xx are lint's own; its consistency rules continue validate's RT4xx from RT404 (RT401-RT403 are validate's).
    return code.startswith("RT3") or "RT404" <= code <= "RT499"


LINT_CODES: tuple[str, ...] = tuple(sorted(code for code in CODES if _reported_by_lint(code)))
_PREFIXES = sorted({code[:length] for code in LINT_CODES for length in range(2, 5)})
_SHAPE = re.compile(r"RT\d{0,3}")


class CodeProblem(NamedTuple):
    what: str  # "RT3O9" is no lint rule's code or prefix
    hint: str  # did you mean RT309?


def code_problem(name: str, *, prefix: bool = True) -> CodeProblem | None:
    """None when `name` is one of lint's codes or, with `prefix`, the start of some (RT3, RT30); else what is
    wrong with it. A code of validate's or import's is no lint rule's: lint cannot select or leave it out."""
    if name in LINT_CODES or (prefix and name in _PREFIXES):
        return None
    listed = "'resolvetool rules' lists lint's rules"
    if not prefix and name in _PREFIXES:
        return CodeProblem(f"{name} starts codes but is none", f"name whole codes, such as RT304 ({listed})")
    others = [code for code in CODES if code.startswith(name)] if _SHAPE.fullmatch(name) else []
    if name in CODES or (prefix and others):
        owners = " and ".join(sorted({"import" if code.startswith("RT5") else "validate" for code in others}))
        named = f"{name} ({CODES[name].name})" if name in CODES else f"{name} ({others[0]}-{others[-1]})"
        always = "; lint always reports validate's checks and cannot leave them out" if "validate" in owners else ""
        return CodeProblem(f"{named} is {owners}'s, not a lint rule's{always}", listed)
    what = f"{name!r} is no lint rule's code" + (" or prefix" if prefix else "")
    near = _nearest(name, [*LINT_CODES, *(_PREFIXES if prefix else ())])
    return CodeProblem(what, f"did you mean {', '.join(near)}?" if near else listed)


_LOOK_ALIKES = str.maketrans("OIL", "011")  # RT3O9, RT3I4: a letter typed for a digit


def _nearest(name: str, known: list[str]) -> list[str]:
    """The known codes or prefixes closest to `name`: its look-alike spelling if that is one, else the most
    similar of its length (a five-character name means a code, not a prefix)."""
    typed = name.upper().translate(_LOOK_ALIKES)
    if typed in known:
        return [typed]
    return difflib.get_close_matches(
        typed, [code for code in known if len(code) == len(typed)] or known, n=3, cutoff=0.6
    )
