"""Classify the paragraphs in reading order. Each becomes what it is: a part's label and title, an annex
heading or an annex's text, a closing line, a footnote printed at the foot of a page, an item, a heading, the
words under a formula or after a clause's items, a clause; or, failing all of them, a paragraph kept as printed
but not understood. Each content line is anchored to the part it went into, so that the marks taken out
around it can be placed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..formulas import OPERATIVE_VERBS, Phrase, find_phrase, formula_kind
from ..rendering.parts import join_words
from .items import place_item
from .lines import (
    ANNEX_HEADING,
    CLAUSE_NUMBER,
    CLOSING,
    ITEM_LABEL,
    OUTCOME_WORDS,
    PLAIN_FOOTNOTE,
    TERMINAL,
    Line,
    annex_with_title,
    strip_markup,
)
from .marks import Anchor
from .paragraphs import Paragraph, is_heading, starts_unit
from .parsed import (
    ImportFailure,
    ParsedAnnex,
    ParsedClause,
    ParsedFootnote,
    ParsedItem,
    ParsedMark,
    ParsedPart,
    ParsedText,
    TextWarning,
)
from .parts import BARE_LABEL, find_parts, part_label


def classify(
    paragraphs: list[Paragraph], content: list[Line], parsed: ParsedText, hints: dict[int, str] | None = None
) -> dict[int, Anchor]:
    """Read `paragraphs` into `parsed`, in order; return each content line's anchor, by the line's index.
    `hints`: lines a PDF's layout showed to be headings (set in bold), by line number."""
    reader = _Reader(paragraphs, content, parsed)
    reader.hints = hints or {}
    for position, paragraph in enumerate(paragraphs):
        reader.read(position, paragraph)
    return reader.finish()


@dataclass
class _Opening:
    """What a paragraph that is not an item opens with, and the paragraph after it."""

    number: re.Match[str] | None  # a clause number, or the letter of a lettered preambular paragraph
    label: re.Match[str] | None  # an item label with no clause yet to hold the item
    phrase: Phrase | None  # the formula after the number
    rest: str  # the words after the number
    following: str  # the next paragraph's text ("" after the last)

    @property
    def bare(self) -> bool:
        """Neither a number, nor a formula, nor a label."""
        return not self.number and not self.phrase and not self.label


