"""Text is clean: one kind of quotes and dashes, single spaces, NFC, nothing invisible.

Within one record, quotation marks and apostrophes are all straight (`'`, `"`) or all curly (`’`, `“”`), and
dashes between words all en dashes (` – `) or all spaced hyphens (` - `) (RT308); there are no doubled spaces
inside a line (RT309); text is in Unicode NFC, so that `é` is one character, not `e` and a combining accent
(RT310); and there are no invisible or direction-changing characters (zero-width spaces and joiners, soft
hyphens, byte order marks, bidirectional embeddings and isolates) (RT311), which can hide text from readers.
`lint --fix` makes every quote and dash the record's majority kind, collapses the spaces, normalises to NFC
and removes the invisible characters.

Fails:

    title: Agreement between WHO and the South  Centre
    operative:
      - phrase: APPROVES
        text: the Agreement, which conforms to the Organization’s interests and the Parties' rules.

Passes:

    title: Agreement between WHO and the South Centre
    operative:
      - phrase: APPROVES
        text: the Agreement, which conforms to the Organization's interests and the Parties' rules.
"""

from __future__ import annotations

import re
import unicodedata

from ..finding import Finding, strings

CODES = ("RT308", "RT309", "RT310", "RT311")
KINDS = ()  # every kind
FIXABLE = True

_STRAIGHT = re.compile(r"['\"]")
_CURLY = re.compile(r"[‘’“”]")
_EN_DASH = re.compile(r" – ")
_HYPHEN_DASH = re.compile(r" - ")
_DOUBLED = re.compile(r"(?<=\S)  +(?=\S)")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_TO_STRAIGHT = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def _to_curly(text: str) -> str:
    text = re.sub(r'(^|[\s(\[])"', "\\1“", text)
    text = text.replace('"', "”")
    text = re.sub(r"(^|[\s(\[])'", "\\1‘", text)
    return text.replace("'", "’")


def check(record, context):
    values = list(strings(context.data))
    blob = "\n".join(text for _, text in values)  # one scan of the whole record finds most records clean
    if not (
        (_CURLY.search(blob) and _STRAIGHT.search(blob))
        or (" – " in blob and " - " in blob)
        or "  " in blob
        or _INVISIBLE.search(blob)
        or not unicodedata.is_normalized("NFC", blob)
    ):
        return
    straight, curly = len(_STRAIGHT.findall(blob)), len(_CURLY.findall(blob))
    hyphens, dashes = len(_HYPHEN_DASH.findall(blob)), len(_EN_DASH.findall(blob))
    quotes = "curly" if curly > straight else "straight"  # the record's majority (straight on a tie)
    dash = " – " if dashes >= hyphens else " - "
    for loc, text in values:
        fixed = text
        if straight and curly and (_STRAIGHT if quotes == "curly" else _CURLY).search(text):
            fixed = fixed.translate(_TO_STRAIGHT) if quotes == "straight" else _to_curly(fixed)
            yield Finding(
                loc,
                f"{'straight' if quotes == 'curly' else 'curly'} quotes here, {quotes} ones elsewhere in the record",
                f"use {quotes} quotes throughout",
                fix=fixed,
            )
        if hyphens and dashes and (_HYPHEN_DASH if dash == " – " else _EN_DASH).search(text):
            to = dash
            fixed = _HYPHEN_DASH.sub(to, fixed) if to == " – " else _EN_DASH.sub(to, fixed)
            yield Finding(
                loc,
                "en dashes and spaced hyphens are mixed in this record",
                f"use {to.strip()!r} between words throughout",
                fix=fixed,
            )
        if _DOUBLED.search(text):
            fixed = _DOUBLED.sub(" ", fixed)
            yield Finding(loc, "two spaces in a row", "write one space", fix=fixed, code="RT309")
        if unicodedata.normalize("NFC", text) != text:
            fixed = unicodedata.normalize("NFC", fixed)
            yield Finding(
                loc,
                "text not in Unicode NFC (a combining accent apart from its letter)",
                "normalise to NFC",
                fix=fixed,
                code="RT310",
            )
        invisible = _INVISIBLE.search(text)
        if invisible:
            fixed = _INVISIBLE.sub("", fixed)
            yield Finding(
                loc,
                f"invisible character U+{ord(invisible.group()):04X} "
                f"({unicodedata.name(invisible.group(), 'unnamed')}) in the text",
                "remove it: it can hide or reorder what readers see",
                fix=fixed,
                code="RT311",
            )
