"""Every lint rule does what its documentation shows: each example under "Fails" in a rule module's docstring
(docs/rules.md, `resolvetool rules CODE`) is reported by that rule, and each example under "Passes" is not.

An example is a fragment of a record: its top-level fields replace those of a record of the rule's kind in a copy
of the bundled records/, and the whole tree is linted as a user's would be."""

from __future__ import annotations

import inspect
import re
import textwrap
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

import pytest
from helpers import REPO

from resolvetool import load_settings
from resolvetool.lint.rules import MODULES
from resolvetool.lint.run import lint

# The record of each kind that an example is written into (a rule for every kind is shown on a resolution).
BASE_RECORD = {
    "resolution": "records/resolutions/2012/interpol-ga-81-impact-cooperation.yaml",
    "agreement": "records/agreements/interpol-impact-cooperation.yaml",
}
# Records the examples name that the bundled tree lacks, so that a rule reading several records sees them.
NEIGHBOURS = {
    "records/resolutions/2012/interpol-ga-81-draft-budget.yaml": "id: interpol-ga-81-draft-budget\n"
    "kind: resolution\ntitle: Draft budget for 2013\nbody: interpol-general-assembly\nsession: interpol-ga-81\n"
    "status: draft\noperative:\n  - phrase: APPROVES\n    text: the budget for 2013.\n",
    "records/resolutions/2016/interpol-ga-85-impact-renewal.yaml": "id: interpol-ga-85-impact-renewal\n"
    "kind: resolution\ntitle: Renewal of the Cooperation Agreement with IMPACT\nbody: interpol-general-assembly\n"
    "status: draft\noperative:\n  - phrase: APPROVES\n    text: the renewal of the agreement.\n",
}
TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][\w-]*):", re.MULTILINE)


class Example(NamedTuple):
    module: ModuleType
    fails: bool  # shown under "Fails" (the rule reports it) or under "Passes" (it does not)
    fragment: str  # YAML: the top-level fields it sets


def examples(module: ModuleType) -> list[Example]:
    """The indented blocks that follow a paragraph starting "Fails" or "Passes" in the module's docstring."""
    found = []
    for block in re.split(r"\n\s*\n(?=\S)", inspect.cleandoc(module.__doc__ or "")):
        heading, _, body = block.partition("\n")
        if heading.startswith(("Fails", "Passes")) and body.strip():
            found.append(Example(module, heading.startswith("Fails"), textwrap.dedent(body).strip("\n") + "\n"))
    return found


EXAMPLES = [example for module in MODULES for example in examples(module)]


def with_fields(record: str, fragment: str) -> str:
    """`record` (YAML text) with the top-level fields `fragment` sets replaced by the fragment's, as written."""
    replaced = set(TOP_LEVEL_KEY.findall(fragment))
    starts = [match.start() for match in TOP_LEVEL_KEY.finditer(record)]
    kept = [record[: starts[0]]]
    for start, end in zip(starts, [*starts[1:], len(record)], strict=True):
        key = TOP_LEVEL_KEY.match(record, start)
        if key is not None and key.group(1) not in replaced:
            kept.append(record[start:end])
    return "".join(kept).rstrip("\n") + "\n" + fragment


def codes_found(root: Path, example: Example) -> list[str]:
    kind = example.module.KINDS[0] if example.module.KINDS else "resolution"
    path = root / BASE_RECORD[kind]
    path.write_text(with_fields(path.read_text(encoding="utf-8"), example.fragment), encoding="utf-8")
    result = lint(load_settings(root), select=example.module.CODES, jobs=1, use_cache=False, base=root)
    [entry] = [entry for entry in result.corpus.entries if entry.path == BASE_RECORD[kind]]
    assert entry.valid, f"the example does not make a valid {kind}, so no rule looked at it:\n{example.fragment}"
    return [diagnostic.code for diagnostic in result.diagnostics if diagnostic.code in example.module.CODES]


def example_id(example: Example) -> str:
    rule = example.module.__name__.rsplit(".", 1)[-1]
    return f"{example.module.CODES[0]}-{rule}-{'fails' if example.fails else 'passes'}"


def test_every_rule_shows_an_example_it_fails_and_one_it_passes():
    for module in MODULES:
        shown = {example.fails for example in examples(module)}
        assert shown == {True, False}, f"{module.__name__}: its docstring needs a Fails and a Passes example"


@pytest.mark.parametrize("example", EXAMPLES, ids=example_id)
def test_the_rule_does_what_its_example_shows(example: Example, make_tree):
    files: dict[str, str | bytes] = {
        str(path.relative_to(REPO)): path.read_bytes() for path in (REPO / "records").rglob("*.yaml")
    }
    root = make_tree({**files, **NEIGHBOURS})
    found = codes_found(root, example)
    if example.fails:
        assert found, f"{example.module.__name__} reports nothing on its Fails example:\n{example.fragment}"
    else:
        assert not found, f"{example.module.__name__} reports {found} on its Passes example:\n{example.fragment}"
