"""Writing files so that nothing is half-written, nothing leaves the project and no link is followed.

Two kinds of write:

- `write_files` writes what resolvetool makes of the user's records (import, fmt, lint --fix, new, init,
  schema). Every file is first written whole to a temporary file beside its target and flushed to disk;
  only when all of them are written are they renamed into place, so a full disk or a refused target
  leaves every file as it was. The folders on the way are opened one at a time from the project's root
  without following links (O_NOFOLLOW), so no link in the tree (not even one put there while the command
  runs) makes resolvetool write outside the project, and a link where a file is to be written is refused
  rather than replaced or followed.
- `atomic_write` writes a file the user named on the command line (`-o report.sarif`) or a page of a
  site whose folder is guarded by its builder: a link there is followed, as a shell's `>` would.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from .errors import ResolvetoolError

# Folders are walked by descriptor where the platform allows it (Linux, the BSDs, macOS); elsewhere by path,
# checking each folder on the way with lstat, which a change made during the run could outpace.
_BY_DESCRIPTOR = {os.open, os.mkdir, os.stat, os.replace, os.unlink} <= os.supports_dir_fd
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
# What link() says on file systems that have no hard links (FAT, some network shares).
_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
# The temporary file a write puts beside its target (".<name>.<8 hex>.tmp"), and the age at which one is
# taken for what a killed run left: a write takes milliseconds, and a kill -9 leaves its temporary behind.
_TEMPORARY = re.compile(r"\.(?P<name>.+)\.[0-9a-f]{8}\.tmp")
_ABANDONED_AFTER_S = 600


class WriteError(ResolvetoolError):
    """A write that was refused (it would leave the project, or go through a link) or that failed (a full
    disk, a read-only folder). Nothing was changed: the message names the file and says what to do."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = Path(path)
        self.reason = message


def write_file(root: Path, path: Path, text: str) -> None:
    """Write one file of the project at `root` (see write_files)."""
    write_files(root, {path: text})


def write_files(root: Path, files: Mapping[Path, str]) -> None:
    """Write every file (path -> text, UTF-8, line endings as given) inside the project at `root`, or none.

    Missing folders are made (and removed again if the write fails). Raises WriteError, having changed
    nothing, when a target lies outside the project, a folder on its way or the target itself is a link, the
    target is not a regular file, or the system refuses (a full disk).
    """
    root_real = os.path.realpath(root)
    staged: list[_Staged] = []
    made: list[tuple[int | None, str, str]] = []
    opened: dict[str, _Folder] = {}
    with ExitStack() as stack:
        try:
            for path, text in files.items():
                path = Path(path)
                data = _encoded(path, text)
                key = os.path.abspath(path.parent)
                if key not in opened:
                    opened[key] = stack.enter_context(_folder(root_real, path, made))
                staged.append(_stage(opened[key], path, data))
            # New files first: one of them can meet a file made meanwhile, and a new file is taken back
            # whole, whereas a file already replaced cannot be.
            for item in sorted(staged, key=lambda item: item.existed):
                item.land()
        except BaseException as error:
            for item in staged:
                item.discard()
            _remove_folders(made)
            if isinstance(error, OSError):
                raise WriteError(getattr(error, "target", None) or root, _explain(error)) from None
            raise
        for folder in opened.values():
            folder.sync()  # the renames made durable, as the files' contents were
        _close_made(made)


