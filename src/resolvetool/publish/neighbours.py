"""A page's neighbours: the records it draws on besides its own (rendering.page.Neighbours), found two ways:
asked of the index one page at a time, or held in memory for a whole site, where every page asks."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..relations import relation_of, relation_order
from ..rendering.page import Group, Neighbour

PER_GROUP = 100  # records listed per relation on a page; the indexes by year and session list them all


def neighbour(row: Any) -> Neighbour:
    return Neighbour(row.id, row.kind, row.title, row.symbol, row.status, row.date)


class IndexNeighbours:
    """Lookups in the index, for one page."""

    def __init__(self, index: Any, per_group: int = PER_GROUP) -> None:
        self.index = index
        self.per_group = per_group

    def about(self, ids: Iterable[str]) -> dict[str, Neighbour]:
        return {record_id: neighbour(row) for record_id, row in self.index.rows(list(ids)).items()}

    def has_part(self, record_id: str, fragment: str) -> bool | None:
        rows = self.index.find(record_id)
        parts = self.index.parts(rows[0].rec) if rows else None
        return None if parts is None else fragment in parts

    def pointing(self, record_id: str) -> list[Group]:
        referrers, counts = self.index.referrers(record_id, per_field=self.per_group)
        grouped: dict[str, list[Neighbour]] = {}
        for referrer in referrers:
            grouped.setdefault(referrer.field, []).append(neighbour(referrer.row))
        return [
            Group(relation, None, tuple(grouped.get(relation, ())), counts[relation])
            for relation in sorted(counts, key=relation_order)
        ]


class TreeNeighbours:
    """Every record's neighbour line and who points at whom, in memory, for a site's thousands of pages.

    `rows`: id -> Neighbour; `refs`: (id of the record holding it, field, reference) for every reference."""

    def __init__(
        self,
        rows: dict[str, Neighbour],
        refs: Iterable[tuple[str, str, str]],
        parts: dict[str, frozenset[str]] | None = None,
        per_group: int = PER_GROUP,
        uncapped: frozenset[str] = frozenset({"session"}),
    ) -> None:
        self.rows = rows
        self.parts = parts or {}
        self.per_group = per_group
        self.uncapped = uncapped  # relations listed in full (a session's resolutions)
        pointing: dict[str, dict[tuple[str, str | None], dict[str, None]]] = {}
        for holder, field, ref in refs:
            target = ref.split("#", 1)[0]
            if target == holder or holder not in rows:
                continue
            key = (relation_of(field), rows[holder].kind)
            pointing.setdefault(target, {}).setdefault(key, {})[holder] = None
        self._pointing = pointing

    def about(self, ids: Iterable[str]) -> dict[str, Neighbour]:
        return {record_id: self.rows[record_id] for record_id in ids if record_id in self.rows}

    def has_part(self, record_id: str, fragment: str) -> bool | None:
        parts = self.parts.get(record_id)
        return None if parts is None else fragment in parts

    def pointing(self, record_id: str) -> list[Group]:
        groups = []
        for (relation, kind), holders in sorted(
            self._pointing.get(record_id, {}).items(), key=lambda item: (relation_order(item[0][0]), item[0][1] or "")
        ):
            rows = newest_first(self.rows[holder] for holder in holders)
            shown = rows if relation in self.uncapped else rows[: self.per_group]
            groups.append(Group(relation, kind, tuple(shown), len(rows)))
        return groups


def newest_first(rows: Iterable[Neighbour]) -> list[Neighbour]:
    """Dated records newest first (by what they are filed by), undated ones last; by id where equal."""
    ordered = sorted(rows, key=lambda row: row.id)
    ordered.sort(key=lambda row: row.when or row.date or "", reverse=True)  # stable: ids stay in order
    return ordered
