#!/usr/bin/env python3
"""Time importing plain-text resolutions in-process, against a plain PyYAML load of what the import writes.

    python benchmarks/bench_import.py [--kilobytes K] [--repeat R] [--corpus DIR]

Builds a long resolution text of about K kilobytes (default 25) in the UN General Assembly convention, with
the damage PDF extraction leaves: hard-wrapped lines, a running header and page footer at every page break,
footnote markers glued to words and footnotes at the page foot under a separator, nested items, section
headings and an annex. Then measures, each as the best of R runs (default 20) in this one process:

  (a) baseline  `yaml.load(text, Loader=yaml.CSafeLoader)` of the resolution's YAML as import writes it
  (b) import    `import_text` of the text: parse, read the facts, build and validate the records
  (c) render    `render` of the imported resolution back to text (checked equal, whitespace aside)
  (d) corpus    `import_text` of every *.txt text in DIR (default tests/corpus/texts, the real
                resolutions the tests use), in total

The target (issue 3) is (b) under 100 ms for 25 KB.
"""

from __future__ import annotations

import argparse
import platform
import sys
import textwrap
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "texts"
sys.path.insert(0, str(ROOT / "src"))

from resolvetool.recordyaml import record_yaml
from resolvetool.rendering import render
from resolvetool.textimport import Records, import_text

WORDS = [
    "the",
    "Secretary-General",
    "to",
    "continue",
    "to",
    "report",
    "on",
    "the",
    "implementation",
    "of",
    "the",
    "present",
    "resolution",
    "and",
    "on",
    "the",
    "progress",
    "made",
    "by",
    "Member",
    "States",
    "in",
    "strengthening",
    "national",
    "capacities,",
    "including",
    "through",
    "regional",
    "cooperation",
    "and",
    "the",
    "exchange",
    "of",
    "information",
    "and",
    "best",
    "practices",
]
HEADER = "Strengthening of the coordination of emergency humanitarian assistance"


def sentence(seed: int, length: int) -> str:
    return " ".join(WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(length))


def long_text(kilobytes: int) -> str:
    head = [
        "United Nations A/RES/79/999",
        "",
        "General Assembly Distr.: General",
        "3 January 2025",
        "",
        "Seventy-ninth session",
        "Agenda item 73 (a)",
        "",
        "Resolution adopted by the General Assembly on 18 December 2024",
        "",
        "[without reference to a Main Committee (A/79/L.40)]",
        "",
        f"79/999. {HEADER}",
        "",
        "The General Assembly,",
        "",
    ]
    body: list[str] = []
    clause, footnote, page_lines, page = 0, 0, 0, 2
    footnotes: list[str] = []

    def emit(paragraph: str) -> None:
        nonlocal page_lines, page
        for line in textwrap.wrap(paragraph, 90):
            body.append(line)
            page_lines += 1
            if page_lines >= 45:  # a page break: footnotes, footer, running header
                if footnotes:
                    body.extend(["", "__________________", *footnotes])
                    footnotes.clear()
                body.extend(["", f"24-{page:05d} {page}/40", "", f"A/RES/79/999 {HEADER}", ""])
                page_lines, page = 0, page + 1
        body.append("")

    for number in range(12):
        footnote = number + 1
        footnotes.append(f"{footnote} See A/79/{100 + footnote}.")
        emit(
            f"{['Recalling', 'Reaffirming', 'Noting with concern', 'Bearing in mind'][number % 4]} "
            f"{sentence(number, 40)},{footnote}"
        )
    section = 0
    while sum(len(line) + 1 for line in head + body) < kilobytes * 1000 - 1500:
        clause += 1
        if clause % 12 == 1:
            section += 1
            emit(["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][(section - 1) % 10])
        if clause % 5 == 0:
            emit(f"{clause}. Requests {sentence(clause, 20)}:")
            for index, label in enumerate("abc"):
                emit(f"({label}) To {sentence(clause + index, 25)};")
        else:
            emit(f"{clause}. {['Decides', 'Urges', 'Encourages', 'Invites'][clause % 4]} {sentence(clause, 60)};")
    emit(f"{clause + 1}. Decides to remain seized of the matter.")
    tail = [
        "50th plenary meeting",
        "18 December 2024",
        "",
        "Annex",
        "",
        "Guiding principles",
        "",
        *[f"{n}. {sentence(n, 30)}." + "\n" for n in range(1, 6)],
    ]
    if footnotes:
        tail += ["", "__________________", *footnotes]
    return "\n".join(head + body + tail) + "\n"


def best(function, repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kilobytes", type=int, default=25)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument(
        "--corpus",
        type=Path,
        default=CORPUS,
        metavar="DIR",
        help="a folder of plain-text resolutions (*.txt) for (d); default: %(default)s",
    )
    options = parser.parse_args()
    corpus = sorted(options.corpus.glob("*.txt"))
    if not corpus:
        parser.error(f"--corpus {options.corpus}: no *.txt texts there; name a folder of plain-text resolutions")

    text = long_text(options.kilobytes)
    result = import_text(text, records=Records())
    resolution = result.resolution
    written = record_yaml(resolution, "schema.json")
    rendered = render(resolution, resolve=result.resolve)
    assert " ".join(rendered.split()) == " ".join(text.split()), "render(import(text)) differs from the text"
    corpus_texts = [path.read_text(encoding="utf-8") for path in corpus]

    baseline = best(lambda: yaml.load(written, Loader=yaml.CSafeLoader), options.repeat)
    imported = best(lambda: import_text(text, records=Records()), options.repeat)
    rendering = best(lambda: render(resolution, resolve=result.resolve), options.repeat)
    whole_corpus = best(lambda: [import_text(source, records=Records()) for source in corpus_texts], options.repeat)

    print(f"python {platform.python_version()} on {platform.machine()}; best of {options.repeat} runs")
    print(
        f"text: {len(text.encode()) / 1000:.1f} KB, {text.count(chr(10))} lines; read as "
        f"{len(resolution.preamble)} preambular and {len(resolution.operative)} operative clauses, "
        f"{len(resolution.footnotes)} footnotes, {len(resolution.annexes)} annex, "
        f"{len(resolution.layout.marks) if resolution.layout else 0} marks; "
        f"{len(result.warnings)} warnings; the YAML is {len(written.encode()) / 1000:.1f} KB"
    )
    print(f"{'':10} {'seconds':>9} {'x baseline':>11}")
    for label, seconds in (
        ("baseline", baseline),
        ("import", imported),
        ("render", rendering),
        (f"corpus ({len(corpus)})", whole_corpus),
    ):
        print(f"{label:10} {seconds:9.4f} {seconds / baseline:11.2f}")
    verdict = "meets" if imported < 0.100 else "MISSES"
    print(f"import of {len(text.encode()) / 1000:.1f} KB: {imported * 1000:.1f} ms ({verdict} the 100 ms target)")


if __name__ == "__main__":
    main()
