"""Generalisation: texts in the conventions of other bodies and years than the development corpus (sections
headed by numerals, annexes, `.1` and nested `(i)` items, clause words after items, votes, footnotes at the
foot of a page, running headers and page furniture, no blank lines at all) import, validate and come back."""

from __future__ import annotations

import pytest
import yaml
from helpers import IMPORT_SAMPLES, check_structure, imported, normalised

from resolvetool.rendering import render

SAMPLES = IMPORT_SAMPLES
EXPECTED = yaml.safe_load((SAMPLES / "expected.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_structure(name):
    check_structure(imported(name, SAMPLES), EXPECTED[name])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_renders_back(name):
    result = imported(name, SAMPLES)
    source = (SAMPLES / name).read_text(encoding="utf-8")
    assert normalised(render(result.resolution, resolve=result.resolve)) == normalised(source)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_validates(name, run_cli, make_tree):
    root = make_tree({})
    assert run_cli("import", str(SAMPLES / name), cwd=root).exit_code == 0
    checked = run_cli("validate", "--strict", cwd=root)
    assert checked.exit_code == 0, checked.stderr


def test_every_sample_has_expectations():
    assert sorted(path.name for path in SAMPLES.glob("*.txt")) == sorted(EXPECTED)


def test_an_unknown_body_gets_a_placeholder_organization_that_says_so():
    result = imported("unknown-body.txt", SAMPLES)
    organization = next(planned.record for planned in result.planned if planned.record.kind == "organization")
    assert "does not say which organization" in organization.notes
    assert result.resolution.id.endswith("-10-4")


def test_page_furniture_between_clauses_is_kept_in_order():
    result = imported("unsc-modern.txt", SAMPLES)
    marks = [(mark.kind, mark.at) for mark in result.resolution.layout.marks]
    assert marks == [
        ("markup", "operative-3"),
        ("footnote", "operative-3"),
        ("page-footer", "operative-3"),
        ("page-footer", "operative-3"),
        ("running-header", "operative-3"),
        ("page-footer", "operative-3"),
    ]
    clean = render(result.resolution, resolve=result.resolve, clean=True)
    assert "23-25424" not in clean and "1 S/PRST/2023/2." in clean
