"""Read a plain-text resolution: heading, opening formula, clauses and items, closing lines, annexes,
footnotes, and whatever else the page printed, each kept where it stood.

The text is read in three passes: lines that are not text (footnotes and markers set off by the layout,
separators, page furniture, running headers) are taken out and remembered; the rest is joined into
paragraphs, mending hard-wrapped lines and paragraphs that a page break cut in two; the paragraphs are then
classified in reading order. Removed lines come back as marks on the part they stood in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..textforms import find_date
from .lines import (ANNEX_HEADING, BULLET, CLAUSE_NUMBER, CLOSING, FURNITURE, ITEM_LABEL, LONE_MARKER,
                    MARKDOWN_FOOTNOTE, OUTCOME_WORDS, PLAIN_FOOTNOTE, SECTION_HEADING, SEPARATOR, SUPERSCRIPTS,
                    TERMINAL, Line, ends_sentence_part, read_lines, strip_markup)
from .phrases import find_phrase


class ImportFailure(Exception):
    """The text cannot be read as a resolution at all; `line` says where the reading stopped."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class TextWarning:
    line: int
    message: str
    code: str = "RT501"
    hint: str | None = None


@dataclass
class ParsedItem:
    label: str
    text: str
    line: int
    items: list[ParsedItem] = field(default_factory=list)


@dataclass
class ParsedClause:
    number: str | None
    phrase: str | None
    text: str
    line: int
    heading: str | None = None
    items: list[ParsedItem] = field(default_factory=list)
    tail: str | None = None
    part: str | None = None


@dataclass
class ParsedAnnex:
    heading: str
    number: str | None
    line: int
    title: str | None = None
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class ParsedPart:
    label: str
    title: str | None
    line: int
    closing: list[str] = field(default_factory=list)


@dataclass
class ParsedMark:
    kind: str
    text: str
    line: int
    at: str = "end"
    offset: int | None = None
    index: int = -1  # for marks made while classifying: the content line the paragraph starts at


@dataclass
class ParsedFootnote:
    marker: str
    text: str
    line: int


@dataclass
class ParsedText:
    heading: list[str]
    heading_lines: list[int]
    formula: str
    formula_line: int
    parts: list[ParsedPart] = field(default_factory=list)
    preamble: list[ParsedClause] = field(default_factory=list)
    operative: list[ParsedClause] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    outcome: str | None = None
    annexes: list[ParsedAnnex] = field(default_factory=list)
    footnotes: list[ParsedFootnote] = field(default_factory=list)
    footnote_style: str = "plain"
    formula_after_preamble: bool = False
    marks: list[ParsedMark] = field(default_factory=list)
    warnings: list[TextWarning] = field(default_factory=list)


@dataclass
class _Paragraph:
    lines: list[int]  # indexes into the content lines
    starts: list[int]  # where each line starts in `text`
    text: str
    bullet: str | None = None

    def add(self, text: str, index: int) -> None:
        self.starts.append(len(self.text) + 1)
        self.text += " " + text
        self.lines.append(index)


def parse_text(source: str) -> ParsedText:
    lines = read_lines(source)
    formula_at, formula_end = _find_formula(lines)
    preamble_at = _preamble_above(lines, formula_at)
    heading_lines = [line for line in lines[:preamble_at] if line.text]
    heading = _heading_paragraphs(lines[:preamble_at])
    formula = " ".join(line.text for line in lines[formula_at:formula_end + 1])
    parsed = ParsedText(heading=[text for text, _ in heading], heading_lines=[number for _, number in heading],
                        formula=formula, formula_line=lines[formula_at].number,
                        formula_after_preamble=preamble_at < formula_at)
    body = lines[preamble_at:formula_at] + lines[formula_end + 1:]
    content, removed = _take_out(body, parsed, heading_lines)
    paragraphs = _paragraphs(content)
    anchors = _classify(paragraphs, content, parsed)
    _place_marks(removed, anchors, len(content), parsed)
    return parsed


# --- the formula and the heading above it ----------------------------------------------------------------

_FORMULA = re.compile(r"^(?:The|THE)\s+[^;]{3,400}[,:]$")


