#!/usr/bin/env python3
"""Time `resolvetool validate` on a generated tree against a plain PyYAML load of the same files.

    python benchmarks/bench_validate.py [--resolutions N] [--repeat R] [--jobs J] [--tree DIR] [--memory-only]

Generates a synthetic tree with benchmarks/generate.py (into a temporary folder, or reuses --tree DIR), then
measures, each as the best wall-clock time of R runs (default 3) of a freshly started Python process:

  (a) baseline   one process doing `yaml.load(f.read(), Loader=yaml.CSafeLoader)` on every *.yaml file
  (b) no-cache   `resolvetool validate --no-cache` (every file read, parsed strictly and validated)
  (c) cold       `resolvetool validate` with RESOLVETOOL_CACHE_DIR set to a new, empty folder each run
                 (the same work as (b), plus writing every result into the cache)
  (d) warm       `resolvetool validate` again with that cache primed and nothing changed
  (e) warm+edit  as (d), after editing one resolution file before each run (so one file is re-checked)
  (f) 1 process  `resolvetool validate --no-cache --jobs 1` (what the worker processes buy; skipped when
                 --jobs 1 is given, since (b) is then the same)

Every command runs in its own Python process, so interpreter start-up and imports count in every row
alike. validate runs as `resolvetool -v validate -f json`, its standard output going to a file that is
parsed afterwards to check that every run checked every file and found no problem (and, from -v, how many
results came from the cache). Not `-o /dev/null`: -o writes through a temporary file renamed over the
target, which would replace /dev/null itself when run as root. Peak memory is ru_maxrss, read inside that
process: "main" is the resolvetool process itself, "workers" the largest of its worker processes (getrusage
RUSAGE_CHILDREN, which reports the largest single child, not a sum). Workers are forked from the main process, so their
figure includes pages they still share with it.

--memory-only is the large-tree memory check: by default 100,000 resolutions, one run each of (a) to (d).
The generated tree is deleted at the end unless --keep is given; a --tree is never deleted, and the file
edited for (e) is restored.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
GENERATOR = HERE / "generate.py"

# Runs one measured command inside a fresh interpreter and writes its own peak memory and CPU time
# (and those of its children) to the file named by argv[1] when it ends.
WRAPPER = textwrap.dedent("""
    import json, os, resource, sys
    report_path, mode, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    status, extra = 0, {}
    try:
        if mode == "baseline":
            import yaml
            files = failed = 0
            for folder, subfolders, names in os.walk(args[0]):
                subfolders.sort()
                for name in sorted(names):
                    if name.endswith(".yaml"):
                        files += 1
                        try:
                            with open(os.path.join(folder, name), encoding="utf-8") as f:
                                yaml.load(f.read(), Loader=yaml.CSafeLoader)
                        except Exception:
                            failed += 1
            extra = {"files": files, "failed": failed}
        else:
            sys.argv = ["resolvetool", *args]
            from resolvetool.cli import main
            try:
                main()
            except SystemExit as exit:
                status = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
    finally:
        me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        with open(report_path, "w") as out:
            json.dump({"status": status, "extra": extra,
                       "self_maxrss_kb": me.ru_maxrss, "children_maxrss_kb": children.ru_maxrss,
                       "self_cpu": me.ru_utime + me.ru_stime,
                       "children_cpu": children.ru_utime + children.ru_stime}, out)
