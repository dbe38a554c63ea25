"""Read a PDF's text layer into what the text importer reads: the lines of text in reading order, and for each
line what the page says about it that plain text does not.

PDFium (through pypdfium2) gives every character with its position, size and font. From these:

- lines are characters sharing a baseline, in reading order (top to bottom, left to right), whatever order
  the page's content stream drew them in; a blank line stands where the gap to the line above is wider than
  the document's usual line spacing (a new paragraph), never at a page break that cuts a paragraph;
- small characters raised above a line are superscripts: digits become ¹²³, as a footnote marker is printed
  (`2014–2019,¹` in the text, `¹ Document A66/6.` at the page foot), which the text importer reads as
  footnote markers and footnotes;
- page furniture is what stands at the same place on several pages near the top or foot (running heads,
  page numbers, job numbers), or a page number alone at a page's edge, or the small-type running head
  above the text of a later page; such lines are hinted as marks, kept and rendered back as the text
  import keeps them;
- footnotes are the lines at a page's foot under the text that open with a raised marker, in the
  footnote type; the lines after one that open with none continue it (a footnote printed again on a later
  page is one footnote to the importer, shown again where it was reprinted);
- italics: where each line's italic type starts and ends (`PdfText.italic`); the words in italics that open a
  line (after its number) are hinted as the clause's formula, as UN texts set formulas (`Once again urges`);
- bold: a paragraph wholly in bold between two others is hinted as a heading (`Budget estimates for ...`).

Nothing is dropped: every character of the text layer is in some line. A page with no characters (a scanned
page) is listed in `pages_without_text`; a document with none at all is refused (`PdfUnreadable`).
"""

from __future__ import annotations

import ctypes
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from .lines import FURNITURE as FURNITURE_LINE
from .parsed import ImportFailure

# Hints for lines, by kind of mark: the text importer takes these lines out as marks of that kind.
FURNITURE = ("running-header", "page-number", "page-footer")
FOOTNOTE = "footnote"  # the first line of a footnote printed at a page's foot
FOOTNOTE_MORE = "footnote-more"  # a further line of the footnote above
PHRASE = "phrase:"  # + the words in italics that open a line: a clause's formula as the page set it
SEPARATOR = "separator"  # the rule printed above a page's footnotes ("____")
HEADING = "heading"  # a paragraph set in bold type among the clauses: a section heading ("Budget estimates ...")

_MARKER_ONLY = re.compile(r"^[\d*†‡§]{1,3}$")
_SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_ITALIC_FLAG = 1 << 6  # the PDF font descriptor's Italic flag
_BOLD_FLAG = 1 << 18  # ... and its ForceBold flag


class PdfUnreadable(ImportFailure):
    """The file cannot be read as a PDF with text: `message` says why, `hint` what to do, `code` which
    diagnostic says it (RT590 no text layer, RT591 not a readable PDF)."""

    def __init__(self, message: str, hint: str, code: str = "RT591") -> None:
        super().__init__(message, 0)
        self.hint = hint
        self.code = code


