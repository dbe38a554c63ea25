"""What the heading, the formula and the closing lines say: symbol, title, date, session, agenda item,
committee, venue, meeting and vote. Each reader knows a family of conventions (UN, WHO, IMO, INTERPOL
and those that print like them), never one particular document."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..textforms import ORDINAL_WORD_PATTERN, find_date, ordinal_suffix, parse_cardinal, parse_ordinal
from .lines import strip_markup
from .speaker import read_speaker


@dataclass
class Facts:
    symbol: str | None = None
    title: str | None = None
    title_line: int = 1
    date: dt.date | None = None
    session_number: int | None = None
    agenda_item: str | None = None
    committee_reference: str | None = None
    body_formula: str = ""  # how the formula names the body: "The ICPO-INTERPOL General Assembly"
    body_name: str = ""  # the body's name: "General Assembly", "World Health Assembly"
    ordinal_in_formula: bool = False  # "The Sixty-sixth World Health Assembly"
    title_follows: bool = False  # the symbol line printed no title: the next heading line is the title
    venue: tuple[str, str] | None = None
    dates: tuple[dt.date, dt.date] | None = None
    meeting: str | None = None
    method: str | None = None
    vote: dict[str, int] = field(default_factory=dict)
    notes: list[tuple[int, str]] = field(default_factory=list)  # (line, message): warnings about the facts
    # (line, code, message, hint): other doubts about the facts, each with its own code
    doubts: list[tuple[int, str, str, str]] = field(default_factory=list)
    symbol_line: int = 0  # the line the symbol was read from
    symbol_year: str | None = None  # a Security Council symbol's year as printed ("1973", "197-4", "" for none)
    closing_line: int = 0  # the line the closing lines start on (for warnings about what they say)


# --- the formula --------------------------------------------------------------------------------------------

_ORDINAL_WORDS = re.compile(rf"\b({ORDINAL_WORD_PATTERN})\b", re.IGNORECASE)


def read_formula(formula: str, facts: Facts) -> None:
    """ "The ICPO-INTERPOL General Assembly, meeting in Rome, Italy, from 5 to 8 November 2012 at its 81st
    session:" -> the body, venue, dates and session; "The Sixty-sixth World Health Assembly," -> the body
    and session 66. The name is read whole and the meeting from the words after it (`speaker`)."""
    speaker = read_speaker(strip_markup(formula))
    facts.body_formula = speaker.name
    if speaker.city and speaker.country:
        facts.venue = (speaker.city, speaker.country)
    facts.dates = speaker.dates
    facts.session_number = speaker.session
    words = facts.body_formula.split(" ", 1)
    body = words[1] if words[0].lower() == "the" and len(words) > 1 else facts.body_formula
    ordinal = _ORDINAL_WORDS.match(body)
    if ordinal and parse_ordinal(ordinal.group(1)):
        facts.ordinal_in_formula = True
        facts.session_number = facts.session_number or parse_ordinal(ordinal.group(1))
        body = body[ordinal.end() :].strip()
    facts.body_name = body.title() if body.isupper() else body[:1].upper() + body[1:]  # "The conference,"


# --- the heading ------------------------------------------------------------------------------------------

_UN_SYMBOL = re.compile(r"\b([A-Z]/(?:[A-Z0-9-]+/)*RES/[\w/-]+(?:\.\d+)?(?: \(\d{4}\))?)")
# "80/1. Participation by ...", "ES-11/1. Aggression against ...", "2023/19. Strengthening ..." (ECOSOC)
_GA_NUMBER = re.compile(r"^((?:ES-\d+|S-\d+|\d{1,4})/\d{1,4}(?: [A-Z])?)\.\s+(.+)$")
# The organs that print only the number of a resolution ("80/1.") above its title, and their symbols.
_NUMBER_PREFIXES = {
    "general assembly": "A/RES/",
    "economic and social council": "E/RES/",
    "human rights council": "A/HRC/RES/",
}
_UNESCO_SYMBOL = re.compile(r"^(\d{1,3}\s?C/(?:Resolution|RES\.?)\s*[\d.]+)\s*(.*)$", re.IGNORECASE)
_SC_NUMBER = re.compile(r"^Resolution (\d{1,5} \(\d{4}\))(?:\s+(.*))?$", re.IGNORECASE)  # "Resolution 242 (1967)"
# The Security Council's headings as its yearly volumes print them: "Resolution 242 (1967)", "RESOLUTION 779 (1992)",
# "2 (1946). Resolution of 30 January 1946", and as OCR leaves them: "Resolution 290" (no year), "361 (197-4)"
_COUNCIL_NUMBER = re.compile(r"^Resolution\s+(\d{1,5})(?:\s*\(([^()]{1,12})\))?(?:\s+(.*))?$", re.IGNORECASE)
_COUNCIL_VOLUME = re.compile(r"^(\d{1,5})\s*\(([^()]{1,12})\)\s*[.,]\s*Resolution\b\s*(.*)$", re.IGNORECASE)
# "RESOLUTION MSC.302(87) (adopted on ...)", "Resolution 130 (Rev. Dubai, 2018)"
_RESOLUTION_SYMBOL = re.compile(
    r"^RESOLUTION\s+(\S*\d\S*?(?:\s*\((?!adopted)[^)]*\))?)[.,]?(?:\s+(.*))?$", re.IGNORECASE
)
_LEADING_SYMBOL = re.compile(
    r"^([A-Z]{2,}[A-Z0-9]*(?:\(\d+\))?(?:[./-][A-Z0-9()]+)*[./-]?\d+(?:\(\d+\))?[A-Z]?)"
    r"(?:\s+(.+))?$"
)
_TRAILING_SYMBOL = re.compile(r"\s((?:WHA|EB)\d+\.(?:R)?\d+)$")
_CODED_SYMBOL = re.compile(r"\b([A-Z]{2,}-\d{4}-RES-\d+)\b")
_ADOPTED_ON = re.compile(
    r"\(?\badopted\b[^()]*?\bon\s+(\d{1,2}\s+\w+\s+\d{4}|\w+\s+\d{1,2},\s+\d{4})\)?", re.IGNORECASE
)
_SUBJECT = re.compile(r"^(?:Subject|SUBJECT|Title|TITLE|Re)\s*:\s*(.+)$")
_SESSION_LINE = re.compile(
    rf"\b(\d+(?:st|nd|rd|th)|{ORDINAL_WORD_PATTERN})\s+(?:regular\s+|special\s+)?session\b", re.IGNORECASE
)
_AGENDA = re.compile(
    r"\bAgenda items?\s+(\d+(?:\.\d+)*(?:\s*\([a-z]\))?(?:\s*(?:,|and)\s*\d+(?:\.\d+)*"
    r"(?:\s*\([a-z]\))?)*)",
    re.IGNORECASE,
)
_FUNCTION_WORDS = {"the", "of", "and", "for", "to", "in", "on", "a", "an", "by", "with", "at", "from", "between"}


def read_heading(heading: list[str], lines: list[int], facts: Facts) -> None:
    plain = [strip_markup(text) for text in heading]
    for text, line in zip(plain, lines, strict=True):
        _read_heading_line(text, line, facts)
    if facts.session_number is None:
        _session_elsewhere(plain, facts)
    if facts.title is None and plain:
        # the first heading line that is more than the symbol or a date
        candidates = [
            (text, line)
            for text, line in zip(plain, lines, strict=True)
            if text != facts.symbol
            and not (find_date(text) and len(text.split()) <= 5)
            and not (facts.symbol and facts.symbol in text.split())
            and not _AGENDA.match(text)
        ]
        facts.title, facts.title_line = candidates[0] if candidates else (plain[0], lines[0])
    if facts.title:
        _mend_truncated_title(plain, facts)


def _read_heading_line(text: str, line: int, facts: Facts) -> None:
    """What one line of the heading says: subject, committee, date, agenda item, session, symbol, title, meeting;
    a fact already read is not read again."""
    if facts.title is None:
        subject = _SUBJECT.match(text)
        if subject:
            facts.title, facts.title_line = subject.group(1), line
    if facts.committee_reference is None and text.startswith("[") and text.endswith("]"):
        facts.committee_reference = text[1:-1].strip()
    if facts.date is None and re.search(r"\badopted\b|^of\s+\d|\bof \d{1,2} \w+ \d{4}$", text, re.IGNORECASE):
        facts.date = find_date(text)
    if facts.agenda_item is None:
        agenda = _AGENDA.search(text)
        if agenda:
            facts.agenda_item = agenda.group(1)
            if agenda.start() == 0 and facts.date is None:  # WHO: "Agenda item 17.3     31 May 2021"
                facts.date = find_date(text[agenda.end() :])
    # "Eightieth session  Agenda item 7 ...", "Human Rights Council Fifty-second session ... Agenda item 3"
    session = _SESSION_LINE.match(text) or ("agenda item" in text.lower() and _SESSION_LINE.search(text))
    if session and facts.session_number is None:
        facts.session_number = parse_ordinal(session.group(1))
    rest = _ADOPTED_ON.sub("", text).strip()  # "(adopted on 24 November 2020) AMENDMENTS TO ..."
    if facts.date is None and rest != text:
        facts.date = find_date(text)
    if (
        facts.title is None
        and facts.title_follows
        and rest
        and not _UN_SYMBOL.search(rest)
        and not (find_date(rest) and len(rest.split()) <= 5)
    ):
        facts.title, facts.title_line = rest, line
        return
    _read_symbol_and_title(text, line, facts)
    if facts.meeting is None and re.search(r"\badopted\b", text, re.IGNORECASE):
        meeting = _MEETING.search(text)  # "Adopted by the Security Council at its 8941st meeting, on ..."
        if meeting:
            facts.meeting = meeting.group(1)


def _session_elsewhere(plain: list[str], facts: Facts) -> None:
    """The session's number when no heading line named it with its agenda item: from the symbol, or from a
    line that names the session."""
    if facts.symbol:
        # symbols that carry the session: WHA66.1, EB132.R1, MSC.302(87), A/RES/80/1
        numbered = re.match(r"^(?:WHA|EB)(\d+)\.|^[A-Z]+\.\d+\((\d+)\)$|^A/RES/(\d+)/", facts.symbol)
        if numbered:
            facts.session_number = int(next(group for group in numbered.groups() if group))
    if facts.session_number is None:  # "Human Rights Council Fifty-second session 27 February-4 April 2023"
        for text in plain:
            session = _SESSION_LINE.search(text)
            if session and text != facts.title and (facts.title is None or facts.title not in text):
                facts.session_number = parse_ordinal(session.group(1))
                break


def _read_symbol_and_title(text: str, line: int, facts: Facts) -> None:
    found = _UN_SYMBOL.search(text)
    if found and facts.symbol is None:
        facts.symbol, facts.symbol_line = found.group(1), line
    if "security council" in facts.body_formula.lower() and _council_heading(text, line, facts):
        return
    # Each house's numbering, tried in turn; the first that reads the line has read it.
    for numbering in (_general_assembly_number, _unesco_symbol, _numbered_resolution, _resolution_symbol):
        if numbering(text, line, facts):
            return
    trailing = _TRAILING_SYMBOL.search(text)  # "SEVENTY-FOURTH WORLD HEALTH ASSEMBLY      WHA74.7"
    if trailing and facts.symbol is None:
        facts.symbol = trailing.group(1)
        return
    coded = _CODED_SYMBOL.search(text)
    if coded and facts.symbol is None:
        facts.symbol = coded.group(1)


def _general_assembly_number(text: str, line: int, facts: Facts) -> bool:
    match = _GA_NUMBER.match(text)
    if not match:
        return False
    prefix = _NUMBER_PREFIXES.get(facts.body_name.lower())
    if facts.symbol is None and prefix:
        facts.symbol = prefix + match.group(1)
    if facts.title is None:
        facts.title, facts.title_line = match.group(2), line
    return True


def _unesco_symbol(text: str, line: int, facts: Facts) -> bool:
    match = _UNESCO_SYMBOL.match(text)
    if not match:
        return False
    facts.symbol = facts.symbol or match.group(1)
    if match.group(2) and facts.title is None:
        facts.title, facts.title_line = match.group(2), line
    elif facts.title is None:
        facts.title_follows = True
    return True


def _numbered_resolution(text: str, line: int, facts: Facts) -> bool:
    match = _SC_NUMBER.match(text)
    if not match:
        return False
    if facts.symbol is None:
        council = "security council" in facts.body_formula.lower()
        facts.symbol = f"S/RES/{match.group(1)}" if council else f"Resolution {match.group(1)}"
    if facts.date is None and match.group(2):
        facts.date = find_date(match.group(2))
    if facts.title is None:  # Security Council resolutions have no title but their number
        facts.title, facts.title_line = f"Resolution {match.group(1)}", line
    return True


def _resolution_symbol(text: str, line: int, facts: Facts) -> bool:
    for pattern in (_RESOLUTION_SYMBOL, _LEADING_SYMBOL):
        match = pattern.match(text)
        if match and not _UN_SYMBOL.match(text):
            if facts.symbol is None:
                facts.symbol = match.group(1).rstrip(".,:;")
            rest = _ADOPTED_ON.sub("", match.group(2) or "").strip()
            if facts.title is None and match.group(1).rstrip(".,:;") == facts.symbol:
                if rest:
                    facts.title, facts.title_line = rest, line
                else:
                    facts.title_follows = True  # "Resolution 10/4" above, the title on the next line
            return True
    return False


def _council_heading(text: str, line: int, facts: Facts) -> bool:
    """A Security Council heading: the number and year of the resolution, and in the volumes' form its date."""
    match = _COUNCIL_VOLUME.match(text) or _COUNCIL_NUMBER.match(text)
    if match is None:
        return False
    number, year, rest = match.group(1), (match.group(2) or "").strip(), match.group(3) or ""
    if facts.symbol is None:
        facts.symbol, facts.symbol_line, facts.symbol_year = f"S/RES/{number} ({year})", line, year
    if facts.date is None and rest:
        facts.date = find_date(rest)  # "Resolution of 30 January 1946"
    if facts.title is None:  # Security Council resolutions have no title but their number
        printed = f"{number} ({year})" if year else number
        facts.title, facts.title_line = f"Resolution {printed}", line
    return True


