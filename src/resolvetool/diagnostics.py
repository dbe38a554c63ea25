"""Diagnostics: the one shape every problem takes, and the table of stable codes.

Codes are grouped as docs/architecture.md §6 says: RT0xx file and YAML, RT1xx schema, RT2xx integrity,
RT3xx drafting conventions (lint), RT4xx consistency of dates and between records,
RT5xx importing text. A code is never reused for another meaning; the table below
is the documentation (docs/codes.md lists it, kept equal by a test).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

from .inert import inert


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True, slots=True)
class Diagnostic:
    """One problem at one place. `line` and `col` are 1-based; 0 means "the whole file"."""

    path: str
    line: int
    col: int
    code: str
    severity: Severity
    message: str
    hint: str | None = None

    def to_tuple(self) -> tuple:
        return (self.line, self.col, self.code, self.severity.value, self.message, self.hint)

    @classmethod
    def from_tuple(cls, path: str, data: tuple) -> Diagnostic:
        line, col, code, severity, message, hint = data
        return cls(path, line, col, code, Severity(severity), message, hint)


class Code(NamedTuple):
    code: str
    name: str
    severity: Severity
    summary: str


_E, _W = Severity.ERROR, Severity.WARNING

# The registry of every code: (code, short name, default severity, what it means).
CODES: dict[str, Code] = {
    c.code: c
    for c in [
        # RT0xx: the file and its YAML
        Code(
            "RT001",
            "unreadable-file",
            _E,
            "the file cannot be read (permissions, a special file such as a pipe, an I/O error)",
        ),
        Code("RT002", "broken-symlink", _E, "a symbolic link whose target does not exist"),
        Code("RT003", "file-too-large", _E, "the file is larger than the configured limit (max-file-size)"),
        Code("RT004", "not-utf8", _E, "the file is not valid UTF-8"),
        Code("RT005", "byte-order-mark", _E, "the file starts with a byte order mark"),
        Code("RT006", "nul-byte", _E, "the file contains a NUL byte"),
        Code("RT007", "empty-file", _E, "the file holds no record (empty, or only comments)"),
        Code("RT008", "control-character", _E, "a character YAML does not allow in a document (control characters)"),
        Code(
            "RT009",
            "too-many-problems",
            _W,
            "the file has so many problems that the rest are not listed (an error when errors were left out)",
        ),
        Code("RT010", "yaml-syntax", _E, "the YAML cannot be parsed"),
        Code("RT011", "duplicate-key", _E, "a key appears twice in one mapping"),
        Code("RT012", "multiple-documents", _E, "the file holds more than one YAML document"),
        Code("RT013", "anchor", _E, "a YAML anchor (&name); records never need them"),
        Code("RT014", "alias", _E, "a YAML alias (*name); aliases allow exponential 'billion laughs' documents"),
        Code("RT015", "merge-key", _E, "a YAML merge key (<<)"),
        Code("RT016", "tag", _E, "an explicit YAML tag (!!str, !custom)"),
        Code("RT017", "top-level-not-mapping", _E, "the document is not a mapping of fields"),
        Code("RT018", "complex-key", _E, "a mapping key that is itself a list or mapping"),
        Code("RT019", "nesting-too-deep", _E, "lists and mappings nested deeper than any record needs"),
        Code(
            "RT020",
            "yaml11-boolean",
            _W,
            "a plain yes/no/on/off, which YAML 1.1 tools read as a boolean; read here as a string",
        ),
        Code(
            "RT021",
            "yaml11-octal",
            _W,
            "a plain number with a leading zero, which YAML 1.1 tools read as octal; read here as a string",
        ),
        Code(
            "RT022",
            "yaml11-sexagesimal",
            _W,
            "a plain 1:20-style value, which YAML 1.1 tools read as a base-60 number; read here as a string",
        ),
        Code(
            "RT023",
            "stale-schema-line",
            _W,
            "the first line's '# yaml-language-server: $schema=' does not lead to the schema of the record's "
            "kind from where the file is (a moved record); fmt corrects it",
        ),
        Code(
            "RT024",
            "hidden-line-break",
            _E,
            "a NEL, LINE SEPARATOR or PARAGRAPH SEPARATOR outside quotes, where YAML reads a line break that "
            "editors do not show",
        ),
        Code(
            "RT030",
            "link-outside-project",
            _E,
            "a symbolic link in the tree that leads outside the project; it is not read",
        ),
        # RT1xx: the record against its model
        Code("RT101", "missing-field", _E, "a required field is missing"),
        Code("RT102", "unknown-field", _E, "a field the model does not have (often a misspelling)"),
        Code("RT103", "wrong-type", _E, "a value of the wrong type (a string where a number or a list is wanted, ...)"),
        Code(
            "RT104",
            "invalid-value",
            _E,
            "a value of the right type that breaks a constraint (pattern, allowed values, range)",
        ),
        Code("RT105", "unknown-kind", _E, "the kind field is missing or names no kind of record"),
        Code("RT106", "invalid-date", _E, "a date that is not a real YYYY-MM-DD date"),
        Code("RT107", "schema-error", _E, "any other disagreement between a record and its model"),
        # RT2xx: integrity across the tree
        Code("RT201", "duplicate-id", _E, "two records share an id"),
        Code("RT202", "id-not-file-stem", _E, "a record's id differs from its file name"),
        Code("RT203", "kind-folder-mismatch", _E, "a record lies in the folder of another kind"),
        Code("RT204", "duplicate-symbol", _E, "two records share an official symbol"),
        Code("RT205", "unresolved-reference", _E, "a reference to a record that does not exist"),
        Code("RT206", "unresolved-fragment", _E, "a reference to a part (#article-41) the record does not have"),
        Code("RT207", "reference-wrong-kind", _E, "a reference to a record of a kind the field does not accept"),
        Code("RT208", "outside-kind-folder", _E, "a record file under records/ but not inside any kind's folder"),
        Code("RT209", "duplicate-fragment", _E, "two parts of one record with the same fragment name"),
        Code(
            "RT210",
            "mark-without-part",
            _W,
            "a layout mark names a part the resolution does not have; render prints it at the end",
        ),
        Code(
            "RT211",
            "part-mismatch",
            _E,
            "in a resolution adopted in parts, a clause names no part, an unlisted part, or comes out of the "
            "parts' order",
        ),
        Code("RT212", "clause-without-text-or-items", _E, "a clause with neither text nor items"),
        # RT3xx: drafting conventions (lint)
        Code(
            "RT301",
            "formula-case",
            _W,
            "a paragraph's formula is not in the case its part uses (capitals, or capitalised)",
        ),
        Code("RT302", "unknown-formula", _W, "a paragraph opens with a formula that is not in the body's vocabulary"),
        Code(
            "RT303",
            "formula-in-wrong-part",
            _W,
            "an operative verb opens a preambular paragraph, or a participle an operative one",
        ),
        Code(
            "RT304",
            "clause-punctuation",
            _W,
            "a paragraph does not end with its part's punctuation (preamble ',', operative ';', the last '.')",
        ),
        Code(
            "RT305",
            "citation-without-reference",
            _W,
            "a paragraph cites an article, appendix or document that its refs lack",
        ),
        Code("RT306", "unmentioned-reference", _W, "a paragraph's refs entry that its words never mention"),
        Code("RT307", "numbering", _W, "operative numbers or item labels out of sequence"),
        Code(
            "RT308",
            "mixed-quotes-or-dashes",
            _W,
            "straight and curly quotes, or en dashes and spaced hyphens, mixed in one record",
        ),
        Code("RT309", "doubled-space", _W, "two or more spaces in a row inside a line of text"),
        Code("RT310", "not-nfc", _W, "text not in Unicode NFC (a letter and a separate combining accent)"),
        Code("RT311", "invisible-character", _E, "an invisible or bidirectional control character in text"),
        Code("RT312", "duplicate-clause", _W, "two paragraphs with the same formula and words"),
        Code("RT313", "punctuation-only-clause", _E, "a paragraph whose words are only punctuation"),
        Code("RT314", "title-form", _W, "a title that is overlong, starts in lower case or ends with a full stop"),
        Code("RT397", "unknown-suppression-code", _E, "a suppression comment names a code that is no lint rule's"),
        Code("RT398", "malformed-suppression", _W, "a resolvetool suppression comment that cannot be read"),
        Code("RT399", "unused-suppression", _W, "a suppression comment that suppresses nothing"),
        # RT4xx: consistency of dates and between records
        Code("RT401", "session-dates-reversed", _E, "a session ends before it starts"),
        Code("RT402", "lifecycle-out-of-order", _E, "an agreement's dated events are not in chronological order"),
        Code("RT403", "adoption-outside-session", _E, "a resolution adopted on a date outside its session"),
        Code("RT404", "adopted-without-date", _W, "a resolution adopted without an adoption date"),
        Code("RT405", "superseded-without-successor", _W, "a superseded resolution that names no successor"),
        Code("RT406", "outcome-contradicts-status", _E, "the printed outcome word contradicts the status"),
        Code(
            "RT407",
            "approval-not-adopted",
            _W,
            "an agreement approved by a resolution that is not adopted or does not refer to it",
        ),
        Code(
            "RT408",
            "signed-without-authorization",
            _W,
            "an agreement recorded as signed without any resolution authorizing signature",
        ),
        Code(
            "RT409",
            "lifecycle-sequence",
            _W,
            "an agreement's events out of their natural order (approved before signed before in force)",
        ),
        # RT5xx: importing plain text
        Code(
            "RT501",
            "text-not-understood",
            _W,
            "imported text that is not a clause, item, heading or closing line; kept as a mark where it stood",
        ),
        Code("RT502", "title-cut-off", _W, "the imported title line looks cut off by the extractor"),
        Code(
            "RT503", "not-a-resolution", _E, "the text has no opening formula or no clauses, so it cannot be imported"
        ),
        Code("RT504", "record-exists", _E, "importing would replace an existing record (use --force to replace it)"),
        Code("RT505", "import-target", _E, "the body or session to import into is missing or ambiguous"),
        Code(
            "RT506",
            "body-mismatch",
            _W,
            "the body named with --body opens its resolutions with another formula than the text",
        ),
        Code(
            "RT507",
            "import-invalid",
            _E,
            "the records built from the text would not pass validate in this tree, so none is written",
        ),
        Code(
            "RT508",
            "import-not-lossless",
            _W,
            "the imported records do not give the text back: the structure read may be wrong from the line named",
        ),
        Code(
            "RT509",
            "import-numbering",
            _W,
            "the imported operative clauses are not numbered 1, 2, 3 ...: a paragraph may have been split, "
            "joined or misread",
        ),
        Code(
            "RT510",
            "import-heading-text",
            _W,
            "imported text read as heading, above the formula, reads like clauses: the resolution may open "
            "earlier than the formula found",
        ),
        Code(
            "RT511",
            "import-body-verb",
            _W,
            "the body's name read from the imported formula holds a verb a body resolves with: the formula may "
            "be the start of a clause",
        ),
        Code(
            "RT520",
            "formula-not-printed",
            _W,
            "the imported text prints no opening formula: the body was read from a sentence, a numbered "
            "paragraph or the heading",
        ),
        Code(
            "RT529",
            "formulas-not-read",
            _W,
            "the imported text is in French or Spanish: its clauses were told apart by punctuation and numbers only",
        ),
        Code(
            "RT531",
            "number-damaged",
            _W,
            'an imported clause number or item label printed damaged ("4," or "i." for "1.", "(c}") and read as '
            "what it stands for",
        ),
        Code(
            "RT532",
            "continuation-guessed",
            _W,
            "an imported paragraph taken as the continuation of the one before a page break or blank line",
        ),
        Code(
            "RT533",
            "footnote-guessed",
            _W,
            "an imported line read as a footnote printed without a separator, or as part of another footnote",
        ),
        Code(
            "RT534",
            "symbol-year",
            _W,
            "the year in an imported Security Council symbol disagrees with the adoption date or is missing",
        ),
        Code(
            "RT535",
            "items-after-tail",
            _W,
            "imported items printed after the words that close a clause, kept in those words",
        ),
        Code(
            "RT536",
            "items-unlabelled",
            _W,
            "imported paragraphs with no label under a clause ending in a colon, kept in that clause's words",
        ),
        Code(
            "RT537",
            "meeting-damaged",
            _W,
            'an imported meeting number printed damaged by OCR ("I364th") and read as the number it stands for',
        ),
        Code(
            "RT540",
            "instrument-numbering",
            _W,
            "the articles or numbered paragraphs of an adopted instrument do not run 1 to N",
        ),
        Code(
            "RT541",
            "glued-label",
            _W,
            "a paragraph number or item label printed with no space before its words, read as a label",
        ),
        Code(
            "RT550",
            "enacting-body-guessed",
            _W,
            'the imported text\'s enacting formula ("BE IT RESOLVED that ...") names no body: the body was read '
            "from the heading or the first clause",
        ),
        Code(
            "RT551",
            "html-lists-as-paragraphs",
            _W,
            "the imported text is HTML whose lists (<li>) were read as paragraphs, not as a clause's items",
        ),
        # RT59x: importing a PDF (numbered apart from the text codes above, which grow one by one)
        Code("RT590", "pdf-without-text", _E, "the PDF has no text layer (a scan): run OCR on it first"),
        Code(
            "RT591", "pdf-unreadable", _E, "the file opens as a PDF but cannot be read: damaged, cut short or encrypted"
        ),
        Code(
            "RT592",
            "pdf-pages-without-text",
            _W,
            "some pages of the imported PDF hold no text (images, such as a scanned table); what they show is "
            "not imported",
        ),
    ]
}


def make(
    path: str,
    line: int,
    col: int,
    code: str,
    message: str,
    hint: str | None = None,
    *,
    severity: Severity | None = None,
) -> Diagnostic:
    """A diagnostic with the default severity of its code."""
    return Diagnostic(path, line, col, code, severity or CODES[code].severity, message, hint)


def cap(diagnostics: list[Diagnostic], path: str, limit: int, *, unlisted: int = 0) -> list[Diagnostic]:
    """At most `limit` problems of one file, errors first, then one RT009 saying how many more.

    The RT009 is an error when errors were left out, so that a capped file still fails the run.
    """
    if len(diagnostics) <= limit and not unlisted:
        return diagnostics
    ordered = sorted(diagnostics, key=lambda d: d.severity is not Severity.ERROR)  # stable: errors first
    kept, left = ordered[:limit], ordered[limit:]
    more = len(left) + unlisted
    errors_left = unlisted > 0 or any(d.severity is Severity.ERROR for d in left)
    return [
        *kept,
        make(
            path,
            0,
            0,
            "RT009",
            f"{more} more problems in this file are not listed",
            "fix the problems above and run again",
            severity=Severity.ERROR if errors_left else Severity.WARNING,
        ),
    ]


def count_by_severity(diagnostics: Iterable[Diagnostic]) -> dict[Severity, int]:
    counts = {s: 0 for s in Severity}
    for d in diagnostics:
        counts[d.severity] += 1
    return counts


def exit_code(diagnostics: Iterable[Diagnostic], *, strict: bool = False) -> int:
    """A checking command's exit status: 0 clean, 1 when there are errors (or, with `strict`, warnings)."""
    counts = count_by_severity(diagnostics)
    return 1 if counts[Severity.ERROR] + (counts[Severity.WARNING] if strict else 0) else 0


def quote(value: object, limit: int = 60) -> str:
    """A value quoted for a message, shortened so one long clause does not flood a line. Backslashes and
    quotes are escaped, and so is every character that would act on a terminal or break the line (see
    inert.inert): a message quoting a record's value can be printed as it is, and read back unambiguously."""
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return '"' + inert(text.replace("\\", "\\\\").replace('"', '\\"'), one_line=True) + '"'
