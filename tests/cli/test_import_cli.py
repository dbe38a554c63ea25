"""resolvetool import and render at the command line: what is written, what is refused, and the errors."""

from __future__ import annotations

import shutil

import pytest
from helpers import CORPUS_TEXTS, REFERENCE_TEXT, REPO

WHO = CORPUS_TEXTS / "who-WHA66.1.txt"


def test_dry_run_prints_the_records_and_writes_nothing(run_cli, make_tree):
    root = make_tree({})
    result = run_cli("import", str(WHO), "--dry-run", cwd=root)
    assert result.exit_code == 0, result.stderr
    assert "# ==> records/resolutions/wha66.1.yaml <==" in result.stdout
    assert "# ==> records/bodies/world-health-assembly.yaml <==" in result.stdout
    assert "# yaml-language-server: $schema=../../schemas/resolution.schema.json" in result.stdout
    assert "phrase: APPROVES" in result.stdout
    assert not any(path.is_file() for path in (root / "records").rglob("*"))


def test_import_writes_records_that_render_back(run_cli, make_tree):
    root = make_tree({})
    assert run_cli("import", str(WHO), cwd=root).exit_code == 0
    written = (root / "records/resolutions/wha66.1.yaml").read_text(encoding="utf-8")
    assert written.startswith("# yaml-language-server: $schema=../../schemas/resolution.schema.json\nid: wha66.1\n")
    rendered = run_cli("render", "wha66.1", cwd=root)
    assert rendered.exit_code == 0, rendered.stderr
    assert " ".join(rendered.stdout.split()) == " ".join(WHO.read_text(encoding="utf-8").split())


def test_existing_records_are_never_replaced_without_force(run_cli, make_tree):
    root = make_tree({})
    assert run_cli("import", str(WHO), cwd=root).exit_code == 0
    target = root / "records/resolutions/wha66.1.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "# a clerk's note\n", encoding="utf-8")
    again = run_cli("import", str(WHO), cwd=root)
    assert again.exit_code == 1
    assert "error[RT504] records/resolutions/wha66.1.yaml already holds resolution wha66.1" in again.stdout
    assert "a clerk's note" in target.read_text(encoding="utf-8")
    forced = run_cli("import", str(WHO), "--force", cwd=root)
    assert forced.exit_code == 0, forced.stderr
    assert "a clerk's note" not in target.read_text(encoding="utf-8")
    assert run_cli("validate", cwd=root).exit_code == 0


def test_a_symbol_already_in_the_records_is_the_same_resolution(run_cli, make_tree):
    root = make_tree({})
    assert run_cli("import", str(WHO), cwd=root).exit_code == 0
    (root / "records/resolutions/wha66.1.yaml").rename(root / "records/resolutions/programme-of-work.yaml")
    moved = root / "records/resolutions/programme-of-work.yaml"
    moved.write_text(
        moved.read_text(encoding="utf-8").replace("id: wha66.1", "id: programme-of-work"), encoding="utf-8"
    )
    again = run_cli("import", str(WHO), cwd=root)
    assert again.exit_code == 1
    assert "records/resolutions/programme-of-work.yaml already holds resolution programme-of-work" in again.stdout


def test_standard_input(run_cli, make_tree):
    root = make_tree({})
    result = run_cli("import", "-", cwd=root, input=WHO.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert "<stdin>: wrote" in result.stdout
    assert (root / "records/resolutions/wha66.1.yaml").is_file()


def test_the_reference_text_reuses_the_body_and_session_in_the_records(run_cli, tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(REPO / "records", root / "records")
    result = run_cli("import", str(REFERENCE_TEXT), "--dry-run", cwd=root)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("# ==> ") == 1  # only the resolution: body and session exist
    assert "body: interpol-general-assembly\nsession: interpol-ga-81\n" in result.stdout


def test_body_and_session_can_be_named(run_cli, base_tree):
    root = base_tree()
    text = "RESOLUTION\n\nSubject: Budget\n\nThe Assembly,\n\nNOTING the report,\n\nDECIDES to adopt the budget.\n"
    (root / "budget.txt").write_text(text, encoding="utf-8")
    result = run_cli("import", "budget.txt", "--body", "assembly", "--session", "assembly-1", cwd=root)
    assert result.exit_code == 0, result.stderr
    written = (root / "records/resolutions/2020/assembly-1-budget.yaml").read_text(encoding="utf-8")
    assert "body: assembly\nsession: assembly-1\n" in written
    assert run_cli("validate", cwd=root).exit_code == 0
    missing = run_cli("import", "budget.txt", "--body", "nope", cwd=root)
    assert missing.exit_code == 1
    assert "error[RT505] --body nope: no body with that id in the records" in missing.stdout


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"The Assembly,\n\nNOTING \xe9t\xe9,\n", "bad.txt:3:8: error[RT004] not UTF-8 text (byte 0xe9)"),
        (b"The\0Assembly", "bad.txt:1:4: error[RT006] the file holds NUL bytes"),
        (
            b"Minutes of the meeting\n\nThe chair opened the meeting.\n",
            "bad.txt:1:1: error[RT503] no opening formula found",
        ),
    ],
)
def test_bad_input_gets_a_located_error_and_no_traceback(run_cli, make_tree, content, expected):
    root = make_tree({"bad.txt": content})
    result = run_cli("import", "bad.txt", cwd=root)
    assert result.exit_code == 1
    assert expected in result.stdout
    assert "Traceback" not in result.stderr + result.stdout
    assert "bad.txt: not imported" in result.stdout


