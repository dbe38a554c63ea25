"""HTML pages from Jinja2 templates: one record on a self-contained page, or the pages of a static site.

Templates are package data (rendering/templates); a project can override any of them with a file of the same
name in the folder its `[render] templates` setting names. A body's house style picks its own templates and
stylesheet where it has them (templates/house/<style>/), and the shared ones otherwise. Every piece of record
text goes through Jinja's autoescaping; links are built from ids and part names, percent-encoded, never
taken from record text, so nothing a record says can become markup, a script or a link elsewhere.

Templates run in Jinja's immutable sandbox: a project's template (which a pull request can change, and a CI
preview build then renders) reads the data it is given and cannot reach Python's internals (`__class__`,
`__globals__`), call what changes data, or call a method of a record beyond reading its fields, so it cannot
run a command or read a file. Trying is a template error naming the template and its line.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import ResolvetoolError
from .page import KIND_FOLDERS

TEMPLATES = resources.files("resolvetool.rendering") / "templates"
KIND_LABELS = {
    "resolution": "Resolution",
    "agreement": "Agreement",
    "report": "Report",
    "session": "Session",
    "body": "Body",
    "organization": "Organization",
    "instrument": "Instrument",
}


@cache
def environment(overrides: Path | None = None) -> Any:
    """The Jinja2 environment: the project's templates first, then ours; autoescaping everything; sandboxed."""
    import jinja2

    loaders: list[Any] = [_contained_loader()(str(overrides))] if overrides is not None else []
    loaders.append(jinja2.FileSystemLoader(str(TEMPLATES)))
    env = _sandbox()(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_shown_inert,
    )
    env.globals.update(kind_labels=KIND_LABELS, kind_folders=KIND_FOLDERS, plural=plural)
    env.filters["plural_word"] = plural_word
    env.filters["thousands"] = lambda number: f"{number:,}"
    return env


def _shown_inert(value: Any) -> Any:
    """What a template prints, with control characters and bidirectional controls shown as their escapes
    (`\\x1b`), as `text` and `markdown` show them: HTML escaping leaves them as they are, so a page printed to a
    terminal (`render -f html`, `cat site/...`) could act on it, and a browser would show nothing of them."""
    from markupsafe import Markup

    from ..inert import inert

    if isinstance(value, Markup):
        return Markup(inert(str(value)))
    return inert(value) if isinstance(value, str) else value


@cache
def _contained_loader() -> type:
    """A loader of the project's templates that never reads a link leading out of their folder (a pull request
    could otherwise publish ~/.ssh/id_rsa as a page)."""
    import jinja2
    from jinja2.loaders import split_template_path

    class ContainedLoader(jinja2.FileSystemLoader):
        def get_source(self, environment: Any, template: str) -> Any:
            for folder in self.searchpath:
                _refuse_link_out(Path(folder), Path(folder, *split_template_path(template)))
            return super().get_source(environment, template)

    return ContainedLoader


def _refuse_link_out(folder: Path, path: Path) -> None:
    """A TemplateProblem when `path`, in the project's templates `folder`, is a link leading out of it."""
    import os

    from ..source import leads_outside

    if leads_outside(path, os.path.realpath(folder)) is not None:
        raise TemplateProblem(
            f"{path} is a symbolic link leading outside {folder}: it is not read; replace the link with the file itself"
        )


def _project_file(folder: Path | None, *parts: str) -> Path | None:
    """A file of the project's templates folder, if it has it (never through a link leading out of it)."""
    if folder is None:
        return None
    path = folder.joinpath(*parts)
    _refuse_link_out(folder, path)
    return path if path.is_file() else None


@cache
def _sandbox() -> type:
    """Jinja's immutable sandbox, stricter about records: of a pydantic model, a template reads its fields and
    the properties our models define, nothing else (BaseModel's own methods include ones that read files,
    `parse_file`, and unpickle them)."""
    from jinja2.sandbox import ImmutableSandboxedEnvironment
    from pydantic import BaseModel

    class Sandbox(ImmutableSandboxedEnvironment):
        def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
            if not super().is_safe_attribute(obj, attr, value):
                return False
            return not isinstance(obj, BaseModel) or _model_data(type(obj), attr)

    return Sandbox