def _find_formula(lines: list[Line]) -> tuple[int, int]:
    for start, line in enumerate(lines):
        text = strip_markup(line.text)
        if not text.startswith(("The ", "THE ")):
            continue
        end, words = start, text
        while not words.endswith((",", ":")) and end + 1 < len(lines) and lines[end + 1].text and end - start < 4:
            end += 1
            words += " " + strip_markup(lines[end].text)
        if _FORMULA.match(words) and len(words.split()) <= 60 and _opens_clauses(lines, end + 1):
            return start, end
    raise ImportFailure("no opening formula found (a line such as 'The General Assembly,' before the clauses); "
                        "is this the text of a resolution?")


def _preamble_above(lines: list[Line], formula_at: int) -> int:
    """Where preambular paragraphs start above the formula, when they stand there ("Whereas ...;" then
    "The Assembly:", as ICAO prints); `formula_at` when the formula opens the text, as it usually does."""
    for index in range(formula_at):
        line = lines[index]
        if line.text and (index == 0 or not lines[index - 1].text):
            phrase = find_phrase(strip_markup(line.text))
            if phrase is not None and phrase.kind == "preamble" and phrase.text.lower() != "resolution":
                end = index
                while end + 1 < formula_at and lines[end + 1].text:
                    end += 1
                if lines[end].text.endswith((",", ";")):
                    return index
    return formula_at


def _opens_clauses(lines: list[Line], start: int) -> bool:
    for line in lines[start:]:
        if not line.text or LONE_MARKER.match(line.text):
            continue
        text = BULLET.sub("", line.text)
        return bool(find_phrase(text) or CLAUSE_NUMBER.match(text) or ITEM_LABEL.match(text)
                    or SECTION_HEADING.match(text) or text.endswith(TERMINAL)
                    or len(text.split()) <= 4 and find_phrase(text, alone=True))
    return False


# Lines that open a heading paragraph of their own even without a blank line before them.
_HEADING_LINE = re.compile(
    r"^(?:United Nations\b|[A-Z][\w ]+ Distr\.|Distr\.|Agenda items?\b|Resolution adopted\b|\[|\(adopted\b|"
    r"(?:ES-\d+|S-\d+|\d{1,4})/\d{1,4}(?: [A-Z])?\.\s|Resolution \d|RESOLUTION\b|Subject\s*:|[A-Z]/(?:[A-Z0-9-]+/)*RES/|"
    r"(?:WHA|EB)\d|[\w-]+ (?:regular |special )?session\b)", re.IGNORECASE)


def _heading_paragraphs(lines: list[Line]) -> list[tuple[str, int]]:
    """The heading as paragraphs: lines joined up to a blank line, or up to a line that opens a heading
    paragraph of its own (a symbol line, "Resolution adopted ...", "[on the report of ...]")."""
    paragraphs: list[tuple[str, int]] = []
    joined: list[str] = []
    first = 0
    for line in [*lines, Line(0, "", 0)]:
        if joined and (not line.text or _HEADING_LINE.match(strip_markup(line.text))):
            paragraphs.append((" ".join(joined), first))
            joined = []
        if line.text:
            if not joined:
                first = line.number
            joined.append(line.text)
    return paragraphs


# --- lines that are not text ------------------------------------------------------------------------------

@dataclass
class _Removed:
    kind: str
    text: str
    line: int
    before: int  # index of the content line it stood before (len(content) at the end)
    footnote: bool = False  # a footnote printed here


