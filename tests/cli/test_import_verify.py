"""Import checks what it built as validate would, against the whole tree, before it writes anything: records
that would not validate are never written (exit 1, RT507 and the problems themselves), problems the tree already
had do not stop an import, and each text of a run is checked against a tree holding the ones before it."""

from __future__ import annotations

from helpers import CORPUS_TEXTS

TEXT = str(CORPUS_TEXTS / "unga-A-RES-80-1.txt")  # adopted 19 September 2025 at the eightieth session
SESSION = "records/sessions/un-general-assembly-80.yaml"


def _session(start: str, end: str) -> str:
    return (
        f"id: un-general-assembly-80\nkind: session\nbody: un-general-assembly\nnumber: 80\n"
        f"start: {start}\nend: {end}\n"
    )


BODY = {
    "records/organizations/un.yaml": "id: un\nkind: organization\nname: United Nations\n",
    "records/bodies/un-general-assembly.yaml": "id: un-general-assembly\nkind: body\nname: General Assembly\n"
    "organization: un\nformula: The General Assembly\n",
}


def _written(root) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in (root / "records").rglob("*.yaml"))


def test_a_resolution_adopted_outside_the_trees_session_is_not_written(run_cli, make_tree):
    root = make_tree({**BODY, SESSION: _session("2025-09-09", "2025-09-12")})
    before = _written(root)
    assert run_cli("validate", cwd=root).exit_code == 0
    result = run_cli("import", TEXT, cwd=root)
    assert result.exit_code == 1, result.stdout
    assert "RT507" in result.stdout and "nothing was written" in result.stdout
    assert "records/resolutions/2025/a-res-80-1.yaml" in result.stdout and "RT403" in result.stdout
    assert "not imported" in result.stdout
    assert _written(root) == before


def test_a_dry_run_shows_the_same_problems(run_cli, make_tree):
    root = make_tree({**BODY, SESSION: _session("2025-09-09", "2025-09-12")})
    result = run_cli("import", "--dry-run", TEXT, cwd=root)
    assert result.exit_code == 1
    assert "RT507" in result.stdout and "this is a dry run" in result.stdout and "RT403" in result.stdout


def test_force_over_a_record_of_another_kind_is_refused(run_cli, make_tree):
    report = "id: a-res-80-1\nkind: report\ntitle: A report that took the id\n"
    root = make_tree({"records/reports/a-res-80-1.yaml": report})
    plain = run_cli("import", TEXT, cwd=root)
    assert plain.exit_code == 1 and "records/reports/a-res-80-1.yaml already holds report a-res-80-1" in plain.stdout
    result = run_cli("import", "--force", TEXT, cwd=root)
    assert result.exit_code == 1
    assert "RT203" in result.stdout and "RT507" in result.stdout
    assert (root / "records/reports/a-res-80-1.yaml").read_text(encoding="utf-8") == report
    assert _written(root) == ["records/reports/a-res-80-1.yaml"]


def test_problems_the_tree_already_had_do_not_stop_an_import(run_cli, make_tree):
    broken = "id: x\nkind: report\ntitle: A report\nsession: no-such-session\n"
    root = make_tree({"records/reports/x.yaml": broken})
    assert run_cli("validate", cwd=root).exit_code == 1  # RT205, the tree's own
    result = run_cli("import", TEXT, cwd=root)
    assert result.exit_code == 0, result.stdout
    assert "RT205" not in result.stdout and "wrote" in result.stdout


def test_each_text_is_checked_against_the_ones_written_before_it(run_cli, make_tree):
    # the first text makes the session (dates unknown); a second text claiming the same symbol is refused
    # by the existing-record check, and the tree stays valid throughout
    root = make_tree({})
    result = run_cli("import", TEXT, str(CORPUS_TEXTS / "unga-A-RES-80-2.txt"), cwd=root)
    assert result.exit_code == 0, result.stdout
    assert run_cli("validate", cwd=root).exit_code == 0


def test_tree_check_sees_a_duplicate_symbol_made_by_a_planned_file(make_tree):
    from resolvetool.config import load_settings
    from resolvetool.corpus import load_corpus
    from resolvetool.textimport.verify import TreeCheck, blocking

    root = make_tree({"records/reports/r.yaml": "id: r\nkind: report\ntitle: R\nsymbol: A/80/1\n"})
    settings = load_settings(root)
    tree = TreeCheck(load_corpus(settings, base=settings.root, use_cache=False))
    planned = {"records/reports/s.yaml": "id: s\nkind: report\ntitle: S\nsymbol: A/80/1\n"}
    problems = tree.problems(planned)
    assert blocking(problems) and [problem.code for problem in problems] == ["RT204"]
    assert problems[0].path == "records/reports/s.yaml" and problems[0].line == 4
    tree.accept({"records/reports/t.yaml": "id: t\nkind: report\ntitle: T\nsymbol: A/80/2\n"})
    again = tree.problems({"records/reports/u.yaml": "id: t\nkind: report\ntitle: U\nsymbol: A/80/3\n"})
    assert {problem.code for problem in again} == {"RT201", "RT202"}  # t, written before, holds the id
