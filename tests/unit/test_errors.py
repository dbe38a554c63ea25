"""One base for every error the library raises for people (errors.ResolvetoolError), and one "no such record"."""

from __future__ import annotations

import ast
import pickle

import pytest
from helpers import BASE_TREE, PACKAGE

from resolvetool import load_settings
from resolvetool.diff import history_file
from resolvetool.errors import RecordNotFound, ResolvetoolError


def test_every_public_exception_of_the_library_is_a_resolvetool_error() -> None:
    """A class whose name says it is an error (or that derives from an exception) and is not private derives from
    ResolvetoolError, so that a program catches them all with one except and the CLI says them in one place."""
    strays = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef) or node.name.startswith("_"):
                continue
            bases = [ast.unparse(base) for base in node.bases]
            an_exception = any(base.endswith(("Exception", "Error")) for base in bases)
            ours = node.name == "ResolvetoolError" or any(
                base in ("ResolvetoolError", "RecordNotFound") for base in bases
            )
            if an_exception and not ours:
                strays.append(f"{path.relative_to(PACKAGE)}: {node.name}({', '.join(bases)})")
    assert strays == []


def test_show_render_and_history_raise_the_one_record_not_found() -> None:
    from resolvetool.publish import RecordNotFound as from_publish
    from resolvetool.show import view

    assert from_publish is RecordNotFound and view.RecordNotFound is RecordNotFound
    assert history_file.__module__ == "resolvetool.diff.history"


def test_record_not_found_says_what_was_asked_and_survives_pickling(tmp_path) -> None:
    error = RecordNotFound("a/res/1", ["a-res-1"], tmp_path / "records")
    assert isinstance(error, ResolvetoolError) and isinstance(error, LookupError) and error.exit_code == 1
    assert str(error) == f"no record 'a/res/1' in {tmp_path / 'records'}; did you mean a-res-1?"
    again = pickle.loads(pickle.dumps(error))
    assert (again.ref, again.suggestions, again.records, str(again)) == (
        error.ref,
        error.suggestions,
        error.records,
        str(error),
    )


def test_history_of_a_record_that_does_not_exist_is_record_not_found(make_tree) -> None:

    from resolvetool.diff import history_file

    settings = load_settings(make_tree(BASE_TREE))
    with pytest.raises(RecordNotFound, match="no record 'nowhere'"):
        history_file(settings, "nowhere")
    assert history_file(settings, "res-1") == settings.root / "records/resolutions/2020/res-1.yaml"