def _take_out(body: list[Line], parsed: ParsedText, heading_lines: list[Line]) -> tuple[list[Line], list[_Removed]]:
    content: list[Line] = []
    removed: list[_Removed] = []
    lone_markers: list[_Removed] = []
    repeated = {strip_markup(line.text) for line in heading_lines if len(line.text) >= 8}
    repeated |= {text for text in parsed.heading if len(text) >= 8}
    # a line that stands alone between blank lines more than once is a running header ("Page header")
    standalone = {index for index, line in enumerate(body) if line.text
                  and (index == 0 or not body[index - 1].text) and (index + 1 == len(body) or not body[index + 1].text)}
    counts: dict[str, int] = {}
    for index in standalone:
        text = body[index].text
        if not text.endswith(TERMINAL) and len(text) < 120:
            counts[text] = counts.get(text, 0) + 1
    index = 0
    under_separator = False  # footnotes printed one a line follow a separator: "____", then "1 See ..."
    after_annex = False  # the line after "ANNEX" is its title, even when it repeats the resolution's title
    while index < len(body):
        line = body[index]
        text = line.text
        if not text:
            content.append(line)
            under_separator = False
            index += 1
            continue
        title_of_annex, after_annex = after_annex, bool(ANNEX_HEADING.match(strip_markup(text)))
        # footnotes printed one a line: under a separator, or led by a superscript marker ("¹ Official ...")
        plain = PLAIN_FOOTNOTE.match(text) if under_separator or text[0] in SUPERSCRIPTS else None
        if plain:
            words = [plain.group(2)]
            index += 1
            while index < len(body) and body[index].text and not PLAIN_FOOTNOTE.match(body[index].text):
                words.append(body[index].text)
                index += 1
            parsed.footnotes.append(ParsedFootnote(plain.group(1), " ".join(words), line.number))
            removed.append(_Removed("footnote", plain.group(1), line.number, len(content), footnote=True))
            continue
        definition = MARKDOWN_FOOTNOTE.match(text)
        if definition:
            words = [definition.group(2)]
            index += 1
            while index < len(body) and body[index].text and not MARKDOWN_FOOTNOTE.match(body[index].text):
                words.append(body[index].text)
                index += 1
            parsed.footnotes.append(ParsedFootnote(definition.group(1), " ".join(words).strip(), line.number))
            parsed.footnote_style = "markdown"
            removed.append(_Removed("footnote", definition.group(1), line.number, len(content), footnote=True))
            continue
        if LONE_MARKER.match(text):
            following = body[index + 1] if index + 1 < len(body) else None
            if following is not None and following.text and following.indent > line.indent:
                words = []
                index += 1
                while index < len(body) and body[index].text and body[index].indent > line.indent \
                        and not LONE_MARKER.match(body[index].text):
                    words.append(body[index].text)
                    index += 1
                parsed.footnotes.append(ParsedFootnote(text, " ".join(words), line.number))
                removed.append(_Removed("footnote", text, line.number, len(content), footnote=True))
                continue
            mark = _Removed("page-number", text, line.number, len(content))
            lone_markers.append(mark)
            removed.append(mark)
        elif SEPARATOR.match(text):
            removed.append(_Removed("markup", text, line.number, len(content)))
            under_separator = True
        elif FURNITURE.match(text) and not title_of_annex:
            removed.append(_Removed("page-footer", text, line.number, len(content)))
        elif not title_of_annex and (_repeats(strip_markup(text), repeated) or index in standalone
                                     and counts.get(text, 0) > 1 and not _starts_unit(text) and not _is_heading(text)):
            removed.append(_Removed("running-header", text, line.number, len(content)))
        else:
            content.append(line)
        index += 1
    markers = {footnote.marker for footnote in parsed.footnotes}
    for mark in lone_markers:
        if mark.text in markers:
            mark.kind = "footnote-marker"
    return content, removed


def _repeats(text: str, heading: set[str]) -> bool:
    """Whether a body line repeats the heading, as running headers do ("80/1. Participation by ..." above,
    "Participation by ..." at the top of every later page)."""
    if text in heading:
        return True
    if len(text) < 15 or text.endswith(TERMINAL) or find_date(text) and len(text.split()) <= 4:
        return False  # too short to be sure, or the date line of a closing
    if any(line.endswith(" " + text) and len(line[:-len(text)].split()) <= 3 for line in heading):
        return True
    # "A/RES/79/250 Programme planning": the symbol of one heading line with the title of another
    words = text.split()
    for symbol, title in ((words[0], " ".join(words[1:])), (words[-1], " ".join(words[:-1]))):
        if re.search(r"\d", symbol) and len(title.split()) >= 2 and any(symbol in line.split() for line in heading) \
                and any(line == title or line.endswith(" " + title) for line in heading):
            return True
    return False


# --- paragraphs -------------------------------------------------------------------------------------------