@dataclass
class PdfText:
    """What the pages say: `text` (the lines joined, with blank lines between paragraphs), each line's hint by
    its line number (a kind of FURNITURE, FOOTNOTE, FOOTNOTE_MORE, HEADING, or PHRASE + words), the italic runs
    ([start, end) in the line) by line number, and the page each line stands on."""

    text: str
    hints: dict[int, str] = field(default_factory=dict)
    italic: dict[int, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    pages: dict[int, int] = field(default_factory=dict)  # line number -> page
    page_count: int = 0
    pages_without_text: list[int] = field(default_factory=list)


# --- characters and lines -----------------------------------------------------------------------------------


@dataclass
class _Char:
    ch: str
    x: float
    y: float  # the baseline, in PDF units from the page's foot
    size: float
    italic: bool
    bold: bool = False
    superscript: bool = False


@dataclass
class _Line:
    chars: list[_Char]
    y: float
    size: float  # the main size of its characters (superscripts aside)
    page: int
    text: str = ""
    x0: float = 0.0
    italic: tuple[tuple[int, int], ...] = ()
    hint: str | None = None
    reprint: bool = False  # a footnote's line printed before, word for word, on an earlier page

    def text_of(self) -> str:
        """The characters in drawing order, spaces aside (before the line is spelt)."""
        return "".join(char.ch for char in self.chars if char.ch != " ")

    @property
    def bold(self) -> bool:
        return all(char.bold for char in self.chars if char.ch != " " and not char.superscript)

    @property
    def x1(self) -> float:
        """About where the line's last character ends."""
        return max(char.x for char in self.chars if char.ch != " ") + self.size * 0.5


def read_pdf(data: bytes) -> PdfText:
    """The text of a PDF's pages, with hints; raises PdfUnreadable for a file that is not a readable PDF or
    whose pages hold no text."""
    import pypdfium2 as pdfium  # imported here: only a PDF import pays for loading PDFium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        reason = str(error)
        if "password" in reason.lower():
            raise PdfUnreadable(
                "the PDF is encrypted with a password",
                "save an unprotected copy first, or extract its text (pdftotext -layout file.pdf) and import that",
            ) from None
        detail = reason.rsplit("(", 1)[-1].rstrip(").") if "(" in reason else reason
        raise PdfUnreadable(
            f"the PDF cannot be read: it is damaged or cut short ({detail})",
            "get a complete copy of the file, or extract its text and import that",
        ) from None
    try:
        pages: list[list[_Line]] = []
        empty: list[int] = []
        for number in range(1, len(document) + 1):
            try:
                lines = _page_lines(document[number - 1], number)
            except pdfium.PdfiumError as error:
                raise PdfUnreadable(
                    f"page {number} cannot be read ({error})", "get a complete copy of the file"
                ) from None
            if not lines:
                empty.append(number)
            pages.append(lines)
    finally:
        document.close()
    if len(empty) == len(pages):
        raise PdfUnreadable(
            "the PDF has no text layer: its pages are images (a scan)" if pages else "the PDF has no pages",
            "run OCR on it first (for example ocrmypdf file.pdf out.pdf, or tesseract), then import the result",
            code="RT590",
        )
    _find_furniture(pages)
    _find_footnotes(pages)
    # a page that holds only furniture and reprinted footnotes shows its content as images too (a scanned table)
    empty = [
        number
        for number, lines in enumerate(pages, 1)
        if not any(line.hint in (None, FOOTNOTE, FOOTNOTE_MORE) and not line.reprint for line in lines)
    ]
    return _assemble(pages, empty)


def _page_lines(page, number: int) -> list[_Line]:
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        chars: list[_Char] = []
        x, y = ctypes.c_double(), ctypes.c_double()
        fonts: dict[int, tuple[bool, bool]] = {}  # text object -> italic, bold
        name = ctypes.create_string_buffer(128)
        flags = ctypes.c_int()
        handle = textpage.raw
        for index in range(count):
            code = raw.FPDFText_GetUnicode(handle, index)
            if code in (0x0D, 0x0A, 0xFFFE, 0) or code > 0x10FFFF:
                continue  # line ends PDFium adds
            if code == 0x02:
                code = 0x2D  # a hyphen ending a line, which PDFium marks so: printed, so kept ("decision-")
            raw.FPDFText_GetCharOrigin(handle, index, x, y)
            size = raw.FPDFText_GetFontSize(handle, index)
            obj = raw.FPDFText_GetTextObject(handle, index)
            key = ctypes.cast(obj, ctypes.c_void_p).value or 0
            style = fonts.get(key)
            if style is None:
                length = raw.FPDFText_GetFontInfo(handle, index, name, len(name), flags)
                font = name.value.decode("latin-1").lower() if 0 < length <= len(name) else ""
                style = (
                    bool(flags.value & _ITALIC_FLAG) or "italic" in font or "oblique" in font,
                    bool(flags.value & _BOLD_FLAG) or any(word in font for word in ("bold", "black", "heavy")),
                )
                fonts[key] = style
            char = chr(code)
            if char.isspace():
                char = " "
            chars.append(_Char(char, x.value, y.value, size, *style))
    finally:
        textpage.close()
    return _lines_of(chars, number)


def _lines_of(chars: list[_Char], page: int) -> list[_Line]:
    """Characters grouped into lines by baseline, top to bottom; superscripts joined to the line they are
    raised above."""
    if not chars:
        return []
    rows: list[list[_Char]] = []
    for char in sorted(chars, key=lambda char: -char.y):
        if rows and abs(rows[-1][0].y - char.y) <= 0.2 * max(char.size, rows[-1][0].size, 1.0):
            rows[-1].append(char)
        else:
            rows.append([char])
    lines = []
    for row in rows:
        sizes = Counter(round(char.size, 1) for char in row if char.ch != " ")
        if not sizes:
            continue  # only spaces
        size = sizes.most_common(1)[0][0]
        lines.append(_Line(row, sum(char.y for char in row) / len(row), size, page))
    # a row raised a little above a line, within its width, in smaller type or holding only a marker ("1", "*"),
    # is that line's superscripts; only the lines within the largest type's height below it can be that line, so
    # the search stops there (a page of thousands of lines in mixed sizes is not read in quadratic time)
    markers = [bool(_MARKER_ONLY.match(line.text_of())) for line in lines]
    reach = 0.9 * max((line.size for line in lines), default=0.0)
    kept: list[_Line] = []
    for position, line in enumerate(lines):
        marker = markers[position]
        found = next(
            (
                index
                for index in range(position + 1, len(lines))
                if line.y - lines[index].y >= reach
                or lines[index].size > line.size * 1.2
                or (marker and lines[index].size >= line.size * 0.9 and not markers[index])
            ),
            None,
        )
        below = lines[found] if found is not None else None
        if (
            below is not None
            and below.size * 0.15 < line.y - below.y < below.size * 0.9
            and all(other.size < below.size and not marker for other in lines[position + 1 : found])
            and min(c.x for c in below.chars) - 2 * below.size <= min(c.x for c in line.chars)
            and max(c.x for c in line.chars) <= max(c.x for c in below.chars) + 2 * below.size
        ):
            for char in line.chars:
                char.superscript = True
            below.chars.extend(line.chars)
            assert found is not None  # below is lines[found]
            markers[found] = bool(_MARKER_ONLY.match(below.text_of()))
            continue
        kept.append(line)
    for line in kept:
        for char in line.chars:  # superscripts printed within a line's own row (smaller and raised)
            if not char.superscript and char.size < line.size * 0.8 and char.y > line.y + line.size * 0.15:
                char.superscript = True
        _spell(line)
    return [line for line in kept if line.text]


def _spell(line: _Line) -> None:
    """The line's text, left to right, with a space where the page leaves a gap, and its italic runs."""
    chars = sorted(line.chars, key=lambda char: char.x)
    text: list[str] = []
    italic: list[bool] = []
    previous: _Char | None = None
    for position, char in enumerate(chars):
        if char.ch == " ":
            following = next((other for other in chars[position + 1 :] if other.ch != " "), None)
            if following is not None and following.superscript and following.x - char.x < 0.2 * line.size:
                continue  # a space PDFium guessed before a marker set close to the word ("Questions,²")
            if text and text[-1] != " ":
                text.append(" ")
                italic.append(bool(previous and previous.italic))
            continue
        after_marker = previous is not None and previous.superscript and not char.superscript
        if (
            previous is not None
            and text
            and text[-1] != " "
            and (
                char.x - previous.x > 1.5 * max(previous.size, 1)  # a wide gap with no space character: columns
                # after a marker, a gap wider than the marker (a digit is half an em): "Base¹ and"
                or (after_marker and char.x - previous.x > 0.5 * previous.size + 0.12 * line.size)
                # a footnote's marker stands apart from its words: "¹ Document"
                or (after_marker and all(other.superscript for other in chars[:position] if other.ch != " "))
            )
        ):
            text.append(" ")
            italic.append(False)
        text.append(char.ch.translate(_SUPERSCRIPT_DIGITS) if char.superscript else char.ch)
        italic.append(char.italic)
        previous = char
    while text and text[-1] == " ":
        text.pop()
        italic.pop()
    line.text = "".join(text)
    first = next((char for char in chars if char.ch != " "), None)
    line.x0 = first.x if first else 0.0
    runs = []
    start = None
    for index, flag in enumerate([*italic, False]):
        if flag and start is None:
            start = index
        elif not flag and start is not None:
            runs.append((start, index))
            start = None
    line.italic = tuple((start, len(line.text[:end].rstrip())) for start, end in runs if line.text[start:end].strip())


# --- page furniture ---------------------------------------------------------------------------------------

_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:(?:page|p\.)\s*)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?(?:\s*[-–—])?$", re.IGNORECASE
)
_EDGE = 3  # how many lines at a page's top and foot can be furniture