""")


@dataclass
class Run:
    wall: float
    status: int
    main_kb: int
    workers_kb: int
    cpu: float
    summary: dict | None = None  # validate's JSON summary
    cached: int | None = None  # files taken from the cache, from validate -v
    extra: dict = field(default_factory=dict)


@dataclass
class Scenario:
    key: str
    label: str
    runs: list[Run] = field(default_factory=list)
    error: str | None = None
    expect_cached: str | None = None  # "all", "all-but-one", "none"

    @property
    def best(self) -> float | None:
        return min(r.wall for r in self.runs) if self.runs else None


class BenchError(Exception):
    pass


def run_measured(mode: str, args: list[str], *, env: dict, cwd: Path, work: Path, timeout: float) -> Run:
    """Run the wrapper in a fresh interpreter; wall-clock time measured from here, memory from inside."""
    handle, report = tempfile.mkstemp(prefix="rusage-", suffix=".json", dir=work)
    os.close(handle)
    out_path = work / "stdout.json"
    try:
        with open(out_path, "wb") as stdout:
            started = time.perf_counter()
            try:
                done = subprocess.run(
                    [sys.executable, "-c", WRAPPER, report, mode, *args],
                    cwd=cwd,
                    env=env,
                    stdout=stdout,
                    stderr=subprocess.PIPE,
                    timeout=timeout,
                )
            except subprocess.TimeoutExpired:
                raise BenchError(f"timed out after {timeout:.0f} s") from None
            wall = time.perf_counter() - started
        stderr = done.stderr.decode("utf-8", "replace")
        try:
            with open(report, encoding="utf-8") as f:
                usage = json.load(f)
        except (OSError, json.JSONDecodeError):
            raise BenchError(f"the process died (exit {done.returncode}): {stderr.strip()[-800:]}") from None
        run = Run(
            wall,
            usage["status"],
            usage["self_maxrss_kb"],
            usage["children_maxrss_kb"],
            usage["self_cpu"] + usage["children_cpu"],
            extra=usage["extra"],
        )
        if mode == "resolvetool":
            if usage["status"] not in (0, 1):
                raise BenchError(f"validate exited {usage['status']}: {stderr.strip()[-800:]}")
            try:
                run.summary = json.loads(out_path.read_text(encoding="utf-8"))["summary"]
            except (OSError, ValueError, KeyError):
                raise BenchError(f"validate wrote no JSON report: {stderr.strip()[-800:]}") from None
            for line in stderr.splitlines():  # "N files loaded in X s, M from the cache" (-v)
                if "from the cache" in line:
                    with contextlib.suppress(IndexError, ValueError):
                        run.cached = int(line.rsplit(",", 1)[1].split()[0])
        return run
    finally:
        for path in (report, out_path):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)


def tree_stats(records: Path) -> tuple[int, int]:
    files = size = 0
    for folder, _, names in os.walk(records):
        for name in names:
            if name.endswith(".yaml"):
                path = os.path.join(folder, name)
                if os.path.isfile(path):
                    files += 1
                    size += os.path.getsize(path)
    return files, size


def pick_edit_target(records: Path) -> Path:
    """The resolution file edited for (e): the last in path order (any record file if there is none)."""
    candidates = sorted((records / "resolutions").rglob("*.yaml")) or sorted(records.rglob("*.yaml"))
    for path in reversed(candidates):
        if path.is_file() and not path.is_symlink():
            return path
    raise BenchError(f"no record file to edit under {records}")


def _usable_cpus() -> int | str:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "?"


def environment() -> list[str]:
    lines = [
        f"python {platform.python_version()} ({sys.executable}), {platform.system()} {platform.release()} "
        f"{platform.machine()}, {os.cpu_count()} CPUs ({_usable_cpus()} usable)"
    ]
    try:
        import pydantic
        import yaml

        import resolvetool

        libyaml = "no libyaml!"
        if getattr(yaml, "__with_libyaml__", False):
            from yaml import _yaml  # type: ignore[attr-defined]

            libyaml = f"libyaml {_yaml.get_version_string()}"
        package = Path(resolvetool.__file__).parent
        lines.append(
            f"resolvetool {resolvetool.__version__}{_git_revision(package)} ({package}), "
            f"PyYAML {yaml.__version__} ({libyaml}), pydantic {pydantic.VERSION}"
        )
    except ImportError as error:
        raise BenchError(
            f"{error}: run this script with the Python that has resolvetool installed "
            f"(e.g. `. /tmp/venv/bin/activate` first)"
        ) from None
    return lines


def _git_revision(folder: Path) -> str:
    """` at <commit>` (with `+changes` when the package's files differ from it) if it is in a git checkout."""
    try:
        commit = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=10
        )
        if commit.returncode:
            return ""
        dirty = subprocess.run(
            ["git", "-C", str(folder), "status", "--porcelain", "--", "."], capture_output=True, text=True, timeout=10
        )
        return f" at {commit.stdout.strip()}" + ("+changes" if dirty.stdout.strip() else "")
    except (OSError, subprocess.TimeoutExpired):
        return ""


def fmt_mb(kb: int | None) -> str:
    return f"{kb / 1024:.0f}" if kb else "-"


