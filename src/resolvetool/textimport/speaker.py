"""Who adopted the text, and where and when it met: the opening formula read as a body's name and the words
that follow it. The name is read whole, commas and all ("The General Conference of the United Nations
Educational, Scientific and Cultural Organization"), up to the first words that tell the meeting rather than
the body: "meeting in", "held in", "at its twentieth session", a date, a city, "(Geneva, 1985)". From those
words come the venue (the country from the text, or from the city: `places`), the dates and the session."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..textforms import MONTHS, ORDINAL_WORD_PATTERN, parse_date_range, parse_ordinal
from .places import country_of

# Words after a comma (or a space) that start telling the meeting, not the body.
_MEETING_WORDS = r"(?:meeting|held|assembled|convened|sitting|gathered|at|in|on|from|having|during)"
_AFTER_COMMA = re.compile(rf",\s*(?={_MEETING_WORDS}\b|[a-z]|\d|\()")
_AFTER_SPACE = re.compile(
    r"\s+(?=(?:meeting|held|assembled|convened|sitting)\s+(?:in|at)\b|at\s+(?:its|the)\s+"
    r"\S+\s+(?:\w+\s+)?session\b|on the conclusion\b)"
)
# "(Geneva, 1985)", "(Second Session - Geneva, 1988)", "(Melbourne, 1988)": where and when, in brackets
_BRACKETED = re.compile(
    r"\(\s*(?:(?P<session>[^()]*?)\s*[-–]\s*)?(?P<city>[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)*)\s*,\s*"
    r"(?P<year>\d{4})\s*\)"
)
_CITY = r"(?P<city>[A-Z][\w'.-]*(?:[ -](?:[A-Z][\w'.-]*|de|del|es|el|la|au))*)"
_MET_IN = re.compile(
    rf"\b(?:meeting|held|assembled|convened|sitting|gathered)\s+(?:in|at)\s+{_CITY}"
    r"(?:\s*,\s*(?P<country>[A-Z][\w'.-]*(?:\s+(?:of|and|the|[A-Z][\w'.-]*))*))?"
)
_BARE_CITY = re.compile(rf"(?:^|,)\s*{_CITY}\s*,\s*(?=from\b|on\b|\d)")
_SESSION = re.compile(
    rf"\bat (?:its|the) (\d+(?:st|nd|rd|th)|{ORDINAL_WORD_PATTERN}) (?:\w+ )?session\b"
    rf"|\b({ORDINAL_WORD_PATTERN}) [Ss]ession\b",
    re.IGNORECASE,
)
_MONTHS = frozenset(MONTHS)


@dataclass
class Speaker:
    name: str  # as printed, from "The" on, without the words about the meeting and a closing "(UNESCO)"
    city: str | None = None
    country: str | None = None
    dates: tuple[dt.date, dt.date] | None = None
    session: int | None = None


def read_speaker(formula: str) -> Speaker:
    text = re.sub(r"^(?:Therefore|THEREFORE|Accordingly|ACCORDINGLY),?\s+", "", formula.strip().rstrip(",:;. "))
    end = _name_end(text)
    name = re.sub(r"\s*\([^()]*\)$", "", text[:end].strip().rstrip(","))  # "(UNESCO)", "(Dubai, 2018)"
    rest = text[end:]
    speaker = Speaker(name)
    speaker.dates = parse_date_range(re.sub(r"\bto(?=\d)", "to ", rest))
    session = _SESSION.search(rest)
    if session:
        speaker.session = parse_ordinal(session.group(1) or session.group(2))
    years = [int(year) for year in re.findall(r"\b(1[89]\d\d|20\d\d)\b", rest)]
    year = speaker.dates[0].year if speaker.dates else years[0] if years else None
    met = _MET_IN.search(rest)
    bracketed = _BRACKETED.search(rest)
    bare = _BARE_CITY.search(rest)
    if met:
        speaker.city = met.group("city")
        printed = met.group("country")
        if printed and printed.split()[0] not in _MONTHS and not re.match(r"(?:At|On|From)\b", printed):
            speaker.country = printed
    elif bracketed and country_of(bracketed.group("city")):
        speaker.city = bracketed.group("city")
        if speaker.session is None and bracketed.group("session"):
            ordinal = re.match(rf"({ORDINAL_WORD_PATTERN})\b", bracketed.group("session"), re.IGNORECASE)
            speaker.session = parse_ordinal(ordinal.group(1)) if ordinal else None
    elif bare and country_of(bare.group("city")):
        speaker.city = bare.group("city")
    if speaker.city and speaker.country is None:
        speaker.country = country_of(speaker.city, year)
    return speaker


def _name_end(text: str) -> int:
    """Where the body's name ends: before the first comma or words that tell the meeting."""
    depth, ends = 0, [len(text)]
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 1 and char == "(" and _BRACKETED.match(text, index):
            ends.append(index)
            break
        if depth <= 0 and char == "," and (_AFTER_COMMA.match(text, index) or _city_follows(text, index)):
            ends.append(index)
            break
    after = _AFTER_SPACE.search(text)
    if after:
        ends.append(after.start())
    return min(ends)


def _city_follows(text: str, comma: int) -> bool:
    """ ", Paris, from 24 October ...": a city after the name, not a word of it."""
    found = _BARE_CITY.match(text, comma)
    return bool(found and country_of(found.group("city")))
