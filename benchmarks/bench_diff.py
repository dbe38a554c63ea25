#!/usr/bin/env python3
"""Time `resolvetool diff` between two git revisions that touch N records of a generated tree.

    python benchmarks/bench_diff.py [--resolutions 10000] [--touch 100] [--runs 5]

Generates the tree (generate.py) in a temporary git repository, commits it, edits N resolutions (a word in
an operative clause, a clause inserted, the status), commits again, then times `resolvetool diff --base
HEAD~1 --head HEAD` in each format as a fresh process, best of R, against `python -c "import yaml"`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
GIT_ENV = {
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
}


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    if result.returncode not in (0, 1):
        raise SystemExit(f"{command} failed: {result.stderr.decode()[-1000:]}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--resolutions", type=int, default=10_000)
    parser.add_argument("--touch", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = {**os.environ, **GIT_ENV, "NO_COLOR": "1"}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "tree"
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(root), "--resolutions", str(args.resolutions)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        (root / "resolvetool.toml").write_text("")
        for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "tree"]):
            subprocess.run(["git", *command], cwd=root, env=env, check=True)
        files = sorted((root / "records" / "resolutions").rglob("*.yaml"))
        step = max(1, len(files) // args.touch)
        touched = files[::step][: args.touch]
        for path in touched:
            text = path.read_text(encoding="utf-8")
            text = text.replace("status: adopted", "status: superseded", 1)
            text = text.replace("operative:\n", "operative:\n  - phrase: DECIDES\n    text: to review the matter.\n", 1)
            path.write_text(text, encoding="utf-8")
        for command in (["add", "-A"], ["commit", "-q", "-m", "edits"]):
            subprocess.run(["git", *command], cwd=root, env=env, check=True)
        files_count = sum(1 for _ in (root / "records").rglob("*.yaml"))
        tool = [sys.executable, "-m", "resolvetool", "diff", "--base", "HEAD~1", "--head", "HEAD"]
        cases = [
            ("python -c 'import yaml' (baseline)", [sys.executable, "-c", "import yaml"]),
            ("diff (text)", tool),
            ("diff -f markdown", [*tool, "-f", "markdown"]),
            ("diff -f json", [*tool, "-f", "json"]),
        ]
        best = {name: float("inf") for name, _ in cases}
        for _ in range(args.runs):
            for name, command in cases:
                best[name] = min(best[name], timed(command, root, env))
        baseline = best[cases[0][0]]
        print(f"{files_count:,} record files, {len(touched)} resolutions edited between the two revisions\n")
        print(f"{'command':<40} {'seconds':>8} {'x import yaml':>14} {'target':>8}")
        for name, _ in cases:
            limit = "" if name.startswith("python") else "2.0"
            print(f"{name:<40} {best[name]:8.3f} {best[name] / baseline:14.1f} {limit:>8}")


if __name__ == "__main__":
    main()
