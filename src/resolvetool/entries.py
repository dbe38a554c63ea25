"""What analysing one record file gives, and what the checks between records keep of it, as named types.

A file is analysed in a worker (corpus.py) and the result cached by content (cache.py); the checks between
records (validation.py, lint's tree rules) read the `Entry` kept of it. Between the two the result crosses the
cache, whose serialiser, marshal, takes plain tuples only: `Analysis.to_plain` and `Entry.from_plain` convert
at that boundary, and nowhere else. Strings repeated across records are shared (`Sharing`), so that a
hundred thousand entries stay small.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any, NamedTuple

# A diagnostic without its path (Diagnostic.to_tuple): an analysis is cached by content, and the same content
# may sit under another name.
PathlessDiagnostic = tuple[int, int, str, str, str, str | None]


class Ref(NamedTuple):
    """One reference a record makes, in the order `models.references` yields them (`Located.ref` takes the
    index)."""

    target: str  # an id, with "#fragment" when it names a part of the record
    kinds: tuple[str, ...]  # the kinds of record the field accepts; () when any

    @property
    def record_id(self) -> str:
        return self.target.partition("#")[0]

    @property
    def fragment(self) -> str:
        return self.target.partition("#")[2]


class SessionFacts(NamedTuple):
    """What a session gives the checks between records: its dates (ISO; "" when not given)."""

    start: str
    end: str


class ResolutionFacts(NamedTuple):
    """What a resolution gives the checks between records: its session, adoption date (ISO) and status; "" for
    what it does not say."""

    session: str
    adopted: str
    status: str


class Approval(NamedTuple):
    """An agreement's lifecycle event saying it was approved by a resolution."""

    event: int  # the event's index in the lifecycle
    resolution: str  # the id it names in `by`


class AgreementFacts(NamedTuple):
    """What an agreement gives the checks between records: its approvals."""

    approvals: tuple[Approval, ...]


# The facts of one record, by its kind; None for the kinds no check between records compares.
Facts = SessionFacts | ResolutionFacts | AgreementFacts | None


class Summary(NamedTuple):
    """What the analysis of a file that holds a record keeps of it (its model may still be invalid)."""

    id: str | None
    kind: str | None  # one of models.KINDS, or None
    symbol: str | None
    valid: bool  # the model validated; refs, fragments and facts are known only then
    refs: tuple[Ref, ...] = ()
    fragments: tuple[str, ...] = ()
    facts: Facts = None
    schema_line: str | None = None  # what the first line names as the file's JSON Schema (schemaline.py)


class Analysis(NamedTuple):
    """One file's analysis: what it holds (None when no record could be read), its own problems, and what the
    per-record checks given to `load_corpus` found (opaque here: lint's findings and suppressions, see
    lint/engine.py)."""

    summary: Summary | None
    diagnostics: tuple[PathlessDiagnostic, ...]
    findings: tuple = ()

    def to_plain(self) -> tuple:
        """The analysis as nested plain tuples, strings and numbers: what marshal (the cache) takes."""
        summary = self.summary
        if summary is None:
            return (None, self.diagnostics, self.findings)
        plain = (
            summary.id,
            summary.kind,
            summary.symbol,
            summary.valid,
            tuple(map(_packed, summary.refs)),
            summary.fragments,
            _plain_facts(summary.facts),
            summary.schema_line,
        )
        return (plain, self.diagnostics, self.findings)


def _packed(ref: Ref) -> str:
    # At the cache boundary only, a reference is one string, "target<TAB>kind|kind": a warm run looks up a
    # hundred thousand files' references by it, and a string's hash is computed once where a tuple's nested
    # (target, kinds) would be hashed again at every lookup (measured: 150 ms -> 30 ms at 10,000 resolutions).
    # Ids and kinds never hold a tab or a bar (RecordId's pattern; the kinds table).
    return f"{ref.target}\t{'|'.join(ref.kinds)}"


def _unpacked(packed: str) -> tuple[str, tuple[str, ...]]:
    target, _, kinds = packed.partition("\t")
    return target, tuple(kinds.split("|")) if kinds else ()


def _plain_facts(facts: Facts) -> tuple | None:
    if isinstance(facts, AgreementFacts):
        return tuple(map(tuple, facts.approvals))  # (event, resolution)
    return tuple(facts) if facts is not None else None