def _encoded(path: Path, text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise WriteError(
            path, "the text holds characters that cannot be written as UTF-8 (lone surrogates); nothing was written"
        ) from None


# A write refused for want of room, in words (the command line says the same of its standard output).
NO_ROOM = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is used up"}


def _explain(error: OSError) -> str:
    reasons: dict[int | None, str] = {  # OSError.errno may be None
        **{number: f"{said}; free some space and run the command again" for number, said in NO_ROOM.items()},
        errno.EROFS: "the file system is read-only",
        errno.EACCES: "permission denied; check the folder's permissions",
        errno.EPERM: "permission denied; check the folder's permissions",
    }
    reason = reasons.get(error.errno, error.strerror or str(error))
    return f"cannot write: {reason} (nothing was written)"


@dataclass
class _Folder:
    """A folder of the project, opened without following links: by descriptor, or by its checked path."""

    shown: Path  # the folder as the user named it, for messages
    descriptor: int | None
    path: str  # its real path (used where there are no descriptors)
    _leftovers: dict[str, list[str]] | None = None  # temporaries found in it, by the file they were for

    def at(self, name: str) -> dict:
        """Keyword arguments naming `name` inside this folder for os functions."""
        return {"dir_fd": self.descriptor} if self.descriptor is not None else {}

    def name(self, name: str) -> str:
        return name if self.descriptor is not None else os.path.join(self.path, name)

    def sync(self) -> None:
        if self.descriptor is not None:
            _quietly(os.fsync, self.descriptor)

    def sweep(self, name: str) -> None:
        """Remove what a killed write of `name` left beside it: its temporary files, once old enough that no
        running write can own them (the folder is listed once, on the first write into it)."""
        if self._leftovers is None:
            try:
                names = os.listdir(self.descriptor if self.descriptor is not None else self.path)
            except OSError:
                names = []
            self._leftovers = {}
            for entry in names:
                match = _TEMPORARY.fullmatch(entry)
                if match:
                    self._leftovers.setdefault(match["name"], []).append(entry)
        abandoned = time.time() - _ABANDONED_AFTER_S
        for entry in self._leftovers.pop(name, []):
            try:
                info = os.stat(self.name(entry), follow_symlinks=False, **self.at(entry))
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode) and info.st_mtime < abandoned:
                _quietly(os.unlink, self.name(entry), **self.at(entry))


@contextmanager
def _folder(root_real: str, path: Path, made: list[tuple[int | None, str, str]]) -> Iterator[_Folder]:
    """The folder that is to hold `path`, opened from the project root without following any link on the way;
    folders missing on the way are made and recorded in `made`."""
    steps = _steps_inside(root_real, path)
    shown = path.parent
    if not _BY_DESCRIPTOR:
        yield _folder_by_path(root_real, steps, shown, made)
        return
    descriptor = os.open(root_real, os.O_RDONLY | _DIRECTORY)
    try:
        walked = root_real
        for step in steps:
            walked = os.path.join(walked, step)
            try:
                inner = os.open(step, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=descriptor)
            except FileNotFoundError:
                try:
                    os.mkdir(step, dir_fd=descriptor)
                except OSError as error:
                    error.target = walked  # type: ignore[attr-defined]
                    raise
                made.append((os.dup(descriptor), step, walked))
                inner = os.open(step, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=descriptor)
            except OSError as error:
                if error.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
                    raise _not_a_folder(walked, root_real) from None
                raise
            os.close(descriptor)
            descriptor = inner
        yield _Folder(shown, descriptor, walked)
    finally:
        os.close(descriptor)


def _folder_by_path(root_real: str, steps: list[str], shown: Path, made: list[tuple[int | None, str, str]]) -> _Folder:
    walked = root_real
    for step in steps:
        walked = os.path.join(walked, step)
        try:
            info = os.lstat(walked)
        except FileNotFoundError:
            os.mkdir(walked)
            made.append((None, step, walked))
            continue
        if not stat.S_ISDIR(info.st_mode):
            raise _not_a_folder(walked, root_real)
    return _Folder(shown, None, walked)


def _not_a_folder(walked: str, root_real: str) -> WriteError:
    if os.path.islink(walked):
        where = os.path.realpath(walked)
        inside = where == root_real or where.startswith(root_real + os.sep)
        return WriteError(
            walked,
            f"is a symbolic link (to {where}{'' if inside else ', outside the project'}); "
            "resolvetool never writes through links: replace the link with a folder",
        )
    return WriteError(walked, "is not a folder (a file is in the way); nothing was written")


def _steps_inside(root_real: str, path: Path) -> list[str]:
    """The folder names from the project root to the folder of `path`; WriteError when it is outside.

    A path named inside the project is walked as named, so that a link on the way is found and refused. A
    path that is not (a folder reached through a link above the project, as in /home/me -> /data/me) is
    taken by its real folder."""
    folder = os.path.abspath(path.parent)
    for candidate in (folder, os.path.realpath(folder)):
        relative = os.path.relpath(candidate, root_real)
        if relative == ".":
            return []
        if not relative.startswith(os.pardir + os.sep) and relative != os.pardir and not os.path.isabs(relative):
            return relative.split(os.sep)
    raise WriteError(path, f"is outside the project ({root_real}); resolvetool writes only inside it")


