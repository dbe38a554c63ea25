"""Where the project is and how it is configured: `resolvetool.toml` or `[tool.resolvetool]`."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ResolvetoolError
from .kinds import DEFAULT_MAX_FILE_SIZE


class ConfigError(ResolvetoolError):
    """A problem with the project's setup or settings; the CLI turns it into exit code 2."""


@dataclass(frozen=True)
class Settings:
    """The project's settings, with their defaults."""

    root: Path
    records: Path
    schemas: Path
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    cache_dir: Path | None = None
    jobs: int | None = None
    source: Path | None = field(default=None, compare=False)
    """The file the settings were read from, if any."""
    lint_table: dict[str, Any] = field(default_factory=dict)
    """The [lint] table as written: lint reads it (lint.config.lint_config), so that these settings, which every
    command reads, do not depend on lint; `load_settings(read_lint=...)` checks it with the rest."""
    render: RenderSettings = field(default_factory=lambda: RenderSettings())
    """The [render] settings."""
    ci_install: str | None = None
    """[ci] install: what the workflow `init` writes installs resolvetool from (read by that workflow, which
    refuses init's placeholder; resolvetool itself only checks that it is a string)."""


@dataclass(frozen=True)
class AknSettings:
    """How Akoma Ntoso work URIs are formed: the country (or organization) code and the expression's language."""

    country: str = "un"
    language: str = "eng"

    def __post_init__(self) -> None:
        # A two-letter code, optionally with a locality, as cobalt.uri reads it back.
        if not re.fullmatch(r"[a-z]{2}(-[a-z0-9]+)?", self.country):
            raise ConfigError(
                f"akn-country {self.country!r} is not a country code: use two lower-case letters "
                f"('un', 'fr', 'eu'; 'int' is too long), optionally with a locality ('za-cpt')"
            )
        if not re.fullmatch(r"[a-z]{3}", self.language):
            raise ConfigError(
                f"akn-language {self.language!r} is not an ISO 639-2 code: use three lower-case letters ('eng', 'fra')"
            )


@dataclass(frozen=True)
class RenderSettings:
    """How records are published: Akoma Ntoso identity, the site's name, templates that override ours."""

    akn: AknSettings = field(default_factory=AknSettings)
    site_title: str = "Resolutions"
    templates: Path | None = None


# Keys accepted in the configuration, with the type each must have.
_KEYS: dict[str, type] = {
    "records": str,
    "schemas": str,
    "max-file-size": int,
    "cache-dir": str,
    "jobs": int,
    "lint": dict,
    "render": dict,
    "ci": dict,
}
_RENDER_KEYS: dict[str, type[str]] = {"akn-country": str, "akn-language": str, "site-title": str, "templates": str}
_CI_KEYS: dict[str, type] = {"install": str}


def find_root(start: Path) -> Path | None:
    """The nearest folder from `start` upwards that holds `records/` or `resolvetool.toml`."""
    for folder in (start, *start.parents):
        if (folder / "resolvetool.toml").is_file() or (folder / "records").is_dir():
            return folder
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: not UTF-8 (byte {error.start}); save it as UTF-8") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None


