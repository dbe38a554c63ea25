"""What one record is to another that points at it, named from the side of the record pointed at.

A reference stands in a field of the record that holds it ("approves", "lifecycle.by"); the record it names
is shown with what that makes it ("Approved by"). References in a record's words (clauses, items, annexes,
footnotes: fields ending in "refs") all mean that the record is cited.
"""

from __future__ import annotations

RELATIONS: dict[str, str] = {
    "adopts": "Adopted by",
    "approves": "Approved by",
    "amends": "Amended by",
    "supersedes": "Superseded by",
    "superseded_by": "Supersedes",
    "session": "At this session",
    "body": "Of this body",
    "organization": "Of this organization",
    "parties": "Party to",
    "lifecycle.by": "Acted on (agreements' lifecycle)",
    "lifecycle.document": "Records a step of (agreements' lifecycle)",
    "signature_authorizations.by": "Authorized the signature of",
    "signature_authorizations.signatory": "Authorized to sign",
    "text_location": "Holds the text of",
    "appendices.contains": "In an appendix of",
    "membership.source": "Source of the membership figure of",
    "relationships.source": "Source of a relationship of",
    "units.source": "Source of a unit of",
    "refs": "Cited by",
}
_ORDER = {field: position for position, field in enumerate(RELATIONS)}


def relation_of(field: str) -> str:
    """The relation a reference in `field` stands for: the field itself, or "refs" for words."""
    return "refs" if field.endswith("refs") else field


def relation_label(relation: str) -> str:
    return RELATIONS.get(relation) or f"Referred to from {relation}"


def relation_order(relation: str) -> tuple[int, str]:
    """A sort key: the relations in the order of RELATIONS, others after them by name."""
    return _ORDER.get(relation, len(_ORDER)), relation
