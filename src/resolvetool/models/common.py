"""Types shared by every kind of record: identifiers, references, dates, the base model."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

ID_PATTERN = r"[a-z0-9][a-z0-9.-]*"
FRAGMENT_PATTERN = r"[a-z0-9][a-z0-9.-]*"

RecordId = Annotated[
    str,
    StringConstraints(pattern=rf"^{ID_PATTERN}$", max_length=200),
    Field(description="Lower-case, file- and URL-safe identifier, equal to the file's name without .yaml"),
]
FragmentName = Annotated[
    str,
    StringConstraints(pattern=rf"^{FRAGMENT_PATTERN}$", max_length=100),
    Field(description="Name of a part of a record, used after # in references"),
]
Text = Annotated[str, StringConstraints(min_length=1)]
Symbol = Annotated[
    str,
    StringConstraints(min_length=1, max_length=200),
    Field(description="Official document symbol as printed (A/RES/80/1, MSC.302(87)); not an id"),
]


@dataclass(frozen=True, slots=True)
class RefTo:
    """Marks a reference field with the kinds of record it may point to (empty: any kind)."""

    kinds: tuple[str, ...] = ()


# What every reference looks like, whatever it may point to: `id` or `id#fragment`.
_REFERENCE_SHAPE = StringConstraints(pattern=rf"^{ID_PATTERN}(#{FRAGMENT_PATTERN})?$", max_length=300)


def _reference_description(*kinds: str) -> str:
    return (
        "Reference to a record"
        + (f" of kind {' or '.join(kinds)}" if kinds else "")
        + ": its id, optionally with #fragment"
    )


def ref(*kinds: str, description: str | None = None) -> Any:
    """The type of a reference to a record of one of `kinds`: `id` or `id#fragment`.

    Built at run time, so a type checker cannot see it is a `str`: the models use the named aliases below, and
    this stays for kinds defined outside the package."""
    return Annotated[
        str, _REFERENCE_SHAPE, RefTo(kinds), Field(description=description or _reference_description(*kinds))
    ]


# The reference types of the models, one per set of accepted kinds. Each is written out as `Annotated[str, ...]`
# (rather than made by `ref()`) so that type checkers see a `str`; the kinds are in the order the JSON Schemas'
# descriptions print them.
AnyRef = Annotated[str, _REFERENCE_SHAPE, RefTo(()), Field(description=_reference_description())]
"""A reference to a record of any kind (where a text is found, what a clause cites)."""
BodyRef = Annotated[str, _REFERENCE_SHAPE, RefTo(("body",)), Field(description=_reference_description("body"))]
InstrumentRef = Annotated[
    str, _REFERENCE_SHAPE, RefTo(("instrument",)), Field(description=_reference_description("instrument"))
]
OrganizationRef = Annotated[
    str, _REFERENCE_SHAPE, RefTo(("organization",)), Field(description=_reference_description("organization"))
]
ResolutionRef = Annotated[
    str, _REFERENCE_SHAPE, RefTo(("resolution",)), Field(description=_reference_description("resolution"))
]
SessionRef = Annotated[str, _REFERENCE_SHAPE, RefTo(("session",)), Field(description=_reference_description("session"))]
ActorRef = Annotated[
    str,
    _REFERENCE_SHAPE,
    RefTo(("resolution", "organization")),
    Field(description=_reference_description("resolution", "organization")),
]
"""Who took a step in an agreement's life: the resolution that approved it, the party that signed."""
ActRef = Annotated[
    str,
    _REFERENCE_SHAPE,
    RefTo(("agreement", "instrument", "resolution")),
    Field(description=_reference_description("agreement", "instrument", "resolution")),
]
"""A text that can be amended or set out in a report's appendix: an agreement, an instrument, a resolution."""
ApprovableRef = Annotated[
    str,
    _REFERENCE_SHAPE,
    RefTo(("agreement", "instrument", "report", "resolution")),
    Field(description=_reference_description("agreement", "instrument", "report", "resolution")),
]
"""What a resolution can approve: an act or a report."""


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def _parse_iso_date(value: Any) -> Any:
    # Dates arrive as strings (the loader never guesses timestamps); only YYYY-MM-DD is a date.
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("date_type", "a date must be written YYYY-MM-DD, got {value}", {"value": repr(value)})
    if not _ISO_DATE.match(value):
        raise PydanticCustomError("date_format", "{value} is not a date in the form YYYY-MM-DD", {"value": repr(value)})
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise PydanticCustomError(
            "date_value", "{value} is not a real date: {reason}", {"value": repr(value), "reason": str(error)}
        ) from None


IsoDate = Annotated[dt.date, BeforeValidator(_parse_iso_date), Field(description="A date, YYYY-MM-DD")]


class Model(BaseModel):
    """Every record part: unknown keys are errors, values are never coerced, records are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True)


class RecordBase(Model):
    """Fields every record has."""

    id: RecordId
    symbol: Symbol | None = None
    """Official document symbol, when the record has one; unique across the tree."""
    notes: Text | None = None
    """Free remarks by the keeper of the record (sources, doubts); never rendered as official text."""

    if TYPE_CHECKING:
        # Every kind declares `kind: Literal["<kind>"]` as its own field (the union's discriminator); declared
        # here for type checkers only, since a field here would move `kind` first in every schema and dump.
        kind: str

    def fragments(self) -> list[tuple[str, tuple[str | int, ...]]]:
        """Names of the parts that references may point at (`#article-41`), with their locations."""
        return []


def number_slug(number: str) -> str:
    """`41` -> `41`, `1.` -> `1`, `(a)` -> `a`, `Annex I` -> `annex-i`, `¹` -> `1`, `*` -> `star`: the fragment
    form of a printed number or footnote marker."""
    text = unicodedata.normalize("NFKC", number).lower()  # superscript digits become digits
    text = (
        text.replace("*", " star ").replace("†", " dagger ").replace("‡", " double-dagger ").replace("§", " section ")
    )
    slug = re.sub(r"[^a-z0-9.]+", "-", text).strip("-.")
    return slug or "0"