@dataclass
class _Staged:
    """One file written in full to a temporary file beside its target, waiting to be renamed into place."""

    folder: _Folder
    target: Path
    name: str
    temporary: str
    existed: bool
    landed: bool = False

    def land(self) -> None:
        source, target = self.folder.name(self.temporary), self.folder.name(self.name)
        if self.existed:
            os.replace(source, target, **_pair(self.folder))
        else:
            # A new file must still be new: a rename would silently replace a file another run (a second
            # `new` of the same id, an editor) made since it was checked. A hard link never replaces.
            try:
                os.link(source, target, **_pair(self.folder), follow_symlinks=False)
            except FileExistsError:
                raise WriteError(
                    self.target,
                    "was made by another program while this one ran, and is not "
                    "replaced; nothing was written: look at it, then run the command "
                    "again",
                ) from None
            except OSError as error:
                if error.errno not in _NO_HARD_LINKS:
                    raise
                os.replace(source, target, **_pair(self.folder))  # a file system without hard links
            else:
                _quietly(os.unlink, source, **self.folder.at(self.temporary))
        self.landed = True

    def discard(self) -> None:
        if self.landed and not self.existed:
            _quietly(os.unlink, self.folder.name(self.name), **self.folder.at(self.name))
        elif not self.landed:
            _quietly(os.unlink, self.folder.name(self.temporary), **self.folder.at(self.temporary))


def _pair(folder: _Folder) -> dict:
    return {"src_dir_fd": folder.descriptor, "dst_dir_fd": folder.descriptor} if folder.descriptor is not None else {}


def _quietly(function, *args, **kwargs) -> None:
    with suppress(OSError):
        function(*args, **kwargs)


def _stage(folder: _Folder, target: Path, data: bytes) -> _Staged:
    name = target.name
    try:
        info = os.stat(folder.name(name), follow_symlinks=False, **folder.at(name))
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISLNK(info.st_mode):
        where = os.readlink(folder.name(name), **folder.at(name))
        raise WriteError(
            target,
            f"is a symbolic link (to {where}); resolvetool never writes through links: "
            "write the file it names instead, or replace the link with the file",
        )
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise WriteError(target, "is not a regular file (a folder or a special file); nothing was written")
    mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666
    folder.sweep(name)
    temporary = f".{name}.{secrets.token_hex(4)}.tmp"
    try:
        handle = os.open(
            folder.name(temporary), os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, mode, **folder.at(temporary)
        )
    except OSError as error:
        error.target = target  # type: ignore[attr-defined]
        raise
    staged = _Staged(folder, target, name, temporary, info is not None)
    try:
        if info is not None:
            os.fchmod(handle, mode)  # the existing file's mode, not the umask's
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]
        os.fsync(handle)
    except BaseException as error:
        os.close(handle)
        staged.discard()
        if isinstance(error, OSError):
            error.target = target  # type: ignore[attr-defined]
        raise
    os.close(handle)
    return staged


def _remove_folders(made: list[tuple[int | None, str, str]]) -> None:
    """Remove the folders a failed write made, innermost first (only while they are empty)."""
    for descriptor, step, walked in reversed(made):
        if descriptor is None:
            _quietly(os.rmdir, walked)
        else:
            _quietly(os.rmdir, step, dir_fd=descriptor)
    _close_made(made)


def _close_made(made: list[tuple[int | None, str, str]]) -> None:
    for descriptor, _, _ in made:
        if descriptor is not None:
            _quietly(os.close, descriptor)
    made.clear()


def atomic_write(path: Path, text: str) -> None:
    """Replace `path` with `text` (UTF-8) in one step; a crash leaves the old file or the new one.

    For files the user names (`-o FILE`): a symbolic link is followed (the file it names is replaced, the
    link kept), and a target that is not a regular file (/dev/null, a pipe, a terminal) is written to
    directly, as it cannot be replaced without destroying it.
    """
    path = Path(os.path.realpath(path))
    if path.exists() and not path.is_file():
        with path.open("w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
