"""Writing many files at once: all new content lands whole, unchanged files are left alone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from transflow.fsutil import write_files_atomic


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(".tmp"))


@pytest.mark.parametrize("count", [3, 40])  # flushed one by one, and from several threads
def test_writes_new_and_changed_files_and_leaves_unchanged_ones(tmp_path: Path, count: int) -> None:
    same = tmp_path / "same.po"
    same.write_text("kept\n", encoding="utf-8")
    os.utime(same, ns=(1_000_000_000, 1_000_000_000))
    changed = tmp_path / "changed.po"
    changed.write_text("old\n", encoding="utf-8")
    changed.chmod(0o640)
    new = [tmp_path / "deep" / "er" / f"new-{i}.po" for i in range(count)]

    written = write_files_atomic(
        [(same, b"kept\n"), (changed, "новый\n".encode()), *((p, p.name.encode()) for p in new)]
    )

    assert written == [False, True, *([True] * count)]
    assert same.stat().st_mtime_ns == 1_000_000_000
    assert changed.read_text(encoding="utf-8") == "новый\n"
    assert changed.stat().st_mode & 0o777 == 0o640
    assert [p.read_text() for p in new] == [p.name for p in new]
    assert _leftovers(tmp_path) == []


def test_a_failure_before_the_renames_changes_no_file(tmp_path: Path) -> None:
    first = tmp_path / "first.po"
    first.write_text("translator's work\n", encoding="utf-8")
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder is wanted", encoding="utf-8")

    with pytest.raises(OSError):
        write_files_atomic([(first, b"replacement\n"), (blocker / "second.po", b"x")])

    assert first.read_text(encoding="utf-8") == "translator's work\n"
    assert _leftovers(tmp_path) == []
