"""docs/tutorial.md does what it says: its shell blocks, run in order in a fresh folder, succeed and leave
the files it promises."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from helpers import REFERENCE_TEXT, REPO

TUTORIAL = REPO / "docs" / "tutorial.md"


def test_the_tutorial_runs(tmp_path: Path) -> None:
    blocks = re.findall(r"```sh\n(.*?)```", TUTORIAL.read_text(encoding="utf-8"), flags=re.S)
    assert len(blocks) >= 8
    # The install line is the reader's: resolvetool is installed where the tests run.
    script = "\n".join(line for block in blocks for line in block.splitlines() if "pip install" not in line)
    shutil.copy(REFERENCE_TEXT, tmp_path / REFERENCE_TEXT.name)
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "NO_COLOR": "1",
        "GIT_AUTHOR_NAME": "Clerk",
        "GIT_AUTHOR_EMAIL": "clerk@example.org",
        "GIT_COMMITTER_NAME": "Clerk",
        "GIT_COMMITTER_EMAIL": "clerk@example.org",
    }
    result = subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "the text comes back" in result.stdout
    assert "{+it on behalf of the Organization.+}" in result.stdout
    project = tmp_path / "secretariat"
    assert "on behalf of the Organization" in (project / "change.md").read_text()
    for name in ("impact.html", "impact.xml", "site/index.html", "records/reports/ag-2012-rap-18.yaml"):
        assert (project / name).is_file(), name
    assert '<statement name="resolution">' in (project / "impact.xml").read_text()