def load_settings(
    root: Path | None = None, *, cwd: Path | None = None, read_lint: Callable[[Any], object] | None = None
) -> Settings:
    """Settings for the project at `root`, or for the project found from `cwd` upwards. `read_lint` (the command
    line gives lint.config.parse_lint_config) reads the [lint] table as the rest is read, a ValueError naming
    what is wrong, so that a wrong [lint] stops every command as a wrong setting does; without it, lint reads
    the table when it runs."""
    cwd = cwd or Path.cwd()
    if root is None:
        root = find_root(cwd.resolve())
        if root is None:
            raise ConfigError(
                f"no project found: neither {cwd} nor any folder above it holds records/ or resolvetool.toml; "
                "run inside a project or pass --root DIR"
            )
    elif not root.is_dir():
        raise ConfigError(f"--root {root}: no such folder")
    elif not (
        (root / "records").is_dir() or (root / "resolvetool.toml").is_file() or (root / "pyproject.toml").is_file()
    ):
        raise ConfigError(f"--root {root}: not a project (it holds neither records/ nor resolvetool.toml)")
    root = root.resolve()
    values: dict[str, Any] = {}
    source: Path | None = None
    if (root / "resolvetool.toml").is_file():
        source = root / "resolvetool.toml"
        values = _read_toml(source)
        values = values.get("tool", {}).get("resolvetool", values) if "tool" in values else values
    elif (root / "pyproject.toml").is_file():
        data = _read_toml(root / "pyproject.toml").get("tool", {}).get("resolvetool")
        if data is not None:
            source, values = root / "pyproject.toml", data
    for key, value in values.items():
        wanted = _KEYS.get(key)
        if wanted is None:
            known = ", ".join(sorted(_KEYS))
            raise ConfigError(f"{source}: unknown setting {key!r} (known settings: {known})")
        if not isinstance(value, wanted) or isinstance(value, bool):
            raise ConfigError(f"{source}: setting {key!r} must be a {wanted.__name__}, not {value!r}")
    if values.get("max-file-size", 1) < 1 or values.get("jobs", 1) < 1:
        raise ConfigError(f"{source}: max-file-size and jobs must be positive")
    lint_table = values.get("lint", {})
    if read_lint is not None:
        try:
            read_lint(lint_table)
        except ValueError as error:
            raise ConfigError(f"{source}: {error}") from None
    render = _render_settings(values.get("render", {}), root, source)
    ci_install = _ci_install(values.get("ci", {}), source)
    return Settings(
        root=root,
        records=_inside_project(root, values.get("records", "records"), "records", source),
        schemas=_inside_project(root, values.get("schemas", "schemas"), "schemas", source),
        max_file_size=values.get("max-file-size", DEFAULT_MAX_FILE_SIZE),
        cache_dir=_cache_dir(root, values.get("cache-dir"), source),
        jobs=values.get("jobs"),
        source=source,
        lint_table=lint_table,
        render=render,
        ci_install=ci_install,
    )


def _render_settings(values: dict[str, Any], root: Path, source: Path | None) -> RenderSettings:
    for key, value in values.items():
        wanted = _RENDER_KEYS.get(key)
        if wanted is None:
            raise ConfigError(f"{source}: unknown setting render.{key} (known: {', '.join(sorted(_RENDER_KEYS))})")
        if not isinstance(value, wanted) or not value.strip():
            raise ConfigError(f"{source}: setting render.{key} must be a non-empty {wanted.__name__}, not {value!r}")
    try:
        akn = AknSettings(country=values.get("akn-country", "un"), language=values.get("akn-language", "eng"))
    except ConfigError as error:
        raise ConfigError(f"{source}: {error}") from None
    templates = (
        _inside_project(root, values["templates"], "render.templates", source) if "templates" in values else None
    )
    if templates is not None and not templates.is_dir():
        raise ConfigError(f"{source}: render.templates names {templates}, which is not a folder")
    return RenderSettings(akn=akn, site_title=values.get("site-title", "Resolutions"), templates=templates)


def _inside_project(root: Path, value: str, name: str, source: Path | None) -> Path:
    """The folder a setting names, relative to the project's root; a ConfigError when it is (or leads, through
    a link) outside the project: a repository's settings must not make resolvetool read or write elsewhere."""
    if "\0" in value:  # no file name holds one (the system would refuse every path built on it)
        raise ConfigError(f"{source or root}: setting {name} = {value!r} holds a NUL character; name a folder")
    folder = root / value
    real = Path(os.path.realpath(folder))
    if not real.is_relative_to(root):
        how = "" if Path(os.path.abspath(folder)) == real else f" (through a link, to {real})"
        raise ConfigError(
            f"{source or root}: setting {name} = {value!r} is outside the project{how}; name a folder inside {root}"
        )
    return folder


def _cache_dir(root: Path, setting: str | None, source: Path | None) -> Path | None:
    """Where the cache lives: $RESOLVETOOL_CACHE_DIR, the user's own choice, anywhere; else the project's
    `cache-dir` setting, which like every folder a repository's settings name must lie inside the project (a pull
    request's settings would otherwise make resolvetool make folders and write its databases anywhere on a CI
    runner); else None, the user's cache folder."""
    chosen = os.environ.get("RESOLVETOOL_CACHE_DIR")
    if chosen:
        return root / chosen
    return _inside_project(root, setting, "cache-dir", source) if setting else None


def _ci_install(values: dict[str, Any], source: Path | None) -> str | None:
    for key, value in values.items():
        if key not in _CI_KEYS:
            raise ConfigError(f"{source}: unknown setting ci.{key} (known: {', '.join(sorted(_CI_KEYS))})")
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(
                f"{source}: setting ci.{key} must be a non-empty string (a pip requirement), not {value!r}"
            )
    return values.get("install")


def default_cache_dir() -> Path:
    """The user's cache folder for resolvetool (XDG), outside any records tree."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "resolvetool"
