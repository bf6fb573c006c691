"""Shared fixtures: the shipped sample as a scratch project, the CLI, the CommonMark examples."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

REPO = Path(__file__).resolve().parents[1]
SAMPLE_SLUG = "kazakhstans-longest-serving-political-prisoner-dies"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the repository's sample project (config, articles, locales, glossary)."""
    root = tmp_path / "sample"
    root.mkdir()
    for name in ("transflow.toml", "glossary.csv"):
        if (REPO / name).exists():
            shutil.copy(REPO / name, root / name)
    for folder in ("articles", "locales"):
        shutil.copytree(REPO / folder, root / folder)
    return root


@pytest.fixture
def new_project(tmp_path: Path, run) -> Path:  # type: ignore[no-untyped-def]
    """A project just made by `transflow init` (kk and ru, no article yet): tmp_path/news."""
    root = tmp_path / "news"
    assert run(tmp_path, "init", str(root)).exit_code == 0
    return root


@pytest.fixture
def run():
    """Run the CLI in-process: run(root, "build", "-l", "kk") -> click Result. Each run as in a
    process of its own: without the project (settings) and glossary that the workers' functions
    keep for the rest of a process, so a test may change transflow.toml between runs."""
    from transflow.build import compose
    from transflow.catalog import sync
    from transflow.cli.app import cli
    from transflow.qa import collect as checked
    from transflow.report import collect as counted

    runner = CliRunner()

    def invoke(root: Path, *args: str, **kwargs: Any) -> Result:
        for module in (compose, sync, checked, counted):
            module._project.cache_clear()
        checked._glossary.cache_clear()
        return runner.invoke(cli, ["-C", str(root), *args], catch_exceptions=False, **kwargs)

    return invoke


def commonmark_examples() -> list[dict[str, Any]]:
    """The CommonMark spec's examples, kept in tests/data/ (see its README.md)."""
    text = (REPO / "tests" / "data" / "commonmark.json").read_text(encoding="utf-8")
    return list(json.loads(text))
