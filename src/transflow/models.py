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
