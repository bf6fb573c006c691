"""The one way transflow writes files: atomically, and only when the content changes."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO


def write_text_atomic(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` as UTF-8 unless it already holds exactly that.

    The text goes to a temporary file in the same folder, is flushed to disk, then renamed over
    the target, so a crash or Ctrl-C leaves either the old file or the new one, never a mix.
    Returns True when the file was written.
    """
    return write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> bool:
    return write_files_atomic([(path, data)])[0]


def write_files_atomic(files: Sequence[tuple[Path, bytes]], *, durable: bool = True) -> list[bool]:
    """Write each file unless it already holds exactly its data, atomically, all flushed together.

    Every changed file first goes to a temporary file beside its target; then the data of all of
    them reach the disk (see ``_flush``); only then are the temporary files renamed over their
    targets. A crash or Ctrl-C at any point leaves each target either as it was or whole and new.
    Returns, per file, whether it was written.
    ``durable=False`` skips the flush, for files that can be made again (built pages): after a
    power cut such a file may be empty, which the next run sees and rebuilds.
    """
    written: list[bool] = []
    pending: list[tuple[str, Path]] = []
    renamed = 0
    try:
        for path, data in files:
            try:
                if path.stat().st_size == len(data) and path.read_bytes() == data:
                    written.append(False)
                    continue
            except FileNotFoundError:
                pass
            path.parent.mkdir(parents=True, exist_ok=True)
            # The name is recorded before the file exists: Ctrl-C lands as soon as the (slow)
            # open returns, and a file created but not yet recorded would be left behind.
            tmp_name = _temporary_name(path)
            pending.append((tmp_name, path))
            with _create(tmp_name) as handle:
                handle.write(data)
            Path(tmp_name).chmod(_mode_for(path))
            written.append(True)
        if durable:
            _flush([tmp for tmp, _ in pending])
        for tmp_name, path in pending:
            Path(tmp_name).replace(path)
            renamed += 1
    finally:
        for tmp_name, _ in pending[renamed:]:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_name)  # noqa: PTH108  (the names are strings)
    return written


def _temporary_name(path: Path) -> str:
    return str(path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp"))


def _create(name: str) -> BinaryIO:
    """A new file ``name``, readable by its owner only until it is renamed (as ``mkstemp``)."""
    return os.fdopen(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")


def _flush(names: list[str]) -> None:
    """Get the data of the files ``names`` to disk.

    One ``fsync`` per file, from several threads at once: the file system then commits them
    together, three times faster than one after another here. (``syncfs`` would be faster still
    on an idle disk, but it also waits for every other program's unwritten data.)
    """
    if len(names) < 8:
        for name in names:
            _fsync_file(name)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=16) as pool:
        for _ in pool.map(_fsync_file, names):
            pass


def _fsync_file(name: str) -> None:
    fd = os.open(name, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def read_text_utf8(path: Path, error: type[Exception]) -> str:
    """Read a UTF-8 text file, raising ``error(message, path, line)`` when it is not UTF-8."""
    return decode_utf8(path.read_bytes(), path, error)


def decode_utf8(data: bytes, path: Path, error: type[Exception]) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = data[exc.start]
        raise error(
            f"is not valid UTF-8 (byte 0x{bad:02X} at column {column})", path, line
        ) from None
    return text.removeprefix("\ufeff")
