#!/usr/bin/env python3
"""Time `resolvetool render --site`: a full build of a generated tree, a rebuild with nothing changed, and
incremental rebuilds after one edit (a resolution's clause, an agreement's title seen by the resolutions
citing it), each as a fresh process, best of R, against `python -c "import yaml"` in the same run.

    python benchmarks/bench_site.py [TREE] [--resolutions 10000] [--runs 3]

TREE: a project made by generate.py (made in a temporary folder when not given). The index is built once
before timing (as any earlier command would have); its build time is printed apart.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{command} failed: {result.stderr.decode()[-2000:]}")
    return seconds, (result.stderr.decode().strip().splitlines() or [""])[-1]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tree", nargs="?", type=Path)
    parser.add_argument("--resolutions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    env = {**os.environ, "NO_COLOR": "1"}
    with tempfile.TemporaryDirectory() as folder:
        root = args.tree
        if root is None:
            root = Path(folder) / "tree"
            subprocess.run(
                [sys.executable, str(HERE / "generate.py"), str(root), "--resolutions", str(args.resolutions)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        env["RESOLVETOOL_CACHE_DIR"] = str(Path(folder) / "cache")
        site = Path(folder) / "site"
        tool = [sys.executable, "-m", "resolvetool", "--root", str(root)]
        index_seconds, _ = run([*tool, "query", "kind=body", "-f", "ids"], root, env)
        files = sum(1 for _ in (root / "records").rglob("*.yaml"))
        baseline = min(run([sys.executable, "-c", "import yaml"], root, env)[0] for _ in range(5))
        full = []
        for _ in range(args.runs):
            shutil.rmtree(site, ignore_errors=True)
            full.append(run([*tool, "render", "--site", str(site)], root, env))
        nothing = min(run([*tool, "render", "--site", str(site)], root, env) for _ in range(args.runs))
        resolution = sorted((root / "records" / "resolutions").rglob("*.yaml"))[len(full) * 7]
        agreement = sorted((root / "records" / "agreements").rglob("*.yaml"))[0]
        one, cited = [], []
        for attempt in range(args.runs):
            edit(resolution, "operative:\n", f"operative:\n  - phrase: DECIDES\n    text: to review it ({attempt}).\n")
            one.append(run([*tool, "render", "--site", str(site)], root, env))
            edit(agreement, "title: ", f"title: Revised ({attempt}) ")
            cited.append(run([*tool, "render", "--site", str(site)], root, env))
        pages = sum(1 for _ in site.rglob("*.html"))
        size = sum(path.stat().st_size for path in site.rglob("*") if path.is_file())
        search = sum(path.stat().st_size for path in (site / "search").iterdir())
        print(
            f"{files:,} record files; site of {pages:,} pages, {size / 1e6:.0f} MB "
            f"(search index {search / 1e6:.1f} MB); index built first in {index_seconds:.1f} s\n"
        )
        print(f"{'command':<52} {'seconds':>8} {'x import yaml':>14} {'target':>7}")
        rows = [
            ("python -c 'import yaml' (baseline)", baseline, ""),
            ("render --site, from nothing", min(full)[0], "30"),
            ("render --site again, nothing changed", nothing[0], ""),
            ("render --site after editing one resolution", min(one)[0], "2"),
            ("render --site after retitling a cited agreement", min(cited)[0], "2"),
        ]
        for name, seconds, target in rows:
            print(f"{name:<52} {seconds:8.2f} {seconds / baseline:14.1f} {target:>7}")
        print()
        for label, outcomes in (("full", [min(full)]), ("one resolution", [min(one)]), ("agreement", [min(cited)])):
            print(f"{label}: {outcomes[0][1]}")


if __name__ == "__main__":
    main()
