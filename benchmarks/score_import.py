#!/usr/bin/env python3
"""Score `import` on folders of real texts (or PDFs) that have no answer key: how many import, validate, render
back losslessly, and how many are misread in silence; whether the facts came out right; how long it took.

    python benchmarks/score_import.py FOLDER [FOLDER ...] [--list CATEGORY] [--show N]

Every file of a folder whose name ends in .txt, .md (or .pdf, when the importer reads PDFs) is imported in this
one process into an empty tree (nothing is written). Per file:

  imported   the import made records (no RT503/RT505 failure, no crash)
  valid      every record it planned passes the checks `validate` makes of a file (strict reader, schema,
             consistency) and the checks between records of what it planned
  lossless   the records rendered back (in the order planned) equal the text, whitespace aside
  numbered   the operative clauses that carry numbers run 1..N (within each part)
  warned     the import printed at least one warning (RT5xx)
  silent     not lossless or not numbered, and not warned: a wrong structure nobody was told about
  symbol     (when the folder says what it should be) the resolution's symbol equals it: `metadata.yaml`
             (A/RES texts, keyed by file name) or the file name `S_RES_NNNN_YYYY_...` (symbol `S/RES/N (YYYY)`)
  date       (when the closing lines print "... meeting" and a date, or a narrative decision opens "At its ...
             meeting, on DATE") the adoption date equals that date

`--list CATEGORY` prints the files of a category (failed, invalid, lossy, misnumbered, warned, silent,
wrong-symbol, no-date, crashed) with the first reason; `--show N` limits how many. Exit status 0 always: this
is a measure, not a test. The issue-15 targets: >= 98% imported, 100% valid, >= 98% of imported lossless, 0 silent,
symbol >= 99%, a date on every text that prints one; the whole bulk corpus in under 30 s.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from resolvetool import textimport
from resolvetool.recordyaml import record_yaml
from resolvetool.rendering import render
from resolvetool.textimport import BuildError, ImportFailure, Records

SUFFIXES = (".txt", ".md", ".pdf")
CATEGORIES = ("failed", "crashed", "invalid", "lossy", "misnumbered", "warned", "silent", "wrong-symbol", "no-date")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# "22nd plenary meeting 29 October 2025", "3rd plenary meeting\n14 December 1990"
# an adoption line of its own: "22nd plenary meeting 29 October 2025", "3rd plenary meeting\n14 December 1990"
PRINTED_DATE = re.compile(
    rf"^[ \t*_]*\d+(?:st|nd|rd|th|d)[ \t]+(?:plenary[ \t]+)?meeting[ \t,]*\n?[ \t]*(?:on[ \t]+)?"
    rf"(\d{{1,2}})[ \t]+({MONTHS})[ \t]+(\d{{4}})[ \t.*_]*$",
    re.MULTILINE,
)
# the narrative form of a decision: "At its 51st plenary meeting, on 5 December 2016, the General Assembly ..."
NARRATIVE_DATE = re.compile(rf"^\W*At its [^,\n]{{0,60}}meeting, on (\d{{1,2}}) ({MONTHS}) (\d{{4}})")


def printed_date(source: str) -> tuple[str, str, str] | None:
    """The adoption date the text prints (day, month, year): on the adoption line of its own under the text
    ("22nd plenary meeting / 29 October 2025") or in the opening of a narrative decision; a date after "meeting"
    inside a sentence (a preamble recalling an earlier meeting) is not the adoption date."""
    found = NARRATIVE_DATE.match(source.lstrip())
    if found:
        return found.groups()
    closing = PRINTED_DATE.findall(source)
    return closing[0] if closing else None


UNSC_NAME = re.compile(r"^S_RES_0*(\d+)_(\d{4})")


@dataclass
class Score:
    name: str
    categories: set[str] = field(default_factory=set)
    reasons: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    def mark(self, category: str, reason: str = "") -> None:
        self.categories.add(category)
        self.reasons.setdefault(category, reason)


def normalised(text: str) -> str:
    return " ".join(text.split())


def import_document(path: Path) -> list:
    """The import results of one file: several when the importer reads several records out of one text."""
    if path.suffix.lower() == ".pdf":
        reader = getattr(textimport, "import_pdf", None)
        if reader is None:
            raise ImportFailure("this importer does not read PDFs")
        found = reader(path.read_bytes(), name=path.name, records=Records())
    else:
        text = path.read_text(encoding="utf-8")
        reader = getattr(textimport, "import_document", None)
        found = (
            reader(text, name=path.name, records=Records())
            if reader
            else textimport.import_text(text, name=path.name, records=Records())
        )
    return list(found) if isinstance(found, (list, tuple)) else [found]


def source_text(path: Path, results: list) -> str:
    """What the render must give back: the file's text, or what the PDF reader read off the pages."""
    if path.suffix.lower() == ".pdf":
        return "\n".join(getattr(result, "source", "") for result in results)
    return path.read_text(encoding="utf-8")


