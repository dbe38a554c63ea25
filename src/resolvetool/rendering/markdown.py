"""Markdown for a pull request, a wiki or a static site generator: the title as a heading, formulas set off
(preambular in italics, operative in bold, as UN documents print them), items as nested lists."""

from __future__ import annotations

import re
from typing import Any

from ..textforms import format_date, ordinal_suffix
from .parts import join_words, parts
from .styles import Context

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START = re.compile(r"^(\d+)([.)])|^([#+\-=>])")


def escape(text: str) -> str:
    """`text` with every character markdown would read as markup escaped, so record text shows as written."""
    text = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", text)


def render_markdown(resolution: Any, context: Context) -> str:
    markers = {footnote.marker for footnote in resolution.footnotes}

    def words(text: str) -> str:
        text = escape(text)
        for marker in markers:  # markdown footnote references in the source become real ones again
            text = text.replace(f"\\[^{escape(marker)}\\]", f"[^{marker}]")
        return text

    blocks = [f"# {words(resolution.title)}"]
    facts = [f"**{escape(resolution.symbol)}**"] if resolution.symbol else []
    facts.append(escape(context.body.name))
    if context.session is not None:
        facts.append(f"{ordinal_suffix(context.session.number)} session")
    adoption = resolution.adoption
    if adoption and adoption.date:
        facts.append(f"adopted {format_date(adoption.date)}")
    if resolution.status != "adopted" or not (adoption and adoption.date):
        facts.append(resolution.status)
    blocks.append(" · ".join(facts))
    items: list[str] = []
    for part in parts(resolution, context):
        if part.role != "item" and items:
            blocks.append("\n".join(items))
            items = []
        if part.role in ("slot", "heading"):
            continue
        if part.role == "formula":
            blocks.append(words(part.text))
        elif part.role in ("section", "annex-heading", "part"):
            blocks.append(f"## {words(part.text)}")
        elif part.role in ("annex-title", "part-title"):
            blocks.append(f"### {words(part.text)}")
        elif part.role == "clause":
            blocks.append(_clause(part.source, part.place.startswith("operative"), words))
        elif part.role == "item":
            item = part.source
            items.append("  " * (part.depth - 1) + f"- {join_words(words(item.label), words(item.text))}")
        elif part.role == "tail":
            blocks.append(words(part.text))
        elif part.role == "closing":
            blocks.append(f"*{words(part.text)}*")
        elif part.role == "outcome":
            blocks.append(f"**{words(part.text)}**")
        elif part.role == "annex-text":
            blocks += [words(paragraph) for paragraph in part.text.split("\n\n")]
        elif part.role == "footnote":
            footnote = part.source
            blocks.append(f"[^{footnote.marker}]: {words(footnote.text)}")
    if items:
        blocks.append("\n".join(items))
    return "\n\n".join(blocks) + "\n"


def _clause(clause: Any, operative: bool, words: Any) -> str:
    phrase = ""
    if clause.phrase:
        phrase = f"**{words(clause.phrase)}**" if operative else f"*{words(clause.phrase)}*"
    head = " ".join(word for word in (words(clause.number) if clause.number else "", phrase) if word)
    return join_words(head, words(clause.text)) if clause.text else head
