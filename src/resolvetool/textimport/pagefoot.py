"""Footnotes printed without a separator: "10 Ibid., document S/6569." after the closing lines of an OCR'd
volume, "2 A/79/552-S/2024/767." at the foot of a page of raw PDF text, "1/ S/24600. 2/ S/24476." as the
1990s documents print them. A line of that shape is a footnote only when it cannot be the clause it looks
like: its number does not continue the clauses' numbering and its words open with no formula, or the text
above cites its marker ("Council,1", "1965, 10 stating", "28 September 1992 1/"), or it stands under the
closing lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..formulas import find_phrase
from .lines import ANNEX_HEADING, CLAUSE_NUMBER, CLOSING, SUPERSCRIPTS, ends_sentence_part, strip_markup

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
# "10 Ibid., ...", "1/ S/24600.", "¹ Official Records ...": a marker, then words that do not open in lower case
# (a wrapped sentence: "8 and 9 December") and are not a date ("1 December 2025", a closing's date line)
FOOTNOTE_START = re.compile(rf"^(\d{{1,3}}/|\d{{1,3}}|[{SUPERSCRIPTS}]{{1,3}})\s+(?!{_MONTH})(?=[^\sa-z])(\S.*)$")
# several footnotes on one line: "1/ S/24476, annex. 2/ S/24704, annex."
_NEXT_ON_LINE = re.compile(r"\s+(?=\d{1,3}/\s+\S)")
_DOTTED_NUMBER = re.compile(r"^(\d{1,3})[.,]\s*\S")


@dataclass
class PageFoot:
    """What the text above a line says about it: the clause number that would come next, whether the closing
    lines stood above, and the words printed so far (where markers are cited)."""

    next_number: int = 1
    after_closing: bool = False
    in_annex: bool = False  # an annex's numbered paragraphs ("1 Paragraph 1 is replaced ...") are its own
    last_footnote: int | None = None  # the number of the footnote just taken out, while no text follows it
    words: list[str] = field(default_factory=list)

    def saw(self, text: str, opens_paragraph: bool) -> None:
        """Note a content line: a numbered clause moves the numbering on, an adoption line opens the closing."""
        plain = strip_markup(text)
        self.words.append(plain)
        self.last_footnote = None
        if not opens_paragraph:
            return
        number = _DOTTED_NUMBER.match(plain) or CLAUSE_NUMBER.match(plain)
        if number:
            digits = re.match(r"\d+", number.group(1))
            if digits:
                self.next_number = int(digits.group(0)) + 1
        elif CLOSING.match(plain):
            self.after_closing = True
        elif ANNEX_HEADING.match(plain):
            self.after_closing, self.in_annex = False, True

    def footnote(self, text: str) -> tuple[re.Match[str] | None, str | None]:
        """The marker and words of `text` when it is a footnote printed without a separator, and, when that is
        a guess (its marker not cited above, not under the closing lines), why it was read so."""
        found = FOOTNOTE_START.match(text)
        if found is None:
            return None, None
        marker, rest = found.group(1), found.group(2)
        if marker[0] in SUPERSCRIPTS or marker.endswith("/"):
            return found, None  # "¹ ...", "1/ ...": no clause is numbered so
        number = int(marker)
        phrase = find_phrase(rest)
        ended = bool(self.words) and ends_sentence_part(self.words[-1])
        if number == self.next_number and phrase is not None and ended:
            return None, None  # "3 Decides ...": the next clause, numbered without a point
        if self.after_closing or self._cited(marker) or self.last_footnote == number - 1:
            return found, None
        if self.in_annex or not rest[:1].isupper():
            return None, None  # "20 (1982) of 17 September 1982, ...": uncited, a sentence running on
        if self.words and not ended and not rest.rstrip().endswith((",", ";")):
            # above it a sentence cut off ("... military holdings to the" / "6 A/77/126, para. 106."): no clause
            # opens before it ends, so this is the foot of the page (a guess: the stop may be lost)
            return found, "the sentence above it is cut off, so no clause can open here"
        # not the next clause's number, no formula, and above it a sentence that ended: a footnote whose
        # marker the text no longer shows ("18 Resolutions or decisions on this question ...")
        # (a formula may open it when its number is far from the next clause's: "18 Resolutions or decisions ...")
        far = number > self.next_number + 1 or number < self.next_number - 1
        guess = (
            number != self.next_number and (phrase is None or far) and ended and not rest.rstrip().endswith((",", ";"))
        )
        return (found, "its number does not continue the clauses'") if guess else (None, None)

    def took(self, marker: str) -> None:
        """Note a footnote taken out: the next one at this foot of the page is its number plus one."""
        self.last_footnote = int(marker) if marker.isdigit() else None

    def _cited(self, marker: str) -> bool:
        """Whether the text above cites `marker` as a footnote's: glued to a word or a year ("Council,1",
        "20242"), or after punctuation or at the end of a line, set off by a space ("1965, 10 stating")."""
        glued = r"(?<=[a-z)\]”\"])|(?<=[a-z)\]”\"][,;:.])|(?<=\d[,;:])|(?<=(?:19|20)\d\d)"
        spaced = r"(?<=[,;:.”\")\]] )"
        pattern = re.compile(rf"(?:{glued}|{spaced}){marker}(?=[\s,;:.)]|$)|(?<=[a-z] ){marker}$")
        return any(pattern.search(words) for words in self.words)


def split_footnotes(marker: str, words: str) -> list[tuple[str, str]]:
    """The footnotes of one line: "1/ S/24476, annex. 2/ S/24704, annex." -> ("1/", ...), ("2/", ...)."""
    if not marker.endswith("/"):
        return [(marker, words)]
    pieces = _NEXT_ON_LINE.split(words)
    found = [(marker, pieces[0])]
    for piece in pieces[1:]:
        head, _, rest = piece.partition(" ")
        found.append((head, rest.strip()))
    return found