class _Reader:
    """Where the reading stands, paragraph after paragraph, and what it has open: a method for each kind of
    paragraph, which takes it (and says so) when the paragraph is of that kind."""

    def __init__(self, paragraphs: list[Paragraph], content: list[Line], parsed: ParsedText) -> None:
        self.paragraphs = paragraphs
        self.content = content
        self.parsed = parsed
        self.anchors: dict[int, Anchor] = {}
        self.region = "operative" if parsed.starts_operative else "preamble"
        self.clause: ParsedClause | None = None
        self.place = ""
        self.stack: list[tuple[list[ParsedItem], str]] = []  # open item levels: (items, place of the level's owner)
        self.pending_heading: str | None = None
        self.hints: dict[int, str] = {}  # see classify
        self.annex: ParsedAnnex | None = None
        self.annex_length = 0
        self.listing: ParsedClause | None = None  # an unnumbered clause whose numbered paragraphs are its items
        self.introduced: ParsedClause | None = None  # a clause whose colon introduced a quotation or a list
        self.closing_over = False  # a paragraph after the closing lines that is none of them: they have ended
        self.unlabelled: ParsedClause | None = None  # a clause whose items lost their labels (kept in its words)
        self.position = 0
        # where the numbered operative clauses start ("1. Decides ..."): unnumbered paragraphs above it that no
        # operative formula opens are still the preamble, whatever their last stop (OCR prints "." for ",")
        self.first_numbered = next(
            (index for index, paragraph in enumerate(paragraphs) if _numbered_operative(paragraph.text) == 1), None
        )
        # before anything is read: the first part's label moves from the heading to the parts
        self.repeats, self.part_heads = find_parts(paragraphs, parsed)
        self.heads = {index for indexes in self.part_heads.values() for index in indexes}

    def read(self, position: int, paragraph: Paragraph) -> None:
        """Take one paragraph: the first kind it is, tried in this order, takes it."""
        if self._part_boundary(position, paragraph):
            return
        if paragraph.bullet:
            self.parsed.marks.append(
                ParsedMark("markup", paragraph.bullet, self._line(paragraph), index=paragraph.lines[0])
            )
        plain = strip_markup(paragraph.text)
        self.position = position
        if (
            self._annex_heading(paragraph, plain)
            or self._annex_text(paragraph)
            or self._closing(paragraph, plain)
            or self._page_foot_footnote(paragraph)
            or self._after_closing(paragraph)
        ):
            return
        if self._numbered_item(paragraph):
            return
        damaged = self._damaged_number(paragraph)
        if damaged is not None:
            self._clause(paragraph, self._opening(position, paragraph.text, damaged, True), "operative")
            return
        label = ITEM_LABEL.match(paragraph.text)
        if label is None and self.clause is not None and self.clause.items:
            label = _DAMAGED_LABEL.match(paragraph.text)  # "(c} The principles ...": "}" for ")", as OCR reads it
            if label is not None:
                self.parsed.warnings.append(
                    TextWarning(
                        self._line(paragraph),
                        f"read {label.group(1)!r} as an item label, printed damaged",
                        "RT531",
                        "check the label against the official document; it is kept as printed",
                    )
                )
        lettered = label is not None and self._lettered_preamble(paragraph.text, label)
        if label and not lettered and self._item(paragraph, label):
            return
        opening = self._opening(position, paragraph.text, label, lettered)
        if self._part_title(paragraph, opening):
            return
        if opening.bare and _stands_above_items(paragraph.text, opening.following):
            opening.phrase = find_phrase(paragraph.text, alone=True)  # "considering" above "a) ...", as ITU prints
        if (
            self._quotation(paragraph, opening)
            or self._unlabelled_item(position, paragraph, opening)
            or self._words_under_formula(paragraph, opening)
            or self._short_heading(paragraph, opening)
            or self._clause_tail(paragraph, opening)
            or self._heading(paragraph, opening)
        ):
            return
        kind = self._clause_kind(opening)
        if kind is None:
            self._unclassified(paragraph, "not a clause, an item or a heading")
        else:
            self._clause(paragraph, opening, kind)

    def finish(self) -> dict[int, Anchor]:
        """Once every paragraph is read: keep a heading left with nothing under it, and return the anchors."""
        if self.pending_heading:
            self._not_understood(
                self.pending_heading, self.content[-1].number, len(self.content), "a heading with nothing under it"
            )
        if not self.parsed.preamble and not self.parsed.operative:
            raise ImportFailure("no clauses found after the opening formula", self.parsed.formula_line)
        return self.anchors

    # --- the kinds of paragraph, in the order `read` tries them -------------------------------------------

    def _part_boundary(self, position: int, paragraph: Paragraph) -> bool:
        """A part's label and title, or the formula printed again under them."""
        if position not in self.heads and position not in self.repeats:
            return False
        self._set_aside(paragraph)
        if position in self.repeats:  # the formula again: a new part begins
            parsed = self.parsed
            parsed.parts[-1].closing = parsed.closing
            parsed.closing = []
            label, title = part_label([self.paragraphs[index].text for index in self.part_heads[position]])
            parsed.parts.append(ParsedPart(label, title, self._line(paragraph)))
            self.region, self.clause, self.stack, self.pending_heading = "preamble", None, [], None
        return True

    def _annex_heading(self, paragraph: Paragraph, plain: str) -> bool:
        annex_heading = ANNEX_HEADING.match(plain)
        titled = None if annex_heading else annex_with_title(paragraph.text)
        if not ((annex_heading or titled) and self._clauses_seen):
            return False
        line = self._line(paragraph)
        if self.pending_heading:  # a short line just above the annex heading: kept where it stood
            self._not_understood(self.pending_heading, line, paragraph.lines[0], "a line before the annex")
            self.pending_heading = None
        if titled is not None:  # "Annex II Main lines of ...": heading and title on one line
            self.annex = ParsedAnnex(
                titled.group("head").strip(), titled.group("number"), line, title=titled.group("title")
            )
        else:
            assert annex_heading is not None, "one of the two was found"
            self.annex = ParsedAnnex(paragraph.text, annex_heading.group(2), line)
        self.parsed.annexes.append(self.annex)
        self.region, self.annex_length = "annex", 0
        self._anchor(paragraph, f"annex-{len(self.parsed.annexes)}", offsets=False)
        return True

    def _annex_text(self, paragraph: Paragraph) -> bool:
        """Under an annex heading: the annex's title, then its paragraphs."""
        annex, text = self.annex, paragraph.text
        if not (self.region == "annex" and annex is not None):
            return False
        where = f"annex-{len(self.parsed.annexes)}"
        if annex.title is None and not annex.paragraphs and not text.endswith(TERMINAL) and len(text) < 300:
            annex.title = text
            self._anchor(paragraph, where, offsets=False)
        else:
            shift = self.annex_length + (2 if annex.paragraphs else 0)
            annex.paragraphs.append(text)
            annex.paragraph_lines.append(self._line(paragraph))
            self.annex_length = shift + len(text)
            self._anchor(paragraph, where, shift)
        return True

    def _closing(self, paragraph: Paragraph, plain: str) -> bool:
        """An adoption line, an outcome ("Adopted."), and the lines of the closing after them."""
        if not (
            self._clauses_seen
            and (CLOSING.match(plain) or (self.region == "closing" and not self.closing_over and _closing_line(plain)))
        ):
            return False  # (after a paragraph that is not a closing line, "meeting" or "vote" opens none)
        self.region = "closing"
        if plain.rstrip(".") in OUTCOME_WORDS and len(plain.split()) <= 2:
            self.parsed.outcome = paragraph.text
            self._anchor(paragraph, "closing", offsets=False)
        else:
            self._anchor(paragraph, "closing", offsets=not self.parsed.closing)
            if not self.parsed.closing:
                self.parsed.closing_line = self._line(paragraph)
            self.parsed.closing.append(paragraph.text)
        return True

    def _page_foot_footnote(self, paragraph: Paragraph) -> bool:
        text = paragraph.text
        footnote = PLAIN_FOOTNOTE.match(text)
        if not (
            footnote
            and self._clauses_seen
            and _glued(footnote.group(1), self.parsed)
            and not _next_clause(text, self.parsed)
        ):
            return False
        # "1 Document A72/26." at the foot of a page, its marker glued to the text above ("safety;1")
        line = self._line(paragraph)
        self.parsed.footnotes.append(ParsedFootnote(footnote.group(1), footnote.group(2), line))
        self.parsed.marks.append(ParsedMark("footnote", footnote.group(1), line, index=paragraph.lines[0]))
        self._set_aside(paragraph)
        return True

    def _after_closing(self, paragraph: Paragraph) -> bool:
        if self.region != "closing":
            return False
        self.closing_over = True  # "Decisions" / "At its 2232nd meeting, ... the Council decided ...": not closing
        self._unclassified(paragraph, "after the closing lines")
        return True

    def _lettered_preamble(self, text: str, label: re.Match[str]) -> bool:
        """Whether a labelled paragraph is a lettered preambular paragraph rather than an item."""
        lettered = find_phrase(text[label.end() :]) if self.region == "preamble" else None
        return bool(lettered and lettered.kind == "preamble" and not _introduces_items(self.clause))

    def _item(self, paragraph: Paragraph, label: re.Match[str]) -> bool:
        if self.clause is None:
            return False
        if self.clause.tail:
            # "(a) ...; (b) ...;" then "shall freeze such funds ... by:" then "(i) ...": the clause's closing words
            # introduce items of their own, which the record cannot print after them: kept in those words
            self.clause.tail = f"{self.clause.tail} {paragraph.text}"
            self._anchor(paragraph, self.place, offsets=False)
            self.parsed.warnings.append(
                TextWarning(
                    self._line(paragraph),
                    f"items after the words that close a clause are kept in those words: {_quote(paragraph.text)}",
                    "RT535",
                    "check the clause: its closing words introduce items of their own",
                )
            )
            return True
        item = ParsedItem(label.group(1), paragraph.text[label.end() :], self._line(paragraph))
        where = place_item(item, self.clause, self.place, self.stack)
        self._anchor(paragraph, where)
        return True

    def _opening(self, position: int, text: str, label: re.Match[str] | None, lettered: bool) -> _Opening:
        if lettered:
            number, label = label, None  # "(a) Recalling ...": preambular paragraphs lettered, as IAEA prints
        else:
            number = CLAUSE_NUMBER.match(text)
        rest = text[number.end() :] if number else text
        phrase = find_phrase(rest)
        if phrase is None and not number and self.content[self.paragraphs[position].lines[0]].cut:
            # a clause cut from a run-on line may open with a verb in lower case ("..., adopts this ..."), or
            # with no -s after a plural body ("Ministers, ..., Decide to refer ...")
            phrase = find_phrase(rest, alone=True) or _base_verb(rest)
        if phrase is None:
            phrase = self._italic_phrase(position, rest, number is not None)
        following = self.paragraphs[position + 1].text if position + 1 < len(self.paragraphs) else ""
        return _Opening(number, label, phrase, rest, following)

    def _italic_phrase(self, position: int, rest: str, numbered: bool) -> Phrase | None:
        """The formula a PDF set in italics at the start of the paragraph ("Once again urges"), when the words
        alone do not show one: a hint "phrase:<words>" on its first line."""
        hint = self.hints.get(self.content[self.paragraphs[position].lines[0]].number, "")
        words = hint[len("phrase:") :] if hint.startswith("phrase:") else ""
        if not words or not rest.startswith(words) or not rest[len(words) : len(words) + 1].isspace():
            return None
        kind = "operative" if numbered or not rest.rstrip().endswith(",") else "preamble"
        return Phrase(words, rest[len(words) :].lstrip(), kind)

    def _part_title(self, paragraph: Paragraph, opening: _Opening) -> bool:
        """The title under a part's label that stands as a heading ("II", then its title)."""
        text = paragraph.text
        if not (
            self.pending_heading
            and BARE_LABEL.fullmatch(self.pending_heading)
            and not opening.number
            and not opening.label
            and not text.endswith(TERMINAL)
            and len(text.split()) <= 30
        ):
            return False
        self._hold_heading(paragraph)  # "II" then its title, whatever word opens it
        return True

    def _words_under_formula(self, paragraph: Paragraph, opening: _Opening) -> bool:
        clause, text = self.clause, paragraph.text
        if not (
            clause is not None
            and not clause.items
            and opening.bare
            and text[:1].islower()
            and not _words(clause).endswith(TERMINAL)
        ):
            return False
        # the words under a formula that stood alone: "instructs the Secretary-General" / "to report ..."
        self._anchor(paragraph, self.place, len(_words(clause)) + 1)
        clause.text = f"{clause.text} {text}" if clause.text else text
        return True

    def _short_heading(self, paragraph: Paragraph, opening: _Opening) -> bool:
        """A short line that opens with a capital, above a clause or a sentence: a heading."""
        text, following = paragraph.text, opening.following
        if not (
            opening.bare
            and len(text.split()) <= 10
            and text[:1].isupper()
            and not text.endswith(TERMINAL)
            and (starts_unit(following) or (len(text.split()) <= 6 and following.endswith(TERMINAL)))
        ):
            return False
        self._hold_heading(paragraph)  # "Follow-up and review"
        return True

    def _quotation(self, paragraph: Paragraph, opening: _Opening) -> bool:
        """What a clause ending in a colon introduces, when it is neither clause nor item: paragraphs in quotation
        marks ("... worded as follows:" / "“The Security Council has authorized me ...”"), or the rows of a list
        or table, lines with no stop ("the following list of candidates ...:" / "Mr. Georges Michel ABI-SAAB
        (Egypt)"): words that finish the clause."""
        clause, text = self.clause, paragraph.text
        if clause is None or self.region not in ("preamble", "operative"):
            return False
        quoted = text[:1] in _QUOTES
        row = (
            opening.bare
            and not text.endswith(TERMINAL)
            and not CLOSING.match(strip_markup(text))
            and not is_heading(text)
            and len(text.split()) <= 12 * len(paragraph.lines)
        )
        if not (quoted or row):
            return False
        if self.introduced is not clause:
            following = opening.following
            if not _last_words(clause).endswith(":") or (
                not quoted and (starts_unit(following) or following.endswith(TERMINAL))
            ):
                return False  # the first row: a list goes on below it ("Political declaration" heads a text)
        self.introduced = clause
        clause.tail = f"{clause.tail} {text}" if clause.tail else text
        self._anchor(paragraph, self.place, offsets=False)
        return True

    def _unlabelled_item(self, position: int, paragraph: Paragraph, opening: _Opening) -> bool:
        """Between numbered clauses, paragraphs with no number or label under a clause ending in a colon, before
        its labelled items ("7. Requests the Secretary-General:" / "To continue the practice ...;" / "To circulate
        ...;" / "(c) To continue ..."): items whose labels the conversion lost, kept in the clause's words, warned."""
        clause, text = self.clause, paragraph.text
        if (
            clause is None
            or self.region != "operative"
            or clause.items
            or not clause.number
            or opening.number
            or opening.label
            or (opening.phrase is not None and opening.phrase.kind == "operative")
            or CLOSING.match(strip_markup(text))
            or is_heading(text)
        ):
            return False
        if self.unlabelled is not clause and not _words(clause).endswith(":"):
            return False
        following = _value(clause.number)
        if following is None or not any(
            _numbered_operative(later.text) == following + 1 for later in self.paragraphs[position + 1 :]
        ):
            return False  # only where the numbered clauses go on below
        if self.unlabelled is not clause:  # one warning a clause, at its first such paragraph
            self.parsed.warnings.append(
                TextWarning(
                    self._line(paragraph),
                    f"paragraphs with no label under clause {clause.number} (which ends in a "
                    f"colon) are kept in that clause's words, from {_quote(text)}",
                    "RT536",
                    "their labels ((a), (b) ...) may have been lost in the conversion; add them as items if so",
                )
            )
        self.unlabelled = clause
        self._anchor(paragraph, self.place, len(_words(clause)) + 1)
        clause.text = f"{clause.text} {text}" if clause.text else text
        return True

    def _clause_tail(self, paragraph: Paragraph, opening: _Opening) -> bool:
        clause, text = self.clause, paragraph.text
        if not (
            clause is not None and clause.items and not opening.number and not opening.phrase and text[:1].islower()
        ):
            return False
        clause.tail = f"{clause.tail} {text}" if clause.tail else text  # the words that close the clause
        self._anchor(paragraph, self.place, offsets=False)
        return True

    def _heading(self, paragraph: Paragraph, opening: _Opening) -> bool:
        hinted = all(self.hints.get(self.content[index].number) == "heading" for index in paragraph.lines)
        # set in bold by the page: a heading even when it opens with a word a formula could ("Financing of ...")
        if not ((opening.bare and is_heading(paragraph.text)) or (hinted and not opening.number and not opening.label)):
            return False
        self._hold_heading(paragraph)
        return True

    def _clause_kind(self, opening: _Opening) -> str | None:
        """ "preamble" or "operative", by the formula, the number and the closing punctuation; None when the
        paragraph is not a clause."""
        kind = opening.phrase.kind if opening.phrase else None
        if kind is None and not opening.number:
            # a formula whose markup the record cannot keep apart ("**WHEREAS, **the City", "<p>Whereas ...") still
            # tells the paragraph's kind; its words stay in the text as printed
            hidden = find_phrase(strip_markup(opening.rest))
            kind = hidden.kind if hidden is not None and strip_markup(opening.rest) != opening.rest else None
        if opening.number and not (kind == "preamble" and self.region == "preamble"):
            kind = "operative"
        if self.parsed.enacting:
            # above "NOW, THEREFORE, BE IT RESOLVED" the preamble, whatever it quotes ("Section 1."); below it what
            # the body resolved, whatever its words ("that the City ... certifies:")
            above = self.paragraphs[self.position].lines[0] < self.parsed.above_formula
            return "preamble" if above else "operative"
        if kind is None:
            if (
                self.region == "preamble"
                and self.first_numbered is not None
                and self.position < self.first_numbered
                and not opening.number
            ):
                kind = "preamble"  # a quotation, or a preambular paragraph whose "," OCR read as "."
            elif self.region == "operative" or strip_markup(opening.rest).endswith((";", ".")):
                kind = "operative"
            elif strip_markup(opening.rest).endswith((",", ":")):  # "<p>Hereby:</p>": the words' own stop
                kind = "preamble"
        return kind

    def _clause(self, paragraph: Paragraph, opening: _Opening, kind: str) -> None:
        if self.region == "operative":
            kind = "operative"  # a participle among operative clauses stays where it was printed
        self.region = kind
        number, phrase, parsed = opening.number, opening.phrase, self.parsed
        if phrase is not None and join_words(phrase.text, phrase.rest) != opening.rest:
            phrase = None  # "Resolves : ...", "Calls_on ...": split, the words would not print back as printed
            opening.phrase = None
        self.clause = ParsedClause(
            number.group(1) if number else None,
            phrase.text if phrase else None,
            (phrase.rest if phrase else opening.rest) or None,
            self._line(paragraph),
            self.pending_heading,
            part=parsed.parts[-1].label if parsed.parts else None,
        )
        self.pending_heading = None
        clauses = parsed.preamble if kind == "preamble" else parsed.operative
        clauses.append(self.clause)
        self.place = f"{kind}-{len(clauses)}"
        if self.content[paragraph.lines[0]].glued:  # printed with no space after the words before it
            parsed.glued.append(self.place)
        if number and number.group(0) == number.group(1) and self.clause.text:
            parsed.unspaced.append(self.place)  # "1.Negotiations shall ...": no space after the number
        self.stack = []
        self._anchor(paragraph, self.place)

    def _numbered_item(self, paragraph: Paragraph) -> bool:
        """ "Resolves:" or "Notes that ... had to be assisted by an alternate:" with no number, then "1. That ...",
        "2. ...": the numbered paragraphs complete the clause above them, as its items (and a paragraph with no
        number, label or formula among them runs on the item above it)."""
        clause, text = self.clause, paragraph.text
        if clause is None or self.region != "operative":
            return False
        number = CLAUSE_NUMBER.match(text)
        if number is not None and not number.group(1).endswith("."):
            number = None
        damaged = _DAMAGED_NUMBER.match(text) if number is None else None
        number = number or damaged
        if number is None:
            return self._item_runs_on(paragraph)
        value = _value(number.group(1))
        numbered = [item for item in clause.items if _value(item.label) is not None]
        if _numbered_operative(text) is not None:
            return False  # "1. Decides ...": a clause of its own
        if self.listing is not clause:
            if (
                value != 1
                or clause.number is not None
                or clause.items
                or not _words(clause).endswith(":")
                or formula_kind(clause.phrase or _words(clause)) != "operative"
                or any(other.number for other in self.parsed.operative)
            ):
                return False
            self.listing = clause
        elif value != len(numbered) + 1:
            self.listing = None  # the numbering does not run on: the list has ended
            return False
        if damaged is not None:
            self.parsed.warnings.append(
                TextWarning(
                    self._line(paragraph),
                    f"read {damaged.group(1)!r} as item number {value}, printed damaged",
                    "RT531",
                    "check the number against the official document; it is kept as printed",
                )
            )
        if self.pending_heading:  # "A. Restoration of peace and order" above items: kept where it stood
            self._not_understood(
                self.pending_heading,
                self._line(paragraph),
                paragraph.lines[0],
                "a heading among the numbered items of a clause",
            )
            self.pending_heading = None
        item = ParsedItem(number.group(1), text[number.end() :], self._line(paragraph))
        clause.items.append(item)
        owner = self.place.split("/")[0]
        self.stack = [(clause.items, owner)]
        self._anchor(paragraph, f"{owner}/{len(clause.items)}")
        if number.group(0) == number.group(1):
            self.parsed.unspaced.append(f"{owner}/{len(clause.items)}")  # "1.A roster ...": no space after "1."
        return True

    def _item_runs_on(self, paragraph: Paragraph) -> bool:
        """Among numbered items, a paragraph with no number, label or formula: more of the item above it ("3. To
        set up a commission ..." / "The commission shall submit a plan of work to the Council for approval ;")."""
        clause, text = self.listing, paragraph.text
        if (
            clause is None
            or clause is not self.clause
            or not clause.items
            or ITEM_LABEL.match(text)
            or find_phrase(text)
            or CLOSING.match(strip_markup(text))
            or is_heading(text)
        ):
            return False
        item = clause.items[-1]
        shift = len(join_words(item.label, item.text)) + 1
        item.text = f"{item.text} {text}"
        self._anchor(paragraph, f"{self.place.split('/')[0]}/{len(clause.items)}", shift)
        return True

    def _damaged_number(self, paragraph: Paragraph) -> re.Match[str] | None:
        """A clause number as OCR damaged it ("4," "i." "Z." "i9." for "4." "1." "2." "19."), read as the number it
        stands for when that is the next one and an operative formula follows; warned."""
        damaged = _DAMAGED_NUMBER.match(paragraph.text)
        if damaged is None or self.region == "annex" or self.listing is not None:
            return None
        phrase = find_phrase(paragraph.text[damaged.end() :])
        if phrase is None or phrase.kind != "operative" or _value(damaged.group(1)) != _next_number(self.parsed):
            return None
        self.parsed.warnings.append(
            TextWarning(
                self._line(paragraph),
                f"read {damaged.group(1)!r} as clause number {_next_number(self.parsed)}, printed damaged",
                "RT531",
                "check the number against the official document; the number is kept as printed",
            )
        )
        return damaged

    def _unclassified(self, paragraph: Paragraph, why: str) -> None:
        self._not_understood(paragraph.text, self._line(paragraph), paragraph.lines[0], why)
        self._set_aside(paragraph)  # placed later, before the next part

    # --- helpers --------------------------------------------------------------------------------------------

    @property
    def _clauses_seen(self) -> bool:
        return bool(self.parsed.preamble or self.parsed.operative)

    def _line(self, paragraph: Paragraph) -> int:
        """The number of the line `paragraph` starts on."""
        return self.content[paragraph.lines[0]].number

    def _anchor(self, paragraph: Paragraph, where: str, shift: int = 0, offsets: bool = True) -> None:
        for index, start in zip(paragraph.lines, paragraph.starts, strict=True):
            self.anchors[index] = Anchor(where, start + shift if offsets else -1)

    def _set_aside(self, paragraph: Paragraph) -> None:
        """Anchor `paragraph` to no part: what stood there is placed before the next part."""
        for index in paragraph.lines:
            self.anchors[index] = Anchor("", -2)

    def _hold_heading(self, paragraph: Paragraph) -> None:
        """Keep `paragraph` as (more of) the heading of the clause that comes next."""
        self.pending_heading = f"{self.pending_heading} {paragraph.text}" if self.pending_heading else paragraph.text
        self._set_aside(paragraph)

    def _not_understood(self, text: str, line: int, index: int, why: str) -> None:
        """Keep `text` as a mark where it stood (content line `index`), and warn that it was not understood."""
        self.parsed.marks.append(ParsedMark("unclassified", text, line, index=index))
        self.parsed.warnings.append(
            TextWarning(line, f"kept as printed but not understood ({why}): {_quote(text)}", hint=_KEPT_HINT)
        )


