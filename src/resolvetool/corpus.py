"""The corpus: every record file found, loaded in parallel through the cache, and indexed.

A file's analysis (strict YAML, the model, the checks inside one record) depends on its bytes
alone, so it runs in worker processes and is cached by content. What the cross-record checks need
of each file is kept in a small `Entry`; full records are loaded again on demand (`Corpus.record`),
which keeps a hundred thousand records within a small memory budget.
"""

from __future__ import annotations

import gc
import marshal
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from .cache import ResultCache, code_salt, content_key
from .config import Settings, default_cache_dir
from .diagnostics import Diagnostic, make
from .entries import (
    AgreementFacts,
    Analysis,
    Approval,
    Entry,
    Facts,
    Ref,
    ResolutionFacts,
    SessionFacts,
    Sharing,
    Summary,
)
from .parallel import default_jobs, pool_map
from .source import read_source

if TYPE_CHECKING:
    from .source import SourceDocument

YAML_SUFFIXES = (".yaml", ".yml")
_CHUNK = 64  # files per task sent to a worker: large enough to amortise the hand-off
_PARALLEL_FROM = 256  # below this many files, starting workers costs more than it saves

Progress = Callable[[int, int], None]  # (files done so far, files in all)


class RecordChecks(Protocol):
    """Checks of one valid record that a caller of `load_corpus` adds to the corpus's own (validate adds lint's
    rules that read one record: lint.engine.LintChecks). What they find is marshal-able, kept in
    `Entry.findings` and cached with the file; they are sent to the worker processes, so they pickle."""

    def __call__(self, record: Any, doc: SourceDocument, raw: bytes) -> tuple: ...

    def cache_key(self) -> bytes:
        """What their findings depend on besides the file (their settings): a short digest, part of the cache
        keys."""
        ...


@dataclass(slots=True)
class Located:
    """Where things are in one record file, found again when a problem is to be reported."""

    marks: dict[str, tuple[int, int]]  # "id", "kind", "symbol", "adoption-date" -> line, col
    refs: list[tuple[int, int]]

    def at(self, name: str) -> tuple[int, int]:
        return self.marks.get(name, (0, 0))

    def ref(self, index: int) -> tuple[int, int]:
        return self.refs[index] if index < len(self.refs) else (0, 0)


@dataclass
class Corpus:
    """All record files of a run, their entries (indexed by id and symbol) and their problems."""

    settings: Settings
    base: Path  # the folder that entry and diagnostic paths are relative to
    files: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    by_id: dict[str, Entry] = field(default_factory=dict)
    by_symbol: dict[str, Entry] = field(default_factory=dict)
    cache_problem: str | None = None
    cached: int = 0  # files whose analysis came from the cache
    incomplete: bool = False  # a folder could not be listed: some records may be missing
    _located: dict[str, Located] = field(default_factory=dict, repr=False)

    def lookup(self, ref: str) -> Entry | None:
        """The entry for an id or an official symbol (`#fragment` ignored)."""
        key = ref.split("#", 1)[0]
        return self.by_id.get(key) or self.by_symbol.get(ref)

    def find(self, ref: str) -> Entry | None:
        """The entry for an id or symbol, ignoring case ("a/res/80/1" finds A/RES/80/1)."""
        found = self.lookup(ref) or self.lookup(ref.lower())
        if found is None:
            wanted = ref.casefold()
            found = next((entry for symbol, entry in self.by_symbol.items() if symbol.casefold() == wanted), None)
        return found

    def suggest(self, ref: str, limit: int = 3) -> list[str]:
        """Ids and symbols that look like `ref`, closest first, for "did you mean" hints."""
        import difflib

        names = {name.casefold(): name for name in [*self.by_id, *self.by_symbol]}
        return [names[name] for name in difflib.get_close_matches(ref.casefold(), list(names), n=limit, cutoff=0.6)]

    def record(self, ref: str) -> Any:
        """The full, validated record for an id or symbol, read from its file (None if invalid)."""
        from .models import RECORD_ADAPTER
        from .source import parse_source

        entry = self.lookup(ref)
        if entry is None or not entry.valid:
            return None
        doc = parse_source((self.base / entry.path).read_bytes(), entry.path)
        return RECORD_ADAPTER.validate_python(doc.data)

    def locate(self, entry: Entry) -> Located:
        """Positions in `entry`'s file; (0, 0) wherever the file no longer says what it said."""
        found = self._located.get(entry.path)
        if found is None:
            found = self._located[entry.path] = _locate(self.base / entry.path, entry)
        return found


