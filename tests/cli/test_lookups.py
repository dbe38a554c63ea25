"""show, query and search at the command line, on the bundled records and on small trees, with the errors of
their filter and search languages. (The languages themselves, through the library, are
tests/unit/test_query_language.py's.)"""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml
from helpers import BASE_TREE

REFERENCE = "interpol-ga-81-impact-cooperation"


# --- show ----------------------------------------------------------------------------------------------


def test_show_the_reference_resolution(run_cli, in_repo) -> None:
    result = run_cli("show", REFERENCE)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("Draft Cooperation Agreement between the International Criminal Police")
    assert "resolution · adopted · interpol-ga-81-impact-cooperation" in out
    preamble = out.split("\nPreamble\n", 1)[1].split("\nOperative\n", 1)[0]
    operative = out.split("\nOperative\n", 1)[1].split("\nReferred to by\n", 1)[0]
    phrases = [
        "BEARING IN MIND",
        "RECOGNIZING",
        "ACKNOWLEDGING",
        "MINDFUL",
        "CONSIDERING",
        "RECOGNIZING",
        "HAVING EXAMINED",
        "DEEMING",
    ]
    numbered = [line.split(None, 1) for line in preamble.splitlines() if line[:4].strip().isdigit()]
    assert [number for number, _ in numbered] == [str(n) for n in range(1, 9)]
    assert all(words.startswith(phrase + " ") for (_, words), phrase in zip(numbered, phrases, strict=True))
    numbered = [line.split(None, 1) for line in operative.splitlines() if line[:4].strip().isdigit()]
    assert [words.split()[0] for _, words in numbered] == ["APPROVES", "AUTHORIZES"]
    assert "→ interpol-constitution#article-41  Constitution" in preamble  # a reference with its title
    assert "session   interpol-ga-81  81st session, Rome, 5 to 8 November 2012" in out
    assert "Acted on (agreements' lifecycle)" in out  # the agreement points back at it
    assert not any(line.endswith(" ") for line in out.splitlines())


def test_show_what_points_back(run_cli, in_repo) -> None:
    agreement = run_cli("show", "interpol-impact-cooperation").stdout
    assert "Approved by  1 record\n  interpol-ga-81-impact-cooperation  resolution" in agreement
    session = run_cli("show", "INTERPOL-GA-81").stdout
    assert "At this session  2 records" in session
    assert "  interpol-ga-81-impact-cooperation  resolution" in session


def test_show_as_data(run_cli, in_repo) -> None:
    data = json.loads(run_cli("show", "ag-2012-rap-18", "--format", "json").stdout)
    assert data["id"] == "ag-2012-rap-18" and data["kind"] == "report" and data["valid"]
    assert data["record"]["symbol"] == "AG-2012-RAP-18"
    assert {
        "field": "session",
        "ref": "interpol-ga-81",
        "kind": "session",
        "title": "81st session, Rome, 5 to 8 November 2012",
        "found": True,
    } in data["references"]
    assert any(r["id"] == REFERENCE and r["fragment"] == "appendix-1" for r in data["referenced_by"])
    as_yaml = yaml.safe_load(run_cli("show", "ag-2012-rap-18", "--format", "yaml").stdout)
    assert as_yaml == data


def test_show_by_symbol_and_path(run_cli, in_repo) -> None:
    assert run_cli("show", "ag-2012-RAP-18").stdout.startswith("Sets out a Draft Cooperation")
    assert run_cli("show", "records/sessions/interpol-ga-81.yaml").exit_code == 0


def test_show_nothing_suggests(run_cli, in_repo) -> None:
    result = run_cli("show", "interpol-ga-81-impact-cooperaton")
    assert result.exit_code == 1
    assert "no record 'interpol-ga-81-impact-cooperaton'" in result.stderr
    assert "did you mean interpol-ga-81-impact-cooperation" in result.stderr


def test_show_a_broken_record_and_dangling_refs(run_cli, base_tree) -> None:
    tree = base_tree(
        **{
            "records/resolutions/2020/res-1.yaml": BASE_TREE["records/resolutions/2020/res-1.yaml"]
            .replace("refs: [org#head]", "refs: [nowhere]")
            .replace("status: adopted", "status: done")
        }
    )
    result = run_cli("show", "res-1", cwd=tree)
    assert result.exit_code == 0
    assert "problem  " in result.stdout and "RT1" in result.stdout
    assert "→ nowhere  no such record" in result.stdout


