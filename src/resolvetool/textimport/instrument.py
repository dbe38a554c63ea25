"""The instrument a resolution adopts: a convention, recommendation or declaration printed after the clause
that adopts it ("adopts ... the following Convention:", "Adopts, this fifth day of December 1956, the present
Recommendation."). The text is split where the instrument begins; the resolution above is read as any other,
and the instrument below is read here into its provisions, articles (with the part and chapter headings above
them, numbered paragraphs and items) and closing lines, every word kept so that rendering gives it back.

What is read is said when it is a guess: numbering that does not run 1..N is warned (RT540), and so is a
paragraph number or item label glued to its words ("2.This", "(a)the term"), a sign of a damaged source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..formulas import find_phrase
from ..source import LINE_END
from .lines import CLOSING, FURNITURE, SEPARATOR, TERMINAL, strip_markup
from .parsed import TextWarning

KINDS = ("convention", "recommendation", "declaration", "charter", "protocol")
_KIND = r"(?:revised\s+)?(Convention|Recommendation|Declaration|Charter|Protocol|principles)"
# The clause that adopts the instrument: "Adopts ... the following Recommendation:", "Adopts and solemnly
# proclaims this Declaration on ...", and inside the ILO's formula, "... adopts this twenty-ninth day of June
# ... the following Convention, which may be cited as the Equal Remuneration Convention, 1951:".
ADOPTING = re.compile(
    rf"(?:^|(?<=[\s,;.]))(?:adopts?|proclaims?|has\s+adopted)\b(?:(?!\b[Rr]ecommends\b).){{0,400}}?"
    rf"\b(?:the\s+following|this|the\s+present|the|the\s+principles\s+that\s+follow\s+and\s+adopts\s+"
    rf"the\s+present)[\s-]+{_KIND}\b((?:\s+(?:on|concerning|of|for)\s+[^,;:.]{{3,150}})?)",
    re.IGNORECASE | re.DOTALL,
)
# The ILO's formula where the verb is misprinted ("adops this ... day ... the following Convention, which may be
# cited as ...:"): the instrument is announced at the end of the paragraph all the same.
FOLLOWING = re.compile(
    r"\bthe\s+following\s+(Convention|Recommendation|Declaration|Charter|Protocol)\b()[^:]{0,200}:\s*$"
)
_DATED = re.compile(r"\s+on\s+(?:this\b|the\s+\w+\s+day\b|\d)", re.IGNORECASE)  # "on the fourteenth day of ..."
CITED_AS = re.compile(r"\bwhich may be cited as the ([^:]{5,160}?)\s*:?\s*$")

_ARTICLE = re.compile(r"^[#*\s]*(?:Article|ARTICLE|Art\.)\s*(\d{1,3}[a-z]?|[IVXLC]{1,7})\b\.?\s*(?:[-–—:.]\s*)?(.*)$")
_PART = re.compile(r"^[#*\s]*(?:PART|Part|CHAPTER|Chapter|SECTION|Section|TITLE|Title)\s+(?:[IVXLC]{1,7}|\d{1,3})\b")
_LETTERED = re.compile(r"^[#*\s]*(?:[IVXLC]{1,7}|[A-H])\s*(?:[.)–—-]\s*\S.*|\.?)$")  # "I. Definitions", "A.", "II"
_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*\.?)(?=\s|[A-Z“\"‘(])\s*")  # "1.", "2.This", "1.1"
_LABEL = re.compile(
    r"^(\((?:[a-z]{1,3}|\d{1,3}|[ivxlc]{1,7})\)|(?:[a-z]|[ivx]{1,5})\)|[a-z]\.(?=\s|[a-z]{2}))\s*(?=\S)"
)
_CLOSING = re.compile(r"^[#*\s]*(?:The foregoing is the authentic text|IN (?:FAITH|WITNESS) WHEREOF|DONE at|Done at)")


@dataclass
class Split:
    """Where the instrument begins in the source: the resolution above, the instrument below."""

    resolution: str
    instrument: list[tuple[int, str]]  # (line number, line) from where the instrument begins
    kind: str  # "convention", "recommendation", ...
    cited_as: str | None  # "Equal Remuneration Convention, 1951"
    named: str | None  # "Declaration on Race and Racial Prejudice", from the adopting clause
    adopting_line: int


@dataclass
class ReadPoint:
    label: str
    text: str | None
    line: int
    glued: bool
    items: list[ReadPoint] = field(default_factory=list)


@dataclass
class ReadProvision:
    line: int
    heading: list[str] = field(default_factory=list)
    number: str | None = None
    text: str | None = None
    glued: bool = False
    items: list[ReadPoint] = field(default_factory=list)
    tail: str | None = None


@dataclass
class ReadArticle:
    number: str
    line: int
    heading: list[str] = field(default_factory=list)
    label: str | None = None
    title: str | None = None
    paragraphs: list[ReadProvision] = field(default_factory=list)


@dataclass
class ReadInstrument:
    kind: str
    provisions: list[ReadProvision] = field(default_factory=list)
    articles: list[ReadArticle] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    warnings: list[TextWarning] = field(default_factory=list)

    @property
    def first_heading(self) -> str | None:
        first: ReadProvision | ReadArticle | None = (self.provisions[0] if self.provisions else None) or (
            self.articles[0] if self.articles else None
        )
        return first.heading[0] if first is not None and first.heading else None


def split_adopted(source: str) -> Split | None:
    """The source cut where the instrument it adopts begins, or None when it adopts none (or prints none:
    an adopting clause with no articles, numbered paragraphs or headings after it)."""
    lines = LINE_END.split(source)
    paragraph: list[str] = []
    for index, line in enumerate(lines):
        if line.strip():
            paragraph.append(line.strip())
            if index + 1 < len(lines) and lines[index + 1].strip() and not _ends(paragraph[-1], ":"):
                continue  # the paragraph goes on: test it whole
        words = " ".join(paragraph)
        paragraph = []
        adopting = next(
            (found for found in _matches(words) if _opens_adopting(words, found.start())), None
        ) or FOLLOWING.search(words)
        if adopting is None:
            continue
        number = re.match(r"\s*(\d{1,3})\.", words)
        start = _instrument_start(lines, index + 1, int(number.group(1)) if number else None)
        if start is None:
            return None
        cited = CITED_AS.search(words)
        kind = adopting.group(1).lower()
        named = (
            " ".join(f"{adopting.group(1)}{adopting.group(2)}".split())
            if adopting.group(2) and not _DATED.match(adopting.group(2))
            else None
        )
        return Split(
            "\n".join(lines[:start]),
            [(number + 1, lines[number]) for number in range(start, len(lines))],
            kind if kind in KINDS else "declaration",
            cited.group(1).strip() if cited else None,
            named,
            index + 1,
        )
    return None


def _matches(words: str):
    """Every adopting clause in `words`, each tried from each verb ("decided to adopt, in the form of a
    Convention, ...; adopts this ninth day of July ... the following Convention")."""
    at = 0
    while (found := ADOPTING.search(words, at)) is not None:
        yield found
        at = found.start() + 1


def _ends(text: str, mark: str) -> bool:
    return text.rstrip(" *").endswith(mark)


def _opens_adopting(words: str, at: int) -> bool:
    """The adopting verb opens the paragraph, or the formula's last clause (", adopts this ... day ...")."""
    before = words[:at].rstrip()
    return not before or bool(re.search(r"(?:[,;:]|\band|^\d{1,3}\.|^(?:\d{1,3}\.\s*)?[A-Z][a-z]+ly)$", before))


def _instrument_start(lines: list[str], after: int, number: int | None) -> int | None:
    """The first line after the adopting clause that opens the instrument's text: an article, a part or
    chapter, a lettered or numbered section, "Preamble", a heading, a numbered paragraph. The resolution's own
    clauses after the adopting one ("The General Conference recommends that Member States ...", "2. Recommends
    that ...", numbered on from it) stay with the resolution; an adoption line before any instrument text
    ("22nd plenary meeting") means the instrument is not printed here (an annex, read as one)."""
    for index in range(after, len(lines)):
        text = strip_markup(lines[index].strip())
        if not text:
            continue
        numbered = _NUMBER.match(text)
        if (
            numbered
            and number is not None
            and _value(numbered.group(1).rstrip(".")) == number + 1
            and _operative(text[numbered.end() :])
        ):
            number += 1
            continue  # "2. Recommends that Member States ...": the resolution's next clause
        if not numbered and _operative(text):
            continue
        if CLOSING.match(text) or _CLOSING.match(text):
            return None
        if (
            _ARTICLE.match(text)
            or _PART.match(text)
            or _LETTERED.match(text)
            or numbered
            or text.lower().rstrip(":. ") == "preamble"
            or _is_heading(text, lines, index)
        ):
            return index
    return None


def _operative(text: str) -> bool:
    """A clause of the resolution: an operative formula ("Recommends", "Also invites"), or the body named
    before its verb ("The General Conference recommends that ...")."""
    phrase = find_phrase(text)
    return (phrase is not None and phrase.kind == "operative" and phrase.text[:1].isupper()) or bool(
        re.match(r"^The\s+[A-Z][\w ,-]{2,120}?\s+(?:recommends|decides|invites|requests|urges)\b", text)
    )


def _is_heading(text: str, lines: list[str], index: int) -> bool:
    """A short line with no closing punctuation, not a list of names: "DEFINITIONS", "General provisions"."""
    return (
        len(text.split()) <= 12
        and not text.endswith((*TERMINAL, *_INTRODUCES))
        and text[:1].isupper()
        and not text.startswith(("The General Conference", "The Conference"))
    )


# --- reading the instrument ------------------------------------------------------------------------------


def read_instrument(split: Split) -> ReadInstrument:
    read = ReadInstrument(split.kind)
    reader = _Reader(read)
    for line, text, gap in _units(split.instrument):
        reader.take(line, text, gap)
    _check_numbering(read)
    return read


def _units(lines: list[tuple[int, str]]) -> list[tuple[int, str, bool]]:
    """The instrument's paragraphs, each with its line and whether a blank line stands before it: a line each,
    or lines joined where a paragraph was hard-wrapped (no blank line between, the next line not opening a
    paragraph, and either starting in lower case after a line not ending a sentence, or following a long line
    with no closing punctuation)."""
    units: list[tuple[int, str, bool]] = []
    joinable = gap = False
    for number, raw in lines:
        text = " ".join(raw.split())
        if not text:
            joinable, gap = False, True
            continue
        previous = units[-1][1] if units else ""
        furniture = bool(FURNITURE.match(strip_markup(text)) or SEPARATOR.match(text))
        if (
            joinable
            and not furniture
            and not _opens_unit(text)
            and (
                (text[:1].islower() and not previous.endswith((".", ";", ":")))
                or (not previous.endswith(TERMINAL) and len(previous) > 50)
            )
        ):
            units[-1] = (units[-1][0], f"{previous} {text}", units[-1][2])
        else:
            units.append((number, text, gap))
        plain = strip_markup(text)
        joinable = not (furniture or _ARTICLE.match(plain) or _PART.match(plain) or _LETTERED.match(plain))
        gap = furniture  # what follows a page number stands apart from it, as after a blank line
    return units


def _opens_unit(text: str) -> bool:
    plain = strip_markup(text)
    return bool(
        _ARTICLE.match(plain)
        or _PART.match(plain)
        or _LETTERED.match(plain)
        or _NUMBER.match(plain)
        or _LABEL.match(plain)
        or _CLOSING.match(plain)
    )


class _Reader:
    def __init__(self, read: ReadInstrument) -> None:
        self.read = read
        self.heading: list[str] = []
        self.article: ReadArticle | None = None
        self.provision: ReadProvision | None = None
        self.closing = False

    def take(self, line: int, text: str, gap: bool) -> None:
        plain = strip_markup(text)
        if self.closing or _CLOSING.match(plain):
            self.closing = True
            self.read.closing.append(text)
            return
        if FURNITURE.match(plain) or SEPARATOR.match(plain):
            self._doubt(line, text, "page furniture or a separator inside the instrument, kept as a paragraph")
        article = _ARTICLE.match(plain)
        if article and _heads_article(plain, article):
            if any(_value(other.number) == _value(article.group(1)) for other in self.read.articles):
                self.read.warnings.append(
                    TextWarning(
                        line,
                        f"a second article {article.group(1)}: kept as words of article "
                        f"{self.read.articles[-1].number}: {text[:50]!r}",
                        "RT540",
                        "check whether an article heading was misprinted, or the text quotes an article",
                    )
                )
            else:
                self._article(line, text, article)
                return
        if (
            _PART.match(plain)
            or (_LETTERED.match(plain) and len(plain.split()) <= 16)
            or (_is_heading(plain, [], 0) and not _LABEL.match(plain) and not _NUMBER.match(plain))
        ):
            self.heading.append(text)
            self.provision = None
            return
        label = _LABEL.match(text)
        if label and self.provision is not None:
            if self.provision.tail:  # items again after words that closed the last ones: a paragraph of items
                self.provision = ReadProvision(line)
                (self.article.paragraphs if self.article is not None else self.read.provisions).append(self.provision)
            self._point(self.provision, line, text, label)
            return
        number = _NUMBER.match(text)
        provision = ReadProvision(line, self.heading)
        self.heading = []
        if number:
            provision.number = number.group(1)
            provision.text = text[number.end() :] or None
            provision.glued = number.end() == len(number.group(1)) and provision.text is not None
            if provision.glued:
                self._glued(line, text)
        elif self.provision is not None and self.provision.items and text[:1].islower():
            if not gap and not self.provision.tail:  # an item's words wrapped onto a line of their own
                last = self.provision.items[-1]
                while last.items:
                    last = last.items[-1]
                last.text = f"{last.text} {text}" if last.text else text
            else:  # the words that close the items ("have notified their objections;")
                self.provision.tail = f"{self.provision.tail} {text}" if self.provision.tail else text
            return
        else:
            provision.text = text
            previous = self.provision.text or "" if self.provision is not None else ""
            if text[:1].islower() and not previous.endswith((*TERMINAL, *_INTRODUCES)):
                # not an entry of a list the paragraph above opens ("It shall not apply to:" / "ships of war,")
                self._doubt(
                    line,
                    text,
                    "a paragraph opening in lower case: perhaps the end of the one above, cut off by a page break",
                )
        self.provision = provision
        (self.article.paragraphs if self.article is not None else self.read.provisions).append(provision)

    def _article(self, line: int, text: str, found: re.Match[str]) -> None:
        number, title = found.group(1), found.group(2).strip(" *#") or None
        self.article = ReadArticle(number, line, self.heading)
        self.heading = []
        if " ".join(text.split()) != f"Article {number}":
            self.article.label = text
        self.article.title = title
        self.read.articles.append(self.article)
        self.provision = None

    def _point(self, provision: ReadProvision, line: int, text: str, label: re.Match[str]) -> None:
        """An item (`(a)`, `(i)`) of the paragraph `provision`, at its level."""
        point = ReadPoint(label.group(1), text[label.end() :] or None, line, label.end() == len(label.group(1)))
        if point.glued:
            self._glued(line, text)
        items = provision.items
        if not items:
            items.append(point)
            return
        last = items[-1]
        family = _family(point.label, last, items[0])
        if family == _family(items[0].label, None, None):
            items.append(point)  # the next at the first level ("(b)", or "(b)" after "(iii)")
        elif last.items and family != _family(last.items[0].label, None, None):
            last.items[-1].items.append(point)  # a third level
        else:
            last.items.append(point)  # "(i)" under "(a)"

    def _doubt(self, line: int, text: str, why: str) -> None:
        """A paragraph kept as printed in the instrument's text, whose place there may be wrong."""
        self.read.warnings.append(
            TextWarning(
                line,
                f"kept as printed but not understood ({why}): {text[:60]!r}",
                "RT501",
                "check the paragraph against the official text; move its "
                "words where they belong in the instrument's record",
            )
        )

    def _glued(self, line: int, text: str) -> None:
        warnings = self.read.warnings
        if not any(warning.code == "RT541" for warning in warnings):
            warnings.append(
                TextWarning(
                    line,
                    f"a number or label glued to its words, read as such: {text[:40]!r}",
                    "RT541",
                    "the source lost the space after the label (a conversion's damage); check that the label is one",
                )
            )


_ROMAN_LABEL = re.compile(r"[ivx]+")
_INTRODUCES = (":", "—", "–", "-")


def _heads_article(plain: str, found: re.Match[str]) -> bool:
    """ "Article 3", "Article 2 – Scope", "ARTICLE I. Definitions": not a sentence that starts with an article's
    name ("Article 3 shall not apply—")."""
    rest = found.group(2)
    return (
        len(plain.split()) <= 24
        and not plain.endswith((";", ",", *_INTRODUCES))
        and (not rest or rest[:1].isupper() or bool(re.search(r"\d\b\.?\s*[-–—:.]", plain)))
    )


def _family(label: str, last: ReadPoint | None, first: ReadPoint | None) -> str:
    """ "number", "roman" or "letter". "(i)", "(v)", "(x)" after the letter before them at the first level
    are letters, unless that item introduces a list ("the term 'child' covers—") and no roman list under it
    has gone past "(i)" already."""
    core = label.strip("()")
    if core.isdigit():
        return "number"
    if not _ROMAN_LABEL.fullmatch(core):
        return "letter"
    if (
        len(core) == 1
        and last is not None
        and first is not None
        and first.label.strip("()").isalpha()
        and not _ROMAN_LABEL.fullmatch(first.label.strip("()"))
        and last.label.strip("()") == chr(ord(core) - 1)
    ):
        opened = (last.text or "").rstrip().endswith(_INTRODUCES)
        return "roman" if opened and not last.items else "letter"
    if len(core) == 1 and last is not None and last.items and core == "i":
        return "letter"  # "(i)" after "(ii)" under "(h)": the letter after "(h)" (handled above); else a new list
    return "roman"


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _value(number: str | None) -> int | None:
    if number is None:
        return None
    digits = re.match(r"\d+", number)
    if digits:
        return int(digits.group())
    if re.fullmatch(r"[IVXLC]+", number):
        total = 0
        for index, letter in enumerate(number):
            value = _ROMAN[letter]
            total += -value if index + 1 < len(number) and _ROMAN[number[index + 1]] > value else value
        return total
    return None


def _check_numbering(read: ReadInstrument) -> None:
    """Articles run 1..N, and so do the numbered paragraphs of each article (or of the instrument); say so
    when they do not, as a misread (a number lost to the extraction, an article heading taken for text)
    looks the same."""
    values = [_value(article.number) for article in read.articles]
    if values and values != list(range(1, len(values) + 1)):
        at = next(
            (
                article
                for article, value, wanted in zip(read.articles, values, range(1, len(values) + 1), strict=True)
                if value != wanted
            ),
            read.articles[-1],
        )
        expected = values.index(_value(at.number)) + 1 if _value(at.number) in values else "?"
        read.warnings.append(
            TextWarning(
                at.line,
                f"the articles are not numbered 1 to {len(values)}: article "
                f"{at.number!r} stands where {expected} "
                f"was expected",
                "RT540",
                "check the article headings against the official text",
            )
        )
    for owner, provisions in [("the instrument", read.provisions)] + [
        (f"article {article.number}", article.paragraphs) for article in read.articles
    ]:
        numbers = [provision for provision in provisions if provision.number and "." not in provision.number[:-1]]
        for run in _runs(numbers):
            got = [_value(provision.number) for provision in run]
            if got != list(range(1, len(got) + 1)):
                stray = next(
                    p for p, value, wanted in zip(run, got, range(1, len(got) + 1), strict=True) if value != wanted
                )
                read.warnings.append(
                    TextWarning(
                        stray.line,
                        f"the numbered paragraphs of {owner} do not run 1 to "
                        f"{len(got)}: {stray.number!r} is out of sequence",
                        "RT540",
                        "check the paragraph numbers against the official text",
                    )
                )
                break


def _runs(numbered: list[ReadProvision]) -> list[list[ReadProvision]]:
    """Numbered paragraphs in runs: a section heading above a paragraph numbered 1 starts the numbers again
    ("I – Recognition ..." / "1. ...", "II – Scope ..." / "1. ...")."""
    runs: list[list[ReadProvision]] = []
    for provision in numbered:
        if not runs or (provision.heading and _value(provision.number) == 1):
            runs.append([])
        runs[-1].append(provision)
    return runs


# --- an instrument printed in an annex -------------------------------------------------------------------

# "Adopts the 2025 Political Declaration on ..., annexed to the present resolution", "Proclaims the Declaration
# ... contained in the annex to the present resolution"
_ADOPTS_ANNEXED = re.compile(
    rf"^(?:\w+\s+)?(?:adopts?|proclaims?|approves?|endorses?)\b.{{0,300}}?\b{_KIND}\b"
    rf".{{0,400}}?\bannex",
    re.IGNORECASE | re.DOTALL,
)
_TITLE_KIND = re.compile(rf"\b{_KIND}\b", re.IGNORECASE)


def adopted_annex(parsed) -> tuple[int, str] | None:
    """The annex holding the instrument an operative clause adopts ("Adopts the 2025 Political Declaration ...,
    annexed to the present resolution"), as its index and kind: the first annex whose title names an instrument
    of that kind. None when no clause adopts one, or when page furniture or footnotes stood inside that annex
    (their places count into the annex's words, which then stay the annex's)."""
    for clause in parsed.operative:
        words = " ".join(word for word in (clause.phrase, clause.text) if word)
        adopting = _ADOPTS_ANNEXED.match(words)
        if adopting is None:
            continue
        kind = adopting.group(1).lower()
        for index, annex in enumerate(parsed.annexes):
            named = _TITLE_KIND.search(annex.title or "")
            if (
                named
                and named.group(1).lower() == kind
                and annex.paragraphs
                and not any(mark.at == f"annex-{index + 1}" for mark in parsed.marks)
            ):
                return index, kind if kind in KINDS else "declaration"
    return None


def read_paragraphs(paragraphs: list[str], lines: list[int], kind: str) -> ReadInstrument:
    """An instrument from paragraphs already joined (an annex's), each with the line it starts on."""
    read = ReadInstrument(kind)
    reader = _Reader(read)
    for line, text in zip(lines, paragraphs, strict=True):
        reader.take(line, text, True)
    _check_numbering(read)
    return read


# --- the record -------------------------------------------------------------------------------------------


def instrument_data(read: ReadInstrument, instrument_id: str, title: str, organization: str | None) -> dict:
    data: dict = {"id": instrument_id, "kind": "instrument", "title": title}
    if organization:
        data["organization"] = organization
    data["type"] = read.kind if read.kind in KINDS else "other"
    data["provisions"] = [_provision(provision) for provision in read.provisions]
    data["articles"] = [
        _given(
            number=article.number,
            title=article.title,
            heading="\n".join(article.heading),
            label=article.label,
            paragraphs=[_provision(p) for p in article.paragraphs],
        )
        for article in read.articles
    ]
    data["closing"] = read.closing
    return data


def _provision(provision: ReadProvision) -> dict:
    return _given(
        heading="\n".join(provision.heading),
        number=provision.number,
        text=provision.text,
        items=[_point(point) for point in provision.items],
        tail=provision.tail,
        glued=provision.glued,
    )


def _point(point: ReadPoint) -> dict:
    return _given(label=point.label, text=point.text, items=[_point(item) for item in point.items], glued=point.glued)


def _given(**fields) -> dict:
    return {name: value for name, value in fields.items() if value}