def expected_symbols(folder: Path) -> dict[str, str]:
    symbols: dict[str, str] = {}
    metadata = folder / "metadata.yaml"
    if metadata.is_file():
        for key, value in (yaml.safe_load(metadata.read_text(encoding="utf-8")) or {}).items():
            if isinstance(value, dict) and value.get("symbol"):
                symbols[Path(key).stem] = value["symbol"]
    for path in folder.iterdir():
        found = UNSC_NAME.match(path.name)
        if found:
            symbols[path.stem] = f"S/RES/{int(found.group(1))} ({found.group(2)})"
    return symbols


def numbering_runs(resolution) -> str | None:
    """Why the operative numbers do not run 1..N within each part, or None when they do. Worked out here, not
    by the importer's own check (textimport/doubts.py): a measure that shared its code could not see it fail."""
    groups: dict[object, list[str]] = {}
    for clause in resolution.operative:
        groups.setdefault(getattr(clause, "part", None), []).append(getattr(clause, "number", None) or "")
    for part, numbers in groups.items():
        digits = [re.sub(r"\D", "", number) for number in numbers if number]
        if not digits:
            continue
        if len(digits) != len(numbers) or [int(d) for d in digits if d] != list(range(1, len(numbers) + 1)):
            return f"part {part}: {', '.join(numbers[:12])}" if part else ", ".join(numbers[:12])
    return None


def planned_problems(results: list, tree) -> str | None:
    """The first error `validate` would report of what the import planned, checked as `import` checks it
    before writing (textimport/verify.py) against `tree`, an empty project."""
    from resolvetool.textimport.verify import blocking

    files = {
        planned.path: record_yaml(planned.record, "schema.json", path=planned.path)
        for result in results
        for planned in result.planned
    }
    problems = tree.problems(files)
    if blocking(problems):
        first = next(problem for problem in problems if problem.severity.value == "error")
        return f"{first.path}:{first.line}: {first.code} {first.message}"
    return None


def empty_tree(folder: Path):
    """The check an import makes before writing, over a project with no records."""
    from resolvetool.config import load_settings
    from resolvetool.corpus import load_corpus
    from resolvetool.textimport.verify import TreeCheck

    (folder / "records").mkdir()
    settings = load_settings(folder)
    return TreeCheck(load_corpus(settings, base=settings.root, use_cache=False))


def score_file(path: Path, symbols: dict[str, str], tree) -> Score:
    score = Score(path.name)
    started = time.perf_counter()
    try:
        results = import_document(path)
    except (ImportFailure, BuildError) as error:
        return _not_imported(score, "failed", str(error), started, path, symbols)
    except Exception as error:
        where = traceback.format_exc().splitlines()[-3].strip()
        return _not_imported(score, "crashed", f"{type(error).__name__}: {error} @ {where}", started, path, symbols)
    score.seconds = time.perf_counter() - started
    problem = planned_problems(results, tree)
    if problem:
        score.mark("invalid", problem)
    rendered = "\n".join(render(result.resolution, resolve=result.resolve) for result in results)
    source = source_text(path, results)
    if normalised(rendered) != normalised(source):
        score.mark("lossy", _first_difference(normalised(source), normalised(rendered)))
    for result in results:
        wrong = numbering_runs(result.resolution)
        if wrong:
            score.mark("misnumbered", wrong)
    if any(result.warnings for result in results):
        first = next(warning for result in results for warning in result.warnings)
        score.mark("warned", f"line {first.line}: {first.code} {first.message}")
    if {"lossy", "misnumbered"} & score.categories and "warned" not in score.categories:
        score.mark("silent", score.reasons.get("lossy") or score.reasons.get("misnumbered", ""))
    wanted = symbols.get(path.stem)
    if wanted is not None:
        got = [result.resolution.symbol for result in results]
        if wanted not in got:
            score.mark("wrong-symbol", f"wanted {wanted}, read {got}")
    printed = printed_date(source)
    if printed:
        day, month, year = printed
        wanted_date = time.strftime("%Y-%m-%d", time.strptime(f"{day} {month} {year}", "%d %B %Y"))
        dates = [
            str(result.resolution.adoption.date)
            if result.resolution.adoption and result.resolution.adoption.date
            else None
            for result in results
        ]
        if wanted_date not in dates:
            score.mark("no-date", f"printed {wanted_date}, read {dates}")
    return score