def _locate(path: Path, entry: Entry) -> Located:
    try:
        raw = path.read_bytes()
    except OSError:
        return Located({}, [])
    return locate_in(raw, entry)


def locate_in(raw: bytes, entry: Entry) -> Located:
    """Positions in `raw`, the text of `entry`'s file (an import's planned file is not on the disk yet)."""
    from pydantic import ValidationError

    from .models import RECORD_ADAPTER, references
    from .source import parse_source

    doc = parse_source(raw, entry.path)
    marks: dict[str, tuple[int, int]] = {
        name: doc.position((name,)) for name in ("id", "kind", "symbol") if doc.data and name in doc.data
    }
    refs: list[tuple[int, int]] = []
    if entry.valid and doc.data is not None:
        try:
            record = RECORD_ADAPTER.validate_python(doc.data)
        except ValidationError:
            return Located(marks, refs)
        refs = [doc.position(loc) for loc, _, _ in references(record)]
        marks["adoption-date"] = doc.position(("adoption", "date"))
    return Located(marks, refs)


# --- discovery -------------------------------------------------------------------------------------


def discover(folder: Path | str, unreadable: list[tuple[str, str]] | None = None) -> list[str]:
    """Every *.yaml and *.yml file under `folder`, sorted; hidden folders and linked folders skipped.

    Folders that cannot be listed are added to `unreadable` as (path, reason)."""
    found: list[str] = []
    pending = [os.fspath(folder)]
    while pending:
        current = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError as error:
            if unreadable is not None:
                unreadable.append((current, error.strerror or str(error)))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
            elif entry.name.endswith(YAML_SUFFIXES):
                found.append(entry.path)
    found.sort()
    return found


def canonical(path: Path | str) -> Path:
    """An absolute, normalised path; symbolic links are kept, so that a file is named as the
    records tree names it (records/ itself may be a link)."""
    return Path(os.path.abspath(path))


def display_path(path: Path | str, base: Path | str) -> str:
    """The path as diagnostics show it: relative to `base` when inside it."""
    path, base = os.fspath(path), os.fspath(base)
    prefix = base.rstrip(os.sep) + os.sep
    return path[len(prefix) :] if path.startswith(prefix) else path


# --- analysis of one file (runs in workers) ---------------------------------------------------------


def analyse(raw: bytes, path: str, checks: RecordChecks | None = None) -> Analysis:
    """A file's analysis: what it holds, its own problems, and what `checks` found in its record when valid."""
    from pydantic import ValidationError

    from .consistency import record_checks
    from .models import KINDS, RECORD_ADAPTER, references
    from .schemaerrors import validation_diagnostics
    from .schemaline import first_line, named_schema
    from .source import parse_source

    doc = parse_source(raw, path)
    diagnostics = list(doc.diagnostics)
    data = doc.data
    if data is None:
        return Analysis(None, _capped(diagnostics, path, doc.unlisted))

    def text(key: str) -> str | None:
        value = data.get(key)
        return value if isinstance(value, str) else None

    kind = text("kind")
    # Whether the schema line leads to the kind's schema depends on where the file is, which this result,
    # cached by content, must not: validation.py's pass over the tree compares it.
    schema_line = named_schema(first_line(raw.split(b"\n", 1)[0].decode("utf-8"))) if raw.startswith(b"#") else None
    try:
        record: Any = RECORD_ADAPTER.validate_python(data)  # one of the kinds' models
    except ValidationError as error:
        diagnostics += validation_diagnostics(error, doc)
        summary = Summary(text("id"), kind if kind in KINDS else None, text("symbol"), False, schema_line=schema_line)
        return Analysis(summary, _capped(diagnostics, path, doc.unlisted))
    diagnostics += record_checks(record, doc)
    summary = Summary(
        record.id,
        record.kind,
        record.symbol,
        True,
        tuple(Ref(target, kinds) for _, target, kinds in references(record)),
        tuple(name for name, _ in record.fragments()),
        _facts(record),
        schema_line,
    )
    findings = checks(record, doc, raw) if checks is not None else ()
    return Analysis(summary, _capped(diagnostics, path, doc.unlisted), findings)