@dataclass
class _Bench:
    """Measures the scenarios on one tree, in one environment, adding each to `scenarios`."""

    env: dict[str, str]
    root: Path
    work: Path
    timeout: float
    repeat: int
    scenarios: list[Scenario]

    def measure(
        self, scenario: Scenario, mode: str, command: list[str], *, runs: int | None = None, cache=None, before=None
    ) -> None:
        self.scenarios.append(scenario)
        print(f"  {scenario.key} {scenario.label} ...", file=sys.stderr, flush=True)
        for k in range(self.repeat if runs is None else runs):
            if before:
                before(k)
            run_env = dict(self.env)
            if cache:
                run_env["RESOLVETOOL_CACHE_DIR"] = cache() if callable(cache) else cache
            try:
                scenario.runs.append(
                    run_measured(mode, command, env=run_env, cwd=self.root, work=self.work, timeout=self.timeout)
                )
            except BenchError as error:
                scenario.error = str(error)
                print(f"    failed: {error}", file=sys.stderr)
                return


def _measure_edited(bench: _Bench, validate: list[str], primed: str, edit_target: Path) -> None:
    """(e): one file edited before each run (a comment appended), on the primed cache; the file is put back
    whatever happens."""
    original = edit_target.read_bytes()
    newline = b"" if original.endswith(b"\n") else b"\n"

    def edit(k: int) -> None:
        edit_target.write_bytes(original + newline + f"# benchmark edit {k + 1} at {time.time_ns()}\n".encode())

    try:
        bench.measure(
            Scenario("(e)", "validate, warm cache, 1 file edited", expect_cached="all-but-one"),
            "resolvetool",
            validate,
            cache=primed,
            before=edit,
        )
    finally:
        edit_target.write_bytes(original)


def _reused_tree(tree: Path, parser: argparse.ArgumentParser) -> Path:
    """The project folder --tree names (or the one holding the records/ folder it names)."""
    root = tree.resolve()
    if root.name == "records" and not (root / "records").is_dir():
        root = root.parent
    if not (root / "records").is_dir():
        parser.error(f"--tree {tree}: no records/ folder there")
    return root