def _not_imported(
    score: Score, category: str, reason: str, started: float, path: Path, symbols: dict[str, str]
) -> Score:
    """A file that gave no records: its facts were not read either."""
    score.seconds = time.perf_counter() - started
    score.mark(category, reason)
    if path.stem in symbols:
        score.mark("wrong-symbol", "not imported")
    if path.suffix.lower() != ".pdf" and printed_date(path.read_text(encoding="utf-8", errors="replace")):
        score.mark("no-date", "not imported")
    return score


def _first_difference(expected: str, got: str) -> str:
    # the first character that differs, else where the shorter ends
    at = next((i for i, (a, b) in enumerate(zip(expected, got, strict=False)) if a != b), min(len(expected), len(got)))
    return f"at {at}: text {expected[max(0, at - 30) : at + 40]!r} / render {got[max(0, at - 30) : at + 40]!r}"


def files_of(folder: Path) -> list[Path]:
    return sorted(
        path
        for path in folder.iterdir()
        if path.suffix.lower() in SUFFIXES and path.is_file() and path.name.lower() not in ("readme.md",)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="+", type=Path, metavar="FOLDER")
    parser.add_argument(
        "--list",
        choices=CATEGORIES,
        action="append",
        default=[],
        metavar="CATEGORY",
        help=f"list the files of a category: {', '.join(CATEGORIES)}",
    )
    parser.add_argument("--show", type=int, default=40, metavar="N", help="list at most N files per category")
    options = parser.parse_args()
    rows = []
    all_scores: list[Score] = []
    started = time.perf_counter()
    scratch = tempfile.TemporaryDirectory(prefix="score-import-")
    tree = empty_tree(Path(scratch.name))
    for folder in options.folders:
        if not folder.is_dir():
            parser.error(f"{folder}: not a folder")
        paths = files_of(folder)
        symbols = expected_symbols(folder)
        scores = [score_file(path, symbols, tree) for path in paths]
        all_scores += scores
        rows.append((folder, paths, symbols, scores))
    total = time.perf_counter() - started

    print(
        "| folder | texts | imported | valid | lossless | numbered | warned | silent misreads | symbol | date | "
        "slowest ms |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for folder, paths, symbols, scores in rows:
        counts = Counter(category for score in scores for category in score.categories)
        imported = len(scores) - counts["failed"] - counts["crashed"]
        with_symbol = sum(1 for score in scores if Path(score.name).stem in symbols)
        with_date = sum(
            1
            for path in paths
            if path.suffix != ".pdf" and printed_date(path.read_text(encoding="utf-8", errors="replace"))
        )
        slowest = max((score.seconds for score in scores), default=0.0) * 1000
        print(
            f"| {folder.name}/ | {len(scores)} | {_share(imported, len(scores))} | "
            f"{_share(imported - counts['invalid'], imported)} | {_share(imported - counts['lossy'], imported)} | "
            f"{_share(imported - counts['misnumbered'], imported)} | {counts['warned']} | {counts['silent']} | "
            f"{_share(with_symbol - counts['wrong-symbol'], with_symbol) if with_symbol else '-'} | "
            f"{_share(with_date - counts['no-date'], with_date) if with_date else '-'} | {slowest:.0f} |"
        )
    importing = sum(score.seconds for score in all_scores)
    print(
        f"\n{len(all_scores)} files: imported in {importing:.1f} s ({importing / max(1, len(all_scores)) * 1000:.1f} "
        f"ms a file); {total:.1f} s with the checks of what was imported"
    )
    for category in options.list:
        chosen = [score for score in all_scores if category in score.categories]
        print(f"\n## {category}: {len(chosen)}")
        for score in chosen[: options.show]:
            print(f"- {score.name}: {score.reasons[category][:300]}")


def _share(part: int, whole: int) -> str:
    return f"{part} ({part / whole:.0%})" if whole else "-"


if __name__ == "__main__":
    main()
