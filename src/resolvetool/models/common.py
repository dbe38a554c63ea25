"""Types shared by every kind of record: identifiers, references, dates, the base model."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any

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


def ref(*kinds: str, description: str | None = None) -> Any:
    """The type of a reference to a record of one of `kinds`: `id` or `id#fragment`."""
    text = description or (
        "Reference to a record"
        + (f" of kind {' or '.join(kinds)}" if kinds else "")
        + ": its id, optionally with #fragment"
    )
    return Annotated[
        str,
        StringConstraints(pattern=rf"^{ID_PATTERN}(#{FRAGMENT_PATTERN})?$", max_length=300),
        RefTo(kinds),
        Field(description=text),
    ]


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
