"""Writing many files at once: all new content lands whole, unchanged files are left alone."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from transflow.fsutil import (
    Seen,
    file_state,
    staged_writes,
    write_chunks_atomic,
    write_files_atomic,
)


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


def test_each_replaced_target_is_listed_with_the_state_it_now_has(tmp_path: Path) -> None:
    same = tmp_path / "same.po"
    same.write_bytes(b"kept\n")
    targets = [tmp_path / f"{name}.po" for name in ("one", "two", "three")]
    targets[0].write_bytes(b"old\n")

    with staged_writes() as staged:
        staged.add(same, b"kept\n")
        for index, target in enumerate(targets):
            staged.add(target, b"x" * (index + 1) * 5000)

    # What a caller needs to remember a file without a stat: the inode, size and mtime it has.
    assert staged.placed == {target: file_state(target) for target in targets}
    assert [state[1] for state in staged.placed.values()] == [5000, 10000, 15000]


def test_a_failure_before_the_renames_changes_no_file(tmp_path: Path) -> None:
    first = tmp_path / "first.po"
    first.write_text("translator's work\n", encoding="utf-8")
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder is wanted", encoding="utf-8")

    with pytest.raises(OSError):
        write_files_atomic([(first, b"replacement\n"), (blocker / "second.po", b"x")])

    assert first.read_text(encoding="utf-8") == "translator's work\n"
    assert _leftovers(tmp_path) == []


def test_an_error_after_many_staged_files_changes_no_file(tmp_path: Path) -> None:
    """Files staged one by one, as results come back from workers: an error later in the block
    (a bad article among the last ones) still leaves every target as it was."""
    targets = [tmp_path / f"f{i}.po" for i in range(200)]
    for path in targets[::2]:
        path.write_text("translator's work\n", encoding="utf-8")

    with pytest.raises(ValueError, match="bad article"), staged_writes() as staged:
        for path in targets:
            staged.add(path, b"replacement\n")
        raise ValueError("bad article")

    assert [p.name for p in sorted(tmp_path.iterdir())] == sorted(p.name for p in targets[::2])
    assert {p.read_text(encoding="utf-8") for p in targets[::2]} == {"translator's work\n"}


def test_a_file_saved_after_it_was_read_is_left_as_saved(tmp_path: Path) -> None:
    """A translator's editor saves a catalog while a run that read it is still working: the
    run's version does not replace theirs, whether the save came before the run staged its file
    or after, and the run learns which files it left."""
    early, late, kept, created = (
        tmp_path / f"{name}.po" for name in ("early", "late", "kept", "new")
    )
    for path in (early, late, kept):
        path.write_text("as read\n", encoding="utf-8")
    seen = {path: Seen(file_state(path)) for path in (early, late, kept, created)}
    early.write_text("translator's save\n", encoding="utf-8")

    with staged_writes() as staged:
        for path in (early, late, kept, created):
            staged.add(path, b"merged\n", seen[path])
        late.write_text("translator's later save\n", encoding="utf-8")
        created.write_text("created meanwhile\n", encoding="utf-8")

    assert early.read_text(encoding="utf-8") == "translator's save\n"
    assert late.read_text(encoding="utf-8") == "translator's later save\n"
    assert created.read_text(encoding="utf-8") == "created meanwhile\n"
    assert kept.read_text(encoding="utf-8") == "merged\n"
    assert sorted(staged.changed) == sorted([early, late, created])
    assert staged.written == [False, False, True, False]
    assert _leftovers(tmp_path) == []


_WRITER = """
import sys
from pathlib import Path
from transflow.fsutil import (
    Seen,
    file_state,
    staged_writes,
    write_chunks_atomic,
    write_files_atomic,
)
folder = Path(sys.argv[1])
files = [(folder / f"f{i}.po", b"x" * 20_000 + str(i).encode()) for i in range(3000)]
print("writing", flush=True)
write_files_atomic(files)
"""


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.15, 0.3])
def test_ctrl_c_while_writing_leaves_no_temporary_file(tmp_path: Path, delay: float) -> None:
    """SIGINT arrives right after a temporary file is created as often as anywhere else: the
    creation is the slow part. Whatever it interrupts, no temporary file is left behind."""
    import signal
    import subprocess
    import sys
    import time

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    process = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(tmp_path)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout is not None
    assert process.stdout.readline() == "writing\n"
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=60)
    assert _leftovers(tmp_path) == []
    for path in tmp_path.glob("f*.po"):  # each target is absent or whole
        assert path.read_bytes() == b"x" * 20_000 + path.stem[1:].encode()


def test_a_file_written_in_chunks_is_left_alone_when_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "out" / "memory.tmx"
    assert write_chunks_atomic(path, iter([b"<tmx>", "Сәлем".encode(), b"</tmx>\n"]))
    assert path.read_bytes() == "<tmx>Сәлем</tmx>\n".encode()
    path.chmod(0o640)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert not write_chunks_atomic(path, iter(["<tmx>Сәлем".encode(), b"</tmx>\n"]))  # same bytes
    assert path.stat().st_mtime_ns == 1_000_000_000
    assert write_chunks_atomic(path, iter([b"<tmx>", b"</tmx>\n"]))
    assert path.read_bytes() == b"<tmx></tmx>\n"
    assert path.stat().st_mode & 0o777 == 0o640  # the target's permissions are kept
    assert _leftovers(tmp_path) == []


def test_an_error_while_chunks_are_made_leaves_the_target_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    path.write_bytes(b"old\n")

    def chunks() -> Iterator[bytes]:
        yield b"new, half of it"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_chunks_atomic(path, chunks())
    assert path.read_bytes() == b"old\n"
    assert _leftovers(tmp_path) == []
