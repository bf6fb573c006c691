"""How results look on the terminal."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from transflow.fsutil import write_text_atomic
from transflow.models import FileResult, Skipped

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
    if unchanged and written and not note:  # with none written, "… up to date" says it all
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


# Lines of one kind that a run prints in full; past it, the first ones and how many more (a
# build of an archive would repeat thousands of them on every run). ``-v`` prints them all.
SHOWN = 20


def _print_some(lines: list[str], more: str, verbose: bool) -> None:
    """``lines`` on stderr, or the first SHOWN of them and ``more`` (a format of the number
    left out, grouped as ``{:,}``) when there are more and not ``verbose``."""
    cut = len(lines) if verbose or len(lines) <= SHOWN else SHOWN
    for line in lines[:cut]:
        click.echo(line, err=True)
    if cut < len(lines):
        click.echo(more.format(len(lines) - cut), err=True)


def print_skipped(skipped: Iterable[Skipped], verbose: bool = False) -> None:
    """One line per page not built, and why."""
    lines = [f"skipped {s.slug} [{s.language}]: {s.reason}" for s in skipped]
    more = "… and {:,} more pages skipped (`transflow build -v` lists them all)"
    _print_some(lines, more, verbose)


def print_blocked(findings: Iterable[Finding], verbose: bool = False) -> None:
    """One line per entry that the build left in the source language because of an error."""
    by_entry: dict[tuple[str, int], list[Finding]] = {}
    for finding in findings:
        by_entry.setdefault((finding.path, finding.line), []).append(finding)
    lines = []
    for (path, line), found in by_entry.items():
        checks = ", ".join(dict.fromkeys(f.check for f in found))
        more = f" (+{len(found) - 1} more, see `transflow check`)" if len(found) > 1 else ""
        lines.append(f"kept the source for {path}:{line} [{checks}]: {found[0].message}{more}")
    more = (
        "… and {:,} more entries kept in the source (`transflow build -v` lists them all, "
        "`transflow check` says what to fix)"
    )
    _print_some(lines, more, verbose)


def emit(text: str, output: Path | None) -> None:
    """Print ``text`` as it is, or write it to ``output`` (only when its content changes)."""
    if output is None:
        click.echo(text, nl=False)
        return
    if write_text_atomic(output, text):
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(f"{output} is up to date", err=True)