def test_show_never_reads_record_text_as_markup(run_cli, base_tree) -> None:
    hostile = BASE_TREE["records/resolutions/2020/res-1.yaml"].replace(
        "title: A first decision", "title: '[bold red]Loud[/] \\x1b[31m'"
    )
    tree = base_tree(**{"records/resolutions/2020/res-1.yaml": hostile})
    result = run_cli("show", "res-1", cwd=tree)
    assert "[bold red]Loud[/]" in result.stdout


def test_show_sees_an_edit_at_once(run_cli, base_tree) -> None:
    tree = base_tree()
    assert "A first decision" in run_cli("show", "res-1", cwd=tree).stdout
    path = tree / "records/resolutions/2020/res-1.yaml"
    path.write_text(path.read_text().replace("A first decision", "An edited decision"))
    assert "An edited decision" in run_cli("show", "res-1", cwd=tree).stdout
    assert "An edited decision" in run_cli("query", "kind=resolution", cwd=tree).stdout


def test_show_lists_a_sample_of_many_referrers(run_cli, make_tree) -> None:
    files = dict(BASE_TREE)
    for number in range(25):
        files[f"records/resolutions/2020/r-{number:02}.yaml"] = (
            BASE_TREE["records/resolutions/2020/res-1.yaml"]
            .replace("res-1", f"r-{number:02}")
            .replace("2020-05-05", f"2020-05-{number % 3 + 4:02}")
        )
    tree = make_tree(files)
    out = run_cli("show", "assembly-1", cwd=tree).stdout
    assert "At this session  26 records" in out
    assert "… and 6 more: resolvetool query session=assembly-1" in out
    data = json.loads(run_cli("show", "assembly-1", "-f", "json", cwd=tree).stdout)
    assert len([r for r in data["referenced_by"] if r["field"] == "session"]) == 26


# --- query ---------------------------------------------------------------------------------------------


def test_query_the_issue_example(run_cli, in_repo) -> None:
    result = run_cli(
        "query", "kind=resolution", "session=interpol-ga-81", "phrase=APPROVES", "refs~ag-2012-rap-18", "-f", "ids"
    )
    assert result.exit_code == 0 and result.stdout == f"{REFERENCE}\n"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (["kind=organization"], ["impact", "interpol", "itu"]),
        (["kind=organization,instrument"], ["impact", "interpol", "interpol-constitution", "itu"]),
        (["KIND=Organization"], None),  # field names are as written; values ignore case
        (["kind=Organization"], ["impact", "interpol", "itu"]),
        (["start>=2012-11"], ["interpol-ga-81"]),
        (["start>2012"], []),
        (["date=2012"], ["interpol-ga-81"]),
        (["year<2013", "kind=session"], ["interpol-ga-81"]),
        (["number=81"], ["interpol-ga-81"]),
        (["number>81"], []),
        (["membership.count>=190"], ["itu"]),
        (["refs=interpol-impact-cooperation"], ["ag-2012-rap-18", REFERENCE]),
        (["refs=ag-2012-rap-18#appendix-1", "kind=resolution"], [REFERENCE]),
        (["approves=*"], [REFERENCE]),
        (["symbol!=*", "kind=report"], []),
        (["status!=adopted", "kind=resolution,agreement"], ["interpol-impact-cooperation"]),
        (["title~cyber", "kind!=organization"], ["ag-2012-rap-18", REFERENCE, "interpol-impact-cooperation"]),
        (["title!~cyber", "kind=organization"], ["interpol", "itu"]),
        (["lifecycle.event=approved"], ["interpol-impact-cooperation"]),
        (["parties=impact"], ["interpol-impact-cooperation"]),
        (["valid=true", "kind=body"], ["interpol-general-assembly"]),
        (["preamble.phrase=deeming"], [REFERENCE]),
        (["venue.city=rome"], ["interpol-ga-81"]),
    ],
)
def test_query_filters(run_cli, in_repo, filters: list[str], expected: list[str] | None) -> None:
    result = run_cli("query", *filters, "--sort", "id", "-f", "ids")
    if expected is None:
        assert result.exit_code == 2
        return
    assert result.stdout.split() == expected, result.stderr
    assert result.exit_code == (0 if expected else 1)


