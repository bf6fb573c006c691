"""How results look on the terminal."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from transflow.fsutil import write_text_atomic
from transflow.models import FileResult

if TYPE_CHECKING:
    from transflow.gone import Gone
    from transflow.qa.findings import Finding


def shown(path: Path, root: Path) -> str:
    try:
        return os.path.relpath(path, root)
    except ValueError:
        return str(path)


def print_files(files: Iterable[FileResult], root: Path, note: str = "") -> None:
    written = unchanged = 0
    for file in files:
        if file.written:
            written += 1
            suffix = f" ({note})" if note else ""
            click.echo(f"wrote {shown(file.path, root)}{suffix}")
        else:
            unchanged += 1
    if unchanged and not note:
        click.echo(f"{unchanged} file(s) unchanged")


def print_gone(gone: Gone, root: Path, why: str, what: str) -> None:
    """What a run did with files it made before and makes no more: ``why`` they went (e.g. "its
    article is gone"), ``what`` those left are (e.g. "a page of an article that is gone")."""
    for path in gone.removed:
        click.echo(f"removed {shown(path, root)} ({why})")
    for path in gone.changed:
        click.echo(
            f"{shown(path, root)}: {what}, changed since transflow wrote it: left as it is "
            "(delete it if it should go)",
            err=True,
        )


def print_blocked(findings: Iterable[Finding]) -> None:
    """One line per entry that the build left in the source language because of an error."""
    by_entry: dict[tuple[str, int], list[Finding]] = {}
    for finding in findings:
        by_entry.setdefault((finding.path, finding.line), []).append(finding)
    for (path, line), found in by_entry.items():
        checks = ", ".join(dict.fromkeys(f.check for f in found))
        more = f" (+{len(found) - 1} more, see `transflow check`)" if len(found) > 1 else ""
        click.echo(
            f"kept the source for {path}:{line} [{checks}]: {found[0].message}{more}", err=True
        )


def emit(text: str, output: Path | None) -> None:
    """Print ``text`` as it is, or write it to ``output`` (only when its content changes)."""
    if output is None:
        click.echo(text, nl=False)
        return
    if write_text_atomic(output, text):
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(f"{output} is up to date", err=True)
