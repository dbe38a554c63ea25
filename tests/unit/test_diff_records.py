"""The record diff: fields by path, clauses matched by their words, and the algebra diff promises."""

from __future__ import annotations

import copy

import pytest
import yaml
from helpers import REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from resolvetool.diff import diff_records
from resolvetool.diff.align import words_diff

REFERENCE = yaml.safe_load((REPO / "records/resolutions/2012/interpol-ga-81-impact-cooperation.yaml").read_text())


def kinds(changes) -> list[tuple[str, str, tuple]]:
    return [(change.kind, change.path, change.at) for change in changes]


def edited(**edits) -> dict:
    record = copy.deepcopy(REFERENCE)
    for edit in edits.values():
        edit(record)
    return record


def test_a_clause_inserted_is_one_insertion() -> None:
    new = edited(insert=lambda r: r["preamble"].insert(2, {"phrase": "NOTING", "text": "the report of the Secretary,"}))
    changes = diff_records(REFERENCE, new)
    assert kinds(changes) == [("inserted", "preamble", (None, 3))]
    assert changes[0].context == (None, "RECOGNIZING")  # inserted after RECOGNIZING


def test_words_changed_inside_a_clause() -> None:
    new = edited(
        extend=lambda r: r["operative"][1].update(
            text="the Secretary General to sign it and to report to the Executive Committee."
        )
    )
    (change,) = diff_records(REFERENCE, new)
    assert (change.kind, change.path, change.at) == ("changed", "operative", (2, 2))
    assert change.words == (
        ("=", "AUTHORIZES the Secretary General to sign"),
        ("-", "it."),
        ("+", "it and to report to the Executive Committee."),
    )


def test_moves_renumbering_fields_and_lists() -> None:
    def move(record):
        record["preamble"].insert(0, record["preamble"].pop(3))

    new = edited(
        move=move,
        number=lambda r: r["operative"][0].update(number="1."),
        status=lambda r: r.update(status="superseded"),
        approves=lambda r: r["approves"].append("other"),
        outcome=lambda r: r["adoption"].update(outcome="Adopted"),
    )
    found = kinds(diff_records(REFERENCE, new))
    assert ("moved", "preamble", (4, 1)) in found
    assert ("renumbered", "operative", (1, 1)) in found
    assert ("changed", "status", (None, None)) in found
    assert ("added", "approves", (None, 2)) in found
    assert ("changed", "adoption.outcome", (None, None)) in found
    assert len(found) == 5  # nothing else: the other clauses are where they were


def test_spacing_is_no_change_unless_asked() -> None:
    new = edited(
        space=lambda r: r["operative"][0].update(
            text="the  Draft Cooperation Agreement given at Appendix 1 to Report AG-2012-RAP-18;"
        )
    )
    assert diff_records(REFERENCE, new) == []
    assert kinds(diff_records(REFERENCE, new, whitespace=True)) == [("changed", "operative", (1, 1))]


def test_a_clause_reference_changed() -> None:
    new = edited(ref=lambda r: r["operative"][1]["refs"].append("itu"))
    assert kinds(diff_records(REFERENCE, new)) == [("added", "operative.refs", (2, 2))]


WORDS = st.sampled_from(
    ["the", "of", "Assembly", "DECIDES", "agreement", "report", "to", "sign", "it", "Secretary", "General"]
)
TEXT = st.lists(WORDS, min_size=1, max_size=8).map(" ".join)
CLAUSE = st.fixed_dictionaries(
    {"phrase": st.sampled_from(["NOTING", "RECOGNIZING", "DECIDES", "APPROVES"]), "text": TEXT},
    optional={
        "number": st.sampled_from(["1.", "2.", "3."]),
        "refs": st.lists(st.sampled_from(["a", "b", "c#d"]), max_size=2),
    },
)
RECORD = st.fixed_dictionaries(
    {
        "id": st.just("r"),
        "kind": st.just("resolution"),
        "status": st.sampled_from(["adopted", "draft"]),
        "title": TEXT,
        "preamble": st.lists(CLAUSE, max_size=5),
        "operative": st.lists(CLAUSE, max_size=5),
    },
    optional={
        "approves": st.lists(st.sampled_from(["x", "y", "z"]), max_size=3),
        "adoption": st.fixed_dictionaries(
            {}, optional={"date": st.sampled_from(["2012-11-08", "2013-01-01"]), "outcome": TEXT}
        ),
        "lifecycle": st.lists(
            st.fixed_dictionaries(
                {"event": st.sampled_from(["approved", "signed"])}, optional={"by": st.sampled_from(["r1", "r2"])}
            ),
            max_size=3,
        ),
    },
)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(RECORD, RECORD)
def test_diff_of_a_record_with_itself_is_empty_and_reversing_swaps_the_sides(a, b) -> None:
    assert diff_records(a, a) == []
    assert diff_records(b, a) == [change.reversed() for change in diff_records(a, b)]


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(RECORD, st.data())
def test_small_edits_give_small_diffs(record, data) -> None:
    edited_record = copy.deepcopy(record)
    clauses = edited_record["operative"]
    clause = data.draw(CLAUSE)
    position = data.draw(st.integers(0, len(clauses)))
    clauses.insert(position, clause)
    changes = diff_records(record, edited_record)
    # one clause more: one change in the operative part, whatever else the clauses say
    assert len([c for c in changes if c.path.startswith("operative")]) >= 1
    assert all(c.path.startswith("operative") for c in changes)
    assert sum(c.kind == "inserted" for c in changes) + sum(c.kind == "changed" for c in changes) <= 1 + sum(
        c.kind in ("changed", "renumbered") or c.path != "operative" for c in changes
    )


def test_words_diff_applies() -> None:
    ops = words_diff("a b c d", "a x c d e")
    assert [text for op, text in ops if op != "+"] == ["a", "b", "c d"]
    assert " ".join(text for op, text in ops if op != "-") == "a x c d e"


def test_edits_of_imported_corpus_texts() -> None:
    """Real resolutions imported from tests/corpus, edited the way secretariats edit them."""
    from helpers import CORPUS_TEXTS

    from resolvetool.textimport import Records, import_text

    for name in ("who-WHA66.1.txt", "unsc-S-RES-660-1990.txt"):
        imported = import_text((CORPUS_TEXTS / name).read_text(encoding="utf-8"), name=name, records=Records())
        record = imported.resolution.model_dump(mode="json", exclude_defaults=True)
        assert diff_records(record, copy.deepcopy(record)) == []
        edited_record = copy.deepcopy(record)
        last = edited_record["operative"][-1]
        last["text"] = last["text"].rstrip(".;") + ", and to report back;"
        edited_record["operative"].insert(1, {"phrase": "Requests", "text": "the Secretary-General to act;"})
        edited_record["preamble"].pop(0)
        changes = diff_records(record, edited_record)
        assert sorted((c.kind, c.path) for c in changes) == [
            ("changed", "operative"),
            ("deleted", "preamble"),
            ("inserted", "operative"),
        ], name
        changed = next(c for c in changes if c.kind == "changed")
        assert any(op == "+" and "report back;" in words for op, words in changed.words)
        assert diff_records(edited_record, record) == [change.reversed() for change in changes]
