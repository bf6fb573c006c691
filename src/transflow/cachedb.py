"""SQLite files in ``.transflow-cache`` that keep what is costly to compute from a project's files.

Each is only a cache: opened in WAL mode without flushing to disk, shared by the workers of a run
(each process and thread opens its own connection), and started afresh when damaged. Deleting
one costs the work again and nothing else.

The SQLite used is the one inside APSW, not the system's (Python's ``sqlite3`` module uses the
library the system has, 3.40 on Debian 12): before 3.51.3, two processes writing to one database
in WAL mode could corrupt it (https://sqlite.org/wal.html#walresetbug), which is what a run's
workers do. Here that left the segments cache malformed in about one of five runs of `extract`
at 1,000 articles (from scratch, then on an edited revision), and every later command without
the work it saves.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import apsw

_connections: dict[tuple[int, int, Path], apsw.Connection | None] = {}
_SCHEMA = "CREATE TABLE IF NOT EXISTS cache (name TEXT PRIMARY KEY, key BLOB, data BLOB)"
BUSY_MS = 30_000  # how long to wait for another process's write to finish
# What a damaged file raises; the cache is then started afresh.
_DAMAGED = (apsw.CorruptError, apsw.NotADBError)


def get(path: Path, name: str, key: bytes) -> Any:
    """What ``put`` stored under ``name`` in the cache ``path``, if stored with ``key``; else
    None (also when the cache is missing, unusable or holds something unreadable)."""
    db = _connection(path)
    if db is None:
        return None
    try:
        found = db.execute("SELECT data FROM cache WHERE name = ? AND key = ?", (name, key))
        row = found.fetchone()
        return None if row is None else marshal.loads(row[0])
    except _DAMAGED:
        _start_afresh(path)
        return None
    except (apsw.Error, EOFError, ValueError, TypeError):
        return None


def put(path: Path, name: str, key: bytes, value: Any) -> None:
    """Store ``value`` (anything ``marshal`` takes) under ``name``, valid while ``key`` holds."""
    _write(path, _INSERT, lambda: [(name, key, marshal.dumps(value))])


def put_many(path: Path, rows: list[tuple[str, bytes, Any]]) -> None:
    """``put`` of each (name, key, value), in one transaction: one write to disk for them all."""
    _write(path, _INSERT, lambda: [(name, key, marshal.dumps(value)) for name, key, value in rows])


def forget(path: Path, names: list[str]) -> None:
    """Drop what is stored under ``names`` (those of files that are gone), in one transaction."""
    if names and path.exists():
        _write(path, "DELETE FROM cache WHERE name = ?", lambda: [(name,) for name in names])


_INSERT = "INSERT OR REPLACE INTO cache VALUES (?, ?, ?)"


def _write(path: Path, statement: str, rows: Callable[[], list[tuple[Any, ...]]]) -> None:
    """Run ``statement`` for each of ``rows()`` in one transaction; a cache that cannot take it
    (damaged, read-only, a value marshal refuses) only costs the work again later."""
    db = _connection(path)
    if db is None:
        return
    try:
        with db:
            db.executemany(statement, rows())
    except _DAMAGED:
        _start_afresh(path)
    except (apsw.Error, ValueError):
        pass


def _connection(path: Path) -> apsw.Connection | None:
    """This process's connection to the cache ``path``; None when the cache cannot be used here
    (a read-only folder, say), which only makes the run slower."""
    key = (os.getpid(), threading.get_ident(), path)
    if key not in _connections:
        _connections[key] = None
        with contextlib.suppress(apsw.Error, OSError):
            try:
                _connections[key] = _open(path)
            except _DAMAGED:  # damaged (a cut power, a stray write): start afresh
                _remove(path)
                _connections[key] = _open(path)
    return _connections[key]


def close_all() -> None:
    """Close this process's connections (a command is done): a process that runs command after
    command (a test suite, a program calling transflow) would otherwise keep three files open for
    each cache it ever used. No checkpoint on closing, as on exit: the next command's connection
    reads the WAL as it is."""
    for key in [k for k in _connections if k[0] == os.getpid()]:
        db = _connections.pop(key)
        if db is not None:
            with contextlib.suppress(apsw.Error):
                db.config(apsw.SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1)
                db.close()


def _start_afresh(path: Path) -> None:
    """Found damaged while in use: this process stops using it, and the next command starts a
    new one (other processes still using the old file finish with it unharmed)."""
    for key in [k for k in _connections if k[0] == os.getpid() and k[2] == path]:
        db = _connections[key]
        _connections[key] = None
        if db is not None:
            with contextlib.suppress(apsw.Error):
                db.close()
    _remove(path)


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            path.with_name(path.name + suffix).unlink(missing_ok=True)


def _open(path: Path) -> apsw.Connection:
    return connect(path, _SCHEMA, synchronous="OFF")  # a cache: losing it costs time, not work


def connect(path: Path, schema: str, *, synchronous: str) -> apsw.Connection:
    """A connection to the SQLite file ``path`` in WAL mode, with ``schema`` created, that
    waits for other processes' writes. Raises ``apsw.Error`` when it cannot be had."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = apsw.Connection(str(path))
    try:
        db.set_busy_timeout(BUSY_MS)
        # Workers starting together may find a new file being set up by another: SQLite then
        # answers "busy" at once rather than wait (it cannot tell it from a deadlock).
        for attempt in range(_SETUP_ATTEMPTS):
            try:
                if db.execute("PRAGMA journal_mode").fetchone() != ("wal",):
                    db.execute("PRAGMA journal_mode=WAL")
                db.execute(schema)
                break
            except apsw.BusyError:
                if attempt == _SETUP_ATTEMPTS - 1:
                    raise
                time.sleep(0.005 * (attempt + 1))
        db.execute(f"PRAGMA synchronous={synchronous}")
    except apsw.Error:
        db.close()
        raise
    return db


_SETUP_ATTEMPTS = 40  # about four seconds in all