def test_query_formats(run_cli, in_repo) -> None:
    args = ("query", "kind=agreement,session", "--fields", "id,kind,parties,number", "--sort", "-kind")
    table = run_cli(*args).stdout
    assert table.splitlines()[0].split() == ["id", "kind", "parties", "number"]
    rows = json.loads(run_cli(*args, "-f", "json").stdout)
    assert rows == [
        {"id": "interpol-ga-81", "kind": "session", "parties": [], "number": 81},
        {"id": "interpol-impact-cooperation", "kind": "agreement", "parties": ["interpol", "impact"], "number": None},
    ]  # list values in the record's order
    assert yaml.safe_load(run_cli(*args, "-f", "yaml").stdout) == rows
    table_rows = list(csv.reader(io.StringIO(run_cli(*args, "-f", "csv").stdout)))
    assert table_rows[0] == ["id", "kind", "parties", "number"]
    assert table_rows[2] == ["interpol-impact-cooperation", "agreement", "interpol; impact", ""]


def test_query_sort_and_limit(run_cli, in_repo) -> None:
    ids = run_cli("query", "--sort", "kind,-id", "-f", "ids").stdout.split()
    assert ids[:2] == ["interpol-impact-cooperation", "interpol-general-assembly"]
    limited = run_cli("query", "kind=organization", "--limit", "2", "--sort", "id")
    assert limited.stdout.split()[-2:] == ["impact", "International"] or "impact" in limited.stdout
    assert "3 records (the first 2; --limit 0 for all)" in limited.stderr


def test_a_bad_filter_at_the_command_line(run_cli, in_repo) -> None:
    result = run_cli("query", "kind=resolution", "adopted>=2012-13")
    assert result.exit_code == 2
    assert (
        result.stderr.splitlines()[:3]
        == ["error: '2012-13' is not a real date (month must be in 1..12)", "  adopted>=2012-13", "           ^^^^^^^"]
        or "^^^^^^^" in result.stderr
    )


def test_list_fields(run_cli, in_repo) -> None:
    out = run_cli("query", "--list-fields").stdout
    assert "adoption.date" in out and "preamble.phrase" in out and "refs " in out
    assert "preamble.text" not in out and "layout" not in out


# --- search --------------------------------------------------------------------------------------------


def test_search_ranks_and_marks(run_cli, in_repo) -> None:
    result = run_cli("search", "cyberthreats")
    assert result.exit_code == 0
    assert "impact  organization" in result.stdout
    assert "in dealing with cyberthreats." in result.stdout and "\\x0" not in result.stdout  # markers unseen
    data = json.loads(run_cli("search", "IMPACT", "-f", "json").stdout)
    assert [hit["id"] for hit in data][:1] in (["interpol-impact-cooperation"], ["impact"])  # titles weigh most
    assert all("snippet" in hit for hit in data)


def test_search_forms_phrases_prefixes_and_exclusions(run_cli, in_repo) -> None:
    def ids(*words: str) -> list[str]:
        return sorted(run_cli("search", "-f", "ids", *words).stdout.split())

    assert "interpol-ga-81-impact-cooperation" in ids("threat")  # the text says "threats"
    assert ids("cyber threats") == ids('"cyber threats"')
    assert REFERENCE not in ids("cyber threats", "NOT", "approved")
    assert REFERENCE in ids("cyber threats", "NOT", "nosuchword")
    assert ids("cyber threats", "NOT", "approved") == ids("cyber threats", "--", "-approved")
    assert REFERENCE in ids("cybersec*")
    # the index keeps stems ("organization" as "organ"): a prefix running past the stem still finds the words
    assert set(ids("organization")) <= set(ids("organiz*")) and ids("cooperation") == ids("cooperat*")
    assert ids("Singapore") == sorted(["interpol", REFERENCE])
    assert ids("Singapore", "kind=resolution") == [REFERENCE]
    assert ids("nosuchword", "OR", "Singapore") == ids("Singapore")
    assert ids("nosuchword OR Singapore") == []  # one argument with spaces is a phrase
    assert run_cli("search", "nosuchword").exit_code == 1


def test_list_fields_keep_their_order_and_sort_by_their_first_value(run_cli, in_repo) -> None:
    rows = json.loads(run_cli("query", "kind=agreement", "--fields", "id,lifecycle.event,parties", "-f", "json").stdout)
    assert rows[0]["lifecycle.event"] == ["drafted", "approved"] and rows[0]["parties"] == ["interpol", "impact"]
    forward = run_cli("query", "kind=resolution,agreement", "--sort", "refs", "-f", "ids").stdout.split()
    backward = run_cli("query", "kind=resolution,agreement", "--sort", "-refs", "-f", "ids").stdout.split()
    # their first references: "interpol" (the agreement's first party), "interpol-general-assembly" (the body)
    assert forward == ["interpol-impact-cooperation", REFERENCE] and backward == forward[::-1]


