"""Fixtures for the machine-translation tests: a small project and the local fake services."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.mt.helpers import local_only, make_project
from transflow.mt.testing import FakeServices


@pytest.fixture(autouse=True)
def _local_only(monkeypatch: pytest.MonkeyPatch) -> None:
    local_only(monkeypatch)


@pytest.fixture
def services() -> Iterator[FakeServices]:
    with FakeServices() as server:
        yield server


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "newsroom")