def _starts_unit(text: str) -> bool:
    """Whether a line can open a paragraph of its own: a number, a label, a formula, a closing line."""
    text = BULLET.sub("", text)
    return bool(CLAUSE_NUMBER.match(text) or ITEM_LABEL.match(text) or find_phrase(text) or CLOSING.match(text)
                or ANNEX_HEADING.match(text) or MARKDOWN_FOOTNOTE.match(text))


def _starts_clearly(text: str) -> bool:
    """A line that opens a paragraph beyond doubt: a number, a label, a formula in capitals, or a formula
    followed by words in lower case ("Decides that", "Recalling its"), not a name ("Comoros, Fiji")."""
    text = BULLET.sub("", text)
    if CLAUSE_NUMBER.match(text) or ITEM_LABEL.match(text) or CLOSING.match(text):
        return True
    phrase = find_phrase(text)
    if phrase is None:
        return False
    rest = phrase.rest.lstrip(",; ")
    return phrase.text.isupper() or rest[:1].islower()


def _is_heading(text: str) -> bool:
    text = strip_markup(text)
    return bool(SECTION_HEADING.match(text) and not text.endswith(TERMINAL) and len(text.split()) <= 14
                or ANNEX_HEADING.match(text))


def _paragraphs(content: list[Line]) -> list[_Paragraph]:
    paragraphs: list[_Paragraph] = []
    current: _Paragraph | None = None
    gap = False  # a blank line since the last text line
    page_break = False  # and lines taken out since then (a running header, a page footer)
    for index, line in enumerate(content):
        if index and line.number != content[index - 1].number + 1:
            page_break = True
        if not line.text:
            gap = True
            continue
        if current is not None and _continues(current, line.text, gap, page_break):
            current.add(line.text, index)
        else:
            current = _Paragraph([index], [0], line.text)
            paragraphs.append(current)
        gap = page_break = False
    for paragraph in paragraphs:
        bullet = BULLET.match(paragraph.text)
        if bullet and (ITEM_LABEL.match(paragraph.text[bullet.end():]) or find_phrase(paragraph.text[bullet.end():])):
            paragraph.bullet = paragraph.text[:bullet.end()].strip()
            cut = bullet.end()
            paragraph.text = paragraph.text[cut:]
            paragraph.starts = [0] + [start - cut for start in paragraph.starts[1:]]
    return paragraphs


def _continues(paragraph: _Paragraph, text: str, gap: bool, page_break: bool = False) -> bool:
    previous = paragraph.text
    ended = ends_sentence_part(previous)
    if ANNEX_HEADING.match(strip_markup(previous)) or ANNEX_HEADING.match(strip_markup(text)):
        return False  # an annex heading stands on its own line
    if not gap:
        if previous.endswith(",") and not _starts_clearly(text):
            return True  # a list of names wrapped after a comma ("..., Chad,\nComoros, Fiji, ...")
        return not ((ended or _is_heading(previous)) and _starts_unit(text))
    if _starts_unit(text):
        return False
    # across a blank line, only a paragraph that a page break or a running header cut in two runs on
    if page_break and previous.endswith(",") and text[:1].islower():
        return True  # an item cut by a page break just after a comma
    if ended or _is_heading(previous) or _is_heading(text) or CLOSING.match(strip_markup(previous)):
        return False
    last = previous.rsplit(" ", 1)[-1]
    if previous.isupper() or text.split(" ", 1)[0].isupper():
        return False  # headings in capitals
    return len(previous.split()) > 6 and (text[:1].islower() or last.isalpha() and last.islower())


# --- classification ---------------------------------------------------------------------------------------

_ROMAN = re.compile(r"^[ivxlc]+$")


def _label_core(label: str) -> str:
    return label.strip("()").rstrip(").")


def _label_families(label: str) -> set[str]:
    core = _label_core(label)
    if label.startswith("."):
        return {"point"}
    families = set()
    if core.isdigit():
        families.add("number")
    if len(core) == 1 and core.islower() or (len(core) > 1 and len(set(core)) == 1 and core.islower()):
        families.add("letter")
    if _ROMAN.match(core):
        families.add("roman")
    if core.isupper() and len(core) == 1:
        families.add("upper")
    if _ROMAN.match(core.lower()) and core.isupper():
        families.add("upper-roman")
    return families


