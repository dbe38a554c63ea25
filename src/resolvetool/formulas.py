"""The grammar of leading formulas ("BEARING IN MIND", "HAVING EXAMINED", "Recalling also", "Further decides",
"Calls upon") and of the verbs a body resolves with, shared by the importer (which reads formulas in texts) and
lint (which checks that a formula opens the part it stands in): neither package reaches into the other.

Formulas are recognised by how they are built, not from a closed list, so that bodies and years nobody
listed still read right: an optional adverb, a verb form (a participle or adjective opens a preambular
paragraph, a verb in -s an operative one), and the few words that belong to the formula after it.
(lint's vocabulary, lint/vocabulary.py, is the other way round: the closed lists a body's formulas are
checked against, extended by settings.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Words that lead into the verb: "Also decides", "FURTHER RESOLVES", "Strongly urges", "Once again calls".
_ADVERBS = {
    "also",
    "further",
    "again",
    "once",
    "strongly",
    "deeply",
    "gravely",
    "firmly",
    "fully",
    "warmly",
    "finally",
    "hereby",
    "accordingly",
    "solemnly",
    "expressly",
    "urgently",
    "seriously",
    "reiterating",
}
# Words that belong to the formula after its verb: "Taking note", "BEARING IN MIND", "Calls upon",
# "Takes into account", "NOTING WITH CONCERN", "Recalling also", "Decides further".
_TAIL_WORDS = {
    "also",
    "further",
    "again",
    "furthermore",
    "in",
    "mind",
    "note",
    "upon",
    "on",
    "into",
    "account",
    "with",
    "concern",
    "deep",
    "grave",
    "great",
    "serious",
    "appreciation",
    "satisfaction",
    "regret",
    "alarm",
    "interest",
    "approval",
    "gratitude",
    "thanks",
}
_TAIL_AFTER = {
    "in": {"mind"},
    "regard": {"to"},
    "with": {
        "concern",
        "deep",
        "grave",
        "great",
        "serious",
        "appreciation",
        "satisfaction",
        "regret",
        "alarm",
        "interest",
        "approval",
        "gratitude",
    },
    "into": {"account"},
    "deep": {"concern", "regret", "appreciation"},
    "grave": {"concern"},
    "great": {"concern", "appreciation", "interest", "satisfaction"},
    "serious": {"concern"},
}
# Preambular formulas that are adjectives rather than participles.
_ADJECTIVES = {
    "mindful",
    "aware",
    "cognizant",
    "conscious",
    "desirous",
    "anxious",
    "eager",
    "confident",
    "resolved",
    "determined",
    "convinced",
    "concerned",
    "alarmed",
    "guided",
    "encouraged",
    "noting",
    "deploring",
    "disturbed",
    "appalled",
    "shocked",
    "grateful",
    "gratified",
    "pleased",
    "satisfied",
    "seized",
    "persuaded",
    "fearful",
    "dismayed",
    "distressed",
    "troubled",
    "outraged",
    "keen",
    "committed",
    "reaffirming",
    "acting",
    "bearing",
    "considering",
    "recognizing",
}
_NOT_VERBS = {
    "maldives",
    "philippines",
    "netherlands",
    "seychelles",
    "comoros",
    "bahamas",
    "barbados",
    "honduras",
    "cyprus",
    "mauritius",
    "marshall",
    "solomon",
    "emirates",
    "united",
    "hundred",
    "indeed",
    "limited",
    "red",
    "need",
    "speed",
    "seed",
    "during",
    "meeting",
    "building",
    "funding",
    "training",
    "beijing",
    "nothing",
    "something",
    "everything",
    "morning",
    "evening",
    "king",
    "thing",
    "spring",
    "wording",
    "string",
    "ceiling",
    "sterling",
    "wing",
    "states",
    "members",
    "parties",
    "ministers",
    "nations",
    "countries",
    "governments",
    "delegates",
    "heads",
    "representatives",
    "this",
    "its",
    "his",
    "has",
    "was",
    "is",
    "as",
    "us",
    "thus",
    "status",
    "process",
    "access",
    "progress",
    "business",
    "address",
    "success",
    "various",
    "previous",
    "serious",
    "means",
    "series",
    "species",
    "news",
    "crisis",
    "analysis",
    "basis",
    "thesis",
    "emphasis",
    "bus",
    "gas",
}

_UNFINISHED = {"in", "with", "into", "deep", "grave", "great", "serious"}
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


@dataclass(frozen=True)
class Phrase:
    text: str  # the formula as printed
    rest: str  # the words after it, from the first character after the formula's last letter
    kind: str  # "preamble" or "operative"


def _verb_kind(word: str) -> str | None:
    lower = word.lower()
    if lower in _NOT_VERBS:
        return None
    if lower in _ADJECTIVES or lower.endswith("ing") or lower == "whereas":
        return "preamble"
    if lower.endswith("ed") and len(lower) > 4:
        return "preamble"  # "Alarmed", "Convinced", "Determined"
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is", "os", "as")) and len(lower) > 3:
        return "operative"
    return None


# HTML tags and a blockquote mark before a paragraph's words; closing tags right after a formula ("</em>")
_LEADING_MARKUP = re.compile(r"^(?:</?[A-Za-z][^>]*>|>\s?)*")
_CLOSING_TAGS = re.compile(r"^(?:</[A-Za-z][^>]*>)+\s*")
_EMPHASIS = re.compile(r"^(\*\*|__|\*|_)([^*_]+?)\1(?=[\s,;:.]|$)")


# The resolving formulas of councils and legislatures, each opening an operative clause: "BE IT FURTHER RESOLVED",
# "And be it further resolved", "RESOLVED, that", "Resolved, That", "FURTHER RESOLVED:", "BE IT FINALLY RESOLVED".
# "Resolved" alone is that formula only before "," or ":" (or "that" in capitals): "Resolved to ...", "Resolved that
# the United Nations should ...," are preambular, as the Security Council prints them.
_RESOLVING = re.compile(
    r"^(?:(?:AND|And|and)\s+)?(?:(?:BE|Be|be)\s+(?:IT|it|It)\s+(?:(?:FURTHER|Further|further|FINALLY|"
    r"Finally|finally|ALSO|Also|also)\s+)?(?:RESOLVED|Resolved|resolved)|"
    r"(?:(?:FURTHER|Further|FINALLY|Finally)\s+)?(?:RESOLVED(?=\s*[,:]|\s+(?:that|That|THAT)\b)|"
    r"Resolved(?=\s*[,:])))"
    r"(?=[\s,:;]|$)"
)


def find_phrase(paragraph: str, *, alone: bool = False) -> Phrase | None:
    """The leading formula of `paragraph`, if it opens with one. `alone`: the paragraph is a formula standing
    on its own above items, which may be all in lower case ("considering", "instructs the Secretary-General")
    and need not be followed by anything. A formula set in markdown emphasis (`*Recalling*`) keeps its marks."""
    resolving = _RESOLVING.match(paragraph)
    if resolving:
        rest = paragraph[resolving.end() :].lstrip()
        return Phrase(resolving.group(), rest, "operative") if rest or alone else None
    lead = _LEADING_MARKUP.match(paragraph)
    if lead is not None and lead.end():
        return _within_markup(paragraph, lead.group(), alone)
    emphasis = _EMPHASIS.match(paragraph)
    if emphasis:
        return _emphasised(paragraph, emphasis, alone)
    words = [(match.group(), match.end()) for match in _WORD.finditer(paragraph[:160])]
    if not words or paragraph[: words[0][1] - len(words[0][0])].strip():
        return None
    capitals = words[0][0].isupper() and len(words[0][0]) > 1
    if not capitals and not words[0][0][0].isupper() and not alone:
        return None

    def fits(word: str) -> bool:  # all-capital formulas continue only in capitals, others only in lower case
        return (
            word.isupper() if capitals else (word.islower() or word is words[0][0] or (alone and word == words[0][0]))
        )

    index = 0
    while (
        index < len(words) - 1
        and words[index][0].lower() in _ADVERBS
        and fits(words[index][0])
        and _verb_kind(words[index + 1][0])
        and fits(words[index + 1][0])
    ):
        index += 1
    head = words[index][0]
    kind = _verb_kind(head)
    if kind is None or not fits(head):
        return None
    # what follows the formula must run on: a paragraph of one word is not a formula and its text
    end = words[index][1]
    if (
        head.lower() == "having"
        and index + 1 < len(words)
        and fits(words[index + 1][0])
        and (words[index + 1][0].lower().endswith(("ed", "en", "wn", "ne")) or words[index + 1][0].lower() == "regard")
    ):
        index += 1  # "HAVING EXAMINED", "Having considered", "Having heard"
        end = words[index][1]
    previous = words[index][0].lower()
    ends = [(index, end)]  # where the formula could end: after the verb, after each tail word
    while (
        index + 1 < len(words)
        and fits(words[index + 1][0])
        and _continues(previous, words[index + 1][0].lower())
        and paragraph[end : words[index + 1][1] - len(words[index + 1][0])].strip() == ""
    ):
        index += 1
        previous = words[index][0].lower()
        end = words[index][1]
        ends.append((index, end))
    while len(ends) > 1 and words[ends[-1][0]][0].lower() in _UNFINISHED:
        ends.pop()  # "Recalling with the ..." is prose after "Recalling", not an unfinished formula
    index, end = ends[-1]
    rest = paragraph[end:].lstrip()
    if (not rest and not alone) or (capitals and words[index][0] != words[index][0].upper()):
        return None
    return Phrase(paragraph[:end], rest, kind)


def _within_markup(paragraph: str, lead: str, alone: bool) -> Phrase | None:
    """ "<p>Whereas ...", "> Recalling ...", "<p><em>Recalling</em> the ...": the formula keeps the markup around
    it, as it keeps markdown emphasis, so that the clause prints back as it was printed."""
    inner = find_phrase(paragraph[len(lead) :], alone=alone)
    if inner is None:
        return None
    closing = _CLOSING_TAGS.match(inner.rest) if inner.rest.startswith("</") else None
    if closing:
        return Phrase(lead + inner.text + closing.group().rstrip(), inner.rest[closing.end() :].lstrip(), inner.kind)
    return Phrase(lead + inner.text, inner.rest, inner.kind)


def _emphasised(paragraph: str, emphasis: re.Match[str], alone: bool) -> Phrase | None:
    """A formula in markdown emphasis: "*Recalling* the ...", "**WHEREAS,** the"."""
    inner = find_phrase(emphasis.group(2), alone=True)
    rest = paragraph[emphasis.end() :].lstrip()
    if inner is not None and not inner.rest.strip(",;: ") and (rest or alone):
        return Phrase(emphasis.group(), rest, inner.kind)
    return None


def _continues(previous: str, word: str) -> bool:
    if previous in _TAIL_AFTER:
        return word in _TAIL_AFTER[previous]
    if word in ("also", "further", "again", "furthermore", "upon"):
        return True
    if word in ("on", "for"):
        return previous in ("calls", "call", "calling")  # "CALLS ON", "Calls for"
    if word in ("deep", "grave", "serious", "great"):
        return previous in ("expressing", "expresses", "noting", "notes")  # "Expressing grave concern"
    if word == "note":
        return previous in ("taking", "takes", "take", "noting")
    if word in ("in", "into", "with"):
        return previous in (
            "note",
            "bearing",
            "bears",
            "keeping",
            "taking",
            "takes",
            "noting",
            "notes",
            "recalling",
            "recalls",
            "welcoming",
            "welcomes",
            "reaffirming",
            "reaffirms",
            "observing",
            "recognizing",
            "recognizes",
            "expressing",
            "expresses",
            "acknowledging",
        )
    return False


@lru_cache(maxsize=4096)
def formula_kind(phrase: str) -> str | None:
    """Whether a formula opens a preambular or an operative paragraph, by its verb; None when unclear."""
    found = find_phrase(phrase, alone=True)
    return found.kind if found is not None else None


# Verbs a body's operative paragraph opens with in lower case, run on after the preamble
# ("..., adopts this twenty-fifth day of June ... the following Convention"), or with no -s after a plural
# body ("Ministers, ..., Decide to refer ..."). Lower-case verbs elsewhere are prose, not a clause.
OPERATIVE_VERBS = {
    "adopt",
    "decide",
    "resolve",
    "approve",
    "proclaim",
    "recommend",
    "request",
    "invite",
    "declare",
    "agree",
    "urge",
    "call",
    "authorize",
    "authorise",
    "instruct",
    "endorse",
    "establish",
    "note",
    "welcome",
    "appeal",
    "express",
    "reaffirm",
    "take",
    "elect",
    "confirm",
    "consider",
}


def operative_verb(word: str, past: bool = False) -> bool:
    """An operative verb as a body uses it ("decide", "requests"; and, telling what it did, "agreed")."""
    stems = {word, word[:-1] if word.endswith("s") else word, word[:-2] if word.endswith("es") else word}
    if past and word.endswith("ed"):
        stems |= {word[:-1], word[:-2]}
    return bool(stems & (OPERATIVE_VERBS | {"recognize", "recognise"}))
