"""Properties: a resolution rendered as text and imported again is the same resolution, however the text
is hard-wrapped."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resolvetool.models import RECORD_ADAPTER
from resolvetool.rendering import render
from resolvetool.textimport import Records, import_text

WORDS = (
    "the",
    "report",
    "states",
    "regional",
    "cooperation",
    "within",
    "budget",
    "programme",
    "all",
    "secretariat",
    "its",
    "work",
    "efforts",
    "further",
    "to",
    "continue",
    "of",
    "health",
    "safety",
    "with",
    "concern",
    "national",
    "policies",
    "and",
    "in",
    "accordance",
    "relevant",
    "members",
)
PREAMBLE = (
    "Recalling",
    "Recalling also",
    "Noting with concern",
    "Having considered",
    "Bearing in mind",
    "Welcoming",
    "Mindful",
    "Reaffirming",
    "Taking note",
    "Convinced",
    "Deeply concerned",
)
OPERATIVE = (
    "Decides",
    "Requests",
    "Also decides",
    "Calls upon",
    "Urges",
    "Further requests",
    "Encourages",
    "Takes note",
    "Invites",
    "Reaffirms",
)
LETTERS = "abcdefgh"

BODY = RECORD_ADAPTER.validate_python(
    {"id": "ga", "kind": "body", "name": "General Assembly", "organization": "un", "formula": "The General Assembly"}
)


FIRST = ("the", "report", "states", "its", "all", "efforts", "national", "regional")  # cannot extend a formula


def words(minimum: int = 3, maximum: int = 25):
    rest = st.lists(st.sampled_from(WORDS), min_size=minimum - 1, max_size=maximum - 1)
    return st.tuples(st.sampled_from(FIRST), rest).map(lambda parts: " ".join([parts[0], *parts[1]]))


@st.composite
def resolutions(draw):
    preamble = [
        {"phrase": draw(st.sampled_from(PREAMBLE)), "text": draw(words()) + ","} for _ in range(draw(st.integers(0, 4)))
    ]
    count = draw(st.integers(1, 5))
    operative = []
    for number in range(1, count + 1):
        end = "." if number == count else ";"
        clause = {"number": f"{number}.", "phrase": draw(st.sampled_from(OPERATIVE))}
        if draw(st.booleans()) and draw(st.booleans()):
            clause["heading"] = draw(st.sampled_from(("A", "B", "II", "III. Financing", "IV. Follow-up")))
        items = draw(st.integers(0, 3))
        if items:
            clause["text"] = draw(words()) + ":"
            clause["items"] = [
                {"label": f"({LETTERS[i]})", "text": draw(words()) + (end if i == items - 1 else ";")}
                for i in range(items)
            ]
            subitems = draw(st.integers(0, 2))
            if subitems:  # roman numerals under the first item
                first = clause["items"][0]
                first["text"] = first["text"][:-1] + ":"
                first["items"] = [{"label": f"({'i' * (n + 1)})", "text": draw(words()) + ";"} for n in range(subitems)]
        else:
            clause["text"] = draw(words()) + end
        operative.append(clause)
    title = draw(
        st.lists(
            st.sampled_from(("Regional", "Cooperation", "Budget", "Health", "Programme", "Safety")),
            min_size=2,
            max_size=6,
        ).map(" ".join)
    )
    return RECORD_ADAPTER.validate_python(
        {
            "id": "r",
            "kind": "resolution",
            "symbol": f"A/RES/{draw(st.integers(1, 99))}/{draw(st.integers(1, 400))}",
            "title": title,
            "body": "ga",
            "status": "adopted",
            "preamble": preamble,
            "operative": operative,
            "adoption": {"statement": f"{draw(st.integers(1, 99))}th plenary meeting"},
        }
    )


def structure(resolution):
    def items(children):
        return [(item.label, item.text, items(item.items)) for item in children]

    return (
        [(c.phrase, c.text) for c in resolution.preamble],
        [(c.heading, c.number, c.phrase, c.text, items(c.items)) for c in resolution.operative],
        resolution.symbol,
        resolution.title,
    )


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(resolutions(), st.sampled_from([0, 40, 72]))
def test_import_of_render_is_identity(resolution, width):
    text = render(resolution, resolve={"ga": BODY}.get)
    if width:  # hard-wrap every paragraph, as a PDF extraction does
        text = "\n\n".join(textwrap.fill(paragraph, width) for paragraph in text.split("\n\n"))
    again = import_text(text, records=Records()).resolution
    assert structure(again) == structure(resolution)