def settle_symbol(facts: Facts) -> None:
    """A Security Council symbol carries the year of adoption: when the heading printed none, or one that is
    not a year or not the adoption date's (OCR: "(197-4)", "(1973)" for 1978), the year comes from the date,
    with a warning when what was printed disagrees."""
    if facts.symbol_year is None or facts.symbol is None:
        return
    printed = facts.symbol_year
    if facts.date is None:
        if not re.fullmatch(r"\d{4}", printed):
            facts.symbol = facts.symbol.split(" (")[0]  # no year to be had: the number alone
            facts.doubts.append(
                (
                    facts.symbol_line,
                    "RT534",
                    f"the heading prints no clean year for resolution "
                    f"{facts.symbol} ({printed!r}) and no adoption date to take it from",
                    "add the year to the symbol: S/RES/N (YYYY)",
                )
            )
        return
    year = str(facts.date.year)
    if printed != year:
        facts.symbol = f"{facts.symbol.split(' (')[0]} ({year})"
        if printed:
            facts.doubts.append(
                (
                    facts.symbol_line,
                    "RT534",
                    f"the heading prints the year {printed!r} but the "
                    f"resolution was adopted in {year}: the symbol reads {facts.symbol}",
                    "check the symbol's year against the official document",
                )
            )


def _mend_truncated_title(plain: list[str], facts: Facts) -> None:
    """A title line cut off by the extractor ("... the expenses of the") is completed from the agenda line
    that prints it whole, with a note; without one it is kept as printed, with a note."""
    title = facts.title or ""
    last = title.rsplit(" ", 1)[-1].lower()
    if last not in _FUNCTION_WORDS:
        return
    for text in plain:
        at = text.find(title)
        if "agenda" in text.lower() and at >= 0 and len(text) > at + len(title):
            facts.title = text[at:]
            facts.notes.append(
                (
                    facts.title_line,
                    f"the title line ends in {last!r} and looks cut off; took the "
                    f"whole title from the agenda line: {facts.title!r}",
                )
            )
            return
    facts.notes.append((facts.title_line, f"the title ends in {last!r} and may be cut off; kept as printed"))