# A clause number as OCR damaged it: "4," for "4.", "i." "l." "I." for "1.", "Z." for "2.", "S." for "5.", "i9." for
# "19.", and one glued to its words ("6.Calls")
_DAMAGED_NUMBER = re.compile(
    r"^(\d{1,3},|(?=[\dilIL|ZSO]{0,2}[ilIL|ZSO])[\dilIL|ZSO]{1,3}\.|\d{1,3}\.(?=[A-Z]))"
    r"\s*(?=[A-Z])"
)
_DAMAGED_LABEL = re.compile(r"^(\((?:[a-z]|[ivx]{1,5}|\d{1,2})\}\)?)\s+(?=\S)")
_OCR_DIGITS = str.maketrans({"i": "1", "l": "1", "I": "1", "L": "1", "|": "1", "Z": "2", "S": "5", "O": "0", "o": "0"})


_SECTION_WORD = re.compile(r"^(?:Section|SECTION|Sec\.|SEC\.)\s+")


def _value(number: str | None) -> int | None:
    """The number a printed clause number stands for: "4." -> 4, "14," -> 14, "i9." -> 19; None for a label."""
    if number is None:
        return None
    number = _SECTION_WORD.sub("", number.strip("*_"))  # "Section 3:" -> "3:"
    digits = number.rstrip(".,:\\").translate(_OCR_DIGITS)
    return int(digits) if digits.isdigit() else None