def _capped(diagnostics: list[Diagnostic], path: str, unlisted: int) -> tuple:
    from .diagnostics import cap
    from .source import MAX_DIAGNOSTICS_PER_FILE

    return tuple(d.to_tuple() for d in cap(diagnostics, path, MAX_DIAGNOSTICS_PER_FILE, unlisted=unlisted))


def _facts(record: Any) -> Facts:
    """Values that checks between records compare: a session's dates; a resolution's session, adoption date and
    status; an agreement's approvals."""
    if record.kind == "session":
        return SessionFacts(
            record.start.isoformat() if record.start else "", record.end.isoformat() if record.end else ""
        )
    if record.kind == "resolution":
        adopted = record.adoption.date.isoformat() if record.adoption and record.adoption.date else ""
        return ResolutionFacts(record.session or "", adopted, record.status)
    if record.kind == "agreement":
        return AgreementFacts(
            tuple(
                Approval(index, step.by)
                for index, step in enumerate(record.lifecycle)
                if step.event == "approved" and step.by
            )
        )
    return None


# content key, result, new?, stale?, and the file's stamp when it was read
Outcome = tuple[bytes | None, bytes, bool, bool, tuple[int, int, int, int] | None]


class _Work(NamedTuple):
    """What every file of a run is analysed with (sent to the workers with each chunk of files)."""

    base: str  # the folder display paths are relative to
    max_size: int
    salt: bytes  # of the cache keys: the code, the checks and their settings
    checks: RecordChecks | None
    root: str | None  # links in the project that lead out of it are not read


def _analyse_chunk(displays: list[str], work: _Work, cache: ResultCache | None) -> list[Outcome]:
    """Analyse files, consulting the cache by content, one outcome each."""
    out: list[Outcome] = []
    folders: dict[str, bool] = {}  # the folders of this batch that stay inside the project, each looked up once
    for display in displays:
        path = os.path.join(work.base, display)
        try:
            info = os.stat(path)
            stamp = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        except OSError:
            stamp = None  # read_source says why
        raw = read_source(Path(path), display, max_size=work.max_size, within=work.root, folders=folders)
        if isinstance(raw, Diagnostic):
            unread = Analysis(None, (raw.to_tuple(),))
            out.append((None, marshal.dumps(unread.to_plain()), False, False, None))
            continue
        key = content_key(raw, work.salt)
        hit = cache.get(key) if cache is not None else None
        if hit is not None:
            out.append((key, hit[0], False, hit[1], stamp))
        else:
            analysis = analyse(raw, display, work.checks)
            out.append((key, marshal.dumps(analysis.to_plain()), True, False, stamp))
    return out


# Each worker process opens its own read-only connection, once, after the fork.
_worker_cache: tuple[str, ResultCache] | None = None


def _worker_chunk(displays: list[str], work: _Work, cache_dir: str | None) -> list[Outcome]:
    global _worker_cache
    cache = None
    if cache_dir is not None:
        if _worker_cache is None or _worker_cache[0] != cache_dir:
            _worker_cache = (cache_dir, ResultCache(Path(cache_dir), readonly=True))
        cache = _worker_cache[1]
    return _analyse_chunk(displays, work, cache)


