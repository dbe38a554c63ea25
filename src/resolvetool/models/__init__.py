"""The record models: one Pydantic model per kind, joined in one discriminated union."""

from __future__ import annotations

import typing
from typing import Annotated, Union

from pydantic import Field, TypeAdapter

from ..kinds import FOLDER_BY_KIND, KIND_BY_FOLDER, KINDS
from .agreement import Agreement, AgreementEvent, SignatureAuthorization
from .body import Body
from .common import IsoDate, Model, RecordBase, RecordId, RefTo, ref
from .instrument import Article, Instrument
from .organization import Membership, Office, Organization, Relationship, Unit
from .refs import references
from .report import Appendix, Report
from .resolution import Adoption, Annex, Clause, Footnote, Item, Resolution, Vote
from .session import Session, Venue

RECORD_TYPES: tuple[type[RecordBase], ...] = (
    Resolution,
    Agreement,
    Report,
    Session,
    Body,
    Organization,
    Instrument,
)
Record = Annotated[Union[RECORD_TYPES], Field(discriminator="kind")]  # type: ignore[valid-type]  # noqa: UP007 (a union built from a tuple)
RECORD_ADAPTER: TypeAdapter[RecordBase] = TypeAdapter(Record)

MODEL_BY_KIND: dict[str, type[RecordBase]] = {
    typing.get_args(t.model_fields["kind"].annotation)[0]: t for t in RECORD_TYPES
}
assert tuple(MODEL_BY_KIND) == KINDS, "kinds.py and the models must list the same kinds"

__all__ = [
    "FOLDER_BY_KIND",
    "KINDS",
    "KIND_BY_FOLDER",
    "MODEL_BY_KIND",
    "RECORD_ADAPTER",
    "RECORD_TYPES",
    "Adoption",
    "Agreement",
    "AgreementEvent",
    "Annex",
    "Appendix",
    "Article",
    "Body",
    "Clause",
    "Footnote",
    "Instrument",
    "IsoDate",
    "Item",
    "Membership",
    "Model",
    "Office",
    "Organization",
    "Record",
    "RecordBase",
    "RecordId",
    "RefTo",
    "Relationship",
    "Report",
    "Resolution",
    "Session",
    "SignatureAuthorization",
    "Unit",
    "Venue",
    "Vote",
    "ref",
    "references",
]
