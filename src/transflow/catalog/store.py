"""The only place that reads and writes PO/POT files.

With ``cache_dir`` (the project's ``.transflow-cache``), reads and writes go through the cache of
parsed catalogs (``catalog.parsed``): a file is parsed only when its bytes are new.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from transflow.catalog import parsed
from transflow.catalog.model import Catalog
from transflow.catalog.pofile import parse_po
from transflow.catalog.powrite import format_po_and_reading
from transflow.errors import CatalogError
from transflow.fsutil import decode_utf8, write_bytes_atomic
from transflow.stamps import data_digest


def read_catalog(path: Path, cache_dir: Path | None = None) -> Catalog:
    return read_catalog_data(path, cache_dir)[1]


def read_catalog_data(
    path: Path, cache_dir: Path | None = None, *, remember: bool = True
) -> tuple[bytes, Catalog]:
    """A catalog file's bytes and the catalog it holds; ``remember=False`` when the caller is
    about to replace the file, so that a catalog parsed now is not stored for nothing."""
    data = _read_bytes(path)
    return data, _catalog(path, data, cache_dir, remember)


def read_catalog_digest(path: Path, cache_dir: Path | None = None) -> tuple[str, Catalog]:
    """The digest of a catalog file's bytes (``stamps.data_digest``) and the catalog it holds."""
    data = _read_bytes(path)
    digest = data_digest(data)  # the parsed cache's key too: hashed once for both
    return digest, _catalog(path, data, cache_dir, True, bytes.fromhex(digest))


def catalog_of_data(
    path: Path, data: bytes, digest: str, cache_dir: Path | None = None, *, remember: bool = True
) -> Catalog:
    """``read_catalog_digest`` for bytes already read from ``path`` (``digest``: of ``data``);
    ``remember``: as for ``read_catalog_data``."""
    return _catalog(path, data, cache_dir, remember, bytes.fromhex(digest))


def _catalog(
    path: Path, data: bytes, cache_dir: Path | None, remember: bool, key: bytes | None = None
) -> Catalog:
    # Bytes found in the cache were read (or written) as UTF-8 before: no need to decode them.
    catalog = None if cache_dir is None else parsed.load(cache_dir, path, data, key)
    return _parse(path, data, cache_dir, remember) if catalog is None else catalog


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise CatalogError("no such catalog", path) from None
    except IsADirectoryError:
        raise CatalogError("is a folder, not a catalog", path) from None


def _parse(path: Path, data: bytes, cache_dir: Path | None, remember: bool) -> Catalog:
    catalog = parse_po(_decode(path, data), path)
    if data.startswith(codecs.BOM_UTF8):
        catalog.byte_order_mark = True  # not kept by the cache, which would lose the mark
    elif cache_dir is not None and remember:
        parsed.store(cache_dir, path, data, catalog)
    return catalog


# "charset=CP1251" in a header, as the bytes hold it.
_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")


def _decode(path: Path, data: bytes) -> str:
    """The text of a catalog in UTF-8, the only encoding transflow reads and writes. A catalog
    that a legacy tool saved in its header's charset (KOI8-R, CP1251) is not silently decoded
    and written back in another: the error says how to convert it."""
    try:
        return decode_utf8(data, path, CatalogError)
    except CatalogError as exc:
        declared = _CHARSET.search(data)
        charset = declared[1].decode("ascii") if declared else ""
        if charset.upper().replace("-", "") in ("", "UTF8", "CHARSET"):
            raise
        hint = f"its header says charset={charset}; `msgconv -t UTF-8` converts it"
        raise CatalogError(f"{exc.message}: {hint}", path, exc.line) from None


def read_catalog_if_exists(path: Path, cache_dir: Path | None = None) -> Catalog | None:
    return read_catalog(path, cache_dir) if path.is_file() else None


def catalog_data(path: Path, catalog: Catalog, cache_dir: Path | None = None) -> bytes:
    """The bytes of ``catalog`` as ``path`` will hold them; remembered as parsed with
    ``cache_dir``."""
    text, reading = format_po_and_reading(catalog)
    data = text.encode("utf-8")
    if cache_dir is not None:
        parsed.store(cache_dir, path, data, reading)
    return data


def write_catalog(path: Path, catalog: Catalog, cache_dir: Path | None = None) -> bool:
    """Write ``catalog`` as GNU gettext would; returns False when the file already held it."""
    return write_bytes_atomic(path, catalog_data(path, catalog, cache_dir))
