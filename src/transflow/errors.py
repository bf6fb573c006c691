"""Errors that transflow reports to its users.

Every error names the file (and line, where there is one) it is about, so that the CLI can print one
clear sentence and exit non-zero. This module imports nothing from the rest of the package.
"""

from __future__ import annotations

from pathlib import Path


class TransflowError(Exception):
    """A problem the user can fix: bad input, a bad setting, an unreachable engine."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        # The arguments are kept as they came so that the error survives pickling (workers).
        super().__init__(message, path, line)

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = str(self.path) if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class ConfigError(TransflowError):
    """transflow.toml is missing, malformed or holds a bad value."""


class ArticleError(TransflowError):
    """An article cannot be read or parsed."""


class CatalogError(TransflowError):
    """A PO or POT file cannot be read, or would be written wrongly."""


class EngineError(TransflowError):
    """A machine-translation engine failed or cannot serve a request."""


class BuildError(TransflowError):
    """An article cannot be rebuilt in a language."""
