"""Plain text in, records out: `import_text` reads a resolution as printed (PDF extracts, OCR, markdown
conversions) and builds the records that hold it, so that rendering them gives the text back.

    from resolvetool.textimport import import_text
    result = import_text(text, name="WHA66.1.txt")
    result.resolution, result.planned, result.warnings
"""

from __future__ import annotations

import importlib
from typing import Any

# The names the package offers, each from the module that defines it (relative to this package). They are
# imported when first asked for (PEP 562), not with the package, so that importing one piece of it (the command's
# `run`, a test's `facts`) does not load the whole reader (a tenth of a second). `slug` is the neutral `ids`
# module's, offered here as it was before it moved there.
_WHERE = {
    "BuildError": ".records",
    "Planned": ".records",
    "Records": ".records",
    "slug": "..ids",
    "ImportFailure": ".parsed",
    "TextWarning": ".parsed",
    "ImportResult": ".importing",
    "import_document": ".importing",
    "import_pdf": ".importing",
    "import_text": ".importing",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "BuildError",
    "ImportFailure",
    "ImportResult",
    "Planned",
    "Records",
    "TextWarning",
    "import_document",
    "import_pdf",
    "import_text",
    "slug",
]