# --- loading the corpus ------------------------------------------------------------------------------


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def load_corpus(
    settings: Settings,
    extra: Iterable[Path | str] = (),
    *,
    record_checks: RecordChecks | None = None,
    jobs: int | None = None,
    use_cache: bool = True,
    progress: Progress | None = None,
    base: Path | None = None,
) -> Corpus:
    """Load every record under the project's records/ (and `extra` files) into a Corpus, each valid record also
    given to `record_checks` (validate gives lint's rules that read one record: see `RecordChecks`).

    Never raises for a bad file: each becomes diagnostics. `base` is the folder paths are shown
    relative to (the current folder by default).
    """
    # Loading makes a few objects per record and frees none of them: the cyclic collector, set off by every
    # 700 allocations, would walk the growing corpus again and again for nothing (a warm run's loading of
    # 13,288 files: 0.74 -> 0.65 s). Paused while loading, as it was found.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load(settings, extra, record_checks, jobs, use_cache, progress, base)
    finally:
        if collecting:
            gc.enable()


def _load(
    settings: Settings,
    extra: Iterable[Path | str],
    record_checks: RecordChecks | None,
    jobs: int | None,
    use_cache: bool,
    progress: Progress | None,
    base: Path | None,
) -> Corpus:
    base = (base or Path.cwd()).resolve()
    unreadable: list[tuple[str, str]] = []
    paths = discover(settings.records, unreadable) if settings.records.is_dir() else []
    known = set(paths)
    paths += sorted(p for p in {str(canonical(e)) for e in extra} if p not in known)
    corpus = Corpus(settings=settings, base=base)
    for folder, reason in unreadable:
        corpus.incomplete = True
        corpus.diagnostics.append(
            make(
                display_path(folder, base),
                0,
                0,
                "RT001",
                f"cannot list the folder: {reason}",
                "its records, and references to records that may be in it, are not "
                "checked; fix the folder's permissions",
            )
        )
    cache: ResultCache | None = None
    if use_cache:
        cache = ResultCache(settings.cache_dir or default_cache_dir())
        corpus.cache_problem = cache.problem
    usable = cache if cache is not None and cache.usable else None
    salt = code_salt() + (record_checks.cache_key() if record_checks is not None else b"")
    loader = _Loader(corpus, base, os.fspath(canonical(settings.records)) + os.sep, usable, salt)

    # Files whose stamps are those last seen with a cached result are not even read. Only display
    # paths are kept from here on: absolute ones are joined again where a file is read.
    unread: list[str] = []
    total = len(paths)
    for path in paths:
        display = display_path(path, base)
        corpus.files.append(display)
        if usable is not None:
            try:
                info = os.lstat(path)  # a link is read afresh: where it leads is checked then
            except OSError:
                unread.append(display)
                continue
            if stat.S_ISLNK(info.st_mode):
                unread.append(display)
                continue
            hit = usable.get_unchanged(path, (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino), salt)
            if hit is not None:
                key, value, stale = hit
                loader.add(display, (key, value, False, stale, None))
                continue
        unread.append(display)
    del paths, known
    if progress and loader.done:
        progress(loader.done, total)

    jobs = jobs or settings.jobs or default_jobs()
    work = _Work(str(base), settings.max_file_size, salt, record_checks, os.path.realpath(settings.root))
    for chunk, outcomes in _run(unread, work, usable, jobs):
        for display, outcome in zip(chunk, outcomes, strict=True):
            loader.add(display, outcome)
        if progress:
            progress(loader.done, total)
    loader.flush()
    if cache is not None:
        cache.prune()
        corpus.cache_problem = corpus.cache_problem or cache.problem
        cache.close()
    corpus.entries.sort(key=lambda e: e.path)
    _index(corpus)
    return corpus


