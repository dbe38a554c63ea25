"""Write the documentation pages that are generated from the code, or check that they are current.

docs/commands.md is every command's `--help` as it prints at 100 columns, without colour; docs/rules.md is
the lint rules' documentation from their modules. Both are committed so that they read on GitHub and in the
site, and the tests fail when either differs from what this script writes: after changing a command's help
or a rule, run `python scripts/gen_docs.py` and review the diff. It is a script, not a module of the package,
because only people working on resolvetool need it.

    python scripts/gen_docs.py            write both pages
    python scripts/gen_docs.py --check    write nothing; exit 1 naming each page that differs
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
COMMANDS_PAGE = REPO / "docs" / "commands.md"
RULES_PAGE = REPO / "docs" / "rules.md"
REGENERATE = "python scripts/gen_docs.py"
WIDTH = 100  # the columns --help is wrapped at on the page: fixed, so the page does not depend on a terminal

COMMANDS_INTRO = f"""\
# Command reference

Every command's `--help`, exactly as it prints at {WIDTH} columns. This page is generated from the command
line itself by `{REGENERATE}`, and a test fails when it differs from what the commands print. The other pages
of these docs explain each command in full.
"""


def command_paths(command: Any, parents: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """A command's path, then those of its subcommands, by name within each level. Groups are told by their
    `commands` mapping: typer builds them on click or on its own copy of click, depending on its version."""
    yield parents
    subcommands: dict[str, Any] = getattr(command, "commands", None) or {}
    for name in sorted(subcommands):
        yield from command_paths(subcommands[name], (*parents, name))


def help_text(path: tuple[str, ...]) -> str:
    """What `resolvetool PATH... --help` prints at WIDTH columns, without colour."""
    from typer.testing import CliRunner

    from resolvetool.cli import app

    result = CliRunner().invoke(
        app,
        [*path, "--help"],
        prog_name="resolvetool",
        env={"COLUMNS": str(WIDTH), "NO_COLOR": "1", "TERM": "dumb"},
        terminal_width=WIDTH,
    )
    if result.exit_code != 0:
        raise RuntimeError(f"resolvetool {' '.join(path)} --help exited {result.exit_code}: {result.output}")
    return result.stdout.rstrip()


def commands_page() -> str:
    """docs/commands.md: the introduction, then one section per command with its --help in a text block."""
    import typer.main

    from resolvetool.cli import app

    sections = [COMMANDS_INTRO]
    for path in command_paths(typer.main.get_command(app)):
        title = " ".join(["resolvetool", *path, "--help"])
        sections.append(f"## `{title}`\n\n```text\n{help_text(path)}\n```\n")
    return "\n".join(sections)


def rules_page() -> str:
    """docs/rules.md, from the rule modules' docstrings and the code registry."""
    from resolvetool.lint.docs import reference

    return reference()


PAGES: dict[Path, Callable[[], str]] = {COMMANDS_PAGE: commands_page, RULES_PAGE: rules_page}


def stale_pages() -> list[Path]:
    """The generated pages whose committed text differs from what would be written now."""
    return [page for page, make in PAGES.items() if not page.is_file() or page.read_text(encoding="utf-8") != make()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a page is out of date")
    options = parser.parse_args(argv)
    if options.check:
        stale = stale_pages()
        for page in stale:
            print(f"{page.relative_to(REPO)} is out of date: run {REGENERATE}", file=sys.stderr)
        return 1 if stale else 0
    for page, make in PAGES.items():
        page.write_text(make(), encoding="utf-8", newline="\n")
        print(f"wrote {page.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
