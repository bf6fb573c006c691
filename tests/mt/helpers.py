"""Helpers for the machine-translation tests: project settings and catalog contents."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from transflow.catalog.model import Entry
from transflow.catalog.store import read_catalog
from transflow.catalog.sync import update
from transflow.mt.testing import FakeServices
from transflow.project import Project

FIRST = """\
---
title: Floods in Almaty
---

Heavy rain flooded [several streets](https://example.org/almaty) in Almaty on Monday.
Officials said the `drainage` system *failed* again.

Read more at <https://example.org/news>.
"""

SECOND = """\
---
title: Second story
---

Officials said the `drainage` system *failed* again.
Heavy rain flooded [several streets](https://example.org/other) in Almaty on Monday.

The mayor promised repairs.
"""

TOML = """\
project_name = "mt test"
source_language = "en"
target_languages = ["kk", "ru"]
"""

_LOOPBACK = ("127.0.0.1", "::1")
# Fast failure settings for tests: a hung request costs half a second, retries no time.
FAST = {"timeout": 0.5, "retries": 2, "backoff": 0.01, "concurrency": 4}


def local_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests to 127.0.0.1 never go through a proxy, and in this process nothing can reach
    another host; keys come from nowhere but the test."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    for name in ("DEEPL_API_KEY", "MICROSOFT_API_KEY", "LIBRE_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    real_connect, real_getaddrinfo = socket.socket.connect, socket.getaddrinfo

    def connect(sock: socket.socket, address: Any) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in _LOOPBACK:
            raise OSError(f"a test tried to reach {address[0]}")
        real_connect(sock, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in (*_LOOPBACK, "localhost", None):
            raise OSError(f"a test tried to look up {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def make_project(root: Path, articles: dict[str, str] | None = None) -> Path:
    """Two articles sharing sentences (plus ``articles``), a glossary, empty kk and ru catalogs."""
    (root / "articles").mkdir(parents=True)
    (root / "transflow.toml").write_text(TOML, encoding="utf-8")
    (root / "glossary.csv").write_text("term,kk,ru,note\nAlmaty,Алматы,Алматы,city\n", "utf-8")
    for slug, text in {"first": FIRST, "second": SECOND, **(articles or {})}.items():
        (root / "articles" / f"{slug}.md").write_text(text, encoding="utf-8")
    update(Project.open(root))
    return root


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