def test_missing_file_and_folder(run_cli, make_tree):
    root = make_tree({})
    result = run_cli("import", "nowhere.txt", "records", cwd=root)
    assert result.exit_code == 1
    assert "nowhere.txt: error[RT001] no such file" in result.stdout
    assert "records: error[RT001] this is a folder" in result.stdout


def test_what_cannot_be_classified_is_kept_with_a_warning_naming_its_line(run_cli, make_tree):
    text = (
        "RESOLUTION\n\nSubject: Test\n\nThe ICPO-INTERPOL General Assembly,\n\nNOTING the report,\n\n"
        "DECIDES to act.\n\nApproved\n\nSigned in two copies\n"
    )
    root = make_tree({"odd.txt": text})
    result = run_cli("import", "odd.txt", cwd=root)
    assert result.exit_code == 0, result.stderr
    assert "odd.txt:13:1: warning[RT501] kept as printed but not understood" in result.stdout
    rendered = run_cli("render", "interpol-general-assembly-test", cwd=root)
    assert rendered.stdout.rstrip().endswith("Approved\n\nSigned in two copies")


def test_render_by_symbol_in_any_case_and_to_markdown(run_cli, make_tree):
    root = make_tree({})
    assert run_cli("import", str(CORPUS_TEXTS / "unsc-S-RES-660-1990.txt"), cwd=root).exit_code == 0
    result = run_cli("render", "s/res/660 (1990)", "--format", "markdown", cwd=root)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(
        "# Resolution 660 (1990)\n\n**S/RES/660 (1990)** · Security Council · adopted 2 August 1990\n"
    )
    assert "1\\. **Condemns** the Iraqi invasion of Kuwait;" in result.stdout
    out = root / "out.md"
    assert run_cli("render", "s-res-660-1990", "-f", "markdown", "-o", str(out), cwd=root).exit_code == 0
    assert out.read_text(encoding="utf-8") == result.stdout


def test_render_unknown_reference_suggests(run_cli, in_repo):
    result = run_cli("render", "interpol-ga-81-impact", cwd=in_repo)
    assert result.exit_code == 1
    assert "did you mean interpol-ga-81, interpol-ga-81-impact-cooperation" in result.stderr


def test_render_refuses_other_kinds_and_invalid_records(run_cli, base_tree):
    root = base_tree()
    other = run_cli("render", "assembly", cwd=root)
    assert other.exit_code == 1 and "assembly is a body; render prints resolutions" in other.stderr
    broken = base_tree(**{"records__resolutions__2020__res-1.yaml": "id: res-1\nkind: resolution\n"})
    result = run_cli("render", "res-1", cwd=broken)
    assert result.exit_code == 1 and "is not a valid record; run 'resolvetool validate" in result.stderr


def test_a_body_named_with_another_formula_gets_a_warning(run_cli, in_repo, tmp_path):
    result = run_cli(
        "import",
        str(CORPUS_TEXTS / "who-WHA66.20.txt"),
        "--body",
        "interpol-general-assembly",
        "--dry-run",
        cwd=in_repo,
    )
    assert result.exit_code == 0, result.stderr
    assert (
        "warning[RT506] --body interpol-general-assembly opens its resolutions with 'The ICPO-INTERPOL General "
        "Assembly', but this text opens with 'The Sixty-sixth World Health Assembly'"
    ) in result.stdout