def _next_number(parsed: ParsedText) -> int:
    numbered = [_value(clause.number) for clause in parsed.operative if clause.number]
    known = [value for value in numbered if value is not None]
    return known[-1] + 1 if known else 1


def _numbered_operative(text: str) -> int | None:
    """The number of a paragraph that opens a numbered operative clause ("1. Decides ..."), else None."""
    number = CLAUSE_NUMBER.match(text)
    if number is None:
        return None
    phrase = find_phrase(text[number.end() :])
    return _value(number.group(1)) if phrase is not None and phrase.kind == "operative" else None


def _base_verb(text: str) -> Phrase | None:
    """ "Decide to refer ...": an operative verb with no -s, as a plural body ("Ministers") writes it."""
    word = re.match(r"[A-Za-z]+", text)
    if word is None or word.group().lower() not in OPERATIVE_VERBS:
        return None
    return Phrase(word.group(), text[word.end() :].lstrip(), "operative")


def _stands_above_items(text: str, following: str) -> bool:
    """Whether a few words without a full stop stand above items or lower-case words, as a formula alone."""
    return (
        len(text.split()) <= 6
        and not text.endswith((";", "."))
        and bool(ITEM_LABEL.match(following) or following[:1].islower())
    )


def _glued(marker: str, parsed: ParsedText) -> bool:
    """Whether `marker` stands glued to the words of a clause, as footnote markers do ("safety;1")."""
    pattern = re.compile(rf"(?<=[^\s\d]){re.escape(marker)}(?=[\s,;:.)]|$)")

    def texts(items: list[ParsedItem]):
        for item in items:
            yield item.text
            yield from texts(item.items)

    for clause in [*parsed.preamble, *parsed.operative]:
        if any(pattern.search(text) for text in (clause.text or "", *texts(clause.items))):
            return True
    return False


