"""A resolution's status agrees with what is recorded of its adoption.

An adopted resolution has an adoption date; a superseded one names its successor (`superseded_by`); the
printed outcome word does not contradict the status (`Approved` or `Adopted` under a rejected or withdrawn
resolution, `Rejected` under an adopted one). Reported as RT404, RT405 and RT406.

Fails:

    status: superseded
    adoption:
      date: 2012-11-08

Passes:

    status: superseded
    superseded_by: interpol-ga-85-impact-renewal
    adoption:
      date: 2012-11-08
"""

from __future__ import annotations

from ..finding import Finding

CODES = ("RT404", "RT405", "RT406")
KINDS = ("resolution",)

_ADOPTING = {"approved", "adopted", "agreed", "carried", "noted"}
_REFUSING = {"rejected", "not adopted", "withdrawn"}


def check(record, context):
    adoption = record.adoption
    if record.status in ("adopted", "superseded") and (adoption is None or adoption.date is None):
        yield Finding(
            ("adoption",) if adoption is not None else ("status",),
            f"the resolution is {record.status} but its adoption date is not recorded",
            "add adoption.date, or suppress with a comment saying why the date is unknown",
        )
    if record.status == "superseded" and not record.superseded_by:
        yield Finding(
            ("status",),
            "the resolution is superseded but superseded_by names no successor",
            "add superseded_by: <id of the resolution that replaced it>",
            code="RT405",
        )
    outcome = (adoption.outcome or "").strip(". ").lower() if adoption else ""
    if outcome and (
        (outcome in _ADOPTING and record.status in ("rejected", "withdrawn"))
        or (outcome in _REFUSING and record.status in ("adopted", "superseded"))
    ):
        yield Finding(
            ("adoption", "outcome"),
            f"the outcome printed is {adoption.outcome!r} but the status is {record.status!r}",
            "correct the status or the outcome",
            code="RT406",
        )
