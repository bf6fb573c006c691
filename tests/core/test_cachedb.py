"""The caches in .transflow-cache: shared by a run's workers, and never a reason to fail."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

import apsw

from transflow import cachedb


def _command(code: str, cache: Path) -> str:
    """Run ``code`` as a new process would, as each transflow command is; its output."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    program = (
        f"from pathlib import Path\nfrom transflow import cachedb\ncache = Path({str(cache)!r})\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program + code], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout


def test_a_cache_found_damaged_in_use_is_started_afresh(tmp_path: Path) -> None:
    cache = tmp_path / "segments.sqlite"
    _command("for i in range(300): cachedb.put(cache, f'a-{i}', b'k', ['x' * 4000, i])", cache)
    size = cache.stat().st_size
    assert size > 100 * 4096
    with cache.open("r+b") as handle:  # every page but the first (the schema): a stray write
        handle.seek(4096)
        handle.write(b"\xa5" * (size - 4096))

    # The next command finds it damaged while reading: it goes on without it...
    found = _command(
        "print(sum(cachedb.get(cache, f'a-{i}', b'k') is not None for i in range(300)))\n"
        "cachedb.put(cache, 'b', b'k', 'after')",
        cache,
    )
    assert found.strip() == "0"
    # ...and the one after it has a sound cache again.
    _command("cachedb.put(cache, 'c', b'k', 'again')", cache)
    assert _command("print(cachedb.get(cache, 'c', b'k'))", cache).strip() == "again"
    with sqlite3.connect(cache) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def _failed_together(jobs: list[Callable[[], bool]]) -> int:
    """Run each job in a process of its own, forked as a run's pool forks its workers and all
    let go at once; how many of them failed (returned False or raised)."""
    start, go = os.pipe()
    pids = []
    for job in jobs:
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                os.read(start, 1)
                code = 0 if job() else 1
            finally:
                os._exit(code)
        pids.append(pid)
    os.write(go, b"go" * len(jobs))
    failed = sum(os.waitpid(pid, 0)[1] != 0 for pid in pids)
    os.close(start)
    os.close(go)
    return failed


def test_workers_writing_at_once_leave_every_entry_readable(tmp_path: Path) -> None:
    # Before SQLite 3.51.3 two processes writing in WAL mode could corrupt the file (the
    # "WAL-reset" race); about one run in five at 1,000 articles did with Debian's SQLite.
    assert tuple(map(int, apsw.sqlite_lib_version().split("."))) >= (3, 51, 3)
    cache = tmp_path / "parsed.sqlite"

    def worker(number: int) -> bool:
        for i in range(400):
            cachedb.put(cache, f"{number}-{i % 150}", b"k", [number, i, "x" * (i * 37)])
        return True

    assert _failed_together([partial(worker, number) for number in range(4)]) == 0
    for number in range(4):
        for name in range(150):
            last = name + 300 if name + 300 < 400 else name + 150  # its last put
            assert cachedb.get(cache, f"{number}-{name}", b"k") == [number, last, "x" * (last * 37)]
    with sqlite3.connect(cache) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM cache").fetchone() == (600,)


def test_workers_starting_together_on_a_new_cache_all_use_it(tmp_path: Path) -> None:
    # SQLite answers "busy" at once, not after waiting, to a process setting up a file that
    # another is setting up; such a worker used to do its whole share without the cache.
    def worker(cache: Path, number: int) -> bool:
        cachedb.put(cache, str(number), b"k", number)
        return bool(cachedb.get(cache, str(number), b"k") == number)

    left_out = 0
    for trial in range(25):
        cache = tmp_path / str(trial) / "segments.sqlite"
        left_out += _failed_together([partial(worker, cache, number) for number in range(3)])
    assert left_out == 0


def test_translation_runs_starting_together_share_the_answer_cache(tmp_path: Path) -> None:
    from transflow.mt.cache import AnswerCache

    def run(path: Path, language: str) -> bool:
        cache = AnswerCache(path)
        cache.put("google", "", "en", language, "Hello.", f"hello-{language}")
        found = cache.get_many("google", "", "en", language, ["Hello."])
        return found == {"Hello.": f"hello-{language}"}

    failed = 0
    for trial in range(10):
        path = tmp_path / str(trial) / "mt.sqlite3"
        # e.g. `transflow translate -l kk` and `-l ru` started at once
        failed += _failed_together([partial(run, path, lang) for lang in ("kk", "ru", "ky")])
    assert failed == 0
    assert AnswerCache(path, readonly=True).get_many("google", "", "en", "ru", ["Hello."]) == {
        "Hello.": "hello-ru"
    }
