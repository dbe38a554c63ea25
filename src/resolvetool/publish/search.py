"""Search in the browser, no server: the records' words in files of about SHARD_SIZE records each
(`search/<n>.js`, by a hash of the id, so that a change rewrites one file) and `search/shards.js` naming
them. Words are folded as assets/search.js folds what is typed: lower case, no combining marks."""

from __future__ import annotations

import math
import re
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache, partial
from typing import TYPE_CHECKING

from .plan import digest

if TYPE_CHECKING:
    from .plan import Plan, Published

SHARD_SIZE = 1000  # records per search-index file
_WORD = re.compile(r"[^\W_]+")


def search_files(plan: Plan) -> tuple[dict[str, tuple[str, Callable[[], str]]], str]:
    """search/<n>.js, the records in shards by a hash of their id, and search/shards.js naming them."""
    count = max(1, math.ceil(len(plan.published) / SHARD_SIZE))
    shards: dict[int, list[Published]] = defaultdict(list)
    for item in plan.published:
        shards[zlib.crc32(item.id.encode()) % count].append(item)
    files: dict[str, tuple[str, Callable[[], str]]] = {}
    names = []
    for number in range(count):
        members = shards.get(number, [])
        fingerprint = digest(plan.stamp, [(item.id, item.digest, tuple(plan.rows[item.id])) for item in members])
        files[f"search/{number}.js"] = (fingerprint, partial(shard, plan, members))
        names.append(f"search/{number}.js?v={fingerprint[:12]}")
    from ..rendering.html import script_json

    files["search/shards.js"] = (
        digest(plan.stamp, names),
        lambda: f"window.resolvetoolShards = {script_json(names)};\n",
    )
    return files, digest(names)[:12]


def shard(plan: Plan, members: list[Published]) -> str:
    from ..rendering.html import script_json

    words: dict[int, str] = {}
    recs = [item.rec for item in members]
    for rec, (text, names) in plan.index.search_words(recs).items():
        words[rec] = " ".join(dict.fromkeys(_WORD.findall(fold(f"{names} {text}"))))
    docs = []
    for item in sorted(members, key=lambda item: item.id):
        row = plan.rows[item.id]
        docs.append(
            [
                item.page,
                row.title or row.symbol or row.id,
                row.kind,
                row.symbol,
                row.date,
                words.get(item.rec, ""),
                row.when,
            ]
        )
    return f"resolvetoolSearch.add({script_json(docs)});\n"


def fold(text: str) -> str:
    """Lower case without combining marks (accents, vowel points, vowel signs), as the search script folds
    what is typed: NFD, then every character of a Mark category dropped."""
    if text.isascii():
        return text.lower()
    return " ".join(_fold_word(word) for word in text.split())


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    # Words repeat across records: each distinct one is decomposed once.
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.category(c).startswith("M")).lower()
