"""render --format akn at the command line: every bundled resolution gives a document valid against the OASIS
schema, the country and language come from the settings, and the output is the same on every run and in every
process. (What the document holds is tests/unit/test_akn.py's.)"""

from __future__ import annotations

import re

import pytest
from helpers import REPO

from resolvetool.rendering.akn import schema_problems

REFERENCE = "interpol-ga-81-impact-cooperation"


def test_every_resolution_in_records_is_valid(run_cli):
    resolutions = sorted(path.stem for path in (REPO / "records" / "resolutions").rglob("*.yaml"))
    assert resolutions
    for record_id in resolutions:
        result = run_cli("--root", str(REPO), "render", record_id, "-f", "akn")
        assert result.exit_code == 0, result.stderr
        assert schema_problems(result.stdout) == []


def test_country_and_language_are_settings(make_tree, run_cli):
    root = make_tree({})
    for path in (REPO / "records").rglob("*.yaml"):
        target = root / path.relative_to(REPO)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    (root / "resolvetool.toml").write_text('[render]\nakn-country = "fr"\nakn-language = "fra"\n')
    result = run_cli("render", REFERENCE, "-f", "akn", cwd=root)
    assert result.exit_code == 0, result.stderr
    assert '<FRBRuri value="/akn/fr/statement/deliberation/' in result.stdout
    assert '<FRBRlanguage language="fra"/>' in result.stdout
    (root / "resolvetool.toml").write_text('[render]\nakn-country = "interpol"\n')
    bad = run_cli("render", REFERENCE, "-f", "akn", cwd=root)
    assert bad.exit_code == 2
    assert "resolvetool.toml" in bad.stderr and "akn-country 'interpol' is not a country code" in bad.stderr


def test_output_is_deterministic(run_cli):
    first = run_cli("--root", str(REPO), "render", REFERENCE, "-f", "akn")
    assert first.exit_code == 0, first.stderr
    again = run_cli("--root", str(REPO), "render", REFERENCE, "-f", "akn")
    assert again.stdout == first.stdout
    assert re.search(r"\n {6}<p><docType>RESOLUTION</docType></p>\n", first.stdout)


@pytest.mark.slow
def test_deterministic_across_processes():
    import subprocess
    import sys

    outputs = set()
    for seed in ("1", "2", "3"):
        result = subprocess.run(
            [sys.executable, "-m", "resolvetool", "--root", str(REPO), "render", REFERENCE, "-f", "akn"],
            capture_output=True,
            text=True,
            check=True,
            env={**__import__("os").environ, "PYTHONHASHSEED": seed},
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1
