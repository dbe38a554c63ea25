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

CODES = ("RT407",)
KINDS = ("agreement",)
TREE = True


def check_tree(corpus):
    """(agreement entry, index of the lifecycle event, message, hint) for each approval that does not hold."""
    for entry in corpus.entries:
        if entry.kind != "agreement" or not entry.valid or not entry.facts:
            continue
        for fact in entry.facts:
            index_text, resolution_id = fact.split("\t", 1)
            index = int(index_text)
            resolution = corpus.by_id.get(resolution_id)
            if resolution is None or resolution.kind != "resolution" or not resolution.valid:
                continue  # validate reports a reference that does not resolve
            status = resolution.facts[2] if len(resolution.facts) > 2 else ""
            if status not in ("adopted", "superseded"):
                yield (
                    entry,
                    index,
                    f"approved by {resolution_id}, which is {status or 'not'} adopted",
                    "check the resolution's status, or the event",
                )
            elif not any(ref.split("\t", 1)[0].split("#", 1)[0] == entry.id for ref in resolution.refs):
                yield (
                    entry,
                    index,
                    f"approved by {resolution_id}, which never refers to {entry.id}",
                    f"add {entry.id} to the resolution's approves list",
                )