def _is_first(label: str) -> bool:
    return _label_core(label) in ("a", "A", "1", "i", "I") or label.startswith(".1") and label.count(".") == 1


def _first_family(label: str) -> str:
    """The kind of sequence `label` opens: "(i)" opens roman numerals, though it is also a letter."""
    core = _label_core(label)
    if label.startswith("."):
        return "point"
    return {"a": "letter", "A": "upper", "1": "number", "i": "roman", "I": "upper-roman"}.get(core, "")


def _is_successor(previous: str, label: str) -> bool:
    a, b = _label_core(previous), _label_core(label)
    if a.isdigit() and b.isdigit():
        return int(b) == int(a) + 1
    if len(a) == len(b) == 1 and a.isalpha() and b.isalpha():
        return ord(b) == ord(a) + 1
    numerals = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]
    if a.lower() in numerals and b.lower() in numerals:
        return numerals.index(b.lower()) == numerals.index(a.lower()) + 1
    if previous.startswith(".") and label.startswith("."):
        return label.count(".") == previous.count(".") and b.rsplit(".", 1)[-1].isdigit() \
            and a.rsplit(".", 1)[-1].isdigit() and int(b.rsplit(".", 1)[-1]) == int(a.rsplit(".", 1)[-1]) + 1
    return False


@dataclass
class _Anchor:
    place: str
    start: int  # where this content line starts in the part's printed words (-1: the part has no offsets)


