"""render --format akn: Akoma Ntoso 3.0 in the AKN4UN conventions, valid against the OASIS schema (strict)
for every record in records/ and every imported corpus text, with the record's words kept exactly."""

from __future__ import annotations

import re

import pytest
from conftest import REPO
from lxml import etree
from test_import_corpus import TEXTS, imported

from resolvetool.models import RECORD_ADAPTER
from resolvetool.rendering import RenderError, render
from resolvetool.rendering.akn import NAMESPACE, AknError, AknSettings, schema_problems
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

    result = CliRunner().invoke(app, ["--root", str(REPO), "render", REFERENCE, "--format", "akn"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_every_resolution_in_records_is_valid(run_cli):
    resolutions = sorted(path.stem for path in (REPO / "records" / "resolutions").rglob("*.yaml"))
    assert resolutions
    for record_id in resolutions:
        result = run_cli("--root", str(REPO), "render", record_id, "-f", "akn")
        assert result.exit_code == 0, result.stderr
        assert schema_problems(result.stdout) == []


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
    for clause, paragraph in zip(resolution.operative, paragraphs):
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
        "AUTHORIZES the Secretary General to sign it."]
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
    assert [r.text for r in examined.findall(".//a:ref", NS)][0] == "AG-2012-RAP-18"


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


def test_settings_are_checked():
    with pytest.raises(AknError, match="three lower-case letters"):
        AknSettings(language="english")
    AknSettings(country="za-cpt")


def record(**data):
    return RECORD_ADAPTER.validate_python(data)


def hostile():
    body = record(id="b", kind="body", name="Assembly <b>", organization="o", formula='The "Assembly" & <Co>')
    resolution = record(
        id="r", kind="resolution", symbol="A/RES/1 <x>", title="<script>alert('t')</script> & \"quotes\"",
        body="b", status="adopted", adoption={"date": "2020-05-01", "outcome": "Adopted & <done>"},
        preamble=[{"phrase": "NOTING", "text": "]]> <!-- not a comment --> &amp; text,",
                   "items": [{"label": "(a)", "text": "<i>first</i>"}]}],
        operative=[{"number": "1.", "phrase": "DECIDES", "text": "that \"x\" < y;",
                    "items": [{"label": "(a)", "text": "one", "items": [{"label": "(i)", "text": "deep"}]}],
                    "tail": "and so on."},
                   {"phrase": "Requests", "text": ", with emphasis, more."}],
        footnotes=[{"marker": "1", "text": "A <note>."}],
        annexes=[{"heading": "Annex", "title": "Terms & <conditions>", "text": "First.\n\nSecond <p>."}])
    return resolution, {"b": body}.get


def test_hostile_text_is_escaped_and_comes_back_exactly():
    resolution, resolve = hostile()
    document = tree(render(resolution, format="akn", resolve=resolve))
    assert document.find(".//a:docTitle", NS).text == resolution.title
    assert words(document.find(".//a:preamble/a:container", NS)) == \
        "NOTING ]]> <!-- not a comment --> &amp; text, (a) <i>first</i>"
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


def test_output_is_deterministic(reference_xml, run_cli):
    again = run_cli("--root", str(REPO), "render", REFERENCE, "-f", "akn")
    assert again.stdout == reference_xml
    assert re.search(r"\n {6}<p><docType>RESOLUTION</docType></p>\n", reference_xml)
