"""Shared fixtures: the shipped sample as a scratch project, the CLI, the CommonMark examples."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

REPO = Path(__file__).resolve().parents[1]
CACHE = REPO / ".cache"
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
    """Run the CLI in-process: run(root, "build", "-l", "kk") -> click Result."""
    from transflow.cli.app import cli

    runner = CliRunner()

    def invoke(root: Path, *args: str, **kwargs: Any) -> Result:
        return runner.invoke(cli, ["-C", str(root), *args], catch_exceptions=False, **kwargs)

    return invoke


def commonmark_examples() -> list[dict[str, Any]]:
    """The CommonMark spec examples shipped in markdown-it-py's sdist, fetched once into .cache/."""
    target = CACHE / "commonmark.json"
    if not target.exists():
        _fetch_commonmark(target)
    return list(json.loads(target.read_text(encoding="utf-8")))


def _fetch_commonmark(target: Path) -> None:
    from importlib.metadata import version

    CACHE.mkdir(exist_ok=True)
    scratch = CACHE / "sdist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "-q",
            "--no-deps",
            "--no-binary",
            ":all:",
            "-d",
            str(scratch),
            f"markdown-it-py=={version('markdown-it-py')}",
        ],
        check=True,
    )
    archive = next(scratch.glob("markdown_it_py-*.tar.gz"))
    with tarfile.open(archive) as tar:
        member = next(
            m for m in tar.getmembers() if m.name.endswith("test_cmark_spec/commonmark.json")
        )
        data = tar.extractfile(member)
        assert data is not None
        target.write_bytes(data.read())
    shutil.rmtree(scratch)
