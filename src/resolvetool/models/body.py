"""Bodies: the assemblies, councils and committees that adopt resolutions."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from .common import OrganizationRef, RecordBase, Text

StyleName = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9-]*$"),
    Field(description="Name of the house style used to render this body's resolutions"),
]


class Body(RecordBase):
    """An organ of an organization that meets in sessions and adopts resolutions."""

    kind: Literal["body"]
    name: Text
    organization: OrganizationRef
    formula: Text
    """How resolutions name the body at their opening ("The ICPO-INTERPOL General Assembly")."""
    house_style: StyleName | None = None
