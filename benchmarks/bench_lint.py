#!/usr/bin/env python3
"""Time `resolvetool lint` against `resolvetool validate` on the same generated tree, in the same run.

    python benchmarks/bench_lint.py [--resolutions N] [--repeat R]

Generates a synthetic tree with benchmarks/generate.py (N resolutions, default 10,000, and everything around
them), then measures, each as the best wall-clock time of R fresh processes (default 3):

  validate cold   `resolvetool validate`, an empty cache each run (lint's rules run too: they share the pass)
  lint cold       `resolvetool lint`, an empty cache each run
  validate warm   `resolvetool validate` with the cache primed
  lint warm       `resolvetool lint` with the cache primed (reads no file, applies configuration and
                  suppressions to the cached findings, runs the rules that read several records)

The target (issue 4): lint takes about the time validate takes.
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


def timed(args: list[str], env: dict, cwd: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr[-500:]}")
    return elapsed


def in_process(tree: Path, cache: Path, repeat: int) -> tuple[float, float, float, int]:
    """validate() and lint() called in this process on the warm cache, and the cost of printing lint's
    findings: what lint adds to validate, apart from writing its report."""
    import io

    os.environ["RESOLVETOOL_CACHE_DIR"] = str(cache)
    sys.path.insert(0, str(HERE.parent / "src"))
    from rich.console import Console

    from resolvetool.config import load_settings
    from resolvetool.lint.run import lint
    from resolvetool.reporters import Report, write_text
    from resolvetool.validation import validate

    settings = load_settings(tree)
    validate_best = lint_best = printing = float("inf")
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        validate(settings, base=tree)
        validate_best = min(validate_best, time.perf_counter() - started)
        started = time.perf_counter()
        result = lint(settings, base=tree)
        lint_best = min(lint_best, time.perf_counter() - started)
        started = time.perf_counter()
        report = Report(result.diagnostics, result.files, result.records, root=tree, base=tree)
        write_text(report, Console(file=io.StringIO(), soft_wrap=True))
        printing = min(printing, time.perf_counter() - started)
    return validate_best, lint_best, printing, len(result.diagnostics)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--resolutions", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        tree = Path(work) / "tree"
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(tree), "--resolutions", str(options.resolutions)],
            check=True,
            capture_output=True,
        )
        files = sum(1 for _ in (tree / "records").rglob("*.yaml"))
        command = [sys.executable, "-m", "resolvetool"]
        results: dict[str, float] = {}
        for mode in ("validate", "lint"):
            cold = []
            for attempt in range(options.repeat):
                env = dict(os.environ, RESOLVETOOL_CACHE_DIR=str(Path(work) / f"cache-{mode}-{attempt}"))
                cold.append(timed([*command, mode], env, tree))
            results[f"{mode} cold"] = min(cold)
            env = dict(os.environ, RESOLVETOOL_CACHE_DIR=str(Path(work) / f"cache-{mode}-0"))
            results[f"{mode} warm"] = min(timed([*command, mode], env, tree) for _ in range(options.repeat))
        # After both modes: run inside the loop, it primed lint's first cold cache while validate was measured.
        inside = in_process(tree, Path(work) / "cache-lint-0", options.repeat)
    print(f"{options.resolutions:,} resolutions ({files:,} files); best of {options.repeat} fresh processes")
    print(f"{'':15} {'seconds':>8} {'x validate':>11}")
    for name in ("validate cold", "lint cold", "validate warm", "lint warm"):
        base = results[name.replace("lint", "validate")]
        print(f"{name:15} {results[name]:8.2f} {results[name] / base:11.2f}")
    validate_seconds, lint_seconds, printing, found = inside
    print(
        f"in one process, warm: validate() {validate_seconds:.2f} s, lint() {lint_seconds:.2f} s "
        f"({lint_seconds / validate_seconds:.2f}x); printing lint's {found:,} findings as text {printing:.2f} s"
    )


if __name__ == "__main__":
    main()