def _typed_facts(kind: str | None, plain: Any) -> Facts:
    # Repeated across records (a session's dates, its id, the statuses): interned. tuple.__new__ is what the
    # NamedTuples' own constructor calls, without a Python call for each of a hundred thousand records.
    if plain is None:
        return None
    if kind == "session":
        return tuple.__new__(SessionFacts, map(sys.intern, plain))
    if kind == "resolution":
        return tuple.__new__(ResolutionFacts, map(sys.intern, plain))
    if kind == "agreement":
        return AgreementFacts(tuple(Approval(event, sys.intern(by)) for event, by in plain))
    return None


class _SharedRefs(dict[str, Ref]):
    """Each reference made once from its packed string (`_packed`), then looked up: a lookup that finds it stays
    in C, and only a reference not seen before calls `__missing__`."""

    def __init__(self, kinds: dict[tuple[str, ...], tuple[str, ...]]) -> None:
        super().__init__()
        self._kinds = kinds  # shared with Sharing's tuples: one copy of each kinds tuple

    def __missing__(self, packed: str) -> Ref:
        target, kinds = _unpacked(packed)
        ref = self[packed] = Ref(target, self._kinds.setdefault(kinds, kinds))
        return ref


class Sharing:
    """One copy of each reference, kinds tuple and tuple of part names across a corpus: many records point at
    the same session, body and instrument, and have the same parts (preamble-1 ... operative-3)."""

    def __init__(self) -> None:
        self._tuples: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._refs = _SharedRefs(self._tuples)

    def refs(self, plain: tuple[str, ...]) -> tuple[Ref, ...]:
        # A warm run takes in a hundred thousand files of a dozen references each: mapped in C, each reference
        # a dictionary lookup by its packed string, made only when first seen.
        return tuple(map(self._refs.__getitem__, plain))

    def strings(self, items: tuple[str, ...]) -> tuple[str, ...]:
        found = self._tuples.get(items)
        if found is None:
            found = self._tuples[items] = tuple(map(sys.intern, items))
        return found


@dataclass(slots=True)
class Entry:
    """What the cross-record checks and lookups need of one record file, kept small for scale.

    Strings repeated across records (reference targets, part names, kinds, folders) are shared (`Sharing`).
    Positions are not kept: a check that reports a problem asks `Corpus.locate` for them, which reads the file
    again; problems are rare and records many.
    """

    path: str
    folder: str | None  # the first folder under records/ ("" for records/ itself; None outside it)
    id: str | None
    kind: str | None
    symbol: str | None
    valid: bool
    refs: tuple[Ref, ...] = ()
    fragments: tuple[str, ...] = ()
    facts: Facts = None  # a session's dates, a resolution's adoption, an agreement's approvals
    findings: tuple = ()  # what the per-record checks found (lint's findings and suppressions: lint/engine.py)
    schema_line: str | None = None  # what the first line names as the file's JSON Schema (schemaline.py)

    @classmethod
    def of(cls, path: str, folder: str | None, analysis: Analysis) -> Entry:
        """The entry of the file at `path` (as diagnostics name it), from its analysis."""
        summary = analysis.summary
        if summary is None:
            # A file that holds no usable record still claims its name (when no valid record has it), so that
            # references to it are not reported a second time.
            return cls(path, folder, None, None, None, False)
        return cls(
            path,
            folder,
            summary.id,
            summary.kind,
            summary.symbol,
            summary.valid,
            summary.refs,
            summary.fragments,
            summary.facts,
            analysis.findings if any(analysis.findings) else (),
            summary.schema_line,
        )

    @classmethod
    def from_plain(cls, path: str, folder: str | None, plain: tuple, sharing: Sharing) -> Entry:
        """The entry of the file at `path`, from its analysis as the cache holds it (`Analysis.to_plain`), its
        repeated strings shared: read straight into the entry, since a warm run reads every file's so."""
        summary, _, findings = plain
        if summary is None:
            return cls(path, folder, None, None, None, False)
        record_id, kind, symbol, valid, refs, fragments, facts, schema_line = summary
        return cls(
            path,
            folder,
            record_id,
            sys.intern(kind) if kind else None,
            symbol,
            valid,
            sharing.refs(refs),
            sharing.strings(fragments),
            _typed_facts(kind, facts),
            findings if any(findings) else (),
            sys.intern(schema_line) if schema_line else None,
        )
