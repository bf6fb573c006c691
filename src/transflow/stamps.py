"""Skipping work whose inputs have not changed, across runs.

For each piece of work (a key such as ``update:kk:my-story``) the cache remembers the content
digest of its inputs, a digest of the settings that shape its output, and the size and mtime of
the files it wrote. The work is skipped when all of these still hold. A file is known by its size,
mtime and ctime (the inode's change time, which every write sets and no program can set back:
a file edited and then given its old mtime with ``touch -r``, or an older copy restored with its
own mtime, still shows as changed). A file whose times changed is hashed again, so touching a
file without changing it costs a hash, not a rebuild.

The cache lives in ``.transflow-cache/stamps-<command>.marshal`` (``marshal``: a no-op run loads
it twice as fast as JSON, and it is only a cache); deleting it only makes the next run do
all the work again (and write nothing whose content is the same). Files are named relative to
the project folder, so a project that is moved, or reached by another path (``-C``), keeps
its stamps; the stamps of files that are gone are dropped when the cache is next saved.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import os
import sys
from pathlib import Path
from typing import Any

from transflow.fsutil import write_files_atomic

# marshal's format may change between Python versions: stamps of another one are not read.
# (4: files are known by their ctime too.)
_VERSION = (4, sys.version_info[:2])


# Paths are plain strings here: a no-op run checks thousands of them, and building Path objects
# for each costs more than the checks themselves.
StrPath = str | Path


def data_digest(data: bytes) -> str:
    """The content digest of a file holding ``data``."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def file_digest(path: StrPath) -> str | None:
    try:
        with open(path, "rb") as handle:  # noqa: PTH123  (str paths: see above)
            return data_digest(handle.read())
    except FileNotFoundError:
        return None


# A file's size, mtime and ctime in ns, and content digest, as a unit of work found it before
# reading it.
Known = list[Any]

# A file's size, mtime and ctime in ns: what tells the stamps that it may have changed.
State = tuple[int, int, int]


def known_file(path: StrPath) -> Known | None:
    """What ``Stamps.record`` needs to know of an input, taken before the work reads it: a
    change after this point then shows as a different file next time, never as the same one."""
    stat = _stat(path)
    if stat is None:
        return None
    return [*stat, file_digest(path)]


def known_file_data(path: StrPath) -> tuple[Known | None, bytes | None]:
    """``known_file`` and the bytes it hashed, for a work that then reads them from here: the
    file is read once, and the digest is that of the very bytes the work used."""
    stat = _stat(path)
    if stat is None:
        return None, None
    try:
        with open(path, "rb") as handle:  # noqa: PTH123  (str paths: see above)
            data = handle.read()
    except FileNotFoundError:
        return [*stat, None], None
    return [*stat, data_digest(data)], data


def _stat(path: StrPath) -> State | None:
    try:
        info = os.stat(path)  # noqa: PTH116  (str paths: see above)
    except FileNotFoundError:
        return None
    return state_of(info)


def state_of(info: os.stat_result) -> State:
    """What the stamps keep of a file's ``stat``: its size, mtime and ctime. The ctime is what
    catches an edit that keeps the size and mtime (``touch -r``, a copy restored with ``cp -p``
    or ``rsync -t`` over a file of the same size)."""
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns)


