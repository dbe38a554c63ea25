"""The "Whereas ...; Now, therefore, be it resolved" construction: preambular paragraphs that open with
"WHEREAS" (often ending "; and"), then an enacting formula that says who resolves and runs straight into the
first operative clause, as assemblies, councils, boards and legislatures print it:

    NOW, THEREFORE, BE IT RESOLVED BY THE CITY COUNCIL OF THE CITY OF AUSTIN:
    NOW THEREFORE BE IT RESOLVED that ...
    BE IT RESOLVED, by the House of Representatives of ..., the Senate concurring, that ...
    NOW, THEREFORE, THE CITY OF RIVERGROVE RESOLVES AS FOLLOWS:
    Now, therefore, The General Assembly, Proclaims this ...
    ... stock of the Bank, The Board of Governors Resolves that: The attached ...   (all on one line)

The formula is cut where the body's name ends: before "that", after a colon, or before the body's verb. The body is
read from it ("by the City Council of ...", "The General Assembly"); when the formula names none ("BE IT RESOLVED
that ..."), from the heading ("A RESOLUTION OF THE CITY OF ...") or from the first clause ("that the Senate ..."),
and the reader is told (RT550). Operative clauses after it ("BE IT FURTHER RESOLVED", "Resolved, That",
"Section 1.") are read by `formulas` and `lines`, the closing lines ("ADOPTED:", "ATTEST:", "AYES:") by `classify`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .lines import Line, strip_markup

_MARKUP = r"(?:<[A-Za-z/][^>]*>|[#>*_\s])*"  # markdown and HTML before the words
_NOW = r"(?:and\s+)?now,?\s+therefore,?"
_RESOLVED = r"(?:(?:and\s+)?be\s+it\s+(?:hereby\s+)?resolved|it\s+is\s+(?:hereby\s+)?resolved)"
# "NOW, THEREFORE, BE IT RESOLVED", "BE IT RESOLVED", "Now, therefore, be it", "NOW, THEREFORE," (alone)
_ENACTING = re.compile(rf"(?P<now>{_NOW}\s*)?(?P<words>{_RESOLVED}|(?<=\S\s)be\s+it(?=[*_\s]*$))?", re.IGNORECASE)
# "by the City Council of the City of Austin", "BY THE BOARD OF DIRECTORS", "by the House of Representatives of
# the Forty-ninth General Assembly of the State of Iowa, the Senate concurring"
_BY = re.compile(
    r"[*_]*,?[*_]*\s+(?:by|BY|By)\s+(?P<body>(?:the\s+|THE\s+|The\s+)?[A-Z][^:;]{2,250}?)"
    r"(?P<end>\s*(?::|,?\s+(?=(?:that|THAT|That)\b)|,\s*$|$))"
)
# After "now, therefore,": a body that speaks ("The General Assembly, Proclaims", "THE CITY OF X RESOLVES AS
# FOLLOWS:", "the General Assembly proclaims"); its verb opens the first clause, or ends the formula with "as
# follows:".
_NAME = r"(?:the|THE|The)\s+[A-Z][\w.-]*(?:\s+(?:of|OF|for|FOR|and|AND|the|THE|on|ON|[A-Z][\w.-]*))*?"
_VERB = r"(?i:resolves|proclaims|decides|declares|adopts|ordains|enacts|agrees|approves|orders)"
_SPEAKS = re.compile(rf"(?P<body>{_NAME})(?P<comma>,)?\s+(?=(?P<verb>{_VERB})\b)")
_ALONE = re.compile(rf"(?P<body>{_NAME}),?(?=(?:<[^>]*>|[*_\s])*$)")
_AS_FOLLOWS = re.compile(rf"{_VERB}\s+as\s+follows\s*:", re.IGNORECASE)
_MID_RESOLVED_BY = re.compile(
    r"(?<=[,;:.)])[*_]*\s+(?=[*_]*(?i:(?:now,?\s+therefore,?\s+)?be\s+it\s+resolved,?\s+by)\b)"
)
_WHEREAS = re.compile(rf"^{_MARKUP}(?:and\s+)?whereas\b", re.IGNORECASE)
# Where an enacting formula may start inside a line: after the end of a preambular paragraph run on
_MID_LINE = re.compile(
    r"(?<=[,;:.])[*_]*\s+(?=[*_]*(?:(?i:(?:and\s+)?now\b|(?:and\s+)?be\s+it\b)|(?:the|The|THE)\s+[A-Z]))"
)
# In the heading: "A RESOLUTION OF THE CITY OF RIVERGROVE ...", "Resolution of the Board of Governors"
_HEADING_BODY = re.compile(
    rf"\b(?:RESOLUTION|Resolution)\s+(?:OF|of|BY|by)\s+(?P<body>{_NAME})"
    rf"(?=\s+(?:[A-Z]{{3,}}ING|[a-z]+ing)\b|[.,;:]|$)"
)
_CLAUSE_BODY = re.compile(
    r"^[*_\s]*(?:(?:RESOLVED|Resolved)[*_]*[,:]?\s+)?(?:that|That|THAT)\s+"
    r"(?P<body>(?:the|The|THE)\s+(?:\d{1,3}(?:st|nd|rd|th)\s+)?[A-Z][\w.-]*"
    r"(?:\s+(?:of|OF|for|FOR|and|AND|the|THE|on|ON|[A-Z][\w.-]*))*?)"
    r"(?=\s+(?:hereby\s+)?(?!(?:of|the|and|for|on|in)\b)[a-z]+\b)"
)
_SMALL = {"of", "the", "and", "for", "on", "in", "to", "at"}


@dataclass(frozen=True)
class Enacting:
    """An enacting formula found: on line `index` of the lines, from `start` to `end` (the formula's words, with
    its punctuation), the first clause resuming at `resume` (or on the next line, when `resume` is the line's
    length); `body` as the formula names it ("" when it names none)."""

    index: int
    start: int
    end: int
    resume: int
    body: str
    through: int = -1  # the formula runs on to this line ("Now, therefore," / "The General Assembly")


def starts_whereas(text: str) -> bool:
    """Whether `text` opens with "Whereas" (markup aside)."""
    return bool(_WHEREAS.match(text))


def whereas_text(lines: list[Line]) -> bool:
    """Whether the text's preamble is built of "Whereas" paragraphs (the first paragraph that opens with a
    clause word does so with "Whereas", or one glued into a line: "... Bank Whereas ...")."""
    return any(_WHEREAS.match(line.text) for line in lines[:80])


def find_enacting(lines: list[Line]) -> Enacting | None:
    """The enacting formula of a text: at the start of a line (or after a preambular paragraph run on in one
    line, when the text's preamble is of "Whereas" paragraphs); None when the text prints none."""
    whereas = whereas_text(lines)
    for index, line in enumerate(lines):
        if not line.text:
            continue
        starts = [0]  # the formula keeps the markup it opens with ("**NOW, THEREFORE, BE IT RESOLVED**")
        # inside a line: after a preamble run on (a "Whereas" text), or "Be it resolved by ..." after a heading run on
        starts += [match.end() for match in (_MID_LINE if whereas else _MID_RESOLVED_BY).finditer(line.text)]
        for start in starts:
            found = _enacting_at(lines, index, start, whereas)
            if found is not None:
                return found
    return None


# "RESOLVED, That ...", "Resolved by the Senate, That ...", "Resolved, the House of Bishops concurring, That ...":
# a text whose first clause is its resolving one, with no formula above it
_RESOLVED_FIRST = re.compile(rf"^(?P<lead>{_MARKUP})(?:RESOLVED|Resolved)[*_]*(?=[,:]|\s+(?:by|BY)\b)")
_CONCURRING = re.compile(r",\s*(?:the|The|THE)\s+[^,;:]{3,80}?\s+(?:concurring|CONCURRING)\s*,?")


def find_resolved_first(lines: list[Line]) -> Enacting | None:
    """The first paragraph of a text that prints no formula, when it opens with "Resolved," (or "Resolved by
    ..."): those words are its enacting formula, what follows them the first clause."""
    for index, line in enumerate(lines):
        found = _RESOLVED_FIRST.match(line.text)
        if found is None:
            continue
        if index and lines[index - 1].text:
            return None  # inside a paragraph: not where a text starts resolving
        text, after = line.text, found.end()
        by = _BY.match(text, after)
        if by:
            end = _trim_end(text, by.end("body") + len(by.group("end").rstrip()))
            return Enacting(index, 0, end, _resume(text, end), _named(by.group("body")))
        concurring = _CONCURRING.match(text, after)
        stop = re.match(r"\s*[,:]", text[after:])
        if concurring is not None:
            end = concurring.end()
        elif stop is not None:
            end = after + stop.end()
        else:
            return None  # "Resolved by the ..." with no body read and no stop after it: no formula to read
        return Enacting(index, 0, end, _resume(text, end), "")
    return None


def _enacting_at(lines: list[Line], index: int, start: int, whereas: bool) -> Enacting | None:
    text = lines[index].text
    lead = _length(_MARKUP if start == 0 else r"[*_]*", text[start:])
    words = _ENACTING.match(text, start + lead)
    if words is None or not (words.group("now") or words.group("words")):
        if whereas and start > 0:
            return _speaking(lines, index, start, start, text)  # "..., The Board of Governors Resolves that:"
        return None
    after = words.end()
    if words.group("words") is None:
        # "Now, therefore," then the body that speaks, on this line or the next ("The General Assembly,")
        found = _speaking(lines, index, start, after, text)
        if found is not None or not whereas:
            return found
        following = _next_text(lines, index)
        if strip_markup(text[after:]) == "" and following is not None:
            found = _speaking(lines, following, 0, 0, lines[following].text)
            if found is not None:
                return Enacting(index, start, found.end, found.resume, found.body, through=following)
        return None
    if words.group("words").lower().split()[0] == "be" and words.group("words").lower().endswith("be it"):
        # "Now, therefore, be it" ending the line, "Resolved, That ..." below: the formula is these words
        if not words.group("now"):
            return None
        return Enacting(index, start, _trim_end(text, after), len(text), "")
    by = _BY.match(text, after)
    if not (whereas or words.group("now") or start == 0 or by):
        return None
    if by:
        end = _trim_end(text, by.end("body") + len(by.group("end").rstrip()))
        return Enacting(index, start, end, _resume(text, end), _named(by.group("body")))
    # "BE IT RESOLVED that ...", "**BE IT RESOLVED**, that", "RESOLVED:"
    end = after + _length(r"[*_]*(?:\s*[,:])?[*_]*", text[after:])  # its stop and markup, not the space
    end = _trim_end(text, end)
    return Enacting(index, start, end, _resume(text, end), "")


def _speaking(lines: list[Line], index: int, start: int, after: int, text: str) -> Enacting | None:
    """ "(Now, therefore,) The General Assembly, Proclaims ...": the formula ends after the body's name (and "RESOLVES
    AS FOLLOWS:" when the verb says no more); the verb opens the first clause."""
    rest = _length(_MARKUP, text[after:]) + after
    speaks = _SPEAKS.match(text, rest)
    if speaks is None:
        # "The General Assembly," alone (below or after "Now, therefore,"); never a name ending a line mid-text
        alone = _ALONE.match(text, rest) if after > start or start == 0 else None
        if alone is None:
            return None
        return Enacting(index, start, len(text), len(text), _named(alone.group("body")))
    body_end = speaks.end("body") + (1 if speaks.group("comma") else 0)
    follows = _AS_FOLLOWS.match(text, speaks.end())
    if follows:
        end = follows.end()
        return Enacting(index, start, end, _resume(text, end), _named(speaks.group("body")))
    return Enacting(index, start, body_end, speaks.end(), _named(speaks.group("body")))


def _trim_end(text: str, end: int) -> int:
    """Past the markup that closes the formula's words ("**BE IT RESOLVED**")."""
    return end + _length(r"[*_]*", text[end:])


def _length(pattern: str, text: str) -> int:
    """How many characters at the start of `text` the pattern takes: one that matches the empty string too, so
    it always matches (or one already seen to match)."""
    found = re.match(pattern, text)
    assert found is not None, "the pattern matches here"
    return found.end()


def _resume(text: str, end: int) -> int:
    return end + _length(r"\s*", text[end:])


def _next_text(lines: list[Line], index: int) -> int | None:
    for following in range(index + 1, min(index + 4, len(lines))):
        if lines[following].text:
            return following
    return None


def _named(body: str) -> str:
    """A body's name as a formula names it: "The City Council of Rivergrove" ("THE CITY COUNCIL OF THE CITY OF
    CHATTANOOGA" in capitals is written as a name is); a trailing comma or "the Senate concurring" aside."""
    body = strip_markup(body).strip(" ,*_")
    body = re.split(r",\s+(?:the\s+\w+\s+concurring|in\s+\w+\s+session)\b", body, maxsplit=1, flags=re.I)[0]
    body = body.split(",")[0].strip()
    if body.isupper():
        words = body.lower().split()
        body = " ".join(
            word if position and word in _SMALL else word.capitalize() if "." not in word else word.upper()
            for position, word in enumerate(words)
        )
    if not body.lower().startswith("the "):
        body = "The " + body
    return "The " + body[4:] if body.startswith(("THE ", "the ")) else body


# A deliberative body named in the preamble: "WHEREAS, the City Council concludes ...", "the Board of Directors"
_INSTITUTION = re.compile(
    r"\b(?P<body>(?:the|The|THE)\s+(?:[A-Z][\w.-]*\s+){0,4}?(?:Council|COUNCIL|Board|BOARD|"
    r"Commission|COMMISSION|Assembly|ASSEMBLY|Senate|SENATE|Legislature|LEGISLATURE|Committee|"
    r"COMMITTEE|Conference|CONFERENCE|Convention|CONVENTION|Synod|SYNOD|Congress|CONGRESS|"
    r"Parliament|PARLIAMENT|House of [A-Z]\w+|HOUSE OF [A-Z]+)"
    r"(?:\s+(?:of|OF)\s+(?:the\s+|THE\s+)?[A-Z][\w.-]*(?:\s+(?:of|OF|the|THE|[A-Z][\w.-]*))*)?)"
)


# A later clause that says who resolves: "Resolved by the Assembly, the Senate concurring, That ..."
_RESOLVED_BY = re.compile(
    rf"^[*_\s]*(?:RESOLVED|Resolved)[*_]*,?\s+(?:by|BY)\s+(?P<body>{_NAME})(?=\s*,|\s+(?:that|That|THAT)\b)"
)


def guess_body(heading: list[str], clauses: list[str], preamble: Sequence[str] = ()) -> str:
    """The body of a formula that names none: from the heading ("A RESOLUTION OF THE CITY OF RIVERGROVE"), the
    first clause ("that the Senate recognizes ..."), a later clause ("Resolved by the Assembly, ..."), or the first
    body the preamble names ("WHEREAS, the City Council concludes ..."); "" when none says."""
    for text in heading:
        found = _HEADING_BODY.search(strip_markup(text))
        if found:
            return _named(found.group("body"))
    found = _CLAUSE_BODY.match(strip_markup(clauses[0])) if clauses else None
    if found:
        return _named(found.group("body"))
    for text in clauses:
        found = _RESOLVED_BY.match(strip_markup(text))
        if found:
            return _named(found.group("body"))
    for text in preamble:
        found = _INSTITUTION.search(strip_markup(text))
        if found:
            return _named(found.group("body"))
    return ""
