"""Machine-translation commands: translate, tm export, tm import."""

from __future__ import annotations

from transflow.cli.app import cli  # noqa: F401  (commands register on this group)