# --- the closing lines --------------------------------------------------------------------------------------

_MEETING = re.compile(
    rf"\b((?:\d{{1,5}}(?:st|nd|rd|th)|{ORDINAL_WORD_PATTERN})\s+(?:\((?:resumed|continued|closed)\)\s+)?"
    r"(?:plenary\s+)?meeting)\b",
    re.IGNORECASE,
)
# "by 14 votes to none, with 1 abstention"; as OCR prints it too ("hy 14 votes ta none", "with I abstention",
# "to nones"); "by 9 votes (Australia, present and not voting ...)" with none against
_VOTES = re.compile(
    r"\b[bh]y\s+(\w+(?:-\w+)?)\s+votes?(?:\s+(?:to|ta|io|10)\s+(\w+(?:-\w+)?))?(?:\s*\([^)]*\))?"
    r"(?:,?\s+with\s+(\w+(?:-\w+)?)\s+abstentions?)?",
    re.IGNORECASE,
)
# A meeting's number as OCR prints it: "I364th", "179Ist", "]8S6ih", "24491h" (2449th), "2729the", "3005 meeting"
_DAMAGED_MEETING = re.compile(
    r"(?<![\w\]|])([\dIil|O\]S]{2,5}?)(?:st|nd|rd|th|the|ih|1h|h)?\s+(?:\(closed\)\s+)?meeting\b"
)
_OCR_DIGITS = str.maketrans({"I": "1", "i": "1", "l": "1", "|": "1", "]": "1", "O": "0", "S": "5"})
_DASHED = re.compile(r"\b(?:recorded )?vote of (\d+)\s*(?:-|–|to)\s*(\d+)\s*(?:-|–|,\s*with)\s*(\d+)", re.IGNORECASE)
_RECORDED = re.compile(
    r"\b(\w+(?:-\w+)?)\s+in favour,?\s+(\w+(?:-\w+)?)\s+against,?\s+(?:and\s+)?(\w+(?:-\w+)?)\s+"
    r"abstentions?",
    re.IGNORECASE,
)
_NOT_PARTICIPATING = re.compile(
    r"\b(\w+)\s+(?:members?|States?|delegations?)\s+(?:\([^)]*\)\s+)?did not "
    r"(?:participate|take part)",
    re.IGNORECASE,
)


