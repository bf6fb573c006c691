"""Results passed from the library to the CLI."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from transflow.fsutil import Seen

# What ``__reduce__`` returns: the class and the arguments to rebuild an instance with.
Reduced = tuple[Any, tuple[Any, ...]]


def by_constructor(obj: Any) -> Reduced:
    """Pickle and copy a frozen dataclass by calling its constructor again.

    The modules setup.py compiles are built by mypyc, whose pickling of a class sets its fields
    one by one, which a frozen dataclass refuses (so results could not come back from a worker
    process); their frozen dataclasses define ``__reduce__`` with this instead.
    """
    return type(obj), tuple(getattr(obj, field.name) for field in fields(obj))


@dataclass(frozen=True)
class FileResult:
    """One file a command produced, and whether its content changed on disk."""

    path: Path
    written: bool
    note: str = ""
    # Saved by someone else while the command ran, so left as they saved it (see fsutil.Seen).
    changed_meanwhile: bool = False


@dataclass(frozen=True)
class Skipped:
    """Work a command did not do, and why."""

    slug: str
    language: str
    reason: str


@dataclass(frozen=True)
class Output:
    """A file a unit of work wants written; ``data`` is None when the file already holds it.

    Workers compute outputs without writing, so a command that fails on bad input in one article
    leaves every file as it was. The content travels encoded (UTF-8): bytes pass from a worker to
    the parent as they are, where text would be encoded, decoded and encoded again.
    """

    path: Path
    data: bytes | None
    remove: bool = False  # delete the file (a template whose article has nothing to translate)
    seen: Seen | None = None  # the file as it was read: replace it only if still so


@dataclass(frozen=True)
class MergeStats:
    """How one catalog's entries came out of a merge (``catalog.merge``)."""

    kept: int = 0
    fuzzy: int = 0
    new: int = 0
    obsolete: int = 0