def _find_furniture(pages: list[list[_Line]]) -> None:
    """Hint the lines that stand at the same place near the top or foot of several pages, page numbers at
    a page's edge, and the small-type running head above the text of a later page."""
    places: Counter[tuple[str, int]] = Counter()
    for lines in pages:
        for line in _edges(lines):
            places[_place(line)] += 1
    body = _body_size(pages)
    for number, lines in enumerate(pages, 1):
        for line in _edges(lines):
            if _MARKER.match(line.text):
                continue  # a footnote, printed again on later pages: see _find_footnotes
            if places[_place(line)] >= 2 or (_PAGE_NUMBER.match(line.text) and line in (lines[0], lines[-1])):
                line.hint = _furniture_kind(line, lines)
        for line in reversed(lines[-_EDGE:]):  # job numbers, barcodes, file names at the foot
            if line.hint is None and FURNITURE_LINE.match(line.text):
                line.hint = "page-number" if _PAGE_NUMBER.match(line.text) else "page-footer"
            elif line.hint is None:
                break
        if number > 1:  # a later page's head, in smaller type than the text, above it
            for line in lines[:_EDGE]:
                if line.size >= body * 0.95:
                    break
                if line.hint is None and line.size < body * 0.9:
                    line.hint = "running-header"


def _edges(lines: list[_Line]) -> list[_Line]:
    return lines if len(lines) <= 2 * _EDGE else lines[:_EDGE] + lines[-_EDGE:]


