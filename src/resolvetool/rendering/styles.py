"""House styles: how a body prints what the records hold as facts (the heading, the opening formula, the
closing lines). The importer uses the same styles to decide what a source printed differently."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import ResolvetoolError
from ..textforms import date_range, format_date, ordinal_suffix, ordinal_words


@dataclass(frozen=True)
class Context:
    """The records a resolution's printed form draws on besides itself."""

    body: Any
    session: Any = None
    adopted: Any = None  # the instrument the resolution adopts, printed after its operative clauses


class Standard:
    """Symbol and title above, "The <body>," as the formula, the adoption line and outcome word below."""

    name = "standard"

    def heading(self, resolution: Any, context: Context) -> list[str]:
        return [line for line in (resolution.symbol, resolution.title) if line]

    def formula(self, resolution: Any, context: Context) -> str:
        return f"{context.body.formula},"

    def closing(self, resolution: Any, context: Context) -> list[str]:
        adoption = resolution.adoption
        if adoption is None:
            return []
        return adoption_lines(adoption) + ([adoption.outcome] if adoption.outcome else [])


class Interpol(Standard):
    """INTERPOL General Assembly: "RESOLUTION", "Subject: ...", and a formula naming venue, dates and session:
    "The ICPO-INTERPOL General Assembly, meeting in Rome, Italy, from 5 to 8 November 2012 at its 81st session:"."""

    name = "interpol"

    def heading(self, resolution: Any, context: Context) -> list[str]:
        return [
            "RESOLUTION",
            *([resolution.symbol] if resolution.symbol else []),
            *([f"Subject: {resolution.title}"] if resolution.title else []),
        ]

    def formula(self, resolution: Any, context: Context) -> str:
        words = [context.body.formula]
        session = context.session
        if session is not None:
            if session.venue is not None:
                words[0] += f", meeting in {session.venue.city}, {session.venue.country},"
            if session.start is not None:
                words.append(date_range(session.start, session.end))
            words.append(f"at its {ordinal_suffix(session.number)} session")
        return " ".join(words) + ":"


class Ordinal(Standard):
    """Bodies that name the session in the formula by its ordinal: "The Sixty-sixth World Health Assembly,"."""

    name = "ordinal"

    def formula(self, resolution: Any, context: Context) -> str:
        formula = context.body.formula
        if context.session is None:
            return f"{formula},"
        ordinal = ordinal_words(context.session.number)
        head, _, rest = formula.partition(" ")
        if head.lower() == "the" and rest:
            ordinal = ordinal.upper() if formula.isupper() else ordinal[0].upper() + ordinal[1:]
            return f"{head} {ordinal} {rest},"
        return f"{ordinal[0].upper()}{ordinal[1:]} {formula},"


STYLES = {style.name: style for style in (Standard(), Interpol(), Ordinal())}


class UnknownStyle(ResolvetoolError):
    """A body names a house style that resolvetool does not have."""


def style_for(body: Any) -> Standard:
    name = body.house_style or "standard"
    try:
        return STYLES[name]
    except KeyError:
        raise UnknownStyle(
            f"body {body.id} asks for house style {name!r}, which resolvetool does not have "
            f"(it has {', '.join(sorted(STYLES))})"
        ) from None


def adoption_lines(adoption: Any) -> list[str]:
    """The adoption line as printed, or, for a hand-written record, composed from its facts the way UN
    organs print it."""
    if adoption.statement:
        return adoption.statement.split("\n")
    at = f" at the {adoption.meeting}" if adoption.meeting else ""
    vote = adoption.vote
    if adoption.method == "unanimous":
        return [f"Adopted unanimously{at}."]
    if adoption.method in ("without-vote", "consensus", "acclamation"):
        how = {"without-vote": "without a vote", "consensus": "by consensus", "acclamation": "by acclamation"}
        return [f"Adopted {how[adoption.method]}{at}."]
    if vote is not None and vote.in_favour is not None:
        against = vote.against or "none"
        line = f"Adopted{at} by {vote.in_favour} votes to {against}"
        if vote.abstaining:
            line += f", with {vote.abstaining} abstention{'s' if vote.abstaining != 1 else ''}"
        return [line + "."]
    if adoption.meeting:
        return [adoption.meeting + (f" {format_date(adoption.date)}" if adoption.date else "")]
    return []