def _next_clause(text: str, parsed: ParsedText) -> bool:
    """Whether "4 Contained in ..." is operative clause 4 rather than footnote 4: it must be the next number
    and open with an operative formula."""
    number = CLAUSE_NUMBER.match(text)
    if number is None:
        return False
    phrase = find_phrase(text[number.end() :])
    wanted = len(parsed.operative) + 1
    return phrase is not None and phrase.kind == "operative" and number.group(1).rstrip(".\\") == str(wanted)


_QUOTES = "“\"‘'«"


def _last_words(clause: ParsedClause) -> str:
    """The words the clause ends with so far: its last item's (at any depth), or its own."""
    last = clause.items[-1] if clause.items else None
    while last is not None and last.items:
        last = last.items[-1]
    return last.text if last is not None else _words(clause)


def _words(clause: ParsedClause) -> str:
    return " ".join(word for word in (clause.number, clause.phrase, clause.text) if word)


def _introduces_items(clause: ParsedClause | None) -> bool:
    """Whether the words so far end in a colon, so that labelled paragraphs after them are its items."""
    if clause is None:
        return False
    last = clause.items[-1] if clause.items else None
    while last is not None and last.items:
        last = last.items[-1]
    return (last.text if last else clause.text or "").endswith(":") or (clause.text is None and not clause.items)