def _classify(paragraphs: list[_Paragraph], content: list[Line], parsed: ParsedText) -> dict[int, _Anchor]:
    anchors: dict[int, _Anchor] = {}
    region = "preamble"
    clause: ParsedClause | None = None
    place = ""
    stack: list[tuple[list[ParsedItem], str]] = []  # open item levels: (items, place of the level's owner)
    pending_heading: str | None = None
    annex: ParsedAnnex | None = None
    annex_length = 0

    def anchor(paragraph: _Paragraph, where: str, shift: int = 0, offsets: bool = True) -> None:
        for index, start in zip(paragraph.lines, paragraph.starts):
            anchors[index] = _Anchor(where, start + shift if offsets else -1)

    def unclassified(paragraph: _Paragraph, why: str) -> None:
        line = content[paragraph.lines[0]].number
        parsed.marks.append(ParsedMark("unclassified", paragraph.text, line, index=paragraph.lines[0]))
        parsed.warnings.append(TextWarning(line, f"kept as printed but not understood ({why}): "
                                              f"{_quote(paragraph.text)}", hint=_KEPT_HINT))
        for index in paragraph.lines:
            anchors[index] = _Anchor("", -2)  # placed later, before the next part

    repeats, part_heads = _find_parts(paragraphs, content, parsed)
    heads = {index for indexes in part_heads.values() for index in indexes}
    for position, paragraph in enumerate(paragraphs):
        text = paragraph.text
        plain = strip_markup(text)
        line = content[paragraph.lines[0]].number
        if position in heads or position in repeats:
            for index in paragraph.lines:
                anchors[index] = _Anchor("", -2)
            if position in repeats:  # the formula again: a new part begins
                parsed.parts[-1].closing = parsed.closing
                parsed.closing = []
                label, title = _part_label([paragraphs[index].text for index in part_heads[position]])
                parsed.parts.append(ParsedPart(label, title, line))
                region, clause, stack, pending_heading = "preamble", None, [], None
            continue
        clauses_seen = bool(parsed.preamble or parsed.operative)
        if paragraph.bullet:
            parsed.marks.append(ParsedMark("markup", paragraph.bullet, line, index=paragraph.lines[0]))
        annex_heading = ANNEX_HEADING.match(plain)
        if annex_heading and clauses_seen:
            if pending_heading:  # a short line just above the annex heading: kept where it stood
                parsed.marks.append(ParsedMark("unclassified", pending_heading, line, index=paragraph.lines[0]))
                parsed.warnings.append(TextWarning(line, f"kept as printed but not understood (a line before the "
                                                         f"annex): {_quote(pending_heading)}", hint=_KEPT_HINT))
                pending_heading = None
            annex = ParsedAnnex(text, annex_heading.group(2), line)
            parsed.annexes.append(annex)
            region, annex_length = "annex", 0
            anchor(paragraph, f"annex-{len(parsed.annexes)}", offsets=False)
            continue
        if region == "annex" and annex is not None:
            where = f"annex-{len(parsed.annexes)}"
            if annex.title is None and not annex.paragraphs and not text.endswith(TERMINAL) and len(text) < 300:
                annex.title = text
                anchor(paragraph, where, offsets=False)
            else:
                shift = annex_length + (2 if annex.paragraphs else 0)
                annex.paragraphs.append(text)
                annex_length = shift + len(text)
                anchor(paragraph, where, shift)
            continue
        if clauses_seen and (CLOSING.match(plain) or region == "closing" and _closing_line(plain)):
            region = "closing"
            if plain.rstrip(".") in OUTCOME_WORDS and len(plain.split()) <= 2:
                parsed.outcome = text
                anchor(paragraph, "closing", offsets=False)
            else:
                anchor(paragraph, "closing", offsets=not parsed.closing)
                parsed.closing.append(text)
            continue
        footnote = PLAIN_FOOTNOTE.match(text)
        if footnote and clauses_seen and _glued(footnote.group(1), parsed) and not _next_clause(text, parsed):
            # "1 Document A72/26." at the foot of a page, its marker glued to the text above ("safety;1")
            parsed.footnotes.append(ParsedFootnote(footnote.group(1), footnote.group(2), line))
            parsed.marks.append(ParsedMark("footnote", footnote.group(1), line, index=paragraph.lines[0]))
            for index in paragraph.lines:
                anchors[index] = _Anchor("", -2)
            continue
        if region == "closing":
            unclassified(paragraph, "after the closing lines")
            continue
        label = ITEM_LABEL.match(text)
        lettered = find_phrase(text[label.end():]) if label and region == "preamble" else None
        if lettered and lettered.kind == "preamble" and not _introduces_items(clause):
            number, label = label, None  # "(a) Recalling ...": preambular paragraphs lettered, as IAEA prints
        elif label and clause is not None:
            item = ParsedItem(label.group(1), text[label.end():], line)
            where = _place_item(item, clause, place, stack)
            anchor(paragraph, where)
            continue
        else:
            number = CLAUSE_NUMBER.match(text)
        rest = text[number.end():] if number else text
        phrase = find_phrase(rest)
        following = paragraphs[position + 1].text if position + 1 < len(paragraphs) else ""
        if pending_heading and _PART_LABEL.fullmatch(pending_heading) and not number and not label \
                and not text.endswith(TERMINAL) and len(text.split()) <= 15:
            pending_heading = f"{pending_heading} {text}"  # "II" then its title, whatever word opens it
            for index in paragraph.lines:
                anchors[index] = _Anchor("", -2)
            continue
        if not number and not phrase and not label and len(text.split()) <= 6 and not text.endswith((";", ".")) \
                and (ITEM_LABEL.match(following) or following[:1].islower()):
            phrase = find_phrase(text, alone=True)  # "considering" above "a) ...", as ITU prints
        if clause is not None and not clause.items and not number and not phrase and not label \
                and text[:1].islower() and not _words(clause).endswith(TERMINAL):
            # the words under a formula that stood alone: "instructs the Secretary-General" / "to report ..."
            anchor(paragraph, place, len(_words(clause)) + 1)
            clause.text = f"{clause.text} {text}" if clause.text else text
            continue
        if not number and not phrase and not label and len(text.split()) <= 10 and text[:1].isupper() \
                and not text.endswith(TERMINAL) and (_starts_unit(following) or len(text.split()) <= 6
                                                     and following.endswith(TERMINAL)):
            pending_heading = f"{pending_heading} {text}" if pending_heading else text  # "Follow-up and review"
            for index in paragraph.lines:
                anchors[index] = _Anchor("", -2)
            continue
        if clause is not None and clause.items and not number and not phrase and text[:1].islower():
            clause.tail = f"{clause.tail} {text}" if clause.tail else text  # the words that close the clause
            anchor(paragraph, place, offsets=False)
            continue
        if not number and not phrase and _is_heading(text) and not label:
            pending_heading = f"{pending_heading} {text}" if pending_heading else text
            for index in paragraph.lines:
                anchors[index] = _Anchor("", -2)
            continue
        kind = phrase.kind if phrase else None
        if number and not (kind == "preamble" and region == "preamble"):
            kind = "operative"
        if kind is None:
            if region == "operative" or rest.endswith((";", ".")):
                kind = "operative"
            elif rest.endswith((",", ":")):
                kind = "preamble"
            else:
                unclassified(paragraph, "not a clause, an item or a heading")
                continue
        if region == "operative":
            kind = "operative"  # a participle among operative clauses stays where it was printed
        region = kind
        clause = ParsedClause(number.group(1) if number else None, phrase.text if phrase else None,
                              (phrase.rest if phrase else rest) or None, line, pending_heading,
                              part=parsed.parts[-1].label if parsed.parts else None)
        pending_heading = None
        clauses = parsed.preamble if kind == "preamble" else parsed.operative
        clauses.append(clause)
        place = f"{kind}-{len(clauses)}"
        stack = []
        anchor(paragraph, place)
    if pending_heading:
        parsed.marks.append(ParsedMark("unclassified", pending_heading, content[-1].number, index=len(content)))
        parsed.warnings.append(TextWarning(content[-1].number if content else 1,
                                        f"kept as printed but not understood (a heading with nothing under it): "
                                        f"{_quote(pending_heading)}", hint=_KEPT_HINT))
    if not parsed.preamble and not parsed.operative:
        raise ImportFailure("no clauses found after the opening formula", parsed.formula_line)
    return anchors


