"""A hostile review of the fixes for issue 14: what a hostile contributor or a careless clerk could still do to
resolvetool once links, escapes, full disks and odd names were dealt with. Each test names what went wrong."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file and folder under `folder` (links as their own text), for "nothing changed" comparisons."""
    found: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_symlink():
            found[name] = b"-> " + os.readlink(path).encode()
        elif path.is_dir():
            found[name + "/"] = b""
        else:
            found[name] = path.read_bytes()
    return found


# --- render --site ------------------------------------------------------------------------------------------


def test_site_removes_nothing_outside_it_through_a_link(run_cli, base_tree, tmp_path: Path) -> None:
    """The site's manifest names the pages a rebuild removes. A site folder a pull request fills (a committed
    `site/` holding a manifest and a link `evil -> /home/runner`) made `render --site` delete the files the
    manifest named through the link, outside the site, and prune their folders."""
    from resolvetool.publish.plan import FORMAT

    root = base_tree()
    victim = tmp_path / "victim"
    (victim / "sub").mkdir(parents=True)
    (victim / "important.txt").write_text("precious\n")
    (victim / "sub" / "page.html").write_text("mine\n")
    site = root / "site"
    site.mkdir()
    (site / "evil").symlink_to(victim, target_is_directory=True)
    manifest = {"format": FORMAT, "pages": {"evil/important.txt": "x", "evil/sub/page.html": "y"}}
    (site / ".resolvetool-site.json").write_text(json.dumps(manifest))
    before = _tree(victim)
    result = run_cli("render", "--site", "site", cwd=root)
    assert _tree(victim) == before, "files outside the site were removed"
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "site/evil" in result.stderr and "leads outside the site folder" in result.stderr
    assert "Traceback" not in result.stderr
