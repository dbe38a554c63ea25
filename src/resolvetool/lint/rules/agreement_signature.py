"""An agreement is signed only with authority, and its lifecycle runs in order.

An agreement recorded as signed names the resolution that authorized its signature
(`signature_authorizations`), and its events come in their natural order: drafted, approved, signed, in
force (amendments and termination after). Dates out of order are validate's RT402; this rule looks at the
order of the events themselves (RT409).

Fails:

    lifecycle:
      - event: signed
        by: interpol
      - event: approved
        by: interpol-ga-81-impact-cooperation

Passes:

    lifecycle:
      - event: approved
        by: interpol-ga-81-impact-cooperation
      - event: signed
        by: interpol
    signature_authorizations:
      - signatory: interpol#secretary-general
        by: interpol-ga-81-impact-cooperation
"""

from __future__ import annotations

from ..finding import Finding

CODES = ("RT408", "RT409")
KINDS = ("agreement",)

_ORDER = {"drafted": 0, "approved": 1, "signed": 2, "in-force": 3, "amended": 4, "terminated": 5}


def check(record, context):
    signed = [index for index, step in enumerate(record.lifecycle) if step.event == "signed"]
    if signed and not record.signature_authorizations:
        yield Finding(
            ("lifecycle", signed[0], "event"),
            "the agreement is recorded as signed, but no resolution authorizing signature is recorded",
            "add signature_authorizations naming the resolution that gave authority to sign",
        )
    latest = None
    for index, step in enumerate(record.lifecycle):
        rank = _ORDER[step.event]
        if step.event != "amended" and latest is not None and rank < _ORDER[latest]:
            yield Finding(
                ("lifecycle", index, "event"),
                f"'{step.event}' is listed after '{latest}'",
                "list the events in the order they happened",
                code="RT409",
            )
        if step.event != "amended":
            latest = step.event if latest is None or rank >= _ORDER[latest] else latest
