"""Organizations: INTERPOL, IMPACT, ITU; their names, parts, offices and relationships."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from .common import AnyRef, FragmentName, Model, OrganizationRef, RecordBase, Text

Relation = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z-]*$"),
    Field(
        description="Kind of relationship as a slug, read 'this organization <relation> target': "
        "executing-arm-of, part-of, member-of"
    ),
]


class Relationship(Model):
    """How this organization stands to another, as a record states it."""

    relation: Relation
    target: OrganizationRef
    description: Text | None = None
    """The relationship in the words of the source ("the cybersecurity executing arm of ...")."""
    source: AnyRef | None = None
    """The record that states the relationship."""


class Membership(Model):
    """How many members an organization has, as a record states it."""

    count: Annotated[int, Field(ge=0)]
    members: Text
    """What the members are ("States")."""
    scope: Text | None = None
    """How the source qualifies the membership ("global")."""
    source: AnyRef | None = None


class Unit(Model):
    """A named part of an organization (a centre, a complex, a directorate)."""

    id: FragmentName
    name: Text
    part_of: FragmentName | None = None
    """The id of the unit this one belongs to, in the same organization."""
    location: Text | None = None
    status: Literal["planned", "established", "closed"] | None = None
    description: Text | None = None
    source: AnyRef | None = None


class Office(Model):
    """A post of the organization that acts for it (the Secretary General)."""

    id: FragmentName
    title: Text


class Organization(RecordBase):
    """An organization that takes part in decisions: as the decision-maker, a party, or a subject."""

    kind: Literal["organization"]
    name: Text
    """Full official name as printed."""
    acronym: Text | None = None
    other_names: list[Text] = []
    """Other forms the name is printed in ("ICPO-INTERPOL")."""
    category: Text | None = None
    """What kind of organization it is ("United Nations specialized agency")."""
    description: Text | None = None
    membership: Membership | None = None
    relationships: list[Relationship] = []
    units: list[Unit] = []
    offices: list[Office] = []

    def fragments(self):
        return [(u.id, ("units", i)) for i, u in enumerate(self.units)] + [
            (o.id, ("offices", i)) for i, o in enumerate(self.offices)
        ]
