"""Fixtures for the machine-translation tests: a small project and the local fake services."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

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


@pytest.fixture(autouse=True)
def _local_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests to 127.0.0.1 never go through a proxy; keys come from nowhere but the test."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    for name in ("DEEPL_API_KEY", "MICROSOFT_API_KEY", "LIBRE_API_KEY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def services() -> Iterator[FakeServices]:
    with FakeServices() as server:
        yield server


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Two articles sharing sentences, a glossary, and empty kk and ru catalogs."""
    root = tmp_path / "newsroom"
    (root / "articles").mkdir(parents=True)
    (root / "transflow.toml").write_text(TOML, encoding="utf-8")
    (root / "glossary.csv").write_text("term,kk,ru,note\nAlmaty,Алматы,Алматы,city\n", "utf-8")
    (root / "articles" / "first.md").write_text(FIRST, encoding="utf-8")
    (root / "articles" / "second.md").write_text(SECOND, encoding="utf-8")
    update(Project.open(root))
    return root
