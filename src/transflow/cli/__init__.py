"""The ``transflow`` command line. Only this package talks to the terminal.

Each command parses its options, calls one library function, prints what it gets back and maps
``TransflowError`` to a one-line message and exit code 1 (2 for usage errors, 130 for Ctrl-C).
"""

from __future__ import annotations

from transflow.cli.app import main

__all__ = ["main"]
