"""The bundled records: valid, and faithful to the reference resolution's text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from helpers import CORPUS_EXPECTED, REFERENCE_TEXT, REPO

from resolvetool.config import load_settings
from resolvetool.corpus import load_corpus
from resolvetool.models import RECORD_ADAPTER, Agreement, Resolution
from resolvetool.validation import validate

RESOLUTION = REPO / "records/resolutions/2012/interpol-ga-81-impact-cooperation.yaml"


def load(path: Path):
    from resolvetool.source import parse_source

    doc = parse_source(path.read_bytes(), str(path))
    assert doc.diagnostics == []
    return RECORD_ADAPTER.validate_python(doc.data)


def test_bundled_records_are_valid() -> None:
    result = validate(load_settings(REPO), base=REPO)
    assert result.diagnostics == []
    assert result.records == result.files == 9


def test_every_kind_is_represented() -> None:
    corpus = load_corpus(load_settings(REPO), base=REPO)
    assert {e.kind for e in corpus.entries} == {
        "resolution",
        "agreement",
        "report",
        "session",
        "body",
        "organization",
        "instrument",
    }


def paragraphs() -> list[str]:
    return [p.strip() for p in REFERENCE_TEXT.read_text(encoding="utf-8").strip().split("\n\n")]


def test_clauses_are_the_text_word_for_word() -> None:
    resolution = load(RESOLUTION)
    assert isinstance(resolution, Resolution)
    text = paragraphs()
    clauses = [f"{c.phrase} {c.text}" for c in resolution.preamble + resolution.operative]
    assert clauses == text[3:13]
    assert f"Subject: {resolution.title}" == text[1]
    assert resolution.adoption.outcome == text[-1] == "Approved"


def test_structure_matches_what_a_clerk_reads() -> None:
    expected = yaml.safe_load(CORPUS_EXPECTED.read_text(encoding="utf-8"))[REFERENCE_TEXT.name]
    resolution = load(RESOLUTION)
    assert len(resolution.preamble) == expected["preamble"]
    assert len(resolution.operative) == expected["operative"]
    assert [c.phrase for c in resolution.preamble] == expected["preamble_phrases"]
    assert [c.phrase for c in resolution.operative] == expected["operative_phrases"]
    assert all(c.number is None for c in resolution.operative) and not expected["numbered"]
    assert len(resolution.footnotes) == expected["footnotes"]
    assert resolution.title == expected["title"]
    assert resolution.symbol is None  # the text prints none: never guessed
    session = load(REPO / "records/sessions/interpol-ga-81.yaml")
    assert (session.number, f"{session.venue.city}, {session.venue.country}") == (81, expected["session"]["venue"])
    assert (session.start, session.end) == (expected["session"]["start"], expected["session"]["end"])
    body = load(REPO / "records/bodies/interpol-general-assembly.yaml")
    assert body.formula == expected["body_formula"]


def test_the_agreement_is_approved_and_signature_authorized_by_the_resolution() -> None:
    agreement = load(REPO / "records/agreements/interpol-impact-cooperation.yaml")
    assert isinstance(agreement, Agreement)
    assert agreement.status == "approved"
    assert agreement.parties == ["interpol", "impact"]
    assert agreement.text_location == "ag-2012-rap-18#appendix-1"
    [authorization] = agreement.signature_authorizations
    assert (authorization.signatory, authorization.by) == (
        "interpol#secretary-general",
        "interpol-ga-81-impact-cooperation",
    )
    resolution = load(RESOLUTION)
    assert resolution.approves == ["interpol-impact-cooperation"]
    assert "interpol#secretary-general" in resolution.operative[1].refs


def test_facts_stated_in_the_text() -> None:
    itu = load(REPO / "records/organizations/itu.yaml")
    assert (itu.membership.count, itu.membership.members, itu.membership.scope) == (193, "States", "global")
    assert itu.category == "United Nations specialized agency"
    impact = load(REPO / "records/organizations/impact.yaml")
    assert impact.acronym == "IMPACT"
    assert [(r.relation, r.target) for r in impact.relationships] == [("executing-arm-of", "itu")]
    report = load(REPO / "records/reports/ag-2012-rap-18.yaml")
    assert report.symbol == "AG-2012-RAP-18" and report.appendices[0].contains == "interpol-impact-cooperation"
    constitution = load(REPO / "records/instruments/interpol-constitution.yaml")
    assert [a.fragment for a in constitution.articles] == ["article-41"]
    assert load(RESOLUTION).preamble[0].refs == ["interpol-constitution#article-41"]


@pytest.mark.parametrize("path", sorted((REPO / "records").rglob("*.yaml")), ids=lambda p: p.name)
def test_every_record_names_its_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    schema = (path.parent / first.split("=", 1)[1]).resolve()
    assert schema.is_file() and schema.parent == REPO / "schemas"


def test_dates_are_dates() -> None:
    session = load(REPO / "records/sessions/interpol-ga-81.yaml")
    assert session.start == dt.date(2012, 11, 5)
