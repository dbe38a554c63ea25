"""The filter language of `query` and `search`: FIELD OP VALUE, one filter per argument.

    kind=resolution              equal (ignoring case); several values: status=adopted,superseded
    session!=interpol-ga-80      none of its values is equal
    adopted>=2012-01-01          compare dates (2012 and 2012-11 stand for their first or last day),
    year<2000                    numbers, or text; also <, <=, >
    refs~ag-2012-rap-18          contains, ignoring case (several: refs~impact,itu); !~ contains none
    title=Assembly\\, 40th        \\, is a comma inside a value
    symbol=*   symbol!=*         has a value at all, or none

A field is named as in the record with list levels left out (`adoption.date`, `preamble.phrase`,
`lifecycle.event`), or by one of the derived names (`date`, `year`, `adopted`, `phrase`, `refs`); see
`resolvetool query --list-fields`. Every mistake is reported with the position of the offending part.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ..errors import ResolvetoolError
from ..index.catalogue import PRESENTATION, WORDS

OPERATORS = ("!=", "<=", ">=", "!~", "=", "<", ">", "~")
_FILTER = re.compile(r"([^=<>!~]*)(!=|<=|>=|!~|=|<|>|~)(.*)", re.DOTALL)
_FIELD_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*\Z")
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")
_TRUE, _FALSE = ("true", "yes", "1"), ("false", "no", "0")
_COMPARISONS = ("<", "<=", ">", ">=")
MAX_VALUE = 2000  # characters in a value: longer is no field's and would exceed SQLite's LIKE limits
MAX_ALTERNATIVES = 10_000


class FilterError(ResolvetoolError, ValueError):
    """A filter (or sort key) that cannot be used, with the span of `text` at fault."""

    def __init__(self, text: str, start: int, end: int, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.text, self.start, self.end, self.message, self.hint = text, start, max(end, start + 1), message, hint


@dataclass(frozen=True)
class Filter:
    field: str
    op: str
    values: tuple[Any, ...]  # typed: str, int; ("*",) for presence; (low, high) pairs for partial dates
    type: str
    text: str  # as written


def looks_like_filter(argument: str, catalogue: dict[str, Any]) -> bool:
    """Whether a search argument is meant as a filter: a known field name, then an operator."""
    match = _FILTER.match(argument)
    return match is not None and match.group(1) in catalogue


def parse_filter(text: str, catalogue: dict[str, dict[str, Any]]) -> Filter:
    match = _FILTER.match(text)
    if match is None:
        raise FilterError(
            text,
            0,
            len(text),
            "a filter is FIELD, an operator and a value",
            f"for example kind=resolution or adopted>=2012; operators: {' '.join(OPERATORS)}",
        )
    name, op, value = match.groups()
    if not name:
        raise FilterError(text, 0, len(op), f"no field before {op!r}", "write FIELD" + op + "VALUE")
    if not _FIELD_NAME.match(name):
        raise FilterError(
            text,
            0,
            len(name),
            f"{name!r} is not a field name",
            "field names are words joined by dots (adoption.date); operators: " + " ".join(OPERATORS),
        )
    info = field_info(name, catalogue, text, 0)
    start = len(name) + len(op)
    if not value.strip():
        raise FilterError(
            text,
            start,
            start + len(value),
            f"no value after {op!r}",
            f"write {name}{op}VALUE; {name}=* matches records that have a {name}",
        )
    kind = info["type"]
    if value == "*":
        if op not in ("=", "!="):
            raise FilterError(text, start, len(text), f"'*' (any value) goes with = or !=, not {op!r}")
        return Filter(name, op, ("*",), kind, text)
    parts = _alternatives(value) if op not in _COMPARISONS else [(value.replace("\\,", ","), 0)]
    if op in _COMPARISONS:
        comma = _unescaped_comma(value)
        if comma is not None:
            raise FilterError(
                text,
                start + comma,
                start + comma + 1,
                f"{op!r} compares with one value",
                "alternatives (a,b) go with =, != and ~; write \\, for a comma in a value",
            )
        if kind in ("enum", "bool", "ref"):
            raise FilterError(
                text,
                len(name),
                len(name) + len(op),
                f"{name} cannot be compared with {op!r}",
                f"{name} is {_described(kind)}: use = or ~",
            )
    if op in ("~", "!~") and kind in ("number", "bool"):
        raise FilterError(
            text,
            len(name),
            len(name) + len(op),
            f"{name} is {_described(kind)}: '~' looks for words inside text",
            "use =, <, <=, > or >=",
        )
    if len(parts) > MAX_ALTERNATIVES:
        raise FilterError(
            text,
            start,
            len(text),
            f"more than {MAX_ALTERNATIVES:,} alternatives",
            "split the list, or pipe ids in smaller batches",
        )
    values = []
    for part, offset in parts:
        stripped = part.strip()
        if not stripped:
            raise FilterError(
                text,
                start + offset,
                start + offset + len(part),
                "an empty alternative",
                "remove the extra comma (write \\, for a comma in a value)",
            )
        where = start + offset + (len(part) - len(part.lstrip()))
        if len(stripped) > MAX_VALUE:
            raise FilterError(
                text,
                where,
                where + len(stripped),
                f"a value longer than {MAX_VALUE:,} characters",
                "no record field is that long",
            )
        values.append(_typed(stripped, op, kind, info, text, where))
    return Filter(name, op, tuple(values), kind, text)


def _alternatives(value: str) -> list[tuple[str, int]]:
    """`a,b\\,c` -> [("a", 0), ("b,c", 2)]: the alternatives of a value and where each starts; a comma
    written \\, belongs to the value."""
    parts: list[tuple[str, int]] = []
    current, begun, index = [], 0, 0
    while index < len(value):
        if value.startswith("\\,", index):
            current.append(",")
            index += 2
            continue
        if value[index] == ",":
            parts.append(("".join(current), begun))
            current, begun = [], index + 1
        else:
            current.append(value[index])
        index += 1
    parts.append(("".join(current), begun))
    return parts


def _unescaped_comma(value: str) -> int | None:
    for index, character in enumerate(value):
        if character == "," and not (index and value[index - 1] == "\\"):
            return index
    return None


def field_info(name: str, catalogue: dict[str, dict[str, Any]], text: str, start: int) -> dict[str, Any]:
    """The catalogue entry for `name`, or an error pointing at it with the closest names."""
    info = catalogue.get(name)
    if info is not None:
        return info
    head, _, leaf = name.rpartition(".")
    if (leaf or head) in WORDS:
        raise FilterError(
            text,
            start,
            start + len(name),
            f"{name} holds running words, which are searched, not filtered",
            "resolvetool search WORDS, or query --text WORDS with filters",
        )
    if name.split(".")[0] in PRESENTATION:
        raise FilterError(
            text, start, start + len(name), f"{name} says how a source was printed: it is neither filtered nor searched"
        )
    import difflib

    close = difflib.get_close_matches(name, list(catalogue), n=3, cutoff=0.6)
    hint = f"did you mean {' or '.join(close)}? " if close else ""
    raise FilterError(
        text, start, start + len(name), f"unknown field {name!r}", hint + "'resolvetool query --list-fields' lists them"
    )


def _described(kind: str) -> str:
    return {
        "enum": "one of a set of words",
        "bool": "true or false",
        "ref": "a reference",
        "number": "a number",
        "date": "a date",
    }.get(kind, "text")


def _typed(value: str, op: str, kind: str, info: dict[str, Any], text: str, start: int) -> Any:
    end = start + len(value)
    if op in ("~", "!~"):
        return value
    if kind == "number":
        try:
            number = int(value)
        except ValueError:
            raise FilterError(text, start, end, f"{value!r} is not a whole number") from None
        if not -(2**63) <= number < 2**63:
            raise FilterError(text, start, end, f"{value} is too large a number to compare")
        return number
    if kind == "bool":
        if value.lower() in _TRUE:
            return 1
        if value.lower() in _FALSE:
            return 0
        raise FilterError(text, start, end, f"{value!r} is not true or false")
    if kind == "enum" and info.get("choices"):
        if value.lower() not in info["choices"]:
            raise FilterError(
                text,
                start,
                end,
                f"{value!r} is not a value {text[:start].rstrip('=!<>~')} takes",
                "one of: " + ", ".join(info["choices"]),
            )
        return value.lower()
    if kind == "date":
        return date_bounds(value, text, start)
    return value


def date_bounds(value: str, text: str, start: int) -> tuple[str, str]:
    """A date, month or year as the (first day, last day) it stands for; dates are compared as text."""
    match = _PARTIAL_DATE.match(value)
    if match is None:
        raise FilterError(
            text,
            start,
            start + len(value),
            f"{value!r} is not a date",
            "write YYYY-MM-DD, or YYYY-MM or YYYY for a whole month or year",
        )
    year, month, day = match.groups()
    try:
        if day:
            date = dt.date(int(year), int(month), int(day)).isoformat()
            return date, date
        if month:
            last = calendar.monthrange(int(year), int(month))[1]
            return f"{year}-{month}-01", dt.date(int(year), int(month), last).isoformat()
    except ValueError as error:
        raise FilterError(text, start, start + len(value), f"{value!r} is not a real date ({error})") from None
    return f"{year}-01-01", f"{year}-12-31"


def parse_sort(text: str, catalogue: dict[str, dict[str, Any]]) -> list[tuple[str, bool]]:
    """`date,-title` -> [("date", ascending), ("title", descending)]."""
    keys: list[tuple[str, bool]] = []
    offset = 0
    for part in text.split(","):
        key = part.strip()
        where = offset + (part.index(key) if key else 0)
        descending = key.startswith("-")
        name = key[1:] if key[:1] in ("-", "+") else key
        if not name:
            raise FilterError(
                text, where, where + len(part), "an empty sort key", "write FIELD or -FIELD, comma-separated"
            )
        if name[:1] in ("-", "+"):
            raise FilterError(text, where, where + 2, "one sign before a sort key", "write -FIELD for descending")
        field_info(name, catalogue, text, where + len(key) - len(name))
        if any(name == earlier for earlier, _ in keys):  # (and a few hundred keys would be more than SQLite sorts by)
            raise FilterError(
                text,
                where,
                where + len(key),
                f"sort key {name!r} given twice",
                "the first one decides; leave the other out",
            )
        keys.append((name, descending))
        offset += len(part) + 1
    return keys
