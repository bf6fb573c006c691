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


def test_every_catalog_is_on_disk_before_the_first_one_is_replaced(tmp_path: Path, run) -> None:
    """The flushing runs beside the merging, in threads: still, no old catalog is replaced
    until every new one has reached the disk, so a power cut never leaves a mix. Each flush is
    made to take 50 ms (a slow disk), so that some are still running when the merging ends."""
    root = make_project(tmp_path / "p", run, articles=20)
    trace = tmp_path / "trace"
    command = [sys.executable, "-m", "transflow", "-C", str(root), "update", "-j", "2"]
    slow_disk = ["-e", "inject=fsync:delay_exit=50000"]  # µs
    strace = ["strace", "-f", "-qq", "-y", "-e", "trace=fsync,rename", *slow_disk]
    subprocess.run([*strace, "-o", str(trace), *command], check=True, capture_output=True)
    done: list[str] = []  # in the order the calls returned
    started: dict[str, str] = {}  # pid: what its unfinished call is about
    for line in trace.read_text().splitlines():
        pid, _, call = line.partition(" ")
        call = call.strip()
        if call.endswith("<unfinished ...>"):
            started[pid] = call
        elif call.startswith("<..."):
            done.append(started.pop(pid))
        else:
            done.append(call)
    flushes = [i for i, call in enumerate(done) if re.match(r"fsync\(\d+<.*\.po\.\w+\.tmp>", call)]
    renames = [i for i, call in enumerate(done) if re.match(r'rename\(".*\.po\.\w+\.tmp"', call)]
    assert len(flushes) == len(renames) == 20 * 2
    assert max(flushes) < min(renames)
