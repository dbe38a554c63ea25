"""The filter, sort and search languages of query and search, through the library: each mistake is an error
pointing inside the argument, words are quoted for SQLite FTS5, and whatever is typed gives results or such an
error, never a crash. (The commands themselves are tests/cli/test_lookups.py's.)"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from resolvetool.query.filters import FilterError, parse_filter, parse_sort
from resolvetool.query.words import fts_expression


@pytest.mark.parametrize(
    ("text", "message", "start", "end"),
    [
        ("sesion=x", "unknown field 'sesion'", 0, 6),
        ("session", "a filter is FIELD, an operator and a value", 0, 7),
        ("=x", "no field before '='", 0, 1),
        ("adopted>=2012-02-30", "'2012-02-30' is not a real date", 9, 19),
        ("adopted>=yesterday", "'yesterday' is not a date", 9, 18),
        ("status=adoptd", "'adoptd' is not a value status takes", 7, 13),
        ("number=one", "'one' is not a whole number", 7, 10),
        ("number~8", "number is a number: '~' looks for words inside text", 6, 7),
        ("status<adopted", "status cannot be compared with '<'", 6, 7),
        ("kind=resolution,,report", "an empty alternative", 16, 16),
        ("preamble.text~cyber", "preamble.text holds running words", 0, 13),
        ("layout.marks=x", "layout.marks says how a source was printed", 0, 12),
        ("kind=", "no value after '='", 5, 5),
        ("start<*", "'*' (any value) goes with = or !=", 6, 7),
        ("adopted>=2012,2013", "'>=' compares with one value", 13, 14),
    ],
)
def test_bad_filters_point_at_the_offending_part(in_repo, text, message, start, end) -> None:
    from resolvetool.config import load_settings
    from resolvetool.index import open_index

    catalogue = open_index(load_settings(in_repo)).catalogue
    with pytest.raises(FilterError) as caught:
        parse_filter(text, catalogue)
    error = caught.value
    assert error.message.startswith(message)
    assert (error.start, error.end) == (start, max(end, start + 1))


def test_sort_keys_are_checked(in_repo) -> None:
    from resolvetool.config import load_settings
    from resolvetool.index import open_index

    catalogue = open_index(load_settings(in_repo)).catalogue
    assert parse_sort("date,-title", catalogue) == [("date", False), ("title", True)]
    with pytest.raises(FilterError) as caught:
        parse_sort("date,-titel", catalogue)
    assert (caught.value.start, caught.value.end) == (6, 11)


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (["-impact"], "a search needs a word that must appear"),
        (["NOT", "impact"], "a search needs a word that must appear"),
        (["impact", "NOT"], "NOT needs a word after it"),
        (["impact", "NOT", "OR", "x"], "NOT needs a word after it"),
        (["OR", "impact"], "OR needs a word on each side"),
        (["impact", "OR"], "OR needs a word on each side"),
        (["…"], "'…' has no letters or digits to search for"),
        ([], "nothing to search for"),
    ],
)
def test_bad_searches(words: list[str], message: str) -> None:
    with pytest.raises(FilterError) as caught:
        fts_expression(words)
    assert caught.value.message == message


def test_searches_are_quoted_for_fts5() -> None:
    assert fts_expression(['AND "x', "NEAR(a", "a*"]) == '"AND" AND "x" AND "NEAR(a" AND "a" *'
    assert fts_expression(["a", "OR", "b", "-c"]) == '("a" OR "b") NOT "c"'
    assert fts_expression(["a", "b", "NOT", "c", "NOT", "d"]) == '(("a" AND "b") NOT "c") NOT "d"'
    assert fts_expression(["organiz*"], stems=lambda prefix: ["organ"]) == '("organiz" * OR "organ")'


# Whatever is typed, the answer is results or a FilterError pointing inside the argument, never a crash.
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


FILTER_LIKE = st.builds(
    lambda field, op, value: f"{field}{op}{value}",
    st.sampled_from(
        [
            "kind",
            "adopted",
            "number",
            "refs",
            "title",
            "status",
            "valid",
            "year",
            "preamble.phrase",
            "sesion",
            "",
            "a.b",
            "preamble.text",
        ]
    ),
    st.sampled_from(["=", "!=", "<", "<=", ">", ">=", "~", "!~", "==", "=<"]),
    ANY_TEXT,
)


@hypothesis_settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    filters=st.lists(FILTER_LIKE | ANY_TEXT, max_size=3),
    words=st.lists(ANY_TEXT, max_size=3),
    sort=st.none() | ANY_TEXT,
)
def test_any_input_gives_results_or_a_pointed_error(in_repo, filters, words, sort) -> None:
    from resolvetool.config import load_settings
    from resolvetool.index import open_index
    from resolvetool.query import build_query, run

    index = _shared_index(in_repo, load_settings, open_index)
    for arguments in ({"filters": filters}, {"filters": filters, "words": words}):
        try:
            request = build_query(
                index.catalogue, arguments["filters"], words=arguments.get("words"), sort=sort, stems=index.prefix_stems
            )
        except FilterError as error:
            # the span lies in the argument, or just after it (a value missing at its end)
            assert 0 <= error.start <= len(error.text) and error.start < error.end <= len(error.text) + 1
            continue
        result = run(index, request)
        assert result.total >= len(result.hits)


_INDEX: dict = {}


def _shared_index(root, load_settings, open_index):
    if "index" not in _INDEX:
        _INDEX["index"] = open_index(load_settings(root))
    return _INDEX["index"]
