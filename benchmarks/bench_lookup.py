#!/usr/bin/env python3
"""Time show, query and search on a generated tree, each as a ratio to `python -c "import yaml"`.

    python benchmarks/bench_lookup.py [TREE] [--resolutions N] [--runs R]

TREE (default /tmp/resolvetool-bench-lookup-N) is generated with generate.py when it does not exist. Each
command runs as a fresh process (as a user would run it), best of R runs, the index warm; the baseline
is measured in the same run, interleaved with the commands so that both see the same machine. The index
lives in TREE/.bench-cache (deleted first with --cold, to time a build from nothing). "one file edited"
appends a line to one resolution before each run (so the index must notice it, read it and reindex it)
and times the `show` of that resolution; the edit is undone at the end.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def timed(command: list[str], env: dict[str, str], cwd: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.decode()[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tree", nargs="?", type=Path)
    parser.add_argument("--resolutions", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cold", action="store_true", help="delete the index first and time its build")
    args = parser.parse_args()
    tree = args.tree or Path(f"/tmp/resolvetool-bench-lookup-{args.resolutions}")
    if not (tree / "records").is_dir():
        print(f"generating {args.resolutions} resolutions in {tree} ...", flush=True)
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(tree), "--resolutions", str(args.resolutions)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    env = dict(os.environ, RESOLVETOOL_CACHE_DIR=str(tree / ".bench-cache"), NO_COLOR="1")
    python = sys.executable
    tool = [python, "-m", "resolvetool"]
    files = sum(len(names) for _, _, names in os.walk(tree / "records"))
    resolution = sorted((tree / "records" / "resolutions").rglob("*.yaml"))[files // 3]
    rid = resolution.stem
    session = next((tree / "records" / "sessions").glob("*.yaml")).stem
    agreement = next((tree / "records" / "agreements").glob("*.yaml")).stem
    body = next((tree / "records" / "bodies").glob("*.yaml")).stem

    if args.cold:
        shutil.rmtree(tree / ".bench-cache", ignore_errors=True)
    started = time.perf_counter()
    timed([*tool, "query", "--limit", "1"], env, tree)
    first = time.perf_counter() - started
    print(f"{files:,} record files; first command (builds the index when there is none): {first:.2f} s", flush=True)
    database = max((tree / ".bench-cache").glob("index-*.sqlite3"), key=lambda p: p.stat().st_mtime)
    size = sum(p.stat().st_size for p in database.parent.glob(database.name + "*"))
    records = sum(p.stat().st_size for p in (tree / "records").rglob("*.yaml"))
    print(f"index size {size / 1e6:.0f} MB; records {records / 1e6:.0f} MB")

    cases: list[tuple[str, list[str], float]] = [
        ("python -c 'import yaml' (baseline)", [python, "-c", "import yaml"], 0),
        ("resolvetool --help", [*tool, "--help"], 0.150),
        (f"show {rid}", [*tool, "show", rid], 0.150),
        (f"show {session} (a session)", [*tool, "show", session], 0.150),
        (f"show {agreement} (an agreement)", [*tool, "show", agreement], 0.150),
        (f"show {body} -f json (a body: every resolution points at it)", [*tool, "show", body, "-f", "json"], 0.150),
        (f"query session={session}", [*tool, "query", f"session={session}"], 0.300),
        (
            "query kind=resolution adopted>=2000 phrase=APPROVES",
            [*tool, "query", "kind=resolution", "adopted>=2000", "phrase=APPROVES"],
            0.300,
        ),
        ("query refs~impact --sort -date", [*tool, "query", "refs~impact", "--sort", "-date"], 0.300),
        ("query kind=resolution -f ids (every resolution)", [*tool, "query", "kind=resolution", "-f", "ids"], 0.300),
        ("search cooperation", [*tool, "search", "cooperation"], 0.300),
        (
            'search "technical cooperation" kind=resolution',
            [*tool, "search", "technical cooperation", "kind=resolution"],
            0.300,
        ),
        (
            "search cyber* NOT security adopted>=2010",
            [*tool, "search", "cyber*", "NOT", "security", "adopted>=2010"],
            0.300,
        ),
    ]
    best = {name: float("inf") for name, _, _ in cases}
    for _ in range(args.runs):
        for name, command, _ in cases:
            best[name] = min(best[name], timed(command, env, tree))

    original = resolution.read_bytes()
    edited = float("inf")
    try:
        for run in range(max(3, args.runs // 2)):
            resolution.write_bytes(original + f"# edited {run}\n".encode())
            edited = min(edited, timed([*tool, "show", rid], env, tree))
    finally:
        resolution.write_bytes(original)
        timed([*tool, "show", rid], env, tree)
    check = float("inf")
    for _ in range(args.runs):
        result = subprocess.run(
            [*tool, "-v", "query", "--limit", "1"], cwd=tree, env=env, capture_output=True, text=True
        )
        found = re.search(r"(\d+) ms to bring it up to date", result.stderr)
        if found:
            check = min(check, int(found.group(1)) / 1000)
    baseline = best[cases[0][0]]
    print(f"\n{'command':<62} {'seconds':>8} {'x import yaml':>14} {'target':>8}")
    for name, _, target in cases:
        print(f"{name:<62} {best[name]:8.3f} {best[name] / baseline:14.1f} {target or '':>8}")
    print(f"{'show, one file edited (index update included)':<62} {edited:8.3f} {edited / baseline:14.1f} {1.0:>8}")
    print(f"\nof each command, checking every file's stamp (nothing changed): {check:.3f} s")


if __name__ == "__main__":
    main()
