"""Sessions: one meeting period of a body, where resolutions are adopted."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .common import BodyRef, IsoDate, Model, RecordBase, Text


class Venue(Model):
    """Where a session met."""

    city: Text
    country: Text


class Session(RecordBase):
    """A numbered session of a body, with its venue and dates."""

    kind: Literal["session"]
    body: BodyRef
    number: Annotated[int, Field(ge=1)]
    """Ordinal number of the session (81 for the 81st)."""
    title: Text | None = None
    venue: Venue | None = None
    start: IsoDate | None = None
    end: IsoDate | None = None
