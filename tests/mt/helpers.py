"""Helpers for the machine-translation tests: project settings and catalog contents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from transflow.catalog.model import Entry
from transflow.catalog.store import read_catalog
from transflow.mt.testing import FakeServices

# Fast failure settings for tests: a hung request costs half a second, retries no time.
FAST = {"timeout": 0.5, "retries": 2, "backoff": 0.01, "concurrency": 4}


def configure(root: Path, engines: list[str], **tables: dict[str, Any]) -> None:
    """Replace the project's [mt] tables."""
    path = root / "transflow.toml"
    text = path.read_text(encoding="utf-8").split("\n[mt]")[0].rstrip("\n") + "\n"
    text += "\n[mt]\nengines = [" + ", ".join(f'"{e}"' for e in engines) + "]\n"
    for name, options in tables.items():
        text += f"\n[mt.{name}]\n"
        for key, value in options.items():
            text += f"{key} = {_toml(value)}\n"
    path.write_text(text, encoding="utf-8")


def _toml(value: Any) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return str(value).lower() if isinstance(value, bool) else str(value)


def remote(services: FakeServices, name: str, **options: Any) -> dict[str, Any]:
    return {"url": services.url(name), **FAST, **options}


def entries(root: Path, lang: str, slug: str) -> dict[str, Entry]:
    """msgid → Entry of a catalog."""
    catalog = read_catalog(root / "locales" / lang / "LC_MESSAGES" / f"{slug}.po")
    return {e.msgid: e for e in catalog.entries}
