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

# The installed distribution's version, read from its metadata when first asked for (importing importlib.metadata
# costs tens of milliseconds a lookup need not pay): pyproject.toml's [project] version is the one place it is written.
__version__: str

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
    if name == "__version__":
        return _version()
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'resolvetool' has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)


def _version() -> str:
    from importlib import metadata

    try:
        version = metadata.version("resolvetool")
    except metadata.PackageNotFoundError:  # imported from a source tree that was never installed
        version = "0+unknown"
    globals()["__version__"] = version  # read once
    return version
