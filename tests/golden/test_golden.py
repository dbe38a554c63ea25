"""Golden cases: each folder under cases/ is a project; expected.txt is what validate prints (its findings and
summary, on standard output; nothing goes to standard error).

Run `pytest tests/golden/test_golden.py --update-golden` to rewrite the expectations, then review the
change with git diff.
"""

from __future__ import annotations

import pytest
from helpers import GOLDEN_CASES

CASES = GOLDEN_CASES
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())


@pytest.mark.parametrize("name", CASE_NAMES)
def test_golden_case(name: str, run_cli, request: pytest.FixtureRequest) -> None:
    folder = CASES / name
    result = run_cli("validate", cwd=folder)
    expected_file = folder / "expected.txt"
    actual = f"exit code {result.exit_code}\n{result.stdout}"
    if request.config.getoption("--update-golden"):
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.is_file(), f"no {expected_file}; run pytest --update-golden and review it"
    assert actual == expected_file.read_text(encoding="utf-8")
    assert result.stderr == ""


def test_every_case_has_a_description() -> None:
    for name in CASE_NAMES:
        assert (CASES / name / "README.md").read_text().strip(), name


def test_cases_cover_every_file_and_yaml_code() -> None:
    """Each RT0xx, RT1xx, RT2xx and RT4xx code appears in some golden case (RT001, RT003... included)."""
    from resolvetool.diagnostics import CODES

    seen = "".join((CASES / name / "expected.txt").read_text() for name in CASE_NAMES)
    # RT001 (an unreadable file) and RT009 (too many problems) need conditions a folder in git
    # cannot hold, and RT107 is the fallback for errors no model raises today; all three are
    # tested in test_source.py and test_schemaerrors.py.
    # RT5xx are the codes of import, not of validate: tests/cli/test_import_cli.py covers them; lint's codes
    # have their own tests in tests/unit/test_lint_rules.py, tests/unit/test_rule_examples.py,
    # tests/cli/test_lint_cli.py and tests/cli/test_hostile_conventions.py.
    from resolvetool.lint.codes import LINT_CODES

    missing = [
        code
        for code in CODES
        if f"[{code}]" not in seen
        and code not in ("RT001", "RT009", "RT107")
        and not code.startswith("RT5")
        and code not in LINT_CODES
    ]
    assert missing == []
