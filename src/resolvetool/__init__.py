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

# The version, read when first asked for (importing importlib.metadata costs tens of milliseconds a lookup need not
# pay): pyproject.toml's [project] version is the one place it is written, read from the source tree the package was
# imported from when there is one, else from the installed distribution's metadata.
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
    version = _source_tree_version()
    if version is None:
        from importlib import metadata

        try:
            version = metadata.version("resolvetool")
        except metadata.PackageNotFoundError:
            version = "0+unknown"
    globals()["__version__"] = version  # read once
    return version


def _source_tree_version() -> str | None:
    """The version in the pyproject.toml of the source tree this package was imported from (src/resolvetool
    in a checkout, run as `PYTHONPATH=src python -m resolvetool` or installed editable), which is the one place
    it is written: the metadata is then either missing (never installed) or another installation's (an older
    resolvetool in the same interpreter), and would say 0+unknown or that one's version. None where the package
    is not in a source tree (an installed wheel)."""
    from pathlib import Path

    pyproject = Path(__file__).resolve().parent.parent.parent / "pyproject.toml"
    try:
        with open(pyproject, "rb") as handle:
            import tomllib

            project = tomllib.load(handle).get("project", {})
    except (OSError, ValueError):  # no source tree, or a pyproject that cannot be read: ask the metadata
        return None
    version = project.get("version") if project.get("name") == "resolvetool" else None
    return version if isinstance(version, str) else None
