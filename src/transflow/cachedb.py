"""SQLite files in ``.transflow-cache`` that keep what is costly to compute from a project's files.

Each is only a cache: opened in WAL mode without flushing to disk, shared by the workers of a run
(each process and thread opens its own connection), and started afresh when damaged. Deleting
one costs the work again and nothing else.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from pathlib import Path

_connections: dict[tuple[int, int, Path], sqlite3.Connection | None] = {}


def connection(path: Path, schema: str) -> sqlite3.Connection | None:
    """This process's connection to the cache ``path`` (created with ``schema``); None when the
    cache cannot be used here (a read-only folder, say), which only makes the run slower."""
    key = (os.getpid(), threading.get_ident(), path)
    if key not in _connections:
        _connections[key] = None
        with contextlib.suppress(sqlite3.Error, OSError):
            try:
                _connections[key] = _open(path, schema)
            except sqlite3.DatabaseError:  # damaged (a cut power, a stray write): start afresh
                for suffix in ("", "-wal", "-shm"):
                    path.with_name(path.name + suffix).unlink(missing_ok=True)
                _connections[key] = _open(path, schema)
    return _connections[key]


def _open(path: Path, schema: str) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=OFF")  # a cache: losing it costs time, not work
        db.execute(schema)
    except sqlite3.Error:
        db.close()
        raise
    return db
