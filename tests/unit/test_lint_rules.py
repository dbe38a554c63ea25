"""Every lint rule with a record it fails on and one it passes (run directly on the models, as the workers
run them), and the rule documentation kept equal to docs/rules.md."""

from __future__ import annotations

import copy

import pytest
from helpers import REPO

from resolvetool.lint.config import parse_lint_config
from resolvetool.lint.engine import record_findings
from resolvetool.models import RECORD_ADAPTER
from resolvetool.recordyaml import record_yaml
from resolvetool.source import parse_source

RESOLUTION = {
    "id": "r",
    "kind": "resolution",
    "title": "Cooperation with IMPACT",
    "body": "ga",
    "status": "adopted",
    "adoption": {"date": "2012-11-08", "outcome": "Approved"},
    "preamble": [
        {"phrase": "BEARING IN MIND", "text": "Article 41 of the Constitution,", "refs": ["constitution#article-41"]},
        {"phrase": "HAVING EXAMINED", "text": "Report AG-2012-RAP-18,", "refs": ["ag-2012-rap-18"]},
        {"phrase": "RECOGNIZING", "text": "that IMPACT is a partner,", "refs": ["impact"]},
    ],
    "operative": [
        {"number": "1.", "phrase": "APPROVES", "text": "the agreement with IMPACT;", "refs": ["impact"]},
        {
            "number": "2.",
            "phrase": "REQUESTS",
            "text": "the Secretary General:",
            "items": [{"label": "(a)", "text": "to sign it;"}, {"label": "(b)", "text": "to report."}],
        },
    ],
}
AGREEMENT = {
    "id": "a",
    "kind": "agreement",
    "title": "Cooperation Agreement",
    "parties": ["interpol", "impact"],
    "lifecycle": [{"event": "approved", "by": "r"}, {"event": "signed", "by": "interpol"}],
    "signature_authorizations": [{"signatory": "interpol#secretary-general", "by": "r"}],
}


def codes(data: dict, config: dict | None = None) -> list[str]:
    record = RECORD_ADAPTER.validate_python(data)
    raw = record_yaml(record, "s.json").encode()
    doc = parse_source(raw, "r.yaml")
    findings, _ = record_findings(record, doc, raw, parse_lint_config(config or {}))
    return sorted(finding[0] for finding in findings)


def changed(base: dict, path: tuple, value) -> dict:
    data = copy.deepcopy(base)
    node = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return data


def test_the_examples_pass_every_rule():
    assert codes(RESOLUTION) == []
    assert codes(AGREEMENT) == []


@pytest.mark.parametrize(
    "path, value, code",
    [
        (("preamble", 1, "phrase"), "Having examined", "RT301"),
        (("operative", 0, "phrase"), "APPROVESS", "RT302"),
        (("preamble", 0, "phrase"), "DECIDES", "RT303"),
        (("operative", 0, "text"), "the agreement with IMPACT,", "RT304"),
        (("operative", 1, "items", 1, "text"), "to report;", "RT304"),
        (("preamble", 0, "refs"), ["constitution#article-14"], "RT305"),
        (("preamble", 1, "refs"), [], "RT305"),
        (("operative", 0, "refs"), ["itu"], "RT306"),
        (("operative", 1, "number"), "3.", "RT307"),
        (("operative", 1, "items", 1, "label"), "(c)", "RT307"),
        (("title",), "Cooperation with IMPACT’s partners", None),  # curly alone: no mixture
        (("operative", 0, "text"), "the agreement with IMPACT's  partners;", "RT309"),
        (("operative", 0, "text"), "the agree\u200bment with IMPACT;", "RT311"),
        (("operative", 0, "text"), "the agreement with IMPACT (Cafe\u0301);", "RT310"),
        (("title",), "cooperation with IMPACT", "RT314"),
        (("title",), "Cooperation with IMPACT.", "RT314"),
        (("title",), "Cooperation " * 30, "RT314"),
        (("adoption",), {"outcome": "Approved"}, "RT404"),
        (("status",), "rejected", "RT406"),
    ],
)
def test_each_rule_fails_its_example(path, value, code):
    found = codes(changed(RESOLUTION, path, value))
    assert found == ([code] if code else [])


def test_mixed_quotes_and_dashes():
    data = changed(RESOLUTION, ("title",), "The Organization’s partners")
    data = changed(data, ("operative", 0, "text"), "the agreement with IMPACT's partners;")
    assert codes(data) == ["RT308"]
    data = changed(RESOLUTION, ("title",), "INTERPOL – IMPACT")
    data = changed(data, ("operative", 0, "text"), "the agreement INTERPOL - IMPACT;")
    assert codes(data) == ["RT308"]


def test_duplicate_and_empty_paragraphs():
    data = copy.deepcopy(RESOLUTION)
    data["operative"].insert(
        1, {"number": "2.", "phrase": "APPROVES", "text": "the agreement with IMPACT;", "refs": ["impact"]}
    )
    data["operative"][2]["number"] = "3."
    assert codes(data) == ["RT312"]
    assert codes(changed(RESOLUTION, ("operative", 0, "text"), ";")) == ["RT306", "RT313"]


def test_superseded_without_successor():
    assert codes(changed(RESOLUTION, ("status",), "superseded")) == ["RT405"]
    assert codes(changed(changed(RESOLUTION, ("status",), "superseded"), ("superseded_by",), "r2")) == []


def test_agreement_rules():
    signed_only = changed(AGREEMENT, ("signature_authorizations",), [])
    assert codes(signed_only) == ["RT408"]
    backwards = changed(AGREEMENT, ("lifecycle",), list(reversed(AGREEMENT["lifecycle"])))
    assert codes(backwards) == ["RT409"]


def test_configuration_sets_case_punctuation_and_vocabulary():
    un_style = changed(RESOLUTION, ("operative", 0, "phrase"), "Approves")
    un_style = changed(un_style, ("operative", 1, "phrase"), "Requests")
    assert codes(un_style) == []  # one case throughout: nothing to go by
    upper = {"bodies": {"ga": {"formula-case": {"operative": "upper"}}}}
    assert codes(un_style, upper) == ["RT301", "RT301"]
    semicolons = {"bodies": {"ga": {"punctuation": {"preamble": ";"}}}}
    assert codes(RESOLUTION, semicolons) == ["RT304", "RT304", "RT304"]
    own = changed(RESOLUTION, ("operative", 0, "phrase"), "HOMOLOGATES")
    assert codes(own) == ["RT302"]
    assert codes(own, {"bodies": {"ga": {"operative": ["HOMOLOGATES"]}}}) == []
    assert codes(own, {"vocabulary": {"operative": ["Homologates"]}}) == []


def test_variations_of_known_formulas_are_known():
    for phrase in (
        "RECALLING ALSO",
        "Recalling further",
        "Deeply concerned",
        "Noting with grave concern",
        "HAVING REGARD TO",
        "Bearing in mind",
    ):
        assert "RT302" not in codes(changed(RESOLUTION, ("preamble", 1, "phrase"), phrase.upper())), phrase


def test_rule_reference_is_current():
    from resolvetool.lint.docs import reference

    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == reference(), (
        "docs/rules.md differs from the rule modules; run python scripts/gen_docs.py"
    )


def test_every_rule_documents_failing_and_passing_examples():
    from resolvetool.lint.rules import MODULES

    for module in MODULES:
        assert "Fails" in module.__doc__ and "Passes" in module.__doc__, module.__name__
