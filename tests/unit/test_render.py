"""render: house styles derive what the records hold as facts; layout marks come back where they stood."""

from __future__ import annotations

import datetime as dt

import pytest

from resolvetool.models import RECORD_ADAPTER
from resolvetool.rendering import RenderError, render
from resolvetool.textforms import date_range, ordinal_suffix, ordinal_words, parse_date_range, parse_ordinal


def record(**data):
    return RECORD_ADAPTER.validate_python(data)


def interpol(start: str | None, end: str | None, number: int = 81, venue: bool = True):
    body = record(
        id="ga",
        kind="body",
        name="General Assembly",
        organization="interpol",
        formula="The ICPO-INTERPOL General Assembly",
        house_style="interpol",
    )
    session = {"id": "s", "kind": "session", "body": "ga", "number": number}
    if venue:
        session["venue"] = {"city": "Rome", "country": "Italy"}
    if start:
        session |= {"start": start, "end": end}
    resolution = record(
        id="r",
        kind="resolution",
        title="Budget",
        body="ga",
        session="s",
        status="adopted",
        adoption={"outcome": "Approved"},
        preamble=[{"phrase": "NOTING", "text": "the report,"}],
        operative=[{"phrase": "APPROVES", "text": "the budget."}],
    )
    return resolution, {"ga": body, "s": record(**session)}.get


@pytest.mark.parametrize(
    "start, end, formula",
    [
        ("2012-11-05", "2012-11-08", "meeting in Rome, Italy, from 5 to 8 November 2012 at its 81st session:"),
        ("2012-10-30", "2012-11-02", "meeting in Rome, Italy, from 30 October to 2 November 2012 at its 81st session:"),
        (
            "2012-12-28",
            "2013-01-03",
            "meeting in Rome, Italy, from 28 December 2012 to 3 January 2013 at its 81st session:",
        ),
        ("2012-11-05", "2012-11-05", "meeting in Rome, Italy, on 5 November 2012 at its 81st session:"),
        (None, None, "meeting in Rome, Italy, at its 81st session:"),
    ],
)
def test_interpol_formula_reads_right_across_months_and_years(start, end, formula):
    resolution, resolve = interpol(start, end)
    text = render(resolution, resolve=resolve)
    assert text == (
        "RESOLUTION\n\nSubject: Budget\n\nThe ICPO-INTERPOL General Assembly, "
        + formula
        + "\n\nNOTING the report,\n\nAPPROVES the budget.\n\nApproved\n"
    )


@pytest.mark.parametrize(
    "number, suffix",
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (82, "82nd"),
        (93, "93rd"),
        (111, "111th"),
        (1000, "1000th"),
        (1001, "1001st"),
        (2000, "2000th"),
        (2013, "2013th"),
        (12345, "12345th"),
    ],
)
def test_ordinals(number, suffix):
    assert ordinal_suffix(number) == suffix
    assert parse_ordinal(suffix) == number
    assert parse_ordinal(ordinal_words(number)) == number


def test_date_ranges_read_back():
    for start, end in [
        (dt.date(2012, 11, 5), dt.date(2012, 11, 8)),
        (dt.date(2012, 10, 30), dt.date(2012, 11, 2)),
        (dt.date(2012, 12, 28), dt.date(2013, 1, 3)),
        (dt.date(2012, 11, 5), dt.date(2012, 11, 5)),
    ]:
        assert parse_date_range(date_range(start, end)) == (start, end)


def test_ordinal_style_names_the_session_in_words():
    body = record(
        id="wha",
        kind="body",
        name="World Health Assembly",
        organization="who",
        formula="The World Health Assembly",
        house_style="ordinal",
    )
    session = record(id="wha-66", kind="session", body="wha", number=66)
    resolution = record(
        id="wha66.1",
        kind="resolution",
        symbol="WHA66.1",
        title="Programme of work",
        body="wha",
        session="wha-66",
        status="adopted",
        operative=[{"number": "1.", "phrase": "APPROVES", "text": "the programme."}],
    )
    text = render(resolution, resolve={"wha": body, "wha-66": session}.get)
    assert (
        text == "WHA66.1\n\nProgramme of work\n\nThe Sixty-sixth World Health Assembly,\n\n1. APPROVES the programme.\n"
    )