class Stamps:
    def __init__(self, cache_dir: Path, command: str):
        # One file per command: each run loads only the stamps it checks.
        self.path = cache_dir / f"stamps-{command}.marshal"
        self.entries: dict[str, Any] = {}
        self.files: dict[str, list[Any]] = {}  # name -> [size, mtime_ns, ctime_ns, digest]
        self.dirty = False
        self._prefix = project_prefix(cache_dir)
        self._looked_at: set[str] = set()  # names of the files this run asked about
        with contextlib.suppress(OSError, EOFError, ValueError, TypeError, KeyError):
            data = marshal.loads(self.path.read_bytes())
            if isinstance(data, dict) and data.get("version") == _VERSION:
                self.entries = dict(data["work"])
                self.files = dict(data["files"])

    def _name(self, path: StrPath) -> str:
        return in_project(self._prefix, str(path))

    def digest(self, path: StrPath) -> str | None:
        """The content digest of ``path``, recomputed only when its size or mtime changed."""
        key = self._name(path)
        self._looked_at.add(key)
        stat = _stat(path)
        if stat is None:
            return None
        known = self.files.get(key)
        if known is not None and (known[0], known[1], known[2]) == stat:
            return str(known[3])
        digest = file_digest(path)
        self.files[key] = [*stat, digest]
        self.dirty = True
        return digest

    def fresh(self, key: str, inputs: list[StrPath], settings: str, outputs: list[StrPath]) -> bool:
        """True when ``key`` was done before from the same inputs and its outputs are untouched."""
        entry = self.entries.get(key)
        if entry is None or entry["settings"] != settings:
            return False
        if entry["inputs"] != [self.digest(p) for p in inputs]:
            return False
        return bool(entry["outputs"] == [list(s) if (s := _stat(p)) else None for p in outputs])

    def learn(self, path: StrPath, size: int, mtime_ns: int, digest: str | None) -> None:
        """Take the digest of a file whose content is known (one just written, with that size
        and mtime), sparing a read. Its ctime comes from a ``stat`` now (renaming a file into
        place sets it); a file no longer of that size and mtime is left to be hashed."""
        key = self._name(path)
        self._looked_at.add(key)
        stat = _stat(path)
        if stat is not None and stat[:2] == (size, mtime_ns):
            self.files[key] = [*stat, digest]
        else:
            self.files.pop(key, None)
        self.dirty = True

    def _found(self, path: StrPath, found: Known) -> None:
        """Take what a work found of an input before it read it (``known_file``)."""
        key = self._name(path)
        self._looked_at.add(key)
        self.files[key] = list(found)
        self.dirty = True

    def record(
        self,
        key: str,
        inputs: list[StrPath],
        settings: str,
        outputs: list[StrPath],
        data: Any = None,
        known: dict[str, Known | None] | None = None,
    ) -> None:
        """Remember ``key`` as done; ``data`` (JSON-able) comes back from ``data()`` next time.

        ``known``: inputs as the work found them before it read them (``known_file``), which
        is what the work was done from; the others are hashed as they are now.
        """
        for path, found in (known or {}).items():
            if found is not None:
                self._found(path, found)
        self.entries[key] = {
            "settings": settings,
            "inputs": [self._input_digest(p, known) for p in inputs],
            "outputs": [list(s) if (s := _stat(p)) else None for p in outputs],
            "data": data,
        }
        self.dirty = True

    def _input_digest(self, path: StrPath, known: dict[str, Known | None] | None) -> str | None:
        if known is not None and str(path) in known:
            found = known[str(path)]
            return None if found is None else str(found[-1])
        return self.digest(path)

    def data(self, key: str) -> Any:
        entry = self.entries.get(key)
        return entry.get("data") if entry else None

    def forget(self, key: str) -> None:
        if self.entries.pop(key, None) is not None:
            self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        # Only a run that changed something prunes: a run with nothing to do stays as fast.
        root = self._prefix or "./"
        for name in [name for name in self.files if name not in self._looked_at]:
            if _stat(name if name.startswith("/") else root + name) is None:
                del self.files[name]
        data = {"version": _VERSION, "work": self.entries, "files": self.files}
        # Only a cache: not worth waiting for the disk (lost, it costs a run its skipping). One
        # that cannot be written (a read-only cache folder, a full disk) costs the same, and
        # must not fail a command whose real work is done: the old stamps, if any, only make
        # the next run redo what they no longer match.
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_files_atomic([(self.path, marshal.dumps(data))], durable=False)
            # Where an earlier version kept them: nothing reads that file any more.
            self.path.with_suffix(".json").unlink(missing_ok=True)
        self.dirty = False


def project_prefix(cache_dir: Path) -> str:
    """What starts the names of the project's files: its folder (that holds ``cache_dir``)
    and a slash; empty for the current folder, whose files are named without it."""
    root = str(cache_dir.parent)
    return "" if root == "." else root.rstrip("/") + "/"


def in_project(prefix: str, name: str) -> str:
    """How the caches name the file ``name``: relative to the project folder (``prefix``, from
    ``project_prefix``) when it is inside it."""
    return name[len(prefix) :] if name.startswith(prefix) else name


def settings_digest(*parts: object) -> str:
    text = json.dumps(parts, sort_keys=True, default=str)
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)
