"""render --format akn, through the library: Akoma Ntoso 3.0 in the AKN4UN conventions, valid against the
OASIS schema (strict) for every imported corpus text and any resolution, with the record's words kept exactly.
(At the command line: tests/cli/test_akn_cli.py.)"""

from __future__ import annotations

import pytest
from helpers import CORPUS_NAMES as TEXTS
from helpers import REPO, imported
from lxml import etree

from resolvetool.config import ConfigError
from resolvetool.models import RECORD_ADAPTER
from resolvetool.rendering import RenderError, render
from resolvetool.rendering.akn import NAMESPACE, AknSettings, schema_problems
from resolvetool.rendering.parts import clause_words, item_words

NS = {"a": NAMESPACE}
REFERENCE = "interpol-ga-81-impact-cooperation"


def tree(xml: str):
    assert not schema_problems(xml), schema_problems(xml)
    return etree.fromstring(xml.encode("utf-8"))


def words(element) -> str:
    return " ".join("".join(element.itertext()).split())


@pytest.fixture(scope="module")
def reference_xml(tmp_path_factory) -> str:
    from typer.testing import CliRunner

    from resolvetool.cli import app

    result = CliRunner().invoke(
        app, ["--root", str(REPO), "render", REFERENCE, "--format", "akn"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("name", TEXTS)
def test_every_imported_corpus_text_is_valid_and_keeps_its_clauses(name):
    result = imported(name)
    xml = render(result.resolution, format="akn", resolve=result.resolve)
    document = tree(xml)
    resolution = result.resolution
    containers = document.findall(".//a:preamble/a:container[@name='preambularClause']", NS)
    paragraphs = document.findall(".//a:mainBody//a:paragraph", NS)
    assert len(containers) == len(resolution.preamble)
    assert len(paragraphs) == len(resolution.operative)
    for clause, paragraph in zip(resolution.operative, paragraphs, strict=True):
        # Every word of the clause, in order: number, formula, text, items, tail.
        expected = [clause_words(clause)]
        stack = list(clause.items)
        while stack:
            item = stack.pop(0)
            expected.append(item_words(item))
            stack[:0] = item.items
        expected.append(clause.tail or "")
        assert words(paragraph) == " ".join(" ".join(expected).split())
        assert len(paragraph.findall(".//a:point", NS)) == _count_items(clause.items)


def _count_items(items) -> int:
    return sum(1 + _count_items(item.items) for item in items)


def test_reference_structure(reference_xml):
    document = tree(reference_xml)
    statement = document.find("a:statement", NS)
    assert statement.get("name") == "resolution"
    work = statement.find(".//a:FRBRWork/a:FRBRuri", NS).get("value")
    assert work == f"/akn/un/statement/deliberation/interpol-general-assembly/2012-11-08/{REFERENCE}"
    expression = statement.find(".//a:FRBRExpression/a:FRBRuri", NS).get("value")
    assert expression == f"{work}/eng@2012-11-08"
    assert statement.find(".//a:FRBRManifestation/a:FRBRthis", NS).get("value") == f"{expression}/!main.xml"
    # The day of adoption is not printed: the date is the session's last day, and says so.
    assert statement.find(".//a:FRBRWork/a:FRBRdate", NS).get("name") == "end-of-session"
    formula = statement.find("a:preamble/a:formula", NS)
    assert words(formula).startswith("The ICPO-INTERPOL General Assembly, meeting in Rome, Italy")
    containers = statement.findall("a:preamble/a:container", NS)
    assert len(containers) == 8
    assert words(containers[0]) == "BEARING IN MIND Article 41 of the Organization's Constitution,"
    assert containers[0].find(".//a:inline", NS).text == "BEARING IN MIND"
    paragraphs = statement.findall("a:mainBody/a:paragraph", NS)
    assert [words(p) for p in paragraphs] == [
        "APPROVES the Draft Cooperation Agreement given at Appendix 1 to Report AG-2012-RAP-18;",
        "AUTHORIZES the Secretary General to sign it.",
    ]
    assert statement.find("a:conclusions//a:docStatus", NS).text == "Approved"
    assert statement.find("a:preface//a:docTitle", NS).text.startswith("Draft Cooperation Agreement")


def test_references_are_tlc_entries_and_refs(reference_xml):
    document = tree(reference_xml)
    entries = {element.get("eId"): element for element in document.find(".//a:references", NS)}
    assert entries["impact"].tag == f"{{{NAMESPACE}}}TLCOrganization"
    assert entries["ag-2012-rap-18"].get("name") == "report"
    assert entries["interpol-ga-81"].tag == f"{{{NAMESPACE}}}TLCEvent"
    first = document.find(".//a:preamble/a:container", NS)
    assert first.get("refersTo") == "#interpol-constitution__article-41"
    ref = first.find(".//a:ref", NS)
    assert (ref.text, ref.get("href")) == ("Article 41", "/akn/ontology/instrument/un/interpol-constitution#article-41")
    # Every refersTo names an entry of <references>.
    for element in document.iter():
        for target in (element.get("refersTo") or "").split():
            assert target.removeprefix("#") in entries
    examined = document.findall(".//a:preamble/a:container", NS)[6]
    assert next(r.text for r in examined.findall(".//a:ref", NS)) == "AG-2012-RAP-18"


def test_settings_are_checked():
    with pytest.raises(ConfigError, match="three lower-case letters"):
        AknSettings(language="english")
    AknSettings(country="za-cpt")


def record(**data):
    return RECORD_ADAPTER.validate_python(data)


def hostile():
    body = record(id="b", kind="body", name="Assembly <b>", organization="o", formula='The "Assembly" & <Co>')
    resolution = record(
        id="r",
        kind="resolution",
        symbol="A/RES/1 <x>",
        title="<script>alert('t')</script> & \"quotes\"",
        body="b",
        status="adopted",
        adoption={"date": "2020-05-01", "meeting": "10th plenary meeting", "outcome": "Adopted & <done>"},
        preamble=[
            {
                "phrase": "NOTING",
                "text": "]]> <!-- not a comment --> &amp; text,",
                "items": [{"label": "(a)", "text": "<i>first</i>"}],
            }
        ],
        operative=[
            {
                "number": "1.",
                "phrase": "DECIDES",
                "text": 'that "x" < y;',
                "items": [{"label": "(a)", "text": "one", "items": [{"label": "(i)", "text": "deep"}]}],
                "tail": "and so on.",
            },
            {"phrase": "Requests", "text": ", with emphasis, more."},
        ],
        footnotes=[{"marker": "1", "text": "A <note>."}],
        annexes=[{"heading": "Annex", "title": "Terms & <conditions>", "text": "First.\n\nSecond <p>."}],
    )
    return resolution, {"b": body}.get


def test_hostile_text_is_escaped_and_comes_back_exactly():
    resolution, resolve = hostile()
    document = tree(render(resolution, format="akn", resolve=resolve))
    assert document.find(".//a:docTitle", NS).text == resolution.title
    assert (
        words(document.find(".//a:preamble/a:container", NS))
        == "NOTING ]]> <!-- not a comment --> &amp; text, (a) <i>first</i>"
    )
    assert document.find(".//a:FRBRalias", NS).get("value") == "A/RES/1 <x>"
    assert document.find(".//a:FRBRWork/a:FRBRnumber", NS).get("value") == "a-res-1-x"
    paragraph = document.findall(".//a:mainBody/a:paragraph", NS)
    assert words(paragraph[0]) == '1. DECIDES that "x" < y; (a) one (i) deep and so on.'
    assert words(paragraph[1]) == "Requests, with emphasis, more."
    assert document.find(".//a:conclusions//a:date", NS).get("date") == "2020-05-01"
    assert document.find(".//a:attachments//a:doc", NS).get("name") == "annex"
    assert not document.xpath("//*[local-name()='script' or local-name()='i' or local-name()='p' and @class]")


def test_undated_resolutions_use_the_placeholder_date():
    resolution, resolve = hostile()
    undated = resolution.model_copy(update={"adoption": None})
    document = tree(render(undated, format="akn", resolve=resolve))
    date = document.find(".//a:FRBRWork/a:FRBRdate", NS)
    assert (date.get("date"), date.get("name")) == ("9999-01-01", "unknown")


def test_text_xml_cannot_carry_is_a_clear_error():
    resolution, resolve = hostile()
    bad = resolution.model_copy(update={"title": "bell \x07 here"})
    with pytest.raises(RenderError, match="control characters"):
        render(bad, format="akn", resolve=resolve)


BODY = record(id="b", kind="body", name="Assembly", organization="o", formula="The Assembly")
WHO = record(id="who", kind="organization", name="World Health Organization", acronym="WHO")


def plain(**data):
    return record(**{"id": "r", "kind": "resolution", "title": "T", "body": "b", "status": "adopted", **data})


def akn(resolution, *others) -> str:
    xml = render(resolution, format="akn", resolve={r.id: r for r in (BODY, WHO, *others)}.get)
    assert not schema_problems(xml)
    return xml


def test_parts_keep_their_words_in_printed_order():
    resolution = plain(
        parts=[
            {"label": "A", "adoption": {"statement": "Adopted at the 5th meeting."}},
            {"label": "B"},
            {"label": "C", "title": "Empty"},
        ],
        preamble=[{"part": "A", "text": "pa,"}, {"part": "B", "text": "pb,"}],
        operative=[{"part": "A", "text": "oa;"}, {"part": "B", "text": "ob."}],
    )
    document = tree(akn(resolution))
    body = words(document.find(".//a:mainBody", NS))
    assert body == "A The Assembly, pa, oa; Adopted at the 5th meeting. B The Assembly, pb, ob. C Empty The Assembly,"
    assert [p.get("eId") for p in document.iterfind(".//a:paragraph", NS)] == ["part_1__para_1", "part_2__para_2"]
    assert document.find(".//a:preamble", NS) is None


def test_clause_numbers_headings_and_tails_are_kept():
    resolution = plain(
        preamble=[{"heading": "I. General", "number": "1", "phrase": "Noting", "text": "x,"}],
        operative=[
            {
                "heading": "II. Budget",
                "number": "2.",
                "phrase": "Decides",
                "text": "y:",
                "items": [{"label": "(a)", "text": "z;"}],
                "tail": "with WHO.",
                "refs": ["who"],
            }
        ],
    )
    document = tree(akn(resolution))
    assert words(document.find(".//a:preamble", NS)) == "The Assembly, I. General 1 Noting x,"
    main = document.find(".//a:mainBody", NS)
    assert words(main) == "II. Budget 2. Decides y: (a) z; with WHO."
    assert main[0].get("name") == "crossHeading"
    assert main.find(".//a:wrapUp//a:ref", NS).text == "WHO"


def test_names_match_exactly_and_every_reference_has_an_entry():
    resolution = plain(
        preamble=[{"text": "Thanking States who support WHO,", "refs": ["who"]}],
        footnotes=[{"marker": "1", "text": "See WHO.", "refs": ["who"]}],
        annexes=[{"text": "Cites the World Health Organization.", "refs": ["who"]}],
    )
    document = tree(akn(resolution))
    assert [ref.text for ref in document.iter(f"{{{NAMESPACE}}}ref")] == ["WHO", "WHO", "World Health Organization"]
    assert document.find(".//a:references/a:TLCOrganization[@eId='who']", NS) is not None
    assert document.find(".//a:attachment", NS).get("refersTo") == "#who"


def test_own_parts_and_other_resolutions_are_linked_as_documents():
    other = record(
        id="older",
        kind="resolution",
        symbol="A/RES/1",
        title="Older",
        body="b",
        status="adopted",
        adoption={"date": "2019-01-02"},
        operative=[{"text": "Decides."}],
    )
    resolution = plain(
        operative=[
            {
                "text": "Adopts annex I and recalls A/RES/1, paragraph 1.",
                "refs": ["r#annex-i", "older", "older#operative-1"],
            }
        ],
        annexes=[{"number": "I", "text": "t"}],
    )
    document = tree(akn(resolution, other))
    hrefs = [ref.get("href") for ref in document.iter(f"{{{NAMESPACE}}}ref")]
    assert hrefs[0] == "#att_1"
    assert "/akn/un/statement/deliberation/b/2019-01-02/a-res-1" in hrefs
    entry = document.find(".//a:TLCReference[@eId='older__operative-1']", NS)
    assert entry.get("href") == "/akn/un/statement/deliberation/b/2019-01-02/a-res-1/!main~para_1"
    assert document.find(".//a:paragraph", NS).get("refersTo") == "#older #older__operative-1"


def test_footnotes_stand_at_their_markers():
    resolution = plain(
        operative=[{"text": "Recalls the Charter[^1] and the rest."}],
        footnotes=[{"marker": "1", "text": "Of the United Nations."}, {"marker": "2", "text": "Unplaced."}],
    )
    document = tree(akn(resolution))
    paragraph = document.find(".//a:paragraph//a:p", NS)
    assert paragraph.find("a:authorialNote", NS).get("marker") == "1"
    assert "[^1]" not in words(paragraph)
    assert words(document.find(".//a:conclusions", NS)) == "Unplaced."


def test_identity_edge_cases():
    digits = record(id="3rd-committee", kind="body", name="Third Committee", organization="o", formula="The Committee")
    xml = render(plain(body="3rd-committee"), format="akn", resolve={"3rd-committee": digits}.get)
    assert "/akn/un/statement/deliberation/body-3rd-committee/9999-01-01/r" in xml
    assert '<FRBRuri value="/akn/un/statement/deliberation/b/9999-01-01/r"/>' in akn(plain(symbol="Резолюция"))
    session = record(id="s", kind="session", body="b", number=1, start="2021-03-01")
    assert '<FRBRdate date="2021-03-01" name="start-of-session"/>' in akn(plain(session="s"), session)
    named = record(id="resolvetool", kind="body", name="X", organization="o", formula="X")
    assert not schema_problems(render(plain(body="resolvetool"), format="akn", resolve={"resolvetool": named}.get))


def test_a_title_over_several_heading_lines_is_not_repeated():
    resolution = plain(
        title="Cooperation with the regional organization",
        layout={"heading": ["Cooperation with the", "regional organization"]},
    )
    assert words(tree(akn(resolution)).find(".//a:preface", NS)) == "Cooperation with the regional organization"


def _resolutions():
    from hypothesis import strategies as st

    word = st.text(
        st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co", "Zs", "Zl", "Zp")), min_size=1, max_size=8
    ).filter(lambda w: "[^" not in w)
    text = st.lists(word, min_size=1, max_size=6).map(" ".join)
    item = st.fixed_dictionaries(
        {"label": st.sampled_from(["(a)", "(b)", "(i)", "1."]), "text": text},
        optional={"refs": st.lists(st.sampled_from(["who", "r#operative-1", "missing"]), max_size=2)},
    )
    items = st.lists(item, max_size=3)
    clause = st.fixed_dictionaries(
        {"text": text},
        optional={
            "phrase": st.sampled_from(["NOTING", "Decides", "REQUESTS"]),
            "number": st.sampled_from(["1.", "2"]),
            "heading": text,
            "tail": text,
            "items": items,
            "refs": st.lists(st.sampled_from(["who", "r#annex-1", "r#footnote-1", "nowhere#x"]), max_size=3),
        },
    )
    return st.fixed_dictionaries(
        {"preamble": st.lists(clause, max_size=3), "operative": st.lists(clause, max_size=3)},
        optional={
            "symbol": text,
            "footnotes": st.lists(st.fixed_dictionaries({"marker": st.just("1"), "text": text}), max_size=1),
            "annexes": st.lists(st.fixed_dictionaries({"text": text}), max_size=2),
            "parts": st.just([{"label": "A"}, {"label": "B", "title": "Second"}]),
        },
    )


@pytest.mark.slow
def test_any_resolution_gives_a_valid_document_with_all_its_words():
    from hypothesis import given, settings

    @settings(max_examples=60, deadline=None)
    @given(_resolutions())
    def check(data):
        if "parts" in data:
            for number, clause in enumerate(data["preamble"] + data["operative"]):
                clause["part"] = "AB"[number % 2]
        resolution = plain(**data)
        xml = render(resolution, format="akn", resolve={"b": BODY, "who": WHO}.get)
        document = tree(xml)
        # Every piece of text is in the document, whole and unchanged but for spacing around tags.
        shown = "".join("".join(document.find("a:statement", NS).itertext()).split())
        for clause in resolution.preamble + resolution.operative:
            pieces = [clause.text, clause.tail, clause.heading]
            stack = list(clause.items)
            while stack:
                item = stack.pop()
                pieces.append(item.text)
                stack += item.items
            for piece in filter(None, pieces):
                assert "".join(piece.split()) in shown, piece

    check()


def test_parts_without_clauses_and_links_into_them():
    in_parts = plain(
        id="p",
        parts=[{"label": "A", "adoption": {"statement": "Adopted at the 5th meeting."}}, {"label": "B"}],
        preamble=[{"part": "B", "text": "pb,"}],
        operative=[{"part": "B", "text": "ob."}],
    )
    document = tree(akn(in_parts))
    assert akn(in_parts).count("Adopted at the 5th meeting.") == 1
    assert document.find(".//a:hcontainer[@eId='part_2__hcontainer_1']", NS) is not None
    citing = plain(operative=[{"text": "Recalls it.", "refs": ["p#preamble-1"]}])
    entry = tree(akn(citing, in_parts)).find(".//a:TLCReference[@eId='p__preamble-1']", NS)
    assert entry.get("href").endswith("/!main~part_2__hcontainer_1")
    assert entry.get("showAs") == "T, preambular paragraph 1"


def test_a_body_or_session_of_the_wrong_kind_is_a_clear_error():
    session = record(id="s", kind="session", body="b", number=1)
    with pytest.raises(RenderError, match="names body 'who', which is an organization, not a body"):
        render(plain(body="who"), format="akn", resolve={"who": WHO}.get)
    with pytest.raises(RenderError, match="names session 'who', which is an organization, not a session"):
        render(plain(session="who"), format="akn", resolve={"b": BODY, "who": WHO, "s": session}.get)
