"""Markdown for a pull request, a wiki or a static site generator: the title as a heading, formulas set off
(preambular in italics, operative in bold, as UN documents print them), items as nested lists."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..inert import inert
from ..textforms import format_date, ordinal_suffix
from .parts import join_words, parts
from .styles import Context

# Escaped with a backslash wherever they stand: what starts emphasis, strikethrough, code, links and tables.
_SPECIAL = re.compile(r"([\\`*_\[\]|~>])")
# What starts a block at the start of a line (headings, setext underlines, lists, ordered lists).
_LINE_START = re.compile(r"^(\d+)([.)])|^([#+\-=])", re.MULTILINE)


def escape(text: str) -> str:
    """`text` as markdown (GitHub's, CommonMark) that shows its characters and nothing else: every character
    markdown reads as markup escaped, `&` and `<` as entities (so no entity or HTML can form), and each line
    escaped at its start, so that a line of the text starts no heading, quote, list, fence or table. Lines
    are kept as soft breaks; blank lines and the spaces around lines are dropped (they would end the block
    the text stands in, or make code of it), and what would act on a terminal is shown as its escape."""
    lines = [line.strip(" \t") for line in inert(text).split("\n")]
    text = "\n".join(line for line in lines if line)
    text = _SPECIAL.sub(r"\\\1", text).replace("&", "&amp;").replace("<", "&lt;")
    return _LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", text)


def escape_line(text: str) -> str:
    """`text` escaped (see `escape`) on one line, for a heading or a list item's first words."""
    return escape(" ".join(text.split()))


def render_markdown(resolution: Any, context: Context) -> str:
    markers = {footnote.marker for footnote in resolution.footnotes}

    def words(text: str, *, one_line: bool = False) -> str:
        text = escape_line(text) if one_line else escape(text)
        for marker in markers:  # markdown footnote references in the source become real ones again
            text = text.replace(f"\\[^{escape_line(marker)}\\]", f"[^{escape_line(marker)}]")
        return text

    def line(text: str) -> str:
        return words(text, one_line=True)

    blocks = [f"# {line(resolution.title or resolution.symbol or resolution.id)}", _facts(resolution, context)]
    items: list[str] = []  # the lines of the list being printed
    for part in parts(resolution, context):
        if part.role not in ("item", "instrument-item") and items:
            blocks.append("\n".join(items))
            items = []
        if part.role == "item":
            item = part.source
            items.append("  " * (part.depth - 1) + f"- {join_words(line(item.label), words(item.text))}")
        elif part.role == "instrument-item":
            items.append("  " * (part.depth - 1) + f"- {words(part.text)}")
        else:
            blocks += _blocks(part, words, line)
    if items:
        blocks.append("\n".join(items))
    return "\n\n".join(blocks) + "\n"


def _facts(resolution: Any, context: Context) -> str:
    """The line under the title: symbol, body, session, adoption date, and the status when it is not that."""
    facts = [f"**{escape_line(resolution.symbol)}**"] if resolution.symbol else []
    facts.append(escape_line(context.body.name))
    if context.session is not None:
        facts.append(f"{ordinal_suffix(context.session.number)} session")
    adoption = resolution.adoption
    if adoption and adoption.date:
        facts.append(f"adopted {format_date(adoption.date)}")
    if resolution.status != "adopted" or not (adoption and adoption.date):
        facts.append(resolution.status)
    return " · ".join(facts)


def _blocks(part: Any, words: Callable[[str], str], line: Callable[[str], str]) -> list[str]:
    """The blocks of one part that is not a list item (none for the parts markdown does not print)."""
    role = part.role
    if role == "formula" or role == "tail" or role == "instrument-text":
        return [words(part.text)]
    if role in ("section", "annex-heading", "part"):
        return [f"## {line(part.text)}"]
    if role in ("annex-title", "part-title"):
        return [f"### {line(part.text)}"]
    if role == "clause":
        return [_clause(part.source, part.place.startswith("operative"), words, line)]
    if role == "closing":
        return [_emphasis("*", words(part.text))]
    if role == "outcome":
        return [_emphasis("**", words(part.text))]
    if role == "annex-text":
        return [words(paragraph) for paragraph in part.text.split("\n\n")]
    if role == "footnote":
        footnote = part.source
        return [f"[^{escape_line(footnote.marker)}]: {words(footnote.text)}"]
    return []  # "slot", "heading": nothing in markdown


def _emphasis(mark: str, text: str) -> str:
    """`text` between `mark`s; nothing for no text (`****` alone would be a horizontal rule)."""
    return f"{mark}{text}{mark}" if text else ""


def _clause(clause: Any, operative: bool, words: Any, line: Any) -> str:
    phrase = _emphasis("**" if operative else "*", line(clause.phrase)) if clause.phrase else ""
    head = " ".join(word for word in (line(clause.number) if clause.number else "", phrase) if word)
    return join_words(head, words(clause.text)) if clause.text else head
