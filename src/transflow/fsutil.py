"""The one way transflow writes files: atomically, and only when the content changes."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_text_atomic(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` as UTF-8 unless it already holds exactly that.

    The text goes to a temporary file in the same folder, is flushed to disk, then renamed over
    the target, so a crash or Ctrl-C leaves either the old file or the new one, never a mix.
    Returns True when the file was written.
    """
    return write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> bool:
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            Path(tmp_name).chmod(_mode_for(path))
        Path(tmp_name).replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp_name).unlink()
        raise
    return True


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