_PART_LABEL = re.compile(r"^([A-Z]|[IVXLC]{1,7})\.?(?:\s+(.+))?$")


def _part_label(texts: list[str]) -> tuple[str, str | None]:
    """"B" and "Scale of assessments" (or "B. Scale of assessments") -> ("B", "Scale of assessments")."""
    match = _PART_LABEL.match(strip_markup(texts[0]))
    title = " ".join(part for part in [match.group(2) if match else None, *texts[1:]] if part)
    return (match.group(1) if match else texts[0]), title or None


def _find_parts(paragraphs: list[_Paragraph], content: list[Line], parsed: ParsedText) -> tuple[set[int], dict]:
    """A resolution adopted in parts prints its formula again under each part's label ("A", then "The
    General Assembly," ..., "B", then "The General Assembly," ...). Returns the positions of the repeated
    formulas and, for each, of the label and title paragraphs above it; the first label stands in the
    heading. Nothing is a part unless every formula has its label."""
    formula = " ".join(parsed.formula.split())
    repeats = [position for position, paragraph in enumerate(paragraphs) if paragraph.text == formula]
    if not repeats or not parsed.heading or not _PART_LABEL.match(strip_markup(parsed.heading[-1])) \
            or len(parsed.heading[-1].split()) > 12:
        return set(), {}
    heads: dict[int, list[int]] = {}
    for position in repeats:
        above = []
        for back in (position - 1, position - 2):
            if back < 0 or back in repeats or paragraphs[back].text.endswith(TERMINAL) \
                    or len(paragraphs[back].text.split()) > 12 or CLOSING.match(paragraphs[back].text):
                break
            above.insert(0, back)
            if _PART_LABEL.match(strip_markup(paragraphs[back].text)) and len(paragraphs[back].text.split()) <= 12:
                break
        while above and not _PART_LABEL.match(strip_markup(paragraphs[above[0]].text)):
            above.pop(0)
        if not above:
            return set(), {}
        heads[position] = above
    label, title = _part_label([parsed.heading[-1]])
    parsed.parts.append(ParsedPart(label, title, parsed.heading_lines[-1]))
    del parsed.heading[-1], parsed.heading_lines[-1]
    return set(repeats), heads


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
    phrase = find_phrase(text[number.end():])
    wanted = len(parsed.operative) + 1
    return phrase is not None and phrase.kind == "operative" and number.group(1).rstrip(".\\") == str(wanted)


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
    return bool(re.search(r"\b(vote|votes|abstention|abstentions|meeting|unanimously|consensus)\b", text)) \
        or len(text.split()) <= 6 and re.search(r"\d|/", text) is not None \
        and not ITEM_LABEL.match(text) and not CLAUSE_NUMBER.match(text)


