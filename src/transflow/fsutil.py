"""The one way transflow writes files: atomically, only when the content changes, and never over
a file that someone saved after transflow read it (``Seen``)."""

from __future__ import annotations

import contextlib
import errno
import filecmp
import functools
import os
import secrets
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:  # imported with the first files to flush: a run writing none skips it
    from concurrent.futures import Future, ThreadPoolExecutor

# A file as one ``stat`` saw it: inode, size, mtime in ns. Saving a file in any editor changes
# one of them (a new file replacing it has another inode).
FileState = tuple[int, int, int]


def file_state(path: Path | str) -> FileState | None:
    """The state of ``path`` now; None when there is no such file."""
    try:
        return _state(os.stat(path))  # noqa: PTH116  (str or Path)
    except FileNotFoundError:
        return None


@dataclass(frozen=True)
class Seen:
    """How a file was when it was read (``state`` None: it did not exist). Staged with it, the
    file replaces its target only if nobody saved the target since."""

    state: FileState | None


def write_text_atomic(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` as UTF-8 unless it already holds exactly that.

    The text goes to a temporary file in the same folder, is flushed to disk, then renamed over
    the target, so a crash or Ctrl-C leaves either the old file or the new one, never a mix.
    Returns True when the file was written.
    """
    return write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> bool:
    return write_files_atomic([(path, data)])[0]


def write_chunks_atomic(path: Path, chunks: Iterable[bytes]) -> bool:
    """``write_bytes_atomic`` for a file too large to hold in memory at once (a TMX export of an
    archive): the chunks go to the temporary file as they come, which then replaces ``path``
    unless ``path`` already holds exactly the same bytes (the temporary file is removed)."""
    try:
        info: os.stat_result | None = path.stat()
    except FileNotFoundError:
        info = None
        path.parent.mkdir(parents=True, exist_ok=True)
    tmp_name = _temporary_name(path)
    try:
        with (
            _named(path),
            _create(tmp_name, _new_file_mode() if info is None else info.st_mode & 0o777) as out,
        ):
            for chunk in chunks:
                out.write(chunk)
            out.flush()
            size = out.tell()
        if info is not None and info.st_size == size and filecmp.cmp(tmp_name, path, False):
            os.unlink(tmp_name)  # noqa: PTH108  (the names are strings)
            return False
        _fsync_file(tmp_name)
        os.replace(tmp_name, path)  # noqa: PTH105  (the names are strings)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)  # noqa: PTH108  (the names are strings)
        raise
    return True


def write_files_atomic(files: Sequence[tuple[Path, bytes]], *, durable: bool = True) -> list[bool]:
    """Write each file unless it already holds exactly its data, atomically, all flushed together.

    Every changed file first goes to a temporary file beside its target; then the data of all of
    them reach the disk (see ``_FLUSH_THREADS``); only then are the temporary files renamed over
    their targets. A crash or Ctrl-C at any point leaves each target either as it was or whole and
    new. Returns, per file, whether it was written.
    ``durable=False`` skips the flush, for files that can be made again (built pages): after a
    power cut such a file may be empty, which the next run sees and rebuilds.
    """
    with staged_writes(durable=durable) as staged:
        for path, data in files:
            staged.add(path, data)
    return staged.written


@contextlib.contextmanager
def staged_writes(*, durable: bool = True) -> Iterator[StagedWrites]:
    """``write_files_atomic`` for files that arrive one by one, such as results from workers.

    Each file added goes to its temporary file at once, so the writing overlaps the work still
    being done; the targets are replaced only when the block ends without an error. An error or
    Ctrl-C in the block removes the temporary files and leaves every target as it was. A file
    added with ``seen`` replaces its target only if the target is still in that state; the
    targets left alone are listed in ``changed``.
    """
    staged = StagedWrites(durable)
    try:
        yield staged
        staged.commit()
    finally:
        staged.discard()


class StagedWrites:
    def __init__(self, durable: bool) -> None:
        self.durable = durable
        self.written: list[bool] = []  # per file added: whether it is (to be) written
        self.pending: list[tuple[str, Path]] = []  # temporary file and target, in order
        self.renamed = 0  # how many of them are in place
        # Targets left as they are because they changed after they were read (``Seen``).
        self.changed: list[Path] = []
        # Targets replaced so far, each with the state of the file now there (what ``add`` wrote:
        # a rename keeps the inode, size and mtime), so a caller can remember it without a stat.
        self.placed: dict[Path, FileState] = {}
        self._seen: dict[int, tuple[Seen, int]] = {}  # pending index: (seen, index in written)
        self._states: dict[int, FileState] = {}  # pending index: the file's state once written
        # Files added one by one (results from workers) start for the disk as soon as there are
        # enough of them to be worth threads: their flushing overlaps the work still being done.
        self._flusher: ThreadPoolExecutor | None = None
        self._flushing: list[Future[None]] = []
        self._unflushed: list[str] = []  # durable temporary files not handed to the flusher yet

    def add(
        self, path: Path, data: bytes, seen: Seen | None = None, *, durable: bool | None = None
    ) -> None:
        """Stage ``data`` for ``path``; with ``seen``, only if ``path`` is still as it was then.
        ``durable`` overrides the block's choice (``staged_writes``) for this file."""
        try:
            info = path.stat()
        except FileNotFoundError:
            info = None
            path.parent.mkdir(parents=True, exist_ok=True)
        if info is not None and stat.S_ISDIR(info.st_mode):
            # Found now, not by the rename at the end: no target is replaced if one cannot be.
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if info is not None and info.st_size == len(data) and path.read_bytes() == data:
            self.written.append(False)
            return
        if seen is not None and _state(info) != seen.state:
            self.written.append(False)
            self.changed.append(path)
            return
        if seen is not None:
            self._seen[len(self.pending)] = (seen, len(self.written))
        # The name is recorded before the file exists: Ctrl-C lands as soon as the (slow)
        # open returns, and a file created but not yet recorded would be left behind.
        tmp_name = _temporary_name(path)
        self.pending.append((tmp_name, path))
        mode = _new_file_mode() if info is None else info.st_mode & 0o777
        with _named(path), _create(tmp_name, mode) as handle:
            handle.write(data)
            handle.flush()
            self._states[len(self.pending) - 1] = _stat_state(os.fstat(handle.fileno()))
        self.written.append(True)
        if self.durable if durable is None else durable:
            self._unflushed.append(tmp_name)
            if self._flusher is None and len(self._unflushed) >= _FLUSH_THREADS_FROM:
                from concurrent.futures import ThreadPoolExecutor

                self._flusher = ThreadPoolExecutor(max_workers=_FLUSH_THREADS)
            if self._flusher is not None:
                self._flushing.extend(self._flusher.submit(_fsync_file, n) for n in self._unflushed)
                self._unflushed.clear()

    def commit(self) -> None:
        # Every durable file is on disk before any target is replaced (see ``_FLUSH_THREADS``).
        for name in self._unflushed:
            _fsync_file(name)
        self._unflushed.clear()
        for future in self._flushing:
            future.result()  # an error (a full or failing disk) stops the commit here
        for index in range(self.renamed, len(self.pending)):
            tmp_name, path = self.pending[index]
            guard = self._seen.get(index)
            if guard is not None and file_state(path) != guard[0].state:
                # Saved by someone (a translator's editor) since it was read: theirs stays.
                os.unlink(tmp_name)  # noqa: PTH108  (the names are strings)
                self.written[guard[1]] = False
                self.changed.append(path)
            else:
                os.replace(tmp_name, path)  # noqa: PTH105  (the names are strings)
                self.placed[path] = self._states[index]
            self.renamed += 1

    def discard(self) -> None:
        """Remove the temporary files not renamed yet (all of them after an error)."""
        if self._flusher is not None:  # the files being flushed are let be first
            self._flusher.shutdown(wait=True, cancel_futures=True)
            self._flusher = None
        for tmp_name, _ in self.pending[self.renamed :]:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_name)  # noqa: PTH108  (the names are strings)
        self.pending = self.pending[: self.renamed]


def _state(info: os.stat_result | None) -> FileState | None:
    return None if info is None else _stat_state(info)


def _stat_state(info: os.stat_result) -> FileState:
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def _temporary_name(path: Path) -> str:
    return str(path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp"))


def _create(name: str, mode: int) -> BinaryIO:
    """A new file ``name`` with permissions ``mode`` (the target's, or a new file's)."""
    handle = os.fdopen(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode), "wb")
    if mode & _umask():  # open() applied the umask; an existing target's mode is kept whole
        os.chmod(handle.fileno(), mode)  # noqa: PTH101  (of the open file)
    return handle


# Flushing a file waits for the disk, not the processor: one ``fsync`` per file, from several
# threads at once, lets the file system commit them together, three times faster here than one
# after another. (``syncfs`` would be faster still on an idle disk, but it also waits for every
# other program's unwritten data.) Below this many files, they are flushed one by one at commit.
_FLUSH_THREADS_FROM = 8
_FLUSH_THREADS = 16


def _fsync_file(name: str) -> None:
    fd = os.open(name, os.O_RDONLY)
    try:
        with _named(name):
            os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _named(path: str | Path) -> Iterator[None]:
    """An error of writing to an open file (a full disk) names the file, as one of opening it
    does: ``build/kk/a.html: no space left on device``, not the reason alone."""
    try:
        yield
    except OSError as exc:
        if exc.filename is not None or exc.errno is None:
            raise
        raise type(exc)(exc.errno, exc.strerror, os.fspath(path)) from exc


def _new_file_mode() -> int:
    return 0o666 & ~_umask()


@functools.lru_cache(maxsize=1)
def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def check_no_file_in_the_way(path: Path, root: Path) -> None:
    """For a file that is not there (a catalog not made yet): raise the OSError that making it
    would raise when something stands in the way — a folder in its place, or a file where one of
    its folders below ``root`` should be — so that a command that only reads says so before it
    writes anything, as the commands that write it do."""
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    for folder in path.parents:
        if folder == root or root not in folder.parents:
            return
        if folder.exists() and not folder.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path))


def read_text_utf8(path: Path, error: type[Exception]) -> str:
    """Read a UTF-8 text file, raising ``error(message, path, line)`` when it is not UTF-8."""
    return decode_utf8(path.read_bytes(), path, error)


def decode_utf8(data: bytes, path: Path, error: type[Exception]) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        start = data.rfind(b"\n", 0, exc.start) + 1
        before = data[start : exc.start].removeprefix(b"\xef\xbb\xbf" if start == 0 else b"")
        # In characters, as an editor counts them: the valid UTF-8 before it on its line.
        column = len(before.decode("utf-8", errors="replace")) + 1
        bad = data[exc.start]
        raise error(
            f"is not valid UTF-8 (byte 0x{bad:02X} at column {column})", path, line
        ) from None
    return text.removeprefix("\ufeff")
