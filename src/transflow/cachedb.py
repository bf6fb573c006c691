"""SQLite files in ``.transflow-cache`` that keep what is costly to compute from a project's files.

Each is only a cache: opened in WAL mode without flushing to disk, shared by the workers of a run
(each process and thread opens its own connection), and started afresh when damaged. Deleting
one costs the work again and nothing else.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

_connections: dict[tuple[int, int, Path], sqlite3.Connection | None] = {}
_SCHEMA = "CREATE TABLE IF NOT EXISTS cache (name TEXT PRIMARY KEY, key BLOB, data BLOB)"


def get(path: Path, name: str, key: bytes) -> Any:
    """What ``put`` stored under ``name`` in the cache ``path``, if stored with ``key``; else
    None (also when the cache is missing, unusable or holds something unreadable)."""
    db = _connection(path)
    if db is None:
        return None
    try:
        row = db.execute("SELECT data FROM cache WHERE name = ? AND key = ?", (name, key))
        found = row.fetchone()
        return None if found is None else marshal.loads(found[0])
    except (sqlite3.Error, EOFError, ValueError, TypeError):
        return None


def put(path: Path, name: str, key: bytes, value: Any) -> None:
    """Store ``value`` (anything ``marshal`` takes) under ``name``, valid while ``key`` holds."""
    db = _connection(path)
    if db is None:
        return
    with contextlib.suppress(sqlite3.Error, ValueError):
        db.execute(
            "INSERT OR REPLACE INTO cache VALUES (?, ?, ?)", (name, key, marshal.dumps(value))
        )


def _connection(path: Path) -> sqlite3.Connection | None:
    """This process's connection to the cache ``path``; None when the cache cannot be used here
    (a read-only folder, say), which only makes the run slower."""
    key = (os.getpid(), threading.get_ident(), path)
    if key not in _connections:
        _connections[key] = None
        with contextlib.suppress(sqlite3.Error, OSError):
            try:
                _connections[key] = _open(path)
            except sqlite3.DatabaseError:  # damaged (a cut power, a stray write): start afresh
                for suffix in ("", "-wal", "-shm"):
                    path.with_name(path.name + suffix).unlink(missing_ok=True)
                _connections[key] = _open(path)
    return _connections[key]


def _open(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=OFF")  # a cache: losing it costs time, not work
        db.execute(_SCHEMA)
    except sqlite3.Error:
        db.close()
        raise
    return db
