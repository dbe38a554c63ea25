"""What reading a text gives: the parsed text with its clauses, items, parts, annexes, footnotes and marks,
the warnings made on the way, and the failure raised when a text cannot be read as a resolution at all."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only the name of a type: the reader does not load the models
    from ..models.resolution import MarkKind

from ..errors import ResolvetoolError


class ImportFailure(ResolvetoolError):
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
    text: str | None  # None: the formula stands alone above the items
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
    paragraph_lines: list[int] = field(default_factory=list)  # the line each paragraph starts on


@dataclass
class ParsedPart:
    label: str
    title: str | None
    line: int
    closing: list[str] = field(default_factory=list)


@dataclass
class ParsedMark:
    kind: MarkKind
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
    closing_line: int = 0  # the line the closing lines start on
    outcome: str | None = None
    annexes: list[ParsedAnnex] = field(default_factory=list)
    footnotes: list[ParsedFootnote] = field(default_factory=list)
    footnote_style: str = "plain"
    formula_after_preamble: bool = False
    glued: list[str] = field(default_factory=list)  # the places printed with no space before them
    unspaced: list[str] = field(default_factory=list)  # the clauses printed with no space after their number
    speaker: str = ""  # when no formula is printed (`formula` is ""): the body as the text names it
    starts_operative: bool = False  # the text opens with what the body did ("At its 45th meeting, ... elected")
    told: str = ""  # where and when a narrative decision says it was taken: "At its 45th plenary meeting, on ..."
    enacting: bool = False  # "NOW, THEREFORE, BE IT RESOLVED by ...:": `speaker` is the body the formula names
    above_formula: int = 0  # with an enacting formula: the content lines above it (the preamble's)
    marks: list[ParsedMark] = field(default_factory=list)
    warnings: list[TextWarning] = field(default_factory=list)
