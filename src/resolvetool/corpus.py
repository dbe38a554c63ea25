"""The corpus: every record file found, loaded in parallel through the cache, and indexed.

A file's analysis (strict YAML, the model, the checks inside one record) depends on its bytes
alone, so it runs in worker processes and is cached by content. What the cross-record checks need
of each file is kept in a small `Entry`; full records are loaded again on demand (`Corpus.record`),
which keeps a hundred thousand records within a small memory budget.
"""

from __future__ import annotations

import marshal
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .cache import ResultCache, code_salt, content_key
from .config import Settings, default_cache_dir
from .diagnostics import Diagnostic
from .source import read_source

YAML_SUFFIXES = (".yaml", ".yml")
_CHUNK = 64  # files per task sent to a worker: large enough to amortise the hand-off
_PARALLEL_FROM = 256  # below this many files, starting workers costs more than it saves

Progress = Callable[[int, int], None]  # (files done so far, files in all)


@dataclass(slots=True)
class Entry:
    """What the cross-record checks and lookups need of one record file.

    `refs` is flat to stay small at scale: (target, line, col, accepted kinds "a|b", ...) repeated.
    `facts` carries the few values that checks between records compare (dates).
    """

    path: str
    id: str | None
    kind: str | None
    symbol: str | None
    valid: bool
    marks: tuple[int, ...]  # line, col of id, kind and symbol values
    refs: tuple = ()
    fragments: tuple[str, ...] = ()
    facts: tuple = ()

    @property
    def id_position(self) -> tuple[int, int]:
        return self.marks[0], self.marks[1]

    @property
    def kind_position(self) -> tuple[int, int]:
        return self.marks[2], self.marks[3]

    @property
    def symbol_position(self) -> tuple[int, int]:
        return self.marks[4], self.marks[5]

    def references(self) -> Iterator[tuple[str, int, int, tuple[str, ...]]]:
        refs = self.refs
        for i in range(0, len(refs), 4):
            yield refs[i], refs[i + 1], refs[i + 2], tuple(refs[i + 3].split("|")) if refs[i + 3] else ()


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

    def lookup(self, ref: str) -> Entry | None:
        """The entry for an id or an official symbol (`#fragment` ignored)."""
        key = ref.split("#", 1)[0]
        return self.by_id.get(key) or self.by_symbol.get(ref)

    def record(self, ref: str) -> Any:
        """The full, validated record for an id or symbol, read from its file (None if invalid)."""
        from .models import RECORD_ADAPTER
        from .source import parse_source

        entry = self.lookup(ref)
        if entry is None or not entry.valid:
            return None
        doc = parse_source((self.base / entry.path).read_bytes(), entry.path)
        return RECORD_ADAPTER.validate_python(doc.data)


# --- discovery -------------------------------------------------------------------------------------


def discover(folder: Path) -> list[Path]:
    """Every *.yaml and *.yml file under `folder`, sorted; hidden folders and linked folders skipped."""
    found: list[Path] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue  # an unreadable folder: its files cannot be listed, let alone read
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append(Path(entry.path))
            elif entry.name.endswith(YAML_SUFFIXES):
                found.append(Path(entry.path))
    found.sort()
    return found


def canonical(path: Path | str) -> Path:
    """An absolute path with its folders' symbolic links resolved (not the file's own: a linked
    record file is reported under its own name)."""
    absolute = Path(os.path.abspath(path))
    return Path(os.path.realpath(absolute.parent)) / absolute.name


def display_path(path: Path, base: Path) -> str:
    """The path as diagnostics show it: relative to `base` when inside it, with forward slashes."""
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


# --- analysis of one file (runs in workers) ---------------------------------------------------------


def analyse(raw: bytes, path: str) -> tuple:
    """A file's bytes to a marshal-able result: (entry fields or None, diagnostic tuples)."""
    from pydantic import ValidationError

    from .consistency import record_checks
    from .models import KINDS, RECORD_ADAPTER, references
    from .schemaerrors import validation_diagnostics
    from .source import parse_source

    doc = parse_source(raw, path)
    diagnostics = list(doc.diagnostics)
    data = doc.data
    if data is None:
        return None, tuple(d.to_tuple() for d in diagnostics)

    def text(key: str) -> str | None:
        value = data.get(key)
        return value if isinstance(value, str) else None

    kind = text("kind")
    marks = (*doc.position(("id",)), *doc.position(("kind",)), *doc.position(("symbol",)))
    try:
        record = RECORD_ADAPTER.validate_python(data)
    except ValidationError as error:
        diagnostics += validation_diagnostics(error, doc)
        entry = (text("id"), kind if kind in KINDS else None, text("symbol"), False, marks, (), (), ())
        return entry, tuple(d.to_tuple() for d in diagnostics)
    diagnostics += record_checks(record, doc)
    refs: list[Any] = []
    for loc, target, kinds in references(record):
        line, col = doc.position(loc)
        refs += (target, line, col, "|".join(kinds))
    fragments = tuple(name for name, _ in record.fragments())
    entry = (record.id, record.kind, record.symbol, True, marks, tuple(refs), fragments, _facts(record, doc))
    return entry, tuple(d.to_tuple() for d in diagnostics)


