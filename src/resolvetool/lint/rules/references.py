"""A paragraph's references match its words.

A paragraph that cites an article, an appendix or an annex (`Article 41`, `Appendix 1 to Report
AG-2012-RAP-18`) names that part in its `refs` (`interpol-constitution#article-41`); one that cites a
document by its symbol (`Report AG-2012-RAP-18`, `resolution WHA58.3`) has a reference. The other way round,
each `refs` entry is mentioned in the words: by its symbol or id (`AG-2012-RAP-18`), an acronym or word of
its id (`IMPACT`, `ITU`), or the part it names (`Article 41`, `Secretary General`). Reported at the `refs`
entry (RT306) or at the words (RT305).

Fails:

    preamble:
      - phrase: BEARING IN MIND
        text: Article 41 of the Organization's Constitution,
        refs: [interpol-constitution#article-14]

Passes:

    preamble:
      - phrase: BEARING IN MIND
        text: Article 41 of the Organization's Constitution,
        refs: [interpol-constitution#article-41]
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..finding import Finding, clauses, items

CODES = ("RT305", "RT306")
KINDS = ("resolution",)

_PARTS = re.compile(r"\b(Article|Appendix|Annex|Chapter|Rule|Regulation)s?\s+(\d+[a-z]?|[IVXLC]+)\b")
_DOCUMENT = re.compile(
    r"\b(?:Report|report|Document|document|resolution|Resolution|decision|Decision)\s+"
    r"((?=[A-Z0-9./()-]*\d)[A-Z][A-Z0-9./()-]{3,}[A-Z0-9)]|\d+/\d+(?: [A-Z])?)"
)
_FLAT = re.compile(r"[\s\-–]+")
_GENERIC = {
    "the",
    "and",
    "of",
    "on",
    "for",
    "agreement",
    "resolution",
    "report",
    "general",
    "organization",
    "international",
    "assembly",
    "session",
    "draft",
    "united",
    "nations",
    "council",
    "committee",
}


def _mentioned(ref: str, lowered: str) -> bool:
    """Whether the words (in lower case) mention `ref`: by id or symbol, a distinctive word of the id, or the
    part its fragment names ("article-41" as "Article 41")."""
    target, _, fragment = ref.partition("#")
    if target in lowered or any(token in lowered for token in _tokens(target)):
        return True
    flat = _FLAT.sub(" ", lowered)  # hyphens and dashes as spaces: "Secretary-General", "secretary general"
    return (bool(fragment) and fragment.replace("-", " ") in flat) or target.replace("-", " ") in flat


@lru_cache(maxsize=4096)
def _tokens(target: str) -> tuple[str, ...]:
    return tuple(token for token in re.split(r"[-.]", target) if len(token) >= 3 and token not in _GENERIC)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "-", text.lower()).strip("-.")


def check(record, context):
    for section, index, clause in clauses(record):
        loc = (section, index)
        words = " ".join(
            part
            for part in [clause.text or "", *(item.text for _, item in items(clause, loc)), clause.tail or ""]
            if part
        )
        fragments = {ref.partition("#")[2] for ref in clause.refs}
        targets = {ref.partition("#")[0] for ref in clause.refs}
        for match in _PARTS.finditer(words):
            name = f"{match.group(1).lower()}-{match.group(2).lower()}"
            if name not in fragments and not any(fragment.endswith(name) for fragment in fragments):
                yield Finding(
                    (*loc, "refs") if clause.refs else (*loc, "text"),
                    f"{section} paragraph {index + 1} cites {match.group(0)!r} but no ref names #{name}",
                    f"add the reference, as record#{name}",
                )
        for match in _DOCUMENT.finditer(words):
            symbol = _slug(match.group(1))
            if not any(symbol in target or target in symbol for target in targets):
                yield Finding(
                    (*loc, "refs") if clause.refs else (*loc, "text"),
                    f"{section} paragraph {index + 1} cites {match.group(0)!r} without a reference to it",
                    "add the record it cites to refs (create it if the records do not hold it yet)",
                )
        lowered = words.lower()
        for position, ref in enumerate(clause.refs):
            if not _mentioned(ref, lowered):
                yield Finding(
                    (*loc, "refs", position),
                    f"{section} paragraph {index + 1} refers to {ref!r}, which its words never mention",
                    "remove the reference, or point it at what the words cite",
                    code="RT306",
                )
