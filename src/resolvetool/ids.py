"""Ids made from what names a record (a symbol, a title, a name), one rule for `import` and `new`: both give a
record the id its words suggest, never "the highest number + 1", which two branches would both take.

    slug("MSC.302(87)") -> "msc.302-87"; slug("Cooperation with Europol", 6) -> "cooperation-with-europol"
"""

from __future__ import annotations

import re
import unicodedata

# Words left out of an id made from the first words of a title or name.
_SMALL_WORDS = frozenset({"the", "of", "a", "an", "and", "on", "for", "to", "in"})


def _ascii(text: str) -> str:
    """`text` in lower-case ASCII, accents dropped ("Genève" -> "geneve"); other scripts leave nothing."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def slug(text: str, words: int | None = None) -> str:
    """A lower-case id from `text`: "MSC.302(87)" -> "msc.302-87", "A/RES/80/1" -> "a-res-80-1"; with `words`,
    the first that many words, small words left out. "resolution" when nothing of `text` is left."""
    parts = [part for part in re.split(r"[^a-z0-9.]+", _ascii(text)) if part.strip(".")]
    if words:
        parts = [part for part in parts if part not in _SMALL_WORDS][:words]
    return "-".join(part.strip(".") for part in parts)[:120].strip("-.") or "resolution"


def gives_an_id(text: str) -> bool:
    """Whether `text` holds a Latin letter or a digit to make an id from (a title in another script does not)."""
    return re.search(r"[a-z0-9]", _ascii(text)) is not None


__all__ = ["gives_an_id", "slug"]