class _Loader:
    """Turns analysis outcomes into entries and diagnostics, sharing repeated strings, and passes
    new results to the cache in batches so that they never pile up in memory."""

    _BATCH = 2000

    def __init__(
        self, corpus: Corpus, base: Path, records_prefix: str, cache: ResultCache | None, salt: bytes = b""
    ) -> None:
        self.corpus = corpus
        self.salt = salt
        self.base = os.fspath(base)
        self.records_prefix = records_prefix
        self.cache = cache
        self.new: list[tuple[bytes, bytes]] = []  # results to store
        self.used: list[bytes] = []  # cached results to mark as used today
        self.stamps: list[tuple[str, tuple[int, int, int, int], bytes]] = []
        self.done = 0
        self.sharing = Sharing()

    def add(self, display: str, outcome: Outcome) -> None:
        """Take in one file's outcome: the analysis it holds, and what the cache is to learn of it."""
        key, value, is_new, stale, stamp = outcome
        self.done += 1
        path = os.path.join(self.base, display)
        plain = marshal.loads(value)
        self.corpus.entries.append(Entry.from_plain(display, self._folder(path), plain, self.sharing))
        if plain[1]:
            self.corpus.diagnostics.extend(Diagnostic.from_tuple(display, d) for d in plain[1])
        if key is None:
            return
        if not is_new:
            self.corpus.cached += 1
        if self.cache is None:
            return
        if is_new:
            self.new.append((key, value))
        elif stale:
            self.used.append(key)
        if stamp is not None:
            self.stamps.append((path, stamp, key))
        if len(self.new) + len(self.used) + len(self.stamps) >= self._BATCH:
            self.flush()

    def add_analysis(self, display: str, analysis: Analysis) -> None:
        """Take in one file's analysis (of a file not written yet: an import's)."""
        self.corpus.entries.append(Entry.of(display, self._folder(os.path.join(self.base, display)), analysis))
        if analysis.diagnostics:
            self.corpus.diagnostics.extend(Diagnostic.from_tuple(display, d) for d in analysis.diagnostics)

    def _folder(self, path: str) -> str | None:
        """The first folder under records/ ("" for records/ itself; None outside it)."""
        if not path.startswith(self.records_prefix):
            return None
        rest = path[len(self.records_prefix) :]
        return sys.intern(rest.split(os.sep, 1)[0]) if os.sep in rest else ""

    def flush(self) -> None:
        if self.cache is not None and (self.new or self.used or self.stamps):
            self.cache.update(self.new, self.used, self.stamps, self.salt)
        self.new, self.used, self.stamps = [], [], []


def _run(
    items: list[str], work: _Work, cache: ResultCache | None, jobs: int
) -> Iterator[tuple[list[str], list[Outcome]]]:
    """Analyse the files, in worker processes when there are enough of them to be worth it."""
    chunks = list(_chunks(items, _CHUNK))
    if jobs <= 1 or len(items) < _PARALLEL_FROM:
        for chunk in chunks:
            yield chunk, _analyse_chunk(chunk, work, cache)
        return
    cache_dir = str(cache.path.parent) if cache is not None else None
    yield from pool_map(_worker_chunk, chunks, (work, cache_dir), jobs=jobs)


def _index(corpus: Corpus) -> None:
    """Index entries by id and symbol. Duplicates are errors, so one must win: records of the tree
    before files outside it, then path order. Files whose id is unknown claim their name last."""
    ordered = sorted(corpus.entries, key=lambda e: e.folder is None)  # stable: path order kept
    for entry in ordered:
        if entry.id is not None:
            corpus.by_id.setdefault(entry.id, entry)
            if entry.symbol:
                corpus.by_symbol.setdefault(entry.symbol, entry)
    for entry in ordered:
        if entry.id is None:
            corpus.by_id.setdefault(file_stem(entry.path), entry)


def file_stem(path: str) -> str:
    """`records/sessions/a.b.yaml` -> `a.b`: the name an id must equal."""
    name = path.rsplit("/", 1)[-1].rsplit(os.sep, 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name
