"""How resolutions write numbers and dates in words: "81st", "Sixty-sixth", "from 5 to 8 November 2012".

Both directions live here, so that what the renderer prints is exactly what the importer reads.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_NUMBER = {name.lower(): i + 1 for i, name in enumerate(MONTHS)}
_MONTH_NUMBER.update({name[:3].lower(): i + 1 for i, name in enumerate(MONTHS)})
_MONTH_NUMBER["sept"] = 9

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDINAL_UNITS = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
_ORDINAL_TENS = [
    "_",
    "_",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
]


def with_article(word: str) -> str:
    """ "organization" -> "an organization", "body" -> "a body"."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def ordinal_suffix(number: int) -> str:
    """81 -> "81st", 112 -> "112th"."""
    if number % 100 in (11, 12, 13):
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def cardinal_words(number: int) -> str:
    """14 -> "fourteen", 93 -> "ninety-three", 2013 -> "two thousand and thirteen" (0 to 999,999; digits
    beyond)."""
    if number >= 1_000_000:
        return str(number)
    if number >= 1000:
        thousands, rest = divmod(number, 1000)
        head = f"{cardinal_words(thousands)} thousand"
        return head if not rest else f"{head}{' and' if rest < 100 else ''} {cardinal_words(rest)}"
    if number < 20:
        return _UNITS[number]
    if number < 100:
        tens, unit = divmod(number, 10)
        return _TENS[tens] + (f"-{_UNITS[unit]}" if unit else "")
    hundreds, rest = divmod(number, 100)
    return f"{_UNITS[hundreds]} hundred" + (f" and {cardinal_words(rest)}" if rest else "")


def ordinal_words(number: int) -> str:
    """66 -> "sixty-sixth", 80 -> "eightieth", 101 -> "one hundred and first", 2000 -> "two thousandth"
    (1 to 999,999; "1000000th" beyond)."""
    if number >= 1_000_000:
        return ordinal_suffix(number)
    if number >= 1000:
        thousands, rest = divmod(number, 1000)
        head = f"{cardinal_words(thousands)} thousand"
        return f"{head}th" if not rest else f"{head}{' and' if rest < 100 else ''} {ordinal_words(rest)}"
    if number < 20:
        return _ORDINAL_UNITS[number]
    if number < 100:
        tens, unit = divmod(number, 10)
        return _ORDINAL_TENS[tens] if not unit else f"{_TENS[tens]}-{_ORDINAL_UNITS[unit]}"
    hundreds, rest = divmod(number, 100)
    head = f"{_UNITS[hundreds]} hundred"
    return f"{head} and {ordinal_words(rest)}" if rest else f"{head}th"


_WORD_VALUES = {word: i for i, word in enumerate(_UNITS)} | {word: 10 * i for i, word in enumerate(_TENS) if i > 1}
_ORDINAL_VALUES = {word: i for i, word in enumerate(_ORDINAL_UNITS)} | {
    word: 10 * i for i, word in enumerate(_ORDINAL_TENS) if i > 1
}


def _words_value(words: list[str], last: dict[str, int]) -> int | None:
    total, current = 0, 0
    for position, word in enumerate(words):
        table = last if position == len(words) - 1 else _WORD_VALUES
        if word == "and":
            continue
        if word in ("hundred", "hundredth"):
            current = max(current, 1) * 100
            continue
        if word in ("thousand", "thousandth"):
            total, current = total + max(current, 1) * 1000, 0
            continue
        value = table.get(word)
        if value is None:
            return None
        current += value
    return total + current


def parse_cardinal(text: str) -> int | None:
    """ "fourteen" -> 14, "none" -> 0, "14" -> 14; None when it is not a number."""
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    if text in ("none", "no"):
        return 0
    return _words_value(re.split(r"[\s-]+", text), _WORD_VALUES)


def parse_ordinal(text: str) -> int | None:
    """ "Sixty-sixth" -> 66, "eighty-seventh" -> 87, "81st" -> 81; None when it is not an ordinal."""
    text = text.strip().lower()
    match = re.fullmatch(r"(\d+)\s*(st|nd|rd|th)", text)
    if match:
        return int(match.group(1))
    words = re.split(r"[\s-]+", text)
    if not words or not words[-1].endswith(("st", "nd", "rd", "th")):
        return None
    return _words_value(words, _ORDINAL_VALUES)


ORDINAL_WORD_PATTERN = (
    r"(?:(?:one|two|three|four|five|six|seven|eight|nine) hundred(?:th| and )?)?"
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:first|second|third|"
    r"fourth|fifth|sixth|seventh|eighth|ninth))?|twentieth|thirtieth|fortieth|fiftieth|"
    r"sixtieth|seventieth|eightieth|ninetieth|first|second|third|fourth|fifth|sixth|seventh|"
    r"eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|"
    r"seventeenth|eighteenth|nineteenth)"
)


def format_date(date: dt.date) -> str:
    """2012-11-05 -> "5 November 2012" (day first, no leading zero, as the assemblies print it)."""
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def date_range(start: dt.date, end: dt.date | None) -> str:
    """ "from 5 to 8 November 2012", "from 30 October to 2 November 2012",
    "from 28 December 2012 to 3 January 2013", or "on 5 November 2012" for one day."""
    if end is None or end == start:
        return f"on {format_date(start)}"
    if (start.year, start.month) == (end.year, end.month):
        return f"from {start.day} to {format_date(end)}"
    if start.year == end.year:
        return f"from {start.day} {MONTHS[start.month - 1]} to {format_date(end)}"
    return f"from {format_date(start)} to {format_date(end)}"


_DAY_FIRST = re.compile(r"\b(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_MONTH_FIRST = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b")


def _make_date(year: str, month: str, day: str) -> dt.date | None:
    number = _MONTH_NUMBER.get(month.lower())
    if number is None:
        return None
    try:
        return dt.date(int(year), number, int(day))
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[int, dt.date]]:
    """Every written date in `text` ("19 September 2025", "May 17, 2010") with where it starts, in order."""
    found = [(m.start(), _make_date(m.group(3), m.group(2), m.group(1))) for m in _DAY_FIRST.finditer(text)]
    found += [(m.start(), _make_date(m.group(3), m.group(1), m.group(2))) for m in _MONTH_FIRST.finditer(text)]
    return sorted((at, date) for at, date in found if date is not None)


def find_date(text: str) -> dt.date | None:
    """The first written date in `text`, if any."""
    found = find_dates(text)
    return found[0][1] if found else None


def parse_date_range(text: str) -> tuple[dt.date, dt.date] | None:
    """The inverse of `date_range`: "from 5 to 8 November 2012" -> (2012-11-05, 2012-11-08)."""
    match = re.search(
        r"\bfrom\s+(\d{1,2})(?:\s+([A-Za-z]+))?(?:\s+(\d{4}))?\s+to\s+(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})", text
    )
    if match:
        end = _make_date(match.group(6), match.group(5), match.group(4))
        start = _make_date(match.group(3) or match.group(6), match.group(2) or match.group(5), match.group(1))
        return (start, end) if start and end and start <= end else None
    match = re.search(r"\bon\s+(\d{1,2}\s+[A-Za-z]+\s+\d{4})", text)
    if match:
        day = find_date(match.group(1))
        return (day, day) if day else None
    return None