def _place_item(item: ParsedItem, clause: ParsedClause, place: str,
                stack: list[tuple[list[ParsedItem], str]]) -> str:
    """Put `item` at the level its label continues, or open a level under the last item; return its place."""
    families = _label_families(item.label)
    if not stack:
        stack.append((clause.items, place))

    def put(depth: int) -> str:
        items, owner = stack[depth]
        del stack[depth + 1:]
        items.append(item)
        return f"{owner}/{len(items)}"

    # a dotted label names its parent: ".2.1" goes under ".2"
    if item.label.startswith(".") and item.label.count(".") > 1:
        parent_label = item.label.rsplit(".", 1)[0]
        for depth in range(len(stack) - 1, -1, -1):
            items, owner = stack[depth]
            if items and items[-1].label == parent_label:
                del stack[depth + 1:]
                parent = items[-1]
                stack.append((parent.items, f"{owner}/{len(items)}"))
                parent.items.append(item)
                return f"{owner}/{len(items)}/{len(parent.items)}"
    # the label that continues a level's sequence ("(b)" after "(a)", "(ii)" after "(i)") goes there
    for depth in range(len(stack) - 1, -1, -1):
        items = stack[depth][0]
        if items and families & _label_families(items[-1].label) and _is_successor(items[-1].label, item.label):
            return put(depth)
    # the first label of another kind ("(i)" under "(a)") opens a level under the last item
    items, owner = stack[-1]
    if items and _is_first(item.label) and _first_family(item.label) not in _label_families(items[-1].label):
        parent = items[-1]
        stack.append((parent.items, f"{owner}/{len(items)}"))
        parent.items.append(item)
        return f"{owner}/{len(items)}/1"
    # a damaged sequence ("(1)" printed for "(i)", then "(ii)") stays at the level of its kind, or here
    for depth in range(len(stack) - 1, -1, -1):
        items = stack[depth][0]
        if items and families & _label_families(items[-1].label):
            return put(depth)
    return put(len(stack) - 1)


def _place_marks(removed: list[_Removed], anchors: dict[int, _Anchor], count: int, parsed: ParsedText) -> None:
    """Give every mark its place: inside the part it interrupted, or just before the part that follows it."""
    def next_part(index: int) -> str | None:
        while index < count:
            anchor = anchors.get(index)
            if anchor is not None and anchor.place:
                return anchor.place
            index += 1
        return None

    def after_everything(line: int) -> str:
        # at the end: before the footnotes printed there, or after them
        return "footnotes" if any(footnote > line for footnote in trailing) else "end"

    trailing = [item.line for item in removed if item.footnote and next_part(item.before) is None]
    trailing += [mark.line for mark in parsed.marks if mark.kind == "footnote" and next_part(mark.index) is None]
    kept = []
    for mark in parsed.marks:  # marks made while classifying: bullets, unclassified paragraphs and headings
        place = next_part(mark.index)
        if mark.kind == "footnote" and place is None:
            continue  # a footnote at the end is printed with the others
        mark.at = place or after_everything(mark.line)
        kept.append(mark)
    parsed.marks[:] = kept
    for item in removed:
        before = next((anchors[i] for i in range(item.before, count) if i in anchors), None)
        after = next((anchors[i] for i in range(item.before - 1, -1, -1) if i in anchors), None)
        if item.footnote and before is None:
            continue  # printed with the other footnotes, at the end
        mark = ParsedMark("footnote" if item.footnote else item.kind, item.text, item.line)
        if after is not None and before is not None and after.place and after.place == before.place \
                and before.start > 0:
            mark.at, mark.offset = before.place, before.start
        else:
            mark.at = next_part(item.before) or after_everything(item.line)
        parsed.marks.append(mark)
    parsed.marks.sort(key=lambda mark: mark.line)


_KEPT_HINT = ("it is kept under layout.marks and printed back where it stood; if it belongs to a clause, "
              "move its words there and delete the mark")


def _quote(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")
