"""Agreements: texts between organizations that resolutions approve, with their lifecycle."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Literal

from pydantic import Field

from .common import ActorRef, AnyRef, IsoDate, Model, OrganizationRef, RecordBase, ResolutionRef, Text

EventType = Literal["drafted", "approved", "signed", "in-force", "amended", "terminated"]

# The status an agreement has after each kind of event; `amended` leaves the status as it was.
STATUS_AFTER: dict[str, str] = {
    "drafted": "draft",
    "approved": "approved",
    "signed": "signed",
    "in-force": "in-force",
    "terminated": "terminated",
}


def status_after(events: Iterable[str | None]) -> str:
    """The status an agreement has after these lifecycle events, in order."""
    status = "draft"
    for event in events:
        if event is not None:  # a raw lifecycle step without an event (diff reads unvalidated data)
            status = STATUS_AFTER.get(event, status)
    return status


class AgreementEvent(Model):
    """One step in an agreement's life."""

    event: EventType
    date: IsoDate | None = None
    """When it happened, if the sources say."""
    by: ActorRef | None = None
    """Who did it: the resolution that approved it, the party that signed."""
    document: AnyRef | None = None
    """Where the text at this step is found (a report's appendix)."""
    note: Text | None = None


class SignatureAuthorization(Model):
    """Someone empowered to sign the agreement for a party."""

    signatory: OrganizationRef
    """The office that may sign, as `organization#office`."""
    by: ResolutionRef
    """The resolution that gives the authority."""


class Agreement(RecordBase):
    """An agreement between organizations."""

    kind: Literal["agreement"]
    title: Text
    parties: Annotated[list[OrganizationRef], Field(min_length=2)]
    text_location: AnyRef | None = None
    """Where the agreement's text is found."""
    lifecycle: list[AgreementEvent] = []
    signature_authorizations: list[SignatureAuthorization] = []

    @property
    def status(self) -> str:
        return status_after(step.event for step in self.lifecycle)
