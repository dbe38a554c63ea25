"""Checks within one valid record: parts named twice, dates that run backwards.

They run where the record is loaded (in a worker, with its source positions at hand), so their
results are cached with the file. Checks that need other records live in validation.py.
"""

from __future__ import annotations

from .diagnostics import Diagnostic, make, quote
from .models import Agreement, RecordBase, Resolution, Session
from .models.resolution import Layout
from .source import SourceDocument


def record_checks(record: RecordBase, doc: SourceDocument) -> list[Diagnostic]:
    """Every problem inside one record that its model alone cannot express."""
    out = _duplicate_fragments(record, doc)
    if isinstance(record, Session) and record.start and record.end and record.end < record.start:
        line, col = doc.position(("end",))
        out.append(
            make(
                doc.path,
                line,
                col,
                "RT401",
                f"the session ends ({record.end}) before it starts ({record.start})",
                "swap start and end, or correct the wrong one",
            )
        )
    if isinstance(record, Agreement):
        out += _lifecycle_order(record, doc)
    if isinstance(record, Resolution):
        out += _empty_clauses(record, doc)
    if isinstance(record, Resolution) and record.layout is not None:
        out += _mark_places(record, record.layout, doc)
    if isinstance(record, Resolution) and (record.parts or any(c.part for c in record.preamble + record.operative)):
        out += _part_order(record, doc)
    return out


def _empty_clauses(resolution: Resolution, doc: SourceDocument) -> list[Diagnostic]:
    out = []
    for section in ("preamble", "operative"):
        for index, clause in enumerate(getattr(resolution, section)):
            if clause.text is None and not clause.items:
                line, col = doc.position((section, index))
                out.append(
                    make(
                        doc.path,
                        line,
                        col,
                        "RT212",
                        f"{section} clause {index + 1} has neither text nor items",
                        "write its words under text: (a formula may stand alone only above items)",
                    )
                )
    return out


def _part_order(resolution: Resolution, doc: SourceDocument) -> list[Diagnostic]:
    """In a resolution adopted in parts, every clause names a declared part, in the parts' order."""
    order = {part.label: index for index, part in enumerate(resolution.parts)}
    out = []
    for section in ("preamble", "operative"):
        latest = -1
        for index, clause in enumerate(getattr(resolution, section)):
            at = order.get(clause.part) if clause.part is not None else None
            if at is not None and at >= latest:
                latest = at
                continue
            line, col = doc.position((section, index, "part") if clause.part is not None else (section, index))
            if clause.part is None:
                message = f"{section} clause {index + 1} names no part, but the resolution is in parts"
            elif at is None:
                message = (
                    f"{section} clause {index + 1} names part {quote(clause.part)}, which is not among the "
                    "resolution's parts"
                )
            else:
                message = (
                    f"{section} clause {index + 1} belongs to part {quote(clause.part)} but follows a clause "
                    f"of a later part"
                )
            out.append(
                make(
                    doc.path,
                    line,
                    col,
                    "RT211",
                    message,
                    "list the parts under parts: and give each clause the label of its part, in order",
                )
            )
    return out


def _places(resolution: Resolution) -> set[str]:
    places = {"heading", "formula", "closing", "footnotes", "end"}
    places |= {f"annex-{number}" for number in range(1, len(resolution.annexes) + 1)}

    def items(place: str, children: list) -> None:
        for number, item in enumerate(children, 1):
            places.add(f"{place}/{number}")
            items(f"{place}/{number}", item.items)

    for section in ("preamble", "operative"):
        for number, clause in enumerate(getattr(resolution, section), 1):
            places.add(f"{section}-{number}")
            items(f"{section}-{number}", clause.items)
    return places


def _mark_places(resolution: Resolution, layout: Layout, doc: SourceDocument) -> list[Diagnostic]:
    places = _places(resolution)
    out = []
    for index, mark in enumerate(layout.marks):
        if mark.at not in places:
            line, col = doc.position(("layout", "marks", index, "at"))
            out.append(
                make(
                    doc.path,
                    line,
                    col,
                    "RT210",
                    f"the mark {quote(mark.text)} stands at {quote(mark.at)}, a part this resolution does not have",
                    "point it at the part it belongs to (clauses and items are counted from 1), or "
                    "delete the mark if the text it kept is no longer wanted",
                )
            )
    return out


def _duplicate_fragments(record: RecordBase, doc: SourceDocument) -> list[Diagnostic]:
    seen: dict[str, tuple] = {}
    out = []
    for name, loc in record.fragments():
        if name in seen:
            line, col = doc.position(loc)
            first_line, _ = doc.position(seen[name])
            out.append(
                make(
                    doc.path,
                    line,
                    col,
                    "RT209",
                    f"two parts are both named {quote('#' + name)} (the first at line {first_line})",
                    "give each part its own number or id",
                )
            )
        else:
            seen[name] = loc
    return out


def _lifecycle_order(agreement: Agreement, doc: SourceDocument) -> list[Diagnostic]:
    out = []
    latest = None
    for index, step in enumerate(agreement.lifecycle):
        if step.date is None:
            continue
        if latest is not None and step.date < latest[0]:
            line, col = doc.position(("lifecycle", index, "date"))
            out.append(
                make(
                    doc.path,
                    line,
                    col,
                    "RT402",
                    f"'{step.event}' on {step.date} is listed after '{latest[1]}' on {latest[0]}",
                    "list the lifecycle's events in the order they happened, and check both dates",
                )
            )
        else:
            latest = (step.date, step.event)
    return out
