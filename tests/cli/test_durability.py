"""What waits for the disk: catalogs (translators' work) do, files made again from others do not.

Watched with strace, which shows every ``fsync`` each process of the run makes and the file it
was made on.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_incremental import make_project

pytestmark = pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace")


def flushed(root: Path, trace: Path, *args: str) -> list[str]:
    """The names of the files the command ``args`` flushed to disk, as they were then."""
    command = [sys.executable, "-m", "transflow", "-C", str(root), *args]
    subprocess.run(
        ["strace", "-f", "-qq", "-y", "-e", "trace=fsync", "-o", str(trace), *command],
        check=True,
        capture_output=True,
    )
    return [Path(name).name for name in re.findall(r"fsync\(\d+<([^>]+)>", trace.read_text())]


def test_catalogs_are_flushed_before_they_replace_the_old_ones(tmp_path: Path, run) -> None:
    root = make_project(tmp_path / "p", run, articles=20)
    names = flushed(root, tmp_path / "trace", "update", "-j", "2")
    catalogs = [name for name in names if re.fullmatch(r"\.story-\d+\.po\.\w+\.tmp", name)]
    assert len(catalogs) == 20 * 2  # every new catalog, kk and ru, in its temporary file
    assert not [name for name in names if ".pot." in name]  # templates: made from the articles


def test_built_pages_and_templates_are_not_waited_for(tmp_path: Path, run) -> None:
    root = make_project(tmp_path / "p", run, articles=20)
    assert run(root, "update").exit_code == 0
    for article in (root / "articles").glob("*.md"):
        article.write_text(article.read_text() + "\nOne more sentence.\n", encoding="utf-8")
    assert flushed(root, tmp_path / "extract", "extract") == []
    assert len(list((root / "locales" / "templates").glob("*.pot"))) == 20
    assert flushed(root, tmp_path / "build", "build", "--format", "md,html") == []
    assert len(list((root / "build").rglob("*.html"))) == 20  # English: kk and ru are empty
