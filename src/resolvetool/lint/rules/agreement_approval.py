"""An agreement is approved by an adopted resolution that refers to it.

When an agreement's lifecycle says it was approved `by` a resolution, that resolution is adopted (not a
draft, rejected or withdrawn) and refers to the agreement (in `approves` or in a paragraph's `refs`). This
rule reads two records, so it runs across the tree.

Fails (the resolution is a draft, or does not mention the agreement):

    lifecycle:
      - event: approved
        by: interpol-ga-81-draft-budget

Passes:

    lifecycle:
      - event: approved
        by: interpol-ga-81-impact-cooperation
"""

from __future__ import annotations

from collections.abc import Iterator

from ...corpus import Corpus
from ...entries import AgreementFacts, ResolutionFacts
from ..finding import Finding, TreeFinding

CODES = ("RT407",)
KINDS = ("agreement",)
TREE = True


def check_tree(corpus: Corpus) -> Iterator[TreeFinding]:
    """A finding at the lifecycle event of each approval that does not hold."""
    for entry in corpus.entries:
        if not isinstance(entry.facts, AgreementFacts):
            continue
        for approval in entry.facts.approvals:
            resolution = corpus.by_id.get(approval.resolution)
            if resolution is None or not isinstance(resolution.facts, ResolutionFacts):
                continue  # validate reports a reference that does not resolve
            event = ("lifecycle", approval.event, "event")
            status = resolution.facts.status
            if status not in ("adopted", "superseded"):
                message = f"approved by {approval.resolution}, which is {status or 'not'} adopted"
                yield TreeFinding(entry, Finding(event, message, "check the resolution's status, or the event"))
            elif not any(ref.record_id == entry.id for ref in resolution.refs):
                message = f"approved by {approval.resolution}, which never refers to {entry.id}"
                yield TreeFinding(entry, Finding(event, message, f"add {entry.id} to the resolution's approves list"))
