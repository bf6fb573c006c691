"""Every answer an engine gave, on disk: ``.transflow-cache/mt.sqlite3`` (ignored by git).

Keyed by engine, the options that change its answers, source and target language and the exact
text sent (placeholders included), so a rerun, or the same sentence in another article, costs no
request. Each answer is committed as it arrives (SQLite in WAL mode), so a kill loses nothing
received before it. Deleting the folder only costs requests: reviewed work lives in the catalogs.
Answers are written by a thread of their own (``CacheWriter``) as the workers receive them,
not when the drafting loop gets to them: that loop may be behind (writing catalogs, checking
markup), and what waits for it would be lost to a Ctrl-C or a kill and sent again.
Like the other caches it goes through APSW's SQLite, which two runs writing at once (one per
language, say) cannot corrupt (see ``transflow.cachedb``).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

import apsw

from transflow.cachedb import BUSY_MS, connect
from transflow.errors import EngineError

CACHE_NAME = "mt.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    engine TEXT NOT NULL,
    variant TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    text TEXT NOT NULL,
    answer TEXT NOT NULL,
    PRIMARY KEY (engine, variant, source, target, text)
) WITHOUT ROWID
"""


class AnswerCache:
    """One connection, used from one thread (the drafting loop's).

    A cache that cannot be opened, read or written (a read-only folder, a full disk, a file in
    its place) costs the run its caching, never its drafts: ``problem`` says why, the command
    says so, and from then on nothing is looked up or kept. A damaged one is an error, which
    says how to start afresh."""

    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = path
        self.problem = ""
        self._db: apsw.Connection | None = None
        try:
            if readonly:
                if path.is_file():
                    self._db = apsw.Connection(str(path), flags=apsw.SQLITE_OPEN_READONLY)
                    self._db.set_busy_timeout(BUSY_MS)
                return
            self._db = connect(path, _SCHEMA, synchronous="NORMAL")
        except (apsw.NotADBError, apsw.CorruptError) as exc:
            # Only answers live here, never reviewed work: say how to start afresh.
            raise EngineError(
                f"the translation cache is damaged ({exc}); move it aside and rerun: a new one "
                "is made, and only its answers are asked for again",
                path,
            ) from None
        except (apsw.Error, OSError) as exc:
            self._fail("cannot open the translation cache", exc)

    def _fail(self, what: str, exc: BaseException) -> None:
        if isinstance(exc, FileExistsError | NotADirectoryError):
            reason = "a file stands where its folder goes"
        elif isinstance(exc, OSError) and exc.strerror:
            reason = exc.strerror[:1].lower() + exc.strerror[1:]
        else:
            reason = str(exc)
        self.problem = self.problem or f"{what}: {reason}"
        if self._db is not None:
            self._db.close()
            self._db = None

    def get_many(
        self, engine: str, variant: str, source: str, target: str, texts: Iterable[str]
    ) -> dict[str, str]:
        if self._db is None:
            return {}
        found: dict[str, str] = {}
        query = (
            "SELECT answer FROM answers WHERE engine=? AND variant=? AND source=? AND target=? "
            "AND text=?"
        )
        try:
            for text in texts:
                row = self._db.execute(query, (engine, variant, source, target, text)).fetchone()
                if row is not None:
                    found[text] = row[0]
        except apsw.Error as exc:
            self._fail("cannot read the translation cache", exc)
        return found

    def put(
        self, engine: str, variant: str, source: str, target: str, text: str, answer: str
    ) -> None:
        if self._db is None:
            return
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?)",
                (engine, variant, source, target, text, answer),
            )
        except apsw.Error as exc:
            self._fail("cannot write the translation cache", exc)

    def put_many(self, rows: Sequence[tuple[str, str, str, str, str, str]]) -> None:
        """Rows of (engine, variant, source, target, text, answer), in one transaction."""
        if self._db is None:
            return
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?)", rows
                )
        except apsw.Error as exc:
            self._fail("cannot write the translation cache", exc)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


Row = tuple[str, str, str, str, str, str]


class CacheWriter:
    """Puts answers into the cache from any thread: a thread of its own, with its own
    connection, writes each batch of what is waiting in one transaction. ``error`` holds a
    damaged cache's error (the drafting loop raises it); ``problem`` why answers could not be
    kept otherwise (the run goes on without keeping them)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.error: EngineError | None = None
        self.problem = ""
        self._queue: queue.SimpleQueue[Row | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="mt-cache", daemon=True)
        self._thread.start()

    def put(
        self, engine: str, variant: str, source: str, target: str, text: str, answer: str
    ) -> None:
        self._queue.put((engine, variant, source, target, text, answer))

    def close(self, timeout: float = 10.0) -> None:
        """Write what is waiting, then stop."""
        self._queue.put(None)
        self._thread.join(timeout)

    def _run(self) -> None:
        cache: AnswerCache | None = None
        try:
            cache = AnswerCache(self.path)
            done = False
            while not done:
                rows: list[Row] = []
                item = self._queue.get()
                while item is not None:
                    rows.append(item)
                    try:
                        item = self._queue.get_nowait()
                    except queue.Empty:
                        break
                done = item is None
                cache.put_many(rows)
                self.problem = cache.problem
        except EngineError as exc:
            self.error = exc
        finally:
            if cache is not None:
                self.problem = cache.problem
                cache.close()