def _facts(record: Any, doc: Any) -> tuple:
    """Values that checks between records compare: a session's dates, a resolution's adoption."""
    if record.kind == "session":
        return (record.start.isoformat() if record.start else "", record.end.isoformat() if record.end else "")
    if record.kind == "resolution" and record.adoption and record.adoption.date and record.session:
        line, col = doc.position(("adoption", "date"))
        return (record.session, record.adoption.date.isoformat(), line, col)
    return ()


def _analyse_chunk(items: list[tuple[str, str]], max_size: int, cache: ResultCache | None,
                   salt: bytes) -> list[tuple[str, bytes | None, bytes, bool, bool]]:
    """Analyse files, consulting the cache: [(display path, key, result bytes, new?, stale?)]."""
    out = []
    for path, display in items:
        raw = read_source(Path(path), display, max_size=max_size)
        if isinstance(raw, Diagnostic):
            out.append((display, None, marshal.dumps((None, (raw.to_tuple(),))), False, False))
            continue
        key = content_key(raw, salt)
        hit = cache.get(key) if cache is not None else None
        if hit is not None:
            out.append((display, key, hit[0], False, hit[1]))
        else:
            out.append((display, key, marshal.dumps(analyse(raw, display)), True, False))
    return out


# Each worker process opens its own read-only connection, once, after the fork.
_worker_cache: tuple[str, ResultCache] | None = None


def _worker_chunk(items: list[tuple[str, str]], max_size: int, cache_dir: str | None,
                  salt: bytes) -> list[tuple[str, bytes | None, bytes, bool, bool]]:
    global _worker_cache
    cache = None
    if cache_dir is not None:
        if _worker_cache is None or _worker_cache[0] != cache_dir:
            _worker_cache = (cache_dir, ResultCache(Path(cache_dir), readonly=True))
        cache = _worker_cache[1]
    return _analyse_chunk(items, max_size, cache, salt)


# --- loading the corpus ------------------------------------------------------------------------------


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def load_corpus(settings: Settings, extra: Iterable[Path] = (), *, jobs: int | None = None,
                use_cache: bool = True, progress: Progress | None = None, base: Path | None = None) -> Corpus:
    """Load every record under the project's records/ (and `extra` files) into a Corpus.

    Never raises for a bad file: each becomes diagnostics. `base` is the folder paths are shown
    relative to (the current folder by default).
    """
    base = (base or Path.cwd()).resolve()
    paths = discover(settings.records) if settings.records.is_dir() else []
    known = set(paths)
    paths += sorted(p for p in (canonical(e) for e in extra) if p not in known)
    items = [(str(p), display_path(p, base)) for p in paths]
    corpus = Corpus(settings=settings, base=base, files=[display for _, display in items])

    cache: ResultCache | None = None
    if use_cache:
        cache = ResultCache(settings.cache_dir or default_cache_dir())
        corpus.cache_problem = cache.problem
    salt = code_salt()
    jobs = jobs or settings.jobs or _default_jobs()

    new: list[tuple[bytes, bytes]] = []
    used: list[bytes] = []
    done = 0
    for batch in _run(items, settings.max_file_size, cache if cache and cache.usable else None, salt, jobs):
        for display, key, value, is_new, stale in batch:
            entry, diagnostics = marshal.loads(value)
            if entry is not None:
                corpus.entries.append(Entry(display, *entry))
            elif not diagnostics or diagnostics[0][2] not in ("RT001", "RT002"):
                # A file that holds no usable record still claims its name, so that references to it
                # are not reported a second time; unreadable files and dead links claim nothing.
                corpus.entries.append(Entry(display, None, None, None, False, (0, 0, 0, 0, 0, 0)))
            corpus.diagnostics.extend(Diagnostic.from_tuple(display, d) for d in diagnostics)
            if key is not None:
                if is_new:
                    new.append((key, value))
                else:
                    corpus.cached += 1
                    if stale:
                        used.append(key)
        done += len(batch)
        if progress:
            progress(done, len(items))
    if cache is not None:
        cache.update(new, used)
        corpus.cache_problem = corpus.cache_problem or cache.problem
        cache.close()
    corpus.entries.sort(key=lambda e: e.path)
    _index(corpus)
    return corpus


def _run(items: list[tuple[str, str]], max_size: int, cache: ResultCache | None, salt: bytes,
         jobs: int) -> Iterator[list[tuple[str, bytes | None, bytes, bool, bool]]]:
    """Analyse the files, in worker processes when there are enough of them to be worth it."""
    if jobs <= 1 or len(items) < _PARALLEL_FROM:
        for chunk in _chunks(items, _CHUNK):
            yield _analyse_chunk(chunk, max_size, cache, salt)
        return
    cache_dir = str(cache.path.parent) if cache is not None else None
    # fork starts workers in milliseconds with the models already imported; elsewhere spawn.
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method)) as pool:
        futures = [pool.submit(_worker_chunk, chunk, max_size, cache_dir, salt) for chunk in _chunks(items, _CHUNK)]
        for future in futures:
            yield future.result()


def _index(corpus: Corpus) -> None:
    """Index entries by id and symbol; the first file (in path order) wins, as duplicates are errors."""
    for entry in corpus.entries:
        stem = Path(entry.path).stem
        if entry.id is None:
            entry.id = stem
        corpus.by_id.setdefault(entry.id, entry)
        if entry.symbol:
            corpus.by_symbol.setdefault(entry.symbol, entry)