# "the 10th day of December, 2018", "this 9th day of July 1984": a council's adoption date, read as "10 December 2018"
_DAY_OF = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+day\s+of\s+([A-Z][a-z]+),?\s+(\d{4})\b")


# A council's roll call: "AYES: Smith, Jones and Brown NAYS: None ABSENT: Lee", "Ayes: 5 Nays: 0"; and its tally
# printed as "(4-1 vote)", "by a vote of 5 to 2"
_ROLL = re.compile(
    r"\b(AYES|Ayes|YEAS|Yeas|NAYS|Nays|NOES|Noes|ABSTAIN(?:ING|ED|S)?|Abstain(?:ing|ed|s)?|"
    r"ABSTENTIONS?|Abstentions?)\s*:\s*(.*?)(?=\s+(?:AYES|Ayes|YEAS|Yeas|NAYS|Nays|NOES|Noes|ABSTAIN|"
    r"Abstain|ABSENT|Absent|EXCUSED|Excused|ATTEST|Attest)\b|$)"
)
_TALLY = re.compile(r"\(?\b(\d{1,3})\s*[-–]\s*(\d{1,3})(?:\s*[-–]\s*(\d{1,3}))?\s+vote\b")


def _roll_call(text: str, facts: Facts) -> None:
    """The vote a council's closing lines print: a roll call of names or numbers, or a tally ("4-1 vote")."""
    counts: dict[str, int | None] = {"in_favour": None, "against": None, "abstaining": 0}
    for found in _ROLL.finditer(text):
        word, named = found.group(1).lower(), found.group(2).strip().rstrip(".;,")
        key = "in_favour" if word in ("ayes", "yeas") else "against" if word in ("nays", "noes") else "abstaining"
        if re.fullmatch(r"\d{1,3}", named):
            counts[key] = int(named)
        elif named.lower() in ("none", "0", "-", "—", ""):
            counts[key] = 0
        else:  # names: "Smith, Jones and Brown", "Councilmembers Smith, Jones"
            counts[key] = len([name for name in re.split(r",\s*|\s+and\s+|;\s*", named) if name.strip()])
    in_favour, against, abstaining = counts["in_favour"], counts["against"], counts["abstaining"]
    if in_favour is not None and against is not None and abstaining is not None:  # abstaining is never None
        facts.method = facts.method or "vote"
        facts.vote = {"in_favour": in_favour, "against": against, "abstaining": abstaining, "not_participating": 0}
        return
    tally = _TALLY.search(text)
    if tally:
        facts.method = facts.method or "vote"
        facts.vote = {
            "in_favour": int(tally.group(1)),
            "against": int(tally.group(2)),
            "abstaining": int(tally.group(3) or 0),
            "not_participating": 0,
        }


