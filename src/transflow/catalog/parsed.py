"""Catalogs as read, remembered across commands: a PO file is parsed once until it changes.

Reading a PO file costs about 30 µs an entry in Python, and ``update``, ``translate``, ``build``,
``status`` and ``check`` each read every catalog. So each catalog that transflow reads or writes
is also kept, as read, in ``.transflow-cache/parsed.sqlite`` (``marshal`` form), with a digest of
the file's exact bytes. A later read uses it only when the file still holds those bytes; a file
changed in any editor is parsed again. Writing stores the catalog that reading the new text
would give (``format_po_and_reading``), so the next command finds it without parsing.

Catalogs are named relative to the project folder, as in the stamps: a project that is moved
or reached by another path (``-C``) keeps what was parsed.

It is only a cache (see ``cachedb``): deleting it costs the parsing again and nothing else.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections.abc import Iterator
from dataclasses import fields
from operator import attrgetter
from pathlib import Path
from typing import Any

from transflow import __version__, cachedb
from transflow.catalog.model import Catalog, Entry
from transflow.stamps import in_project, project_prefix

NAME = "parsed.sqlite"
# Bump the number when Entry's fields, or what reading gives or refuses, change.
_FORMAT = (3, __version__)
_ROW = attrgetter(*(f.name for f in fields(Entry)))


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def load(cache_dir: Path, path: Path, data: bytes, digest: bytes | None = None) -> Catalog | None:
    """The catalog remembered for ``path`` if the file still holds ``data`` (whose blake2b
    digest of 16 bytes the caller may have); else None."""
    key = _digest(data) if digest is None else digest
    stored = cachedb.get(cache_dir / NAME, _name(cache_dir, path), key)
    try:
        version, header, rows = stored
        if version != _FORMAT:
            return None
        return Catalog(
            header=None if header is None else Entry(*header),
            entries=[Entry(*fields) for fields in rows],
        )
    except (ValueError, TypeError):
        return None  # nothing stored, or from another version: parse the file


def store(cache_dir: Path, path: Path, data: bytes, catalog: Catalog) -> None:
    """Remember ``catalog`` as what ``path`` reads as while it holds ``data`` (inside
    ``together``: when it ends)."""
    header = None if catalog.header is None else _ROW(catalog.header)
    stored = (_FORMAT, header, [_ROW(entry) for entry in catalog.entries])
    row = (_name(cache_dir, path), _digest(data), stored)
    held = getattr(_local, "held", None)
    if held is None:
        cachedb.put(cache_dir / NAME, *row)
    else:
        held.setdefault(cache_dir / NAME, []).append(row)


# What ``store`` holds back inside ``together`` (in this thread), by cache file.
_local = threading.local()


@contextlib.contextmanager
def together() -> Iterator[None]:
    """The catalogs stored in the block go to the cache in one transaction at its end (one
    article's template and catalogs, say): each transaction is a write, and a lock the other
    workers wait for. What an error leaves stored is only a cache, keyed by the bytes."""
    if getattr(_local, "held", None) is not None:  # inside another block: that one writes them
        yield
        return
    held: dict[Path, list[tuple[str, bytes, Any]]] = {}
    _local.held = held
    try:
        yield
    finally:
        _local.held = None
        for cache, rows in held.items():
            cachedb.put_many(cache, rows)


def _name(cache_dir: Path, path: Path) -> str:
    return in_project(project_prefix(cache_dir), str(path))
