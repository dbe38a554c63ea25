"""The source as lines: decoded, whitespace collapsed, each with its line number and indentation, and the
patterns that tell page furniture, footnotes and labels from text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..source import LINE_END


@dataclass(frozen=True)
class Line:
    number: int  # 1-based, as an editor counts
    text: str  # stripped, runs of whitespace collapsed; "" for a blank line
    indent: int
    glued: bool = False  # cut from a printed line, where it stood with no space after the words before it
    cut: bool = False  # cut from a printed line where a clause starts ("...;Having noted ..."), or the blank
    #                    line put between the pieces of a line so cut (no page break, unlike a form feed's)


def read_lines(text: str) -> list[Line]:
    """The lines of a text, split and numbered as editors do (CR LF, LF or a CR alone ends a line); a form feed
    (a page break) separates what it stands between as a blank line would, within its line's number."""
    lines = []
    for number, whole in enumerate(LINE_END.split(text.lstrip("\ufeff")), 1):
        for index, raw in enumerate(whole.split("\f")):
            if index:
                lines.append(Line(number, "", 0))
            raw = raw.expandtabs(8)
            stripped = raw.lstrip()
            lines.append(Line(number, " ".join(stripped.split()), len(raw) - len(stripped)))
    return lines


# A footnote marker alone on a line (set off by the page layout), and a markdown footnote definition.
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
LONE_MARKER = re.compile(rf"^(\d{{1,3}}|[{SUPERSCRIPTS}]{{1,3}}|[*†‡§]{{1,3}})$")
MARKDOWN_FOOTNOTE = re.compile(r"^\[\^([^\]\s]+)\]:\s*(.*)$")
# A footnote printed on one line under a separator: "1 See A/80/123.", "* Reissued for technical reasons."
# (never words in markdown emphasis: "**WHEREAS, **the City", "*Recalling* ...")
PLAIN_FOOTNOTE = re.compile(
    rf"^(?!\*\S[^*]*\*|\*\*\S.*?\*\*)(\d{{1,3}}|[{SUPERSCRIPTS}]{{1,3}}|[*†‡§]{{1,3}})\s*(?<=\s|[{SUPERSCRIPTS}*†‡§])(\S.*)$"
)
SEPARATOR = re.compile(r"^(?:-{3,}|_{3,}|\*{3,}|={3,}|(?:[-*=]\s+){2,}[-*=])$")  # "---", "=     =     ="
# Page furniture: file paths, page numbers, document job numbers, a page line of a markdown conversion.
FURNITURE = re.compile(
    r"^(?:[A-Za-z]:\\.*|/?(?:[\w.-]+/)+[\w.-]+\.(?:docx?|pdf|txt)|-\s*\d{1,4}\s*-|(?:Page|page|p\.)\s*\d{1,4}"
    r"(?:\s*of\s*\d{1,4})?|(?:\d{1,4}/\d{1,4}\s+)?\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\S+)?(?:\s+\d{1,4}/\d{1,4})?|"
    r"<u>\s*page\s+\d+\s*</u>|(?:Annex|ANNEX|Appendix|APPENDIX)(?:\s+[\dIVX]+)?,\s*(?:page|Page)\s+\d+|\d{1,4}/\d{1,4}|\*\d{5,}\*)$"
)

# Item labels: (a) (1) (ii) (A) a) 1) i. .1 .1.2, possibly after a markdown bullet.
BULLET = re.compile(r"^[-*•–]\s+(?=\S)")
ITEM_LABEL = re.compile(
    r"^(\((?:[a-z]{1,3}|[A-Z]|\d{1,3}|[ivxlc]{1,7}|[IVXLC]{1,7})\)|(?:[a-z]|\d{1,2}|[ivx]{1,5})\)|"
    r"\.\d{1,3}(?:\.\d{1,3})*|[a-z]\.(?=\s)|\d{1,2}(?=\s+[a-z]))\s+(?=\S)"
)
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
# "1.", "2.1.", "3 Decides"; and as councils and legislatures number operative sections: "Section 1.", "SECTION 2:",
# "**Section 3:**" (markup around the number, closed before the words, is the number's)
CLAUSE_NUMBER = re.compile(
    rf"^(\d{{1,3}}(?:\.\d{{1,3}})*\\?\.(?!\d)|\d{{1,3}}(?=\s{{1,8}}(?!{_MONTH})[A-Z])|"
    rf"(?:\*\*|__)?(?:Section|SECTION|Sec\.|SEC\.)\s+\d{{1,3}}[.:](?:\*\*|__)?(?=\s))\s*(?=\S)"
)
SECTION_HEADING = re.compile(
    r"^(?:(?:PART|Part|SECTION|Section|CHAPTER|Chapter)\s+(?:\d{1,2}|[A-Z]|[IVXLC]{1,7})|[A-Z]|[IVXLC]{1,7})"
    r"[.)]?(?:\s+[A-Z*#][^;]{0,150})?$"
)
ANNEX_HEADING = re.compile(
    r"^[#*\s]*(ANNEX|Annex|APPENDIX|Appendix|ATTACHMENT|Attachment|EXHIBIT|Exhibit)\b(?:\s+([A-Z0-9]{1,6})\b)?"
    r"[\s*#]*$"
)
# An annex heading with its title on the same line: "Annex Awaza Political Declaration", "Annex II Main lines of
# action"; the title opens with a capital or a figure and ends without a sentence's punctuation.
ANNEX_TITLED = re.compile(
    r"^(?P<head>[#*\s]*(?:ANNEX|Annex|APPENDIX|Appendix)(?:\s+(?P<number>[IVXLC]{1,6}|[A-Z]|\d{1,2}))?"
    r"[*#]*)\s+(?P<title>[A-Z0-9“\"‘*][^;:]{2,250}?)\s*$"
)
OUTCOME_WORDS = (
    "Approved",
    "APPROVED",
    "Adopted",
    "ADOPTED",
    "Rejected",
    "REJECTED",
    "Not adopted",
    "Noted",
    "Agreed",
    "Withdrawn",
    "Carried",
)
CLOSING = re.compile(
    r"^[\[(*_]*(?:(?:Resolution adopted|Adopted|ADOPTED|Approved|APPROVED|Rejected|REJECTED|Not adopted"
    r"|Noted|Agreed|Withdrawn|Carried)\b"
    # the closing lines of councils and legislatures: "PASSED AND ADOPTED this ...", "Unanimously carried.",
    # a roll call "AYES: ...", "ATTEST: ..."
    r"|(?:Passed|PASSED|Unanimously carried|UNANIMOUSLY CARRIED|Motion carried|MOTION CARRIED)\b"
    r"|(?:AYES|Ayes|YEAS|Yeas|ATTEST|Attest)\s*:"
    r"|(?:\d{1,4}(?:st|nd|rd|th)|[A-Z][a-z]+(?:-[a-z]+)?)\s+(?:\((?:resumed|continued)\)\s+)?(?:plenary\s+)?meeting\b)"
)
TERMINAL = (",", ";", ":", ".", "!", "?")