def _generate(root: Path, n: int, seed: int) -> str:
    """A tree of `n` resolutions generated into `root`; where it came from, in words."""
    print(f"generating {n:,} resolutions into {root} ...", file=sys.stderr, flush=True)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(GENERATOR), str(root), "--resolutions", str(n), "--seed", str(seed)],
        capture_output=True,
        text=True,
    )
    generation = time.perf_counter() - started
    if done.returncode:
        raise BenchError(f"generate.py failed:\n{done.stderr}")
    return f"generated by benchmarks/generate.py --resolutions {n} --seed {seed} in {generation:.1f} s"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n\n".join(__doc__.split("\n\n")[2:]),
    )
    parser.add_argument(
        "--resolutions",
        "-n",
        type=int,
        default=None,
        help="resolutions in the generated tree (default 10000; 100000 with --memory-only)",
    )
    parser.add_argument("--repeat", "-r", type=int, default=None, help="runs per figure, best taken (default 3)")
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        help="--jobs passed to validate (default: validate's own default, one per core)",
    )
    parser.add_argument(
        "--tree", type=Path, default=None, help="reuse this project folder (holding records/) instead of generating one"
    )
    parser.add_argument("--seed", type=int, default=1, help="seed for the generated tree (default 1)")
    parser.add_argument(
        "--memory-only",
        action="store_true",
        help="one run each of (a) to (d), for peak memory on a large tree (default 100,000 resolutions)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated tree (its path is printed)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds allowed per run (default 3600)")
    parser.add_argument("--json", type=Path, default=None, help="also write every measurement to this JSON file")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    n = args.resolutions or (100_000 if args.memory_only else 10_000)
    repeat = args.repeat or (1 if args.memory_only else 3)
    if repeat < 1 or n < 1 or (args.jobs is not None and args.jobs < 1):
        parser.error("--resolutions, --repeat and --jobs must be at least 1")

    try:
        env_lines = environment()
    except BenchError as error:
        print(f"bench_validate.py: {error}", file=sys.stderr)
        return 2

    work = Path(tempfile.mkdtemp(prefix="resolvetool-bench-"))
    generated: Path | None = None
    edit_target: Path | None = None
    scenarios: list[Scenario] = []
    try:
        # --- the tree -------------------------------------------------------------------------------
        if args.tree:
            root = _reused_tree(args.tree, parser)
            source = f"reused tree {root}"
        else:
            generated = root = Path(tempfile.mkdtemp(prefix=f"resolvetool-tree-{n}-"))
            source = _generate(root, n, args.seed)
        records = root / "records"
        n_files, n_bytes = tree_stats(records)
        if not n_files:
            raise BenchError(f"no *.yaml files under {records}")

        env = dict(os.environ)
        env.update(
            NO_COLOR="1", XDG_CACHE_HOME=str(work / "xdg-cache"), RESOLVETOOL_CACHE_DIR=str(work / "unused-cache")
        )
        env.pop("FORCE_COLOR", None)
        jobs = ["--jobs", str(args.jobs)] if args.jobs else []
        validate = ["--root", str(root), "-v", "validate", "-f", "json", *jobs]

        bench = _Bench(env, root, work, args.timeout, repeat, scenarios)
        measure = bench.measure

        # Read every file once, so that all figures find the files in the OS page cache alike.
        print("warming the OS file cache ...", file=sys.stderr, flush=True)
        run_measured("baseline", [str(records)], env=env, cwd=root, work=work, timeout=args.timeout)

        measure(Scenario("(a)", "baseline: yaml.load(f.read(), Loader=yaml.CSafeLoader)"), "baseline", [str(records)])
        measure(Scenario("(b)", "validate --no-cache", expect_cached="none"), "resolvetool", [*validate, "--no-cache"])

        # (c): a new, empty cache folder for each run; the last one stays, primed, for (d) and (e).
        cold_dirs: list[str] = []

        def fresh_cache(k: int) -> None:
            if cold_dirs:
                shutil.rmtree(cold_dirs[-1], ignore_errors=True)
            cold_dirs.append(str(work / f"cache-cold-{k + 1}"))

        cold = Scenario("(c)", "validate, empty cache (cold, fills it)", expect_cached="none")
        measure(cold, "resolvetool", validate, cache=lambda: cold_dirs[-1], before=fresh_cache)
        primed = cold_dirs[-1] if cold.runs and not cold.error else None
        if primed is None:  # prime a cache for (d) and (e) all the same
            primed = str(work / "cache-primed")
            run_measured(
                "resolvetool",
                validate,
                env=dict(env, RESOLVETOOL_CACHE_DIR=primed),
                cwd=root,
                work=work,
                timeout=args.timeout,
            )

        measure(
            Scenario("(d)", "validate, warm cache, nothing changed", expect_cached="all"),
            "resolvetool",
            validate,
            cache=primed,
        )

        if not args.memory_only:
            edit_target = pick_edit_target(records)
            _measure_edited(bench, validate, primed, edit_target)
            if args.jobs != 1:
                measure(
                    Scenario("(f)", "validate --no-cache --jobs 1 (no workers)", expect_cached="none"),
                    "resolvetool",
                    ["--root", str(root), "-v", "validate", "-f", "json", "--no-cache", "--jobs", "1"],
                )
    except BenchError as error:
        print(f"bench_validate.py: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("bench_validate.py: interrupted", file=sys.stderr)
        return 130
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if generated is not None and not args.keep:
            shutil.rmtree(generated, ignore_errors=True)

    report(
        scenarios,
        env_lines,
        source,
        root,
        n_files,
        n_bytes,
        repeat,
        args,
        generated is not None and not args.keep,
        edit_target,
    )
    if args.json:
        _write_json(args.json, scenarios, env_lines, source, n_files, n_bytes, repeat, args.jobs)
    return 1 if any(s.error for s in scenarios) else 0


def _write_json(
    path: Path,
    scenarios: list[Scenario],
    env_lines: list[str],
    source: str,
    n_files: int,
    n_bytes: int,
    repeat: int,
    jobs: int | None,
) -> None:
    """Every measurement, for --json."""
    path.write_text(
        json.dumps(
            {
                "environment": env_lines,
                "tree": {"source": source, "files": n_files, "bytes": n_bytes},
                "repeat": repeat,
                "jobs": jobs,
                "scenarios": [
                    {"key": s.key, "label": s.label, "error": s.error, "runs": [r.__dict__ for r in s.runs]}
                    for s in scenarios
                ],
            },
            indent=2,
        )
        + "\n"
    )


def report(
    scenarios: list[Scenario],
    env_lines: list[str],
    source: str,
    root: Path,
    n_files: int,
    n_bytes: int,
    repeat: int,
    args: argparse.Namespace,
    deleted: bool,
    edit_target: Path | None,
) -> None:
    baseline = next((s.best for s in scenarios if s.key == "(a)" and s.runs), None)
    jobs = f"--jobs {args.jobs}" if args.jobs else "validate's default jobs (one per usable core)"
    title = "resolvetool validate: memory check" if args.memory_only else "resolvetool validate benchmark"
    print(f"{title}: {n_files:,} record files, {n_bytes / 1e6:.1f} MB ({source})")
    for line in env_lines:
        print(f"  {line}")
    print(f"  wall-clock seconds, best of {repeat} run{'s' if repeat > 1 else ''}, each a fresh process; {jobs}")
    print()
    header = f"{'':4}{'scenario':<53}{'best s':>8}{'x base':>8}{'CPU s':>8}{'main MB':>9}{'workers MB':>11}   checked"
    print(header)
    print("-" * len(header))
    problems = []
    for s in scenarios:
        if not s.runs:
            print(f"{s.key:<4}{s.label:<53}{'failed':>8}   {s.error}")
            continue
        best_run = min(s.runs, key=lambda r: r.wall)
        ratio = f"{best_run.wall / baseline:.2f}" if baseline else "-"
        main_kb = max(r.main_kb for r in s.runs)
        workers_kb = max(r.workers_kb for r in s.runs)
        if s.key == "(a)":
            files = best_run.extra.get("files", 0)
            failed = best_run.extra.get("failed", 0)
            checked = f"{files:,} files loaded" + (f", {failed} failed" if failed else "")
        else:
            summary = best_run.summary or {}
            checked = (
                f"{summary.get('files', 0):,} files, {summary.get('errors', 0)} errors, "
                f"{summary.get('warnings', 0)} warnings"
            )
            if best_run.cached is not None:
                checked += f", {best_run.cached:,} from cache"
            for r in s.runs:
                sm = r.summary or {}
                if sm.get("files") != n_files:
                    problems.append(f"{s.key}: validate checked {sm.get('files')} files, the tree has {n_files}")
                if sm.get("errors") or sm.get("warnings"):
                    problems.append(
                        f"{s.key}: validate reported {sm.get('errors')} errors and {sm.get('warnings')} "
                        "warnings (the tree is not clean: figures include reporting them)"
                    )
                wanted = {"none": 0, "all": n_files, "all-but-one": n_files - 1}.get(s.expect_cached or "")
                if wanted is not None and r.cached is not None and r.cached != wanted:
                    problems.append(f"{s.key}: {r.cached} files came from the cache, expected {wanted}")
        workers = fmt_mb(workers_kb) if s.key != "(a)" else "-"
        print(
            f"{s.key:<4}{s.label:<53}{best_run.wall:>8.2f}{ratio:>8}{best_run.cpu:>8.1f}{fmt_mb(main_kb):>9}"
            f"{workers:>11}   {checked}"
        )
    print()
    print(
        "every run (s): "
        + "; ".join(f"{s.key} " + " ".join(f"{r.wall:.2f}" for r in s.runs) for s in scenarios if s.runs)
    )
    print()
    print(
        textwrap.dedent("""
        (a) one Python process reading every record file and loading it with PyYAML's libyaml-based loader,
        keeping nothing: what merely reading the tree with the usual fast YAML loader costs. (b) and (f) read,
        parse strictly and validate every file and check references across the tree; (c) does the same and
        stores every file's result in a new cache.
        x base: best time divided by the baseline's best time. CPU s: user+system CPU of the process and all
        its workers in the best run (above the wall time when workers run in parallel). main MB: peak resident
        memory (ru_maxrss) of the process that was started; workers MB: the largest peak of any one worker
        process it started (RUSAGE_CHILDREN; forked workers count pages shared with the main process too).
        Memory figures are the highest over all runs of a row. Every row includes interpreter start-up and
        imports. (c) starts from an empty cache folder each run; (d) and (e) reuse the cache (c) left.
        The OS file cache was warmed by one untimed full read first.""").strip()
    )
    if edit_target is not None:
        print(
            f"(e) appends a comment line to {edit_target.relative_to(root)} before each run (so its content, "
            "and its cache key, change); the file is restored afterwards."
        )
    if args.memory_only:
        print("--memory-only: one run of each; (e) and (f) not run.")
    if problems:
        print()
        print("WARNING: some runs did not check what they should have:")
        for line in dict.fromkeys(problems):
            print(f"  {line}")
    if not deleted:
        print(f"\ntree: {root}")


if __name__ == "__main__":
    sys.exit(main())
