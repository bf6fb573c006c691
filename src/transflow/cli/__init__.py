"""The ``transflow`` command line. Only this package talks to the terminal.

Each command parses its options, calls one library function, prints what it gets back and maps
``TransflowError`` to a one-line message and exit code 1 (2 for usage errors, 130 for Ctrl-C).
Commands in ``mt`` and ``quality`` register themselves on the group when the group first needs
them (see ``app.LazyGroup``).
"""

from __future__ import annotations

from transflow.cli.app import cli, main

__all__ = ["cli", "main"]
