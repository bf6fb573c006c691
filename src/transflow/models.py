"""Results passed from the library to the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FileResult:
    """One file a command produced, and whether its content changed on disk."""

    path: Path
    written: bool
    note: str = ""


@dataclass(frozen=True)
class Skipped:
    """Work a command did not do, and why."""

    slug: str
    language: str
    reason: str


@dataclass(frozen=True)
class Output:
    """A file a unit of work wants written; ``text`` is None when the file already holds it.

    Workers compute outputs without writing, so a command that fails on bad input in one article
    leaves every file as it was.
    """

    path: Path
    text: str | None
    remove: bool = False  # delete the file (a template whose article has nothing to translate)
