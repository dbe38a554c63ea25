"""Where a resolution starts and who adopted it: the opening formula, wherever the page put it.

Formulas are found by how they are built, not by where a house style puts them:

- on a line of its own, ending in "," or ":" ("The General Assembly,") or in nothing at all ("The Security
  Council", as old Security Council texts print it), the clauses below it;
- glued to the title or to what stands before it ("... AGRICULTURE.The General Conference of ...",
  "... thereto;The Board of Governors"): the line is cut where the formula starts;
- followed on its own line by the clauses ("The Committee of Ministers,Having regard to ...;Having noted ...;
  Resolves ..."), as whole resolutions printed as one paragraph are: the line is cut where each clause starts
  (a participle or adjective, a verb in -s, or one of the few verbs a body uses in lower case: "adopts").

A cut leaves the pieces of the printed line as separate lines with the line's number, a blank line between them,
so that the passes after this one read them as paragraphs; a piece printed with no space before it is `glued`,
so that render can give the text back as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..formulas import OPERATIVE_VERBS, find_phrase, operative_verb
from .enacting import Enacting, find_enacting, find_resolved_first, starts_whereas
from .lines import BULLET, CLAUSE_NUMBER, ITEM_LABEL, LONE_MARKER, SECTION_HEADING, TERMINAL, Line, strip_markup

# Words that open a preambular paragraph beyond doubt, even glued to what stands before them
# ("The CouncilHaving noted", "ConferenceHaving considered") or after a body's name with no comma.
STRONG_PREAMBLE = {
    "having",
    "whereas",
    "considering",
    "recalling",
    "noting",
    "recognizing",
    "recognising",
    "bearing",
    "taking",
    "desiring",
    "believing",
    "welcoming",
    "mindful",
    "conscious",
    "convinced",
    "aware",
    "reaffirming",
    "emphasizing",
    "stressing",
    "acknowledging",
    "expressing",
    "guided",
    "deeply",
    "determined",
    "concerned",
    "realizing",
    "observing",
    "affirming",
    "pursuant",
    "referring",
    "acting",
    "in",
}
# How a formula names who speaks: "The General Assembly", "THE COUNCIL", "Ministers", "Representatives of ...".
_SPEAKER = re.compile(
    r"(?:The|THE|La|Le|Les|LA|LE|LES|El|Los|Las|EL|LOS)\s+(?:[A-ZÀ-Ý]|L'[A-ZÀ-Ý]|(?:conference|council|committee|assembly|representatives|delegates|"
    r"governments|participants|members|ministers|parties|board|commission)\b)|"
    r"(?:Ministers|MINISTERS|Representatives|Delegates|Participants)\b"
)
# Where a formula can start on a line: at its start (after markup), or after the end of a sentence or of a
# heading printed on the same line ("... OF THE SHIP. The General", "thereto;The Board", "1985)The ...").
_FORMULA_START = re.compile(
    r"^(?:<[A-Za-z/][^>]*>|[#*_>\s])*(?:\d{1,3}(?:\.\s?\d{1,3})+\.?\s+)?|(?<=[.;:)])[*_]*\s*|(?<=[*_])\s*"
)
_MAX_WORDS = 60
_NUMBER_ONLY = re.compile(r"^[#*_\s]*\d{1,3}\.\s*$")
# A sentence ending inside what would be a formula: it is prose ("... set out below.The Council ..."), and the
# formula, if any, starts after it.
_SENTENCE_END = re.compile(r"[a-z]{2}[.;:]\s*[A-Z]")


@dataclass(frozen=True)
class Opening:
    """The lines of the text, cut where the formula and the clauses run on from it start, and where the
    formula stands in them (`formula_at` to `formula_end`, both inclusive)."""

    lines: list[Line]
    formula_at: int
    formula_end: int
    glued: bool = False  # the formula was printed with no space after what stands before it
    # When the text prints no formula: `formula_at` is where the clauses start (`formula_end` the line before),
    # `speaker` the body as the text names it ("The General Assembly"), `guess` what to tell the reader.
    printed: bool = True
    speaker: str = ""
    guess: str = ""
    starts_operative: bool = False  # the first clause tells what the body did: the text has no preamble
    told: str = ""  # the words of a narrative decision before the body: "At its 45th plenary meeting, on 10 ..."
    enacting: bool = False  # "NOW, THEREFORE, BE IT RESOLVED by ...": `speaker` is the body it names ("" if none)


def find_opening(lines: list[Line]) -> Opening | None:
    """The opening formula, wherever it stands; failing one, the body speaking in a sentence ("Ministers decide
    ...") or named in the clauses or the heading; None when the text names no body at all."""
    enacting = find_enacting(lines)
    if enacting is not None:
        return _enacted(lines, enacting)
    for index, line in enumerate(lines):
        if not line.text:
            continue
        speaker = _speaker_sentence(lines, index)
        for start in _starts(line.text):
            found = _inline(lines, index, start) or _whole(lines, index, start)
            if found is not None:
                # "The Conference requests the European Council for Nuclear Research, having due regard ...":
                # a formula read from the line's start whose words are the body and its verb is that sentence
                return speaker if speaker is not None and _speaker_at(line.text) == start else found
        if speaker is not None:
            return speaker
    resolved = find_resolved_first(lines)  # "RESOLVED, That ...": no formula above the resolving clause
    return _enacted(lines, resolved) if resolved is not None else _unprinted(lines)


# "The Conference requests ...", "Ministers decide ...", "The General Assembly of ... decides": the body and
# its verb, with no comma between them; the name runs over capitalised words and the small words between them.
_NAME = (
    r"(?:(?:The|THE|the)\s+[A-Z][\w-]*(?:\s+(?:of|for|on|and|the|in|[A-Z][\w.-]*|\([^()]*\)))*"
    r"|Ministers|Representatives(?:\s+of\s+[A-Z][\w-]*(?:\s+(?:of|and|the|[A-Z][\w-]*))*)?)"
)
_SPEAKS = re.compile(
    rf"^[#*_\s]*(?P<number>\d{{1,3}}\.\s*)?(?P<speaker>{_NAME})(?P<adjunct>,[^,;.]{{1,120}},)?"
    rf"\s+(?P<verb>[a-z]+)\b"
)
# What names a body rather than a State or a person: "the General Assembly", not "the Netherlands"
_BODY_NOUNS = "Assembly|Council|Conference|Committee|Commission|Board|Congress|Meeting|Parties|Court|Summit|Forum"
_BODY = re.compile(
    rf"\b(?:{_BODY_NOUNS}|Organi[sz]ation|Governments|Ministers|Delegates|Representatives)\b", re.IGNORECASE
)
# A decision told as what happened: "At its 45th plenary meeting, on 10 November 2016, the General Assembly, ...
# elected ...", "On 27 March 2020, the General Assembly, on the proposal of its President, ... decided ..."
_NARRATIVE = re.compile(
    rf"^[#*_\s]*(?:At (?:its|the|the same)\b|On \d{{1,2}} [A-Z][a-z]+ \d{{4}})"
    rf"(?:\([^()]*\)|[^.;()]){{0,320}}?\b"
    rf"(?P<speaker>the\s+(?:[A-Z][\w-]*\s+(?:(?:of|for|on|and|the)\s+)*)*?(?:{_BODY_NOUNS})"
    rf"(?:\s+(?:of|on|for)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)?)\b"
)
# A heading that names the body: "Adopted by the Security Council at its 3102nd meeting"
_ADOPTED_BY = re.compile(rf"^[\W_]*(?:[Aa]dopted|[Aa]pproved|ADOPTED|APPROVED)\s+(?:by|BY)\s+(?P<speaker>{_NAME})")

# The Security Council's numbering, "Resolution 462 (1980)": its resolutions print no formula in some years
_COUNCIL_NUMBER = re.compile(r"^[#*_\s]*Resolution\s+\d{1,4}\s+\(\d{4}\)", re.IGNORECASE)


def _speaker_sentence(lines: list[Line], index: int) -> Opening | None:
    """ "The Conference requests the Secretary General ...": the body named as the subject of the first clause's
    verb. The name is the formula, the clause starts at the verb."""
    line = lines[index]
    found = _SPEAKS.match(line.text)
    if found is None or found.group("number") or found.group("adjunct") or not operative_verb(found.group("verb")):
        return None
    start = found.start("speaker")
    speaker = _trimmed(found.group("speaker"))
    return _cut(lines, index, start, [speaker, (line.text[start + len(speaker) :].lstrip(), False)])


def _speaker_at(text: str) -> int:
    """Where the body's name starts in a line that opens as a speaker sentence (-1 when it does not)."""
    found = _SPEAKS.match(text)
    return found.start("speaker") if found is not None else -1


def _unprinted(lines: list[Line]) -> Opening | None:
    """A text that prints no formula: the body is read from the first clause that names it (a narrative
    decision, numbered paragraphs that each name it) or from the heading above clauses ("Adopted by the
    Security Council ..."). It is a guess the reader is told of."""
    heading: list[Line] = []
    for index, line in enumerate(lines):
        if not line.text:
            continue
        narrative = _NARRATIVE.match(line.text)
        if narrative is None and _ADOPTED_BY.match(line.text):  # "Adopted by the Security Council at its ...":
            heading.append(line)  # the heading names the body
            continue
        if narrative:
            speaker = _trimmed("The" + narrative.group("speaker")[3:])
            return Opening(
                lines,
                index,
                index - 1,
                printed=False,
                speaker=speaker,
                starts_operative=True,
                told=line.text[: narrative.start("speaker")],
                guess=f"the text prints no opening formula: read as a decision of {speaker[4:]!r}, "
                f"the body its first sentence names",
            )
        speaks = _SPEAKS.match(line.text)
        if speaks and speaks.group("number") and operative_verb(speaks.group("verb"), past=True):
            speaker = _trimmed(speaks.group("speaker"))
            return Opening(
                lines,
                index,
                index - 1,
                printed=False,
                speaker=speaker,
                starts_operative=True,
                guess=f"the text prints no opening formula: read as numbered paragraphs of "
                f"{speaker!r}, the body the first paragraph names",
            )
        phrase = find_phrase(strip_markup(line.text))
        if phrase is not None and phrase.text[:1].isupper() and (index == 0 or not lines[index - 1].text):
            speaker = _named_in(heading)
            if speaker:
                return Opening(
                    lines,
                    index,
                    index - 1,
                    printed=False,
                    speaker=speaker,
                    guess=f"the text prints no opening formula: its clauses were read as those of "
                    f"{speaker!r}, from the heading",
                )
            return None
        heading.append(line)
    return None


def _enacted(lines: list[Line], found: Enacting) -> Opening:
    """`lines` cut around an enacting formula: what stands before it on its line (preambular paragraphs run on in
    one line are cut where each starts), the formula (over several lines when "Now, therefore," stands alone above
    the body's name), and the clauses after it on its last line."""
    line = lines[found.index]
    last = found.through if found.through >= 0 else found.index
    made: list[Line] = []

    def add(source: Line, text: str, glued: bool = False, cut: bool = False) -> None:
        if made:
            made.append(Line(source.number, "", 0))
        made.append(Line(source.number, text.strip(), source.indent if not made else 0, glued=glued, cut=cut))

    before = line.text[: found.start].rstrip()
    if before:
        for position, (piece, glued) in enumerate(
            split_run_on(before) if starts_whereas(before) else [(before, False)]
        ):
            add(line, piece, glued, cut=position > 0)
    formula_glued = bool(before) and not line.text[len(before) : found.start]
    if last == found.index:
        add(line, line.text[found.start : found.end], formula_glued, cut=bool(before))
        formula_at = formula_end = len(made) - 1
        tail = line.text[found.resume :]
    else:
        add(line, line.text[found.start :], formula_glued, cut=bool(before))
        formula_at = len(made) - 1
        made += lines[found.index + 1 : last]
        end_line = lines[last]
        made.append(Line(end_line.number, end_line.text[: found.end].strip(), end_line.indent))
        formula_end = len(made) - 1
        line, tail = end_line, end_line.text[found.resume :]
    if tail.strip():
        pieces = (
            split_run_on(tail, glued_first=found.resume == found.end) if before else [(tail, found.resume == found.end)]
        )
        for piece, glued in pieces:
            add(line, piece, glued, cut=True)
    cut_lines = lines[: found.index] + made + lines[last + 1 :]
    shift = found.index
    return Opening(cut_lines, shift + formula_at, shift + formula_end, formula_glued, speaker=found.body, enacting=True)


def _trimmed(name: str) -> str:
    """A body's name without the small words a pattern took after it ("the General Assembly on the")."""
    words = name.split()
    while len(words) > 2 and words[-1] in ("of", "for", "on", "and", "the", "in"):
        words.pop()
    return " ".join(words)


def _named_in(heading: list[Line]) -> str:
    for line in heading:
        named = _ADOPTED_BY.match(line.text)
        if named:
            words = named.group("speaker")
            return _trimmed("The" + words[3:] if words.lower().startswith("the ") else words)
    if any(_COUNCIL_NUMBER.match(line.text) for line in heading):
        return "The Security Council"
    return ""


# "Therefore the Security Council,": a formula led by the word that ties it to the paragraphs above it
_CONNECTIVE = re.compile(r"^(?:Therefore|THEREFORE|Accordingly|ACCORDINGLY),?\s+(?=(?:the|THE)\s+[A-Z])")


def _starts(text: str) -> list[int]:
    starts = [0] if _CONNECTIVE.match(text) else []
    for match in _FORMULA_START.finditer(text):
        at = match.end()
        if _SPEAKER.match(text, at) and not _NUMBER_ONLY.match(
            text[:at]
        ):  # "1. Ministers invite ...": a numbered paragraph
            starts.append(at)
    return sorted(set(starts))


def _inline(lines: list[Line], index: int, start: int) -> Opening | None:
    """ "The Council,Having noted ...": a formula followed on its line by the first clause."""
    text = lines[index].text
    cut = clause_boundary(text, start, formula=True)
    if cut is None:
        return None
    end, resume = cut
    formula = text[start:end]
    if len(formula.split()) > _MAX_WORDS or ";" in formula or _SENTENCE_END.search(formula):
        return None
    pieces: list[tuple[str, bool] | str] = [formula, *split_run_on(text[resume:], glued_first=resume == end)]
    return _cut(lines, index, start, pieces)


def _whole(lines: list[Line], index: int, start: int) -> Opening | None:
    """A formula that ends its line (or a few wrapped lines): "The General Assembly,", "The Security Council"."""
    end, words = index, strip_markup(lines[index].text[start:])
    while not words.endswith((",", ":")) and end + 1 < len(lines) and lines[end + 1].text and end - index < 4:
        if words.endswith((".", ";")) or _starts_clause(lines[end + 1].text):
            break
        end += 1
        words += " " + strip_markup(lines[end].text)
    if len(words.split()) > _MAX_WORDS or ";" in words[:-1]:
        return None
    speaks = _SPEAKS.match(words)
    if speaks and not speaks.group("adjunct") and operative_verb(speaks.group("verb")):
        return None  # "Ministers decide as follows:" is the body's sentence, not a formula
    stands_alone = end + 1 >= len(lines) or not lines[end + 1].text or _starts_clause(lines[end + 1].text)
    # "The Security Council" (or OCR's "The Security Council.") alone above its clauses: a name only
    if not words.endswith((",", ":")) and not (
        stands_alone
        and start == 0
        and len(words.split()) <= 12
        and re.fullmatch(_NAME + r"\.?", words)
        and _BODY.search(words)
    ):
        return None  # "80/46. The Arms Trade Treaty" is a title, not a body
    if not _opens_clauses(lines, end + 1):
        return None
    if start == 0:
        return Opening(lines, index, end)
    opening = _cut(lines, index, start, [lines[index].text[start:]])
    return replace(opening, formula_end=opening.formula_at + end - index)


def _cut(lines: list[Line], index: int, start: int, pieces: list[tuple[str, bool] | str]) -> Opening:
    """`lines` with line `index` cut into what stands before the formula (kept as a heading line), the formula
    and `pieces` after it, a blank line (of the same number) between them."""
    line = lines[index]
    before = line.text[:start].rstrip()
    glued = bool(before) and not line.text[len(before) : start]
    made: list[Line] = []
    if before:
        made += [replace(line, text=before), Line(line.number, "", 0, cut=True)]
    formula_at = index + len(made)
    for position, piece in enumerate(pieces):
        text, stuck = (piece, glued) if isinstance(piece, str) else piece
        if position:
            made.append(Line(line.number, "", 0, cut=True))
        made.append(Line(line.number, text.strip(), line.indent if not made else 0, glued=stuck, cut=position > 0))
    return Opening(lines[:index] + made + lines[index + 1 :], formula_at, formula_at, glued)


_BOUNDARY = re.compile(
    r"(?<=[^\W\d_])(?=[A-Z][a-z])|[,;:.)]\s*(?:and(?![a-z])\s*)?(?=[A-Za-z])|\s+(?:and(?![a-z])\s*)?(?=[A-Za-z])"
)
# A preambular word glued to the word after it by the extractor: "Consideringthat", "Havingregard".
_STUCK = re.compile(
    r"^(Considering|Having|Noting|Recalling|Recognizing|Recognising|Desiring|Believing|Whereas)"
    r"(?:that|the|its|regard|noted|considered|decided)$"
)
_IN = re.compile(r"In (?:view|the light|accordance|application|the exercise|pursuance)\b")


def clause_boundary(text: str, after: int, *, formula: bool = False) -> tuple[int, int] | None:
    """The first place after `after` where a clause starts in `text`: (where the words before it end, with
    their punctuation and a joining "and"; where the clause starts); None when there is none. `formula`: the
    words before are a body's name, which a preambular word may follow with no punctuation ("The Council
    Having noted", "The CouncilHaving noted")."""
    first_word = re.match(r"\s*\w+", text[after:])
    position = after + (first_word.end() if first_word else 0)
    for match in _BOUNDARY.finditer(text, position):
        start, resume = match.start(), match.end()
        separator = text[start:resume]
        punctuated = bool(separator) and separator[0] in ",;:.)"
        joined = "and" in separator
        word = re.match(r"[A-Za-z]+", text[resume:])
        if word is None:
            continue
        lower, capital = word.group().lower(), text[resume].isupper()
        stuck = _STUCK.match(word.group())
        if stuck and capital:  # "Consideringthat": a formula glued to the word after it
            lower = stuck.group(1).lower()
        strong = (
            capital
            and lower in STRONG_PREAMBLE
            and (
                stuck
                or find_phrase(text[resume:]) is not None
                or lower in ("pursuant", "acting")
                or (lower == "in" and _IN.match(text, resume) is not None)
            )
        )
        if not punctuated:
            camel = not separator  # "ConferenceRecommends": glued, a clause beyond doubt
            plural = capital and (lower in OPERATIVE_VERBS or lower in ("recognize", "recognise"))
            # "The Governments adopting this resolution Recognize that ...": a plural body's verb, capitalised
            if not (formula and (strong or plural or (camel and capital and find_phrase(text[resume:]) is not None))):
                continue
        elif capital:
            if not (strong or find_phrase(text[resume:]) is not None or lower in OPERATIVE_VERBS):
                continue
            if joined and not strong:
                continue
        elif joined or not (
            lower.rstrip("s") in OPERATIVE_VERBS
            or (lower in STRONG_PREAMBLE and find_phrase(text[resume:], alone=True) is not None)
        ):
            continue
        end = start + separator.index("and") + 3 if joined else start + (1 if punctuated else 0)
        return end, resume
    return None


def split_run_on(text: str, *, glued_first: bool = False) -> list[tuple[str, bool]]:
    """`text`, clauses run on in one line, as the clauses: each with whether it was printed glued to the one
    before (no space between)."""
    pieces: list[tuple[str, bool]] = []
    glued = glued_first
    while True:
        cut = clause_boundary(text, 0)
        if cut is None:
            pieces.append((text, glued))
            return pieces
        end, resume = cut
        pieces.append((text[:end], glued))
        glued = end == resume
        text = text[resume:]


def _starts_clause(text: str) -> bool:
    text = BULLET.sub("", strip_markup(text))
    return bool(find_phrase(text) or CLAUSE_NUMBER.match(text) or ITEM_LABEL.match(text))


# A French or Spanish preambular participle ("Considérant", "Ayant examiné", "Considerando", "Habiendo"):
# the clauses of a text in those languages open with one as English ones open with "Considering".
_PARTICIPLE = re.compile(r"^(?:[^\W\d_]{3,}(?:ant|ando|iendo)|[Aa]yant|[Hh]abiendo)\b")


def _opens_clauses(lines: list[Line], start: int) -> bool:
    """Whether what follows the formula reads as clauses: a formula, a number, a label or a heading opens it,
    or its paragraph ends as a clause does ("In the exercise of its primary responsibility ...,")."""
    headings = 0
    for index in range(start, len(lines)):
        line = lines[index]
        if not line.text or LONE_MARKER.match(line.text):
            continue
        text = BULLET.sub("", strip_markup(line.text))
        if (
            find_phrase(text)
            or CLAUSE_NUMBER.match(text)
            or ITEM_LABEL.match(text)
            or SECTION_HEADING.match(text)
            or (len(text.split()) <= 4 and find_phrase(text, alone=True))
            or _PARTICIPLE.match(text)
        ):
            return True
        paragraph = [text]
        while index + 1 < len(lines) and lines[index + 1].text and len(paragraph) < 12:
            index += 1
            paragraph.append(strip_markup(lines[index].text))
        if (
            len(paragraph) == 1
            and len(text.split()) <= 4
            and text[:1].isupper()
            and not text.endswith(TERMINAL)
            and not headings
        ):
            headings += 1  # "Preamble" between the formula and the clauses: a heading, then the clauses
            continue
        return paragraph[0].endswith(TERMINAL) or " ".join(paragraph).endswith(TERMINAL)
    return False
