"""Text that cannot act on whoever reads it: the one function every output for people passes text through.

Record values, file names, paths given on the command line, commit subjects and settings can hold characters
that a terminal acts on instead of showing (an escape sequence can set the clipboard, move the cursor, or
make a link), and bidirectional controls that make text read differently from what it holds. Shown through
`inert`, each such character appears as its Python escape (`\\x1b`, `\\u202e`), so the reader sees that it is
there and nothing acts on it. Data formats (json, sarif) keep values exact and do not use this.

This module imports nothing heavy: diagnostics, reporters and renderers all use it.
"""

from __future__ import annotations

import re

# Controls (C0 but tab and newline, DEL, C1: escape sequences among them), the bidirectional marks,
# embeddings, overrides and isolates (U+061C, U+200E-F, U+202A-E, U+2066-9), the line and paragraph
# separators, and lone surrogates (a file name that is not UTF-8), which no output can encode.
_ACTING = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_IN_TEXT = re.compile(f"[{_ACTING}]")
_IN_LINE = re.compile(f"[\t\n{_ACTING}]")


def inert(text: str, *, one_line: bool = False) -> str:
    """`text` safe to print for people: each character that would act rather than show is replaced by its
    escape (ESC by `\\x1b`, U+202E by `\\u202e`). Newline and tab stay, unless `one_line`: then they are
    escaped too (`\\n`, `\\t`), for text that must not start a line of its own, such as a file name before
    `:line:col:`. A byte of a file name that is not UTF-8 (a lone surrogate) shows as `\\xNN`, as printable_path
    shows it. Printable text, backslashes included, is left as it is; the result is inert again."""
    return (_IN_LINE if one_line else _IN_TEXT).sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    if "\udc80" <= character <= "\udcff":  # a byte of a name that is not UTF-8, as printable_path shows it
        return f"\\x{ord(character) - 0xDC00:02x}"
    return character.encode("unicode_escape").decode("ascii")


def undecodable_at(text: str) -> int | None:
    """Where the first byte of `text` that is not UTF-8 stands, or None: a name or argument the system gave in
    other bytes, which Python holds as lone surrogates (no output, SQLite text or record can carry them)."""
    if text.isascii():
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return error.start
    return None


def printable_path(path: str) -> str:
    """A file name as text any output can carry: the bytes of a name that is not UTF-8 (which Python holds as
    lone surrogates, and no encoder takes) shown as \\xNN."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def inert_path(path: str) -> str:
    """A file name made safe to print before `:line:col:` or on a line of its own: its bytes that are not UTF-8
    as \\xNN, then every acting character, newline and tab included, as inert() shows them."""
    return inert(printable_path(path), one_line=True)


# What JSON writes as is but a terminal acts on (JSON itself escapes only C0 controls, quotes and backslashes).
_JSON_ACTING = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def inert_json(text: str) -> str:
    """JSON text (from json.dumps) in which no character acts on a terminal it is printed on: DEL, C1 controls
    and bidirectional controls are written as `\\uXXXX` escapes, which every JSON reader reads back as the same
    character, so the data stays exact. Outside strings JSON holds none of them, so only strings change."""
    return _JSON_ACTING.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
