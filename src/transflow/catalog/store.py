"""The only place that reads and writes PO/POT files."""

from __future__ import annotations

from pathlib import Path

from transflow.catalog.model import Catalog
from transflow.catalog.pofile import format_po, parse_po
from transflow.errors import CatalogError
from transflow.fsutil import read_text_utf8, write_text_atomic


def read_catalog(path: Path) -> Catalog:
    try:
        text = read_text_utf8(path, CatalogError)
    except FileNotFoundError:
        raise CatalogError("no such catalog", path) from None
    return parse_po(text, path)


def read_catalog_if_exists(path: Path) -> Catalog | None:
    return read_catalog(path) if path.is_file() else None


def write_catalog(path: Path, catalog: Catalog) -> bool:
    """Write ``catalog`` as GNU gettext would; returns False when the file already held it."""
    return write_text_atomic(path, format_po(catalog))
