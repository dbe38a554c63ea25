"""What the tests share, in one place: where the repository and its test data are, the small trees tests
build on, and the helpers several test modules call. Test modules import from here (`from helpers import ...`),
never from one another; fixtures are in conftest.py."""

from __future__ import annotations

import os
import subprocess
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TESTS = REPO / "tests"
PACKAGE = REPO / "src" / "resolvetool"  # the package's source, as the wheel and the module map see it
# Real resolution texts and what a clerk reads in them (tests/corpus/SOURCES.md says where each comes from).
CORPUS = TESTS / "corpus"
CORPUS_TEXTS = CORPUS / "texts"
CORPUS_EXPECTED = CORPUS / "expected.yaml"
CORPUS_NAMES = sorted(path.name for path in CORPUS_TEXTS.glob("*.txt"))
REFERENCE_TEXT = CORPUS_TEXTS / "interpol-ga81-impact-cooperation.txt"
# Short excerpts of real texts, each showing a construction the importer reads (SOURCES.md names each source).
EXCERPTS = CORPUS / "excerpts"
# Byte copies of real PDFs, and a scan (SOURCES.md names each source).
CORPUS_PDFS = CORPUS / "pdf"
# Texts written in the conventions of other bodies and years, with what a clerk reads in them (expected.yaml).
IMPORT_SAMPLES = TESTS / "import_samples"
# The golden cases: each folder a project, with what validate prints for it (tests/golden/test_golden.py).
GOLDEN_CASES = TESTS / "golden" / "cases"


# A small valid tree that tests extend or break.
BASE_TREE: dict[str, str] = {
    "records/organizations/org.yaml": "id: org\nkind: organization\nname: Example Organization\n"
    "offices:\n  - id: head\n    title: Head of the Organization\n",
    "records/bodies/assembly.yaml": "id: assembly\nkind: body\nname: Assembly\norganization: org\n"
    "formula: The Assembly\n",
    "records/sessions/assembly-1.yaml": "id: assembly-1\nkind: session\nbody: assembly\nnumber: 1\n"
    "start: 2020-05-04\nend: 2020-05-06\n",
    "records/resolutions/2020/res-1.yaml": "id: res-1\nkind: resolution\ntitle: A first decision\n"
    "body: assembly\nsession: assembly-1\nstatus: adopted\n"
    "adoption:\n  date: 2020-05-05\n  outcome: Adopted\n"
    "preamble:\n  - phrase: NOTING\n    text: the report,\n"
    "operative:\n  - phrase: DECIDES\n    text: to decide.\n    refs: [org#head]\n",
}


# A committer for the git repositories tests make (git refuses to commit without one).
GIT = {
    "GIT_AUTHOR_NAME": "Clerk",
    "GIT_AUTHOR_EMAIL": "clerk@example.org",
    "GIT_COMMITTER_NAME": "Clerk",
    "GIT_COMMITTER_EMAIL": "clerk@example.org",
}


def git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=folder, env={**os.environ, **GIT}, check=True, capture_output=True, text=True
    ).stdout


def normalised(text: str) -> str:
    """Text with every run of whitespace made one space: what "gives the text back, whitespace aside" compares."""
    return " ".join(text.split())


def imported(name: str, folder: Path = CORPUS_TEXTS):
    """The import of one text of `folder` (the corpus by default), read on its own against an empty tree."""
    from resolvetool.textimport import Records, import_text

    return import_text((folder / name).read_text(encoding="utf-8"), name=name, records=Records())


def import_excerpt(name: str):
    """The import of one excerpt of tests/corpus/excerpts/, read on its own against an empty tree."""
    return imported(name, EXCERPTS)


def warning_codes(result) -> list[str]:
    """The codes of the warnings an import gave, in order."""
    return [warning.code for warning in result.warnings]


