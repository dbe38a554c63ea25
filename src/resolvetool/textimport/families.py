"""The organizations and bodies that resolutions commonly come from, recognised by how their formula
names the body and how their symbols look, so that an import can create the right body the first time.
A body not listed here is still imported: its records are made from what the text itself says."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Family:
    formula: str  # pattern over the body's name in the formula, lower case
    symbol: str | None  # pattern the symbol must match when there is one
    organization: tuple[str, str, str]  # id, name, acronym
    body: tuple[str, str]  # id, name
    house_style: str | None = None
    needs_symbol: bool = False  # the name alone does not say which organization ("The General Conference")


_UN = ("un", "United Nations", "UN")
_WHO = ("who", "World Health Organization", "WHO")
_IMO = ("imo", "International Maritime Organization", "IMO")
_INTERPOL = ("interpol", "International Criminal Police Organization – INTERPOL", "INTERPOL")

FAMILIES = (
    Family(
        r"\binterpol\b.*general assembly",
        None,
        _INTERPOL,
        ("interpol-general-assembly", "General Assembly"),
        "interpol",
    ),
    Family(r"^general assembly$", r"^A/", _UN, ("un-general-assembly", "General Assembly"), needs_symbol=True),
    Family(r"^security council$", r"^S/", _UN, ("un-security-council", "Security Council")),
    Family(r"^economic and social council$", r"^E/", _UN, ("un-ecosoc", "Economic and Social Council")),
    Family(r"^human rights council$", r"^A/HRC/", _UN, ("un-human-rights-council", "Human Rights Council")),
    Family(r"^world health assembly$", r"^WHA", _WHO, ("world-health-assembly", "World Health Assembly"), "ordinal"),
    Family(r"^executive board$", r"^EB", _WHO, ("who-executive-board", "Executive Board"), needs_symbol=True),
    Family(
        r"^maritime safety committee$", r"^MSC", _IMO, ("imo-maritime-safety-committee", "Maritime Safety Committee")
    ),
    Family(
        r"^marine environment protection committee$",
        r"^MEPC",
        _IMO,
        ("imo-marine-environment-protection-committee", "Marine Environment Protection Committee"),
    ),
    Family(r"^(assembly|imo assembly)$", r"^A\.\d", _IMO, ("imo-assembly", "Assembly"), needs_symbol=True),
    Family(
        r"^general conference$",
        r"^GC\(",
        ("iaea", "International Atomic Energy Agency", "IAEA"),
        ("iaea-general-conference", "General Conference"),
        needs_symbol=True,
    ),
    Family(
        r"^general conference$",
        r"^\d+ ?C/",
        ("unesco", "United Nations Educational, Scientific and Cultural Organization", "UNESCO"),
        ("unesco-general-conference", "General Conference"),
        needs_symbol=True,
    ),
    Family(
        r"^assembly$",
        r"^A\d+-\d+",
        ("icao", "International Civil Aviation Organization", "ICAO"),
        ("icao-assembly", "Assembly"),
        needs_symbol=True,
    ),
    Family(
        r"^plenipotentiary conference of the international telecommunication union",
        None,
        ("itu", "International Telecommunication Union", "ITU"),
        ("itu-plenipotentiary-conference", "Plenipotentiary Conference"),
    ),
    Family(
        r"^general conference of the international labour organi[sz]ation",
        None,
        ("ilo", "International Labour Organization", "ILO"),
        ("ilo-international-labour-conference", "International Labour Conference"),
    ),
    Family(
        r"^general conference of the united nations educational, scientific and cultural organization",
        None,
        ("unesco", "United Nations Educational, Scientific and Cultural Organization", "UNESCO"),
        ("unesco-general-conference", "General Conference"),
    ),
)


def family_for(body_name: str, symbol: str | None) -> Family | None:
    """The family whose formula names this body and whose symbols look like `symbol`; a family known by its
    symbols ("The General Conference" is IAEA's, UNESCO's or ILO's) needs the symbol to say which."""
    name = body_name.lower().strip()
    for family in FAMILIES:
        if not re.search(family.formula, name):
            continue
        if symbol is not None and family.symbol is not None and not re.search(family.symbol, symbol):
            continue
        if symbol is None and family.needs_symbol:
            continue
        return family
    return None