def _count(printed: str) -> int | None:
    """A vote count as printed, OCR's damage read through: "I" or "l" for 1 ("with I abstention", "I4 votes"),
    a footnote's marker glued to the word ("none33"), "nones" for "none"."""
    if re.fullmatch(r"[\dIl|O]{1,3}", printed) and re.search(r"\d|^[Il|]$", printed):
        return int(printed.translate(_OCR_DIGITS))
    word = re.sub(r"\d+$", "", printed)
    return parse_cardinal("none" if word.lower() == "nones" else word)


def _damaged_meeting(text: str, facts: Facts) -> None:
    """The meeting when OCR damaged its number ("Adopted unanimously at the I364th meeting."), read with a
    warning; nothing when it cannot be read as a number."""
    found = _DAMAGED_MEETING.search(text)
    if found is None:
        return
    digits = found.group(1).translate(_OCR_DIGITS)
    if not digits.isdigit() or digits.startswith("0"):
        return
    number = int(digits)
    facts.meeting = f"{ordinal_suffix(number)} meeting"
    facts.doubts.append(
        (
            facts.closing_line,
            "RT537",
            f"read the meeting printed {found.group(0)!r} as the {facts.meeting}",
            "check the meeting's number against the official document",
        )
    )


def read_closing(closing: list[str], facts: Facts) -> None:
    text = " ".join(strip_markup(line) for line in closing)  # "this <span ...>9th</span> day of ...": the words
    meeting = _MEETING.search(text)
    if meeting and facts.meeting is None:
        facts.meeting = meeting.group(1)
    elif facts.meeting is None:
        _damaged_meeting(text, facts)
    if facts.date is None:
        facts.date = find_date(_DAY_OF.sub(r"\1 \2 \3", text))
    lowered = text.lower()
    if "unanimously" in lowered or "unanimous" in lowered:
        facts.method = "unanimous"
    elif "without a vote" in lowered or "without vote" in lowered:
        facts.method = "without-vote"
    elif "by consensus" in lowered:
        facts.method = "consensus"
    elif "by acclamation" in lowered:
        facts.method = "acclamation"
    counts = _VOTES.search(text) or _DASHED.search(text) or _RECORDED.search(text)
    if counts:
        groups = counts.groups()
        read = [_count(value) if value else 0 for value in groups]
        values = [value for value in read if value is not None]
        if len(values) == len(read):  # every count was read
            facts.method = facts.method or "vote"
            facts.vote = {
                "in_favour": values[0],
                "against": values[1],
                "abstaining": values[2] or 0,
                "not_participating": 0,
            }
    if not facts.vote:
        _roll_call(text, facts)
    absent = _NOT_PARTICIPATING.search(text)
    if absent and facts.vote:
        facts.vote["not_participating"] = parse_cardinal(absent.group(1)) or 0