def _place(line: _Line) -> tuple[str, int]:
    """What a line says, numbers aside, and where it stands (to the nearest 4 points)."""
    return _DIGITS.sub("#", line.text.lower()), round(line.y / 4)


def _furniture_kind(line: _Line, lines: list[_Line]) -> str:
    if _PAGE_NUMBER.match(line.text):
        return "page-number"
    top = lines.index(line) < len(lines) / 2
    return "running-header" if top else "page-footer"


def _body_size(pages: list[list[_Line]]) -> float:
    sizes: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


# --- footnotes ---------------------------------------------------------------------------------------------

_MARKER = re.compile(r"^[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}\s|^[*†‡§]{1,3}\s")


def _find_footnotes(pages: list[list[_Line]]) -> None:
    """Hint the footnotes at each page's foot: below the text, the lines from the first that opens with a
    raised marker down to the furniture; a footnote printed again on a later page is a page-footer mark."""
    body = _body_size(pages)
    pitch = _pitch(pages, body)
    seen: set[str] = set()
    for lines in pages:
        text_lines = [line for line in lines if line.hint is None]
        start = None
        for position in range(len(text_lines) - 1, -1, -1):
            line = text_lines[position]
            if _MARKER.match(line.text):
                start = position
            elif _is_separator(line.text) or (start is not None and line.size >= body * 0.9):
                break  # above the first footnote: a separator, or the text in its own type
            elif start is None and position < len(text_lines) - 4:
                break  # the foot holds a few lines at most below its first footnote
        if start is None:
            continue
        # the first footnote must stand apart from the text above it (a gap, a separator, smaller type)
        above = text_lines[start - 1] if start else None
        first = text_lines[start]
        if above is not None and not (
            _is_separator(above.text) or above.y - first.y > pitch * 1.4 or first.size < body * 0.9
        ):
            continue
        if above is not None and _is_separator(above.text):
            above.hint = SEPARATOR  # the rule above the footnotes: page layout, not text
        current: list[_Line] = []
        for line in text_lines[start:]:
            if _MARKER.match(line.text):
                _close_footnote(current, seen)
                current = [line]
                line.hint = FOOTNOTE
            else:
                line.hint = FOOTNOTE_MORE
                current.append(line)
        _close_footnote(current, seen)


def _close_footnote(lines: list[_Line], seen: set[str]) -> None:
    """Note a footnote whose words were printed before (a later page's reprint: the importer keeps one footnote,
    shown again where it was reprinted), so that a page holding only such reprints counts as one without text."""
    if not lines:
        return
    words = " ".join(" ".join(line.text for line in lines).split())
    if words in seen:
        for line in lines:
            line.reprint = True
    seen.add(words)


def _is_separator(text: str) -> bool:
    return len(text) >= 3 and set(text) <= set("_-–—")


def _pitch(pages: list[list[_Line]], body: float) -> float:
    """The usual distance between the baselines of two lines of one paragraph."""
    gaps: Counter[float] = Counter()
    for lines in pages:
        for above, below in itertools.pairwise(lines):
            if above.size == body and below.size == body and above.y > below.y:
                gaps[round(above.y - below.y, 0)] += 1
    return gaps.most_common(1)[0][0] if gaps else body * 1.2


# --- the text --------------------------------------------------------------------------------------------


