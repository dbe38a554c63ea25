"""resolvetool: keep the record of what assemblies decided, as validated YAML.

The library is the product; the command line is a thin client of it:

    from resolvetool import load_settings, validate
    result = validate(load_settings())
    for diagnostic in result.diagnostics: ...

Names are imported lazily so that `resolvetool --help` and quick lookups stay fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"  # the one place the version lives: pyproject.toml reads it (setuptools dynamic)

_EXPORTS = {
    "Diagnostic": "diagnostics",
    "Severity": "diagnostics",
    "CODES": "diagnostics",
    "load_settings": "config",
    "Settings": "config",
    "ConfigError": "config",
    "load_corpus": "corpus",
    "Corpus": "corpus",
    "Entry": "entries",
    "parse_source": "source",
    "validate": "validation",
    "ValidationResult": "validation",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'resolvetool' has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)
