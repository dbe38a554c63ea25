"""`import` of a text adopting an instrument, or printing several resolutions, at the command line: every record
is written together, validates, and renders back as printed. (How such texts are read is
tests/unit/test_import_instruments.py's.)"""

from __future__ import annotations

from helpers import EXCERPTS


def test_import_writes_the_resolution_and_its_instrument_and_render_prints_both(run_cli, make_tree):
    root = make_tree({})
    source = EXCERPTS / "unesco-1997-declaration-solemnly-proclaims.txt"
    result = run_cli("import", str(source), cwd=root)
    assert result.exit_code == 0, result.stdout + result.stderr
    written = sorted(path.relative_to(root).as_posix() for path in (root / "records").rglob("*.yaml"))
    instrument = "records/instruments/declaration-responsibilities-present-generations-towards-future-generations.yaml"
    assert instrument in written
    assert run_cli("validate", cwd=root).exit_code == 0
    resolution = next(path for path in written if path.startswith("records/resolutions/"))
    rendered = run_cli("render", resolution.rsplit("/", 1)[1].removesuffix(".yaml"), cwd=root)
    assert rendered.exit_code == 0, rendered.stderr
    assert " ".join(rendered.stdout.split()) == " ".join(source.read_text(encoding="utf-8").split())
    page = run_cli("render", resolution.rsplit("/", 1)[1].removesuffix(".yaml"), "--format", "html", cwd=root)
    assert page.exit_code == 0 and "Article 1 - Needs and interests of future generations" in page.stdout
    markdown = run_cli("render", resolution.rsplit("/", 1)[1].removesuffix(".yaml"), "--format", "markdown", cwd=root)
    assert "## Article 2 - Freedom of choice" in markdown.stdout


def test_import_writes_every_resolution_of_a_text_together(run_cli, make_tree):
    root = make_tree({})
    result = run_cli("import", str(EXCERPTS / "un-conf-1961-several-resolutions.txt"), cwd=root)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert len(list((root / "records/resolutions").rglob("*.yaml"))) == 4
    assert run_cli("validate", cwd=root).exit_code == 0
    again = run_cli("import", str(EXCERPTS / "un-conf-1961-several-resolutions.txt"), cwd=root)
    assert again.exit_code == 1 and again.stdout.count("RT504") >= 4  # none replaced, every one named