def _assemble(pages: list[list[_Line]], empty: list[int]) -> PdfText:
    """The lines joined into a text: a blank line where a paragraph ends; where a page break, footnotes or page
    furniture cut a paragraph, none (the importer takes the hinted lines out and the paragraph runs on)."""
    body = _body_size(pages)
    pitch = _pitch(pages, body)
    margins = {}
    for number, lines in enumerate(pages, 1):
        # the text's margins, from its lines in the body's type (a separator, a heading in larger type aside):
        # the left one where its lines start, the right one where most full lines end
        text = [
            line for line in lines if line.hint is None and line.size == body and any(c.isalpha() for c in line.text)
        ] or [line for line in lines if line.hint is None]
        if text:
            ends = sorted(line.x1 for line in text)
            margins[number] = (min(line.x0 for line in text), ends[int(len(ends) * 0.8)])
    ordered = [line for lines in pages for line in lines]
    texts = [position for position, line in enumerate(ordered) if line.hint is None]
    opens = {
        below: _new_paragraph(ordered[above], ordered[below], pitch, margins)
        for above, below in itertools.pairwise(texts)
    }
    _hint_headings(ordered, texts, opens)
    following = {}  # for each hinted line, the text line after its block (None at the end)
    upcoming = None
    for position in range(len(ordered) - 1, -1, -1):
        if ordered[position].hint in (None, HEADING):
            upcoming = position
        else:
            following[position] = upcoming
    left = min((low for low, _ in margins.values()), default=0.0)
    out: list[str] = []
    result = PdfText("", page_count=len(pages), pages_without_text=empty)
    for position, line in enumerate(ordered):
        previous = ordered[position - 1] if position else None
        if previous is None:
            blank = False
        elif line.hint in (None, HEADING):
            blank = opens.get(position, True)
        else:  # a hinted line: set apart, unless the paragraph around it runs on
            after = following[position]
            runs_on = after is not None and not opens.get(after, True)
            blank = not runs_on and (
                previous.hint in (None, HEADING)
                or previous.page != line.page
                or _group(previous.hint) != _group(line.hint)
            )
        if blank and out and out[-1] != "":
            out.append("")
        indent = max(0, round((line.x0 - left) / 5))
        out.append(" " * indent + line.text)
        number = len(out)
        result.pages[number] = line.page
        if line.hint:
            result.hints[number] = line.hint
        else:
            phrase = _italic_opening(line)
            if phrase:
                result.hints[number] = f"{PHRASE}{phrase}"
        if line.italic:
            result.italic[number] = tuple((start + indent, end + indent) for start, end in line.italic)
    result.text = "\n".join(out) + "\n"
    return result


def _hint_headings(ordered: list[_Line], texts: list[int], opens: dict[int, bool]) -> None:
    """Paragraphs of text set wholly in bold, between two others, are headings. (The title above the formula
    is bold too: the importer reads the heading apart, and the hint does not reach it.)"""
    paragraphs: list[list[int]] = []
    for position in texts:
        if not paragraphs or opens.get(position, True):
            paragraphs.append([])
        paragraphs[-1].append(position)
    for paragraph in paragraphs[1:-1]:
        lines = [ordered[position] for position in paragraph]
        if all(line.bold and any(ch.isalpha() for ch in line.text) for line in lines) and len(paragraph) <= 3:
            for line in lines:
                line.hint = HEADING


_OPENING_NUMBER = re.compile(r"^(?:\d{1,3}\.|\([a-z]{1,4}\))\s+")


def _italic_opening(line: _Line) -> str | None:
    """The words in italics that open a line, after its number if any, as UN texts set a clause's formula
    ("1. *Takes note*", "*Recalling also*"): a few words, not the whole line (a closing line is italic too)."""
    number = _OPENING_NUMBER.match(line.text)
    start = number.end() if number else 0
    for begin, end in line.italic:
        if begin == start:
            words = line.text[begin:end]
            if 0 < len(words.split()) <= 6 and words[-1:].isalpha() and line.text[end:].strip():
                return words
        if begin >= start:
            break
    return None


def _group(hint: str | None) -> str:
    return "footnote" if hint in (FOOTNOTE, FOOTNOTE_MORE, SEPARATOR) else str(hint)


def _new_paragraph(above: _Line, line: _Line, pitch: float, margins: dict[int, tuple[float, float]]) -> bool:
    """Whether `line` opens a new paragraph after `above`, the text line before it: on one page, a wider gap
    than the line spacing or a change of type size; across a page break, unless the text above reached the
    right margin and this line starts at the left one (a paragraph the break cut)."""
    if above.page == line.page:
        return above.y - line.y > pitch * 1.35 or abs(above.size - line.size) > 1.5
    right = margins.get(above.page, (0.0, 0.0))[1]
    left = margins.get(line.page, (0.0, 0.0))[0]
    return above.x1 < right - 3 * above.size or line.x0 > left + 2