def test_case_is_ignored_in_every_script(run_cli, base_tree) -> None:
    tree = base_tree(
        **{
            "records/organizations/org.yaml": BASE_TREE["records/organizations/org.yaml"].replace(
                "Example Organization", "Organisation Météorologique Mondiale"
            )
        }
    )

    def ids(*filters: str) -> list[str]:
        return run_cli("query", *filters, "-f", "ids", cwd=tree).stdout.split()

    assert ids("title~MÉTÉO") == ids("title~météo") == ["org"]
    assert ids("name=ORGANISATION MÉTÉOROLOGIQUE MONDIALE") == ["org"]
    assert ids("title!~MÉTÉO", "kind=organization") == []


def test_odd_input_never_gives_a_traceback(run_cli, base_tree) -> None:
    tree = base_tree(
        **{
            "records/sessions/huge.yaml": "id: huge\nkind: session\nnumber: 99999999999999999999999\n",
            "records/resolutions/2020/odd.yaml": "id: odd\nkind: resolution\n"
            'title: "\\x1b[31mred \\u202e"\noperative: [{phrase: A, refs: [5]}, {refs: x}]\n',
        }
    )
    assert run_cli("show", "huge", cwd=tree).exit_code == 0
    assert run_cli("query", "number>99999999999999999999", cwd=tree).exit_code == 2
    assert run_cli("query", "--limit", "99999999999999999999", "-f", "ids", cwd=tree).exit_code == 0
    shown = run_cli("show", "odd", cwd=tree)
    assert shown.exit_code == 0 and "\\x1b[31mred \\u202e" in shown.stdout and "\x1b" not in shown.stdout
    assert "→ 5" in shown.stdout and "→ x" in shown.stdout
    listed = run_cli("query", "id=odd", cwd=tree).stdout
    assert "\\x1b" in listed and "\x1b" not in listed


def test_cites_is_what_the_words_point_to(run_cli, base_tree) -> None:
    tree = base_tree()
    assert run_cli("query", "cites=org", "-f", "ids", cwd=tree).stdout.split() == ["res-1"]
    assert run_cli("query", "refs=org", "--sort", "id", "-f", "ids", cwd=tree).stdout.split() == ["assembly", "res-1"]
    shown = run_cli("show", "org", cwd=tree).stdout
    assert "Cited by  1 record\n  res-1  resolution 2020-05-05  → #head  A first decision" in shown
    assert "Of this organization  1 record\n  assembly  body  Assembly" in shown


def test_commas_inside_values_and_hashes_inside_symbols(run_cli, base_tree) -> None:
    tree = base_tree(
        **{"records/reports/edoc.yaml": "id: edoc-1\nkind: report\nsymbol: 'EDOC#1'\ntitle: Budget, 2020 and 2021\n"}
    )
    assert run_cli("query", "title=budget\\, 2020 and 2021", "-f", "ids", cwd=tree).stdout.split() == ["edoc-1"]
    assert run_cli("query", "title~Budget\\, 2020,nothing", "-f", "ids", cwd=tree).stdout.split() == ["edoc-1"]
    shown = run_cli("show", "edoc#1", cwd=tree).stdout
    assert shown.startswith("Budget, 2020 and 2021\nreport · edoc-1\n")  # the # belongs to the symbol
    assert "(#nowhere)  no such part in this record" in run_cli("show", "res-1#nowhere", cwd=tree).stdout
    assert "no such part" not in run_cli("show", "res-1#operative-1", cwd=tree).stdout


def test_tables_never_cut_ids_and_text_ignores_case(run_cli, make_tree) -> None:
    long_id = "a-resolution-whose-identifier-runs-well-past-forty-characters"
    files = dict(BASE_TREE)
    files[f"records/resolutions/2020/{long_id}.yaml"] = (
        BASE_TREE["records/resolutions/2020/res-1.yaml"]
        .replace("res-1", long_id)
        .replace("A first decision", "another decision")
    )
    tree = make_tree(files)
    table = run_cli("query", "kind=resolution", "--sort", "title", cwd=tree).stdout
    assert long_id in table
    assert [line.split()[0] for line in table.splitlines()[1:]] == ["res-1", long_id]  # "A first" < "another"
    assert sorted(run_cli("query", "title<b", "kind=resolution", "-f", "ids", cwd=tree).stdout.split()) == sorted(
        ["res-1", long_id]
    )


def test_a_match_in_the_id_alone_has_no_passage(run_cli, in_repo) -> None:
    hits = json.loads(run_cli("search", "ag-2012-rap-18", "-f", "json").stdout)
    report = next(hit for hit in hits if hit["id"] == "ag-2012-rap-18")
    assert report["snippet"] is None