def check_structure(result, expected: dict) -> None:
    """The structure `result` read equals `expected` (the keys of tests/corpus/expected.yaml)."""
    resolution = result.resolution
    assert len(resolution.preamble) == expected["preamble"]
    assert len(resolution.operative) == expected["operative"]
    assert len(resolution.footnotes) == expected["footnotes"]
    assert result.facts.body_formula == expected["body_formula"]
    numbered = [clause.number is not None for clause in resolution.operative]
    if expected["numbered"] is not None:  # null: some parts number their clauses and some do not
        assert all(numbered) if expected["numbered"] else not any(numbered)
    parts = {
        part.label: [
            sum(clause.part == part.label for clause in clauses)
            for clauses in (resolution.preamble, resolution.operative)
        ]
        for part in resolution.parts
    }
    assert parts == expected.get("parts", {})
    items = {position: len(clause.items) for position, clause in enumerate(resolution.operative, 1) if clause.items}
    assert items == expected.get("items", {})
    preamble_items = {
        position: len(clause.items) for position, clause in enumerate(resolution.preamble, 1) if clause.items
    }
    assert preamble_items == expected.get("preamble_items", {})
    nested = {
        position: {index: len(item.items) for index, item in enumerate(clause.items, 1) if item.items}
        for position, clause in enumerate(resolution.operative, 1)
    }
    assert {position: inner for position, inner in nested.items() if inner} == expected.get("nested", {})
    headings = {position: clause.heading for position, clause in enumerate(resolution.operative, 1) if clause.heading}
    assert headings == expected.get("headings", {})
    assert [position for position, clause in enumerate(resolution.operative, 1) if clause.tail] == expected.get(
        "tails", []
    )
    assert len(resolution.annexes) == expected.get("annexes", 0)
    if "preamble_phrases" in expected:
        assert [clause.phrase for clause in resolution.preamble] == expected["preamble_phrases"]
    if "operative_phrases" in expected:
        assert [clause.phrase for clause in resolution.operative] == expected["operative_phrases"]
    if "symbol" in expected:
        assert resolution.symbol == expected["symbol"]
    if "title" in expected:
        assert resolution.title == expected["title"]
    if "adopted" in expected:
        assert resolution.adoption.date == expected["adopted"]
    if "outcome" in expected:
        assert resolution.adoption.outcome == expected["outcome"]
    if "vote" in expected:
        vote = expected["vote"]
        if vote == "unanimous":
            assert resolution.adoption.method == "unanimous"
        else:
            counts = resolution.adoption.vote
            assert (counts.in_favour, counts.against, counts.abstaining, counts.not_participating) == (
                vote["for"],
                vote["against"],
                vote["abstaining"],
                vote["not_participating"],
            )
    if "session_number" in expected:
        assert result.resolve(resolution.session).number == expected["session_number"]
    if "session" in expected:
        session = result.resolve(resolution.session)
        wanted = expected["session"]
        assert session.number == wanted["number"]
        assert f"{session.venue.city}, {session.venue.country}" == wanted["venue"]
        assert (session.start, session.end) == (wanted["start"], wanted["end"])


# A tree whose every string tries to become markup, a script or a link on a page (the site and browser tests).
HOSTILE = {
    "records/organizations/org.yaml": "id: org\nkind: organization\nname: \"<script>alert('org')</script>\"\n"
    "acronym: '\" onmouseover=\"alert(1)'\noffices:\n  - id: head\n    title: \"javascript:alert('office')\"\n",
    "records/bodies/assembly.yaml": "id: assembly\nkind: body\nname: '\"><img src=x onerror=alert(1)>'\n"
    'organization: org\nformula: "The <b>Assembly</b> & co"\n',
    "records/sessions/assembly-1.yaml": "id: assembly-1\nkind: session\nbody: assembly\nnumber: 1\n"
    'venue:\n  city: "javascript:alert(\'city\')"\n  country: "<iframe src=//evil>"\n'
    "start: 2020-05-04\nend: 2020-05-06\n",
    "records/resolutions/2020/res-1.yaml": "id: res-1\nkind: resolution\n"
    'symbol: "A/RES/1\'\\"><svg onload=alert(1)>"\n'
    'title: "</title><script>window.pwned = 1</script> \\"quoted\\" \'single\'"\n'
    "body: assembly\nsession: assembly-1\nstatus: adopted\nnotes: \"</p><a href='javascript:alert(1)'>notes</a>\"\n"
    'adoption:\n  date: 2020-05-05\n  outcome: "<marquee>Adopted</marquee>"\n'
    'preamble:\n  - phrase: "<u>NOTING</u>"\n    text: "<a href=\\"javascript:alert(1)\\">the report</a>,"\n'
    'operative:\n  - phrase: DECIDES\n    text: "{{ 7 * 7 }} {% raw %} ${alert(1)} \\u2028 </script><!--"\n'
    "    refs: [org#head]\n",
}
HOSTILE_TITLE = "</title><script>window.pwned = 1</script> \"quoted\" 'single'"


# A short resolution as a text would print it (the hostile import tests write it as text and as a PDF).
RESOLUTION_TEXT = """Resolution 1

The General Assembly,

Recalling its earlier resolutions,

1. Decides to do something;

2. Requests the Secretary-General to report.

3rd plenary meeting
19 September 2025
"""


def make_pdf(pages: list[bytes]) -> bytes:
    """A PDF of these content streams (one a page, compressed), set in Helvetica: built byte by byte, so that a
    test can draw what no PDF writer would."""
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for content in pages:
        data = zlib.compress(content)
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> "
            b">> /Contents %d 0 R >>" % len(objects)
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % kid for kid in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def text_lines(lines: list[str], size: float = 11, top: float = 720, lead: float = 14) -> bytes:
    """A content stream printing these lines one under the other at the left margin."""
    shown = [b"BT /F1 %g Tf" % size]
    for number, line in enumerate(lines):
        words = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")
        shown.append(b"1 0 0 1 72 %g Tm (%s) Tj" % (top - number * lead, words))
    return b"\n".join([*shown, b"ET"])