@pytest.mark.parametrize(
    "adoption, line",
    [
        ({"method": "unanimous", "meeting": "1382nd meeting"}, "Adopted unanimously at the 1382nd meeting."),
        ({"method": "without-vote", "meeting": "40th meeting"}, "Adopted without a vote at the 40th meeting."),
        (
            {"method": "vote", "meeting": "2932nd meeting", "vote": {"in_favour": 13, "against": 0, "abstaining": 2}},
            "Adopted at the 2932nd meeting by 13 votes to none, with 2 abstentions.",
        ),
        ({"meeting": "3rd plenary meeting", "date": "2025-09-19"}, "3rd plenary meeting 19 September 2025"),
        (
            {"statement": "Adopted at the 2932nd meeting\nby 14 votes to none.", "method": "vote"},
            "Adopted at the 2932nd meeting\n\nby 14 votes to none.",
        ),
    ],
)
def test_standard_style_closing_from_the_adoption(adoption, line):
    body = record(id="sc", kind="body", name="Security Council", organization="un", formula="The Security Council")
    resolution = record(
        id="r",
        kind="resolution",
        symbol="S/RES/1 (1946)",
        title="Resolution 1 (1946)",
        body="sc",
        status="adopted",
        adoption=adoption,
        operative=[{"number": "1.", "phrase": "Decides", "text": "to act."}],
    )
    assert render(resolution, resolve={"sc": body}.get).endswith(f"1. Decides to act.\n\n{line}\n")


def test_marks_come_back_where_they_stood_and_clean_leaves_them_out():
    resolution, resolve = interpol("2012-11-05", "2012-11-08")
    marked = resolution.model_copy(
        update={
            "layout": RECORD_ADAPTER.validate_python(
                {
                    "id": "r",
                    "kind": "resolution",
                    "title": "t",
                    "body": "ga",
                    "status": "adopted",
                    "layout": {
                        "marks": [
                            {"kind": "running-header", "at": "operative-1", "offset": 9, "text": "Budget"},
                            {"kind": "page-footer", "at": "preamble-1", "text": "12-34567"},
                            {"kind": "unclassified", "at": "operative-7", "text": "stray"},
                        ]
                    },
                }
            ).layout
        }
    )
    text = render(marked, resolve=resolve)
    assert "12-34567\n\nNOTING the report," in text
    assert "APPROVES\nBudget\nthe budget." in text
    assert text.endswith("Approved\n\nstray\n")  # a mark whose part is gone is printed at the end, not lost
    assert "Budget\nthe" not in render(marked, resolve=resolve, clean=True)


def test_markdown_escapes_record_text():
    body = record(id="b", kind="body", name="Assembly", organization="o", formula="The Assembly")
    resolution = record(
        id="r",
        kind="resolution",
        title="<script>alert(1)</script> *bold*",
        body="b",
        status="draft",
        operative=[{"number": "1.", "phrase": "DECIDES", "text": "# not a heading [x](y)."}],
    )
    text = render(resolution, format="markdown", resolve={"b": body}.get)
    assert "# &lt;script\\>alert(1)&lt;/script\\> \\*bold\\*" in text
    assert "1\\. **DECIDES** \\# not a heading \\[x\\](y)." in text


def test_render_errors_are_plain():
    resolution, _ = interpol(None, None)
    with pytest.raises(RenderError, match="names body 'ga', which is not a valid record"):
        render(resolution, resolve={}.get)
    with pytest.raises(RenderError, match="unknown format 'pdf'"):
        render(resolution, format="pdf", resolve={}.get)
    body = record(id="ga", kind="body", name="GA", organization="o", formula="The GA", house_style="fancy")
    with pytest.raises(RenderError, match="house style 'fancy'"):
        render(resolution, resolve={"ga": body}.get)
