"""Mapping Pydantic's errors to diagnostics: codes, field paths, positions, hints."""

from __future__ import annotations

from pydantic import ValidationError

from resolvetool.schemaerrors import field_path, validation_diagnostics
from resolvetool.source import parse_source


def diagnose(text: str):
    from resolvetool.models import RECORD_ADAPTER

    doc = parse_source(text.encode(), "r.yaml")
    try:
        RECORD_ADAPTER.validate_python(doc.data)
    except ValidationError as error:
        return [(d.code, d.line, d.col, d.message, d.hint) for d in validation_diagnostics(error, doc)]
    return []


def test_field_path() -> None:
    assert field_path(("preamble", 2, "refs", 0)) == "preamble[2].refs[0]"
    assert field_path(()) == "(the record)"


def test_the_union_tag_is_not_a_location() -> None:
    [(code, line, col, message, _hint)] = diagnose("id: s\nkind: session\nbody: b\nnumber: 1\nvenue: Rome\n")
    assert (code, line, col) == ("RT103", 5, 8)
    assert message == 'venue: expected a mapping of fields, got text "Rome"'


def test_unknown_field_in_a_nested_model_suggests_the_closest() -> None:
    missing, unknown = diagnose("id: s\nkind: session\nbody: b\nnumber: 1\nvenue:\n  city: Rome\n  contry: Italy\n")
    assert missing[:4] == ("RT101", 5, 1, 'missing required field "venue.country"')
    assert unknown[:3] + unknown[4:] == ("RT102", 7, 3, "did you mean 'country'?")
    [diag] = diagnose("id: s\nkind: session\nbody: b\nnumber: 1\nzzz: 1\n")
    assert diag[4].startswith("fields allowed here: id, symbol, notes, body, number")


def test_booleans_are_strict() -> None:
    [(code, *_rest, _hint)] = diagnose("id: s\nkind: session\nbody: b\nnumber: true\n")
    assert (code, _rest[2]) == ("RT103", "number: expected a whole number, got a boolean true")
    assert diagnose("id: s\nkind: session\nbody: b\nnumber: 81\nnotes: 12\n")[0][4] == 'quote it: "12"'


def test_any_other_error_is_rt107() -> None:
    doc = parse_source(b"id: x\nkind: session\n", "r.yaml")
    error = ValidationError.from_exception_data(
        "Record",
        [
            {
                "type": "value_error",
                "loc": ("session", "kind"),
                "input": "x",
                "ctx": {"error": ValueError("the sky fell")},
            }
        ],
    )
    [d] = validation_diagnostics(error, doc)
    assert (d.code, d.line, d.col) == ("RT107", 2, 7)
    assert "the sky fell" in d.message
