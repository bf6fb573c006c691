"""The ``transflow`` command line. Only this package talks to the terminal.

Each command parses its options, calls one library function, prints what it gets back and maps
``TransflowError`` to a one-line message and exit code 1 (2 for usage errors, 130 for Ctrl-C).
The command modules register themselves on the group when imported here.
"""

from __future__ import annotations

from transflow.cli import mt, quality  # noqa: F401
from transflow.cli.app import cli, main

__all__ = ["cli", "main"]