def annex_with_title(text: str) -> re.Match[str] | None:
    """An annex heading with its title on the same line ("Annex 2025 Political Declaration on ..."), not a
    sentence that opens with the word ("Annex A to this resolution ...", "Annex II contains ...")."""
    found = ANNEX_TITLED.match(text)
    if found is None:
        return None
    title = found.group("title")
    if found.group("number") is None and re.match(r"(?:[IVXLC]{1,6}|[A-Z]|\d{1,2})\s", title):
        return None  # "Annex A to this resolution": a label followed by words in lower case
    return found if not title.endswith(TERMINAL) and len(title.split()) <= 30 else None


_MARKUP_CHARACTERS = frozenset("*_<#>&")
# HTML as texts copied from web pages and repositories keep it: tags (`<p>`, `<br/>`, `<span class="...">`) and the
# entities that stand for a character
_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s+[\w:-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*\s*/?>")
_ENTITIES = {
    "&amp;": "&",
    "&nbsp;": " ",
    "&lt;": "<",
    "&gt;": ">",
    "&quot;": '"',
    "&#39;": "'",
    "&apos;": "'",
    "&rsquo;": "\u2019",
    "&lsquo;": "\u2018",
    "&ldquo;": "\u201c",
    "&rdquo;": "\u201d",
    "&ndash;": "\u2013",
    "&mdash;": "\u2014",
    "&sect;": "\u00a7",
}
_ENTITY = re.compile("|".join(map(re.escape, _ENTITIES)))


def strip_markup(text: str) -> str:
    """`text` without markdown emphasis, heading marks, blockquote marks, HTML tags and entities, for recognising
    what it says (what is kept is always the text as printed)."""
    text = text.strip()
    if text.endswith(("---", "===")):  # a setext underline, joined to its title: "Title ====="
        text = _UNDERLINE.sub("", text)
    if not _MARKUP_CHARACTERS.intersection(text):  # most lines: nothing to strip (and this runs on every line)
        return text
    # each pass only where its marks are (paragraphs are stripped as they grow: this runs on long texts too)
    if "<" in text:
        text = _TAG.sub("", text)
    if "&" in text:
        text = _ENTITY.sub(lambda found: _ENTITIES[found.group()], text)
    if "*" in text or "_" in text:
        text = _EMPHASIS_MARKS.sub("", text)
    return _LEADING_MARKS.sub("", text).strip() if text[:1] in "#>" else text.strip()


_UNDERLINE = re.compile(r"(?:^|\s+)[=-]{3,}$")
_EMPHASIS_MARKS = re.compile(r"\*\*|__|(?<![\w*])[*_](?=\S)|(?<=\S)[*_](?![\w*])")
_LEADING_MARKS = re.compile(r"^(?:>\s?)*#{0,6}\s*")


# (or set off by a space, as OCR prints it: "Gabon, 39", "1992 1/")
_GLUED_MARKER = re.compile(rf"(?<=[,;:.])\s?(?:\d{{1,3}}/?|[{SUPERSCRIPTS}]+)$|[{SUPERSCRIPTS}]+$")


def ends_sentence_part(text: str) -> bool:
    """Whether `text` ends as a clause or item does (",", ";", ":", "."), a footnote marker glued after the
    punctuation aside ("session,1", "operations,³")."""
    plain = strip_markup(text)
    # the marker can only stand at the end: the pattern is tried on the last characters only (tried at every
    # character of a paragraph holding a long run of raised digits, it took quadratic time)
    reach = len(plain) - len(plain.rstrip(SUPERSCRIPTS)) + 8
    head, tail = (plain[:-reach], plain[-reach:]) if len(plain) > reach else ("", plain)
    plain = head + _GLUED_MARKER.sub("", tail)
    return plain.endswith(TERMINAL) or _JOINED_END.search(plain) is not None


# "...; and", ", and", "; or": a clause that ends by joining the next, as "Whereas" paragraphs and items do
_JOINED_END = re.compile(r"[,;]\s*(?:and|or)$")