def _model_data(model: type, attr: str) -> bool:
    """Whether `attr` of a record model is data: a field, or a property one of our models defines."""
    if attr in model.model_fields:  # type: ignore[attr-defined]
        return True
    for klass in model.__mro__:
        if klass.__module__.startswith("pydantic"):
            return False
        if isinstance(klass.__dict__.get(attr), property):
            return True
    return False


def plural(count: int, word: str) -> str:
    """ "1 body", "12 bodies", "2 resolutions"."""
    return f"{count:,} {word if count == 1 else plural_word(word)}"


def plural_word(word: str) -> str:
    return word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else word + "s"


def asset(name: str, overrides: Path | None = None) -> str:
    """A stylesheet or script the pages use, from the project's templates when it has its own."""
    own = _project_file(overrides, "assets", name)
    return (own or (TEMPLATES / "assets" / name)).read_text(encoding="utf-8")


def house_css(house: str, overrides: Path | None = None) -> str:
    """The extra stylesheet of a house style ("" when it has none)."""
    own = _project_file(overrides, "house", house, "style.css")
    if own is not None:
        return own.read_text(encoding="utf-8")
    ours = Path(str(TEMPLATES)) / "house" / house / "style.css"
    return ours.read_text(encoding="utf-8") if ours.is_file() else ""


def templates_stamp(overrides: Path | None = None) -> str:
    """What the pages' look depends on besides the records: every template and asset, ours and the project's."""
    import os

    from ..source import leads_outside

    digest = hashlib.blake2b(digest_size=16)
    for folder in (Path(str(TEMPLATES)), overrides):
        if folder is None:
            continue
        within = os.path.realpath(folder)
        for path in sorted(folder.rglob("*")):
            if leads_outside(path, within) is not None:  # refused where it is used, never read
                digest.update(str(path.relative_to(folder)).encode() + b"\0link out\0")
            elif path.is_file():
                digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class TemplateProblem(ResolvetoolError):
    """A template that cannot be used: where, and what is wrong (most likely in a project's own templates)."""


def render_page(
    template: str, context: dict[str, Any], *, house: str = "standard", overrides: Path | None = None
) -> str:
    """A page from `template`, or from the house style's own version of it when there is one."""
    import jinja2

    env = environment(overrides)
    try:
        chosen = env.select_template([f"house/{house}/{template}", template])
        return chosen.render(**context)
    except jinja2.TemplateError as error:
        raise TemplateProblem(_template_problem(error, overrides)) from None


def template_failure(error: Exception, overrides: Path | None) -> str:
    """What a template's own code raised while rendering, other than a template error (`{{ 1 / 0 }}` in a
    project's template): where, and what; an error raised outside any template is a bug, and goes up as it is."""
    import traceback

    if not any(frame.filename.endswith(".j2") for frame in traceback.extract_tb(error.__traceback__)):
        raise error
    return _template_problem(error, overrides)


def _template_problem(error: Any, overrides: Path | None) -> str:
    """ "template tpl/index.html.j2, line 3: unexpected '}'", from a syntax error or from the frame of the
    template that was running when a name was undefined."""
    import traceback

    where = None
    if getattr(error, "lineno", None) is not None:
        where = (getattr(error, "filename", None) or getattr(error, "name", None) or "?", error.lineno)
    else:
        frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename.endswith(".j2")]
        if frames:
            where = (frames[-1].filename, frames[-1].lineno)
    place = f"template {where[0]}, line {where[1]}: " if where else "templates: "
    mine = overrides is not None and where is not None and str(where[0]).startswith(str(overrides))
    fix = (
        f"fix it, or remove it from {overrides} to use resolvetool's own"
        if mine
        else "this is a bug in resolvetool: please report it"
    )
    what = str(getattr(error, "message", None) or error).rstrip(".")
    return f"{place}{what}; {fix}"


def standalone_page(page: dict[str, Any], *, site_title: str, overrides: Path | None = None) -> str:
    """One record as a self-contained page: its stylesheet inline, no scripts, nothing fetched."""
    css = asset("site.css", overrides) + house_css(page["house"], overrides)
    return render_page(
        "record.html.j2",
        {**page, "root": "", "site": None, "site_title": site_title, "inline_css": css, "house_stylesheet": None},
        house=page["house"],
        overrides=overrides,
    )


def script_json(value: Any) -> str:
    """JSON that is safe inside a script: no "</script>", "<!--" or line separators can end or break it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