def _closing_line(text: str) -> bool:
    """After an adoption line: a vote, a date, a verbatim record symbol ("A66/VR/9") belong to it too."""
    if re.match(r"^(?:In favour|Against|Abstaining|Abstentions|Absent|Non-voting)\s*:", text):
        return True  # the countries of a recorded vote
    if _SIGNED.match(text) or _SIGNATORY.search(text):
        return True  # a council's roll call, attestation and signatures
    return bool(re.search(r"\b(vote|votes|abstention|abstentions|meeting|unanimously|consensus)\b", text)) or (
        len(text.split()) <= 6
        and re.search(r"\d|/", text) is not None
        and not ITEM_LABEL.match(text)
        and not CLAUSE_NUMBER.match(text)
    )


# Under a council's adoption line: the roll call ("AYES: ...", "NAYS: None"), the attestation ("ATTEST:",
# "Attested on this ..."), signatures ("[Signature]", "/s/", "____") and who signed ("..., Mayor", "City Clerk").
_SIGNED = re.compile(
    r"^(?:AYES|Ayes|NAYS|Nays|NOES|Noes|YEAS|Yeas|ABSENT|Absent|ABSTAIN(?:ING|ED)?|Abstain(?:ing|ed)?|"
    r"EXCUSED|Excused|ATTEST(?:ED)?|Attest(?:ed)?|APPROVED AS TO|Approved as to|(?:SIGNED|Signed)\s*:|"
    r"\[Signature\]|/s/|_{3,}|Signature\b)"
)
_SIGNATORY = re.compile(
    r"(?:^|,\s*)(?:City |Town |Village |County |Deputy |Assistant |Acting )?(?:Mayor|Clerk|Recorder|"
    r"Secretary|President|Chair(?:man|person|woman)?|Speaker|Attorney|Manager|Treasurer)"
    r"(?:/[\w ]+)?\.?$"
)


_KEPT_HINT = (
    "it is kept under layout.marks and printed back where it stood; if it belongs to a clause, "
    "move its words there and delete the mark"
)


def _quote(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")
