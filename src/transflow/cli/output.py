"""How results look on the terminal."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import click

from transflow.models import FileResult
from transflow.report.coverage import Coverage


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


def print_status_table(rows: list[Coverage]) -> None:
    headers = ("article", "lang", "translated", "fuzzy", "untranslated", "words", "%")
    table = [
        (
            row.article,
            row.language,
            str(row.translated),
            str(row.machine + row.fuzzy),
            str(row.untranslated),
            f"{row.translated_words}/{row.total_words}",
            f"{row.percent:.1f}",
        )
        for row in rows
    ]
    widths = [max(len(h), *(len(r[i]) for r in table)) for i, h in enumerate(headers)]
    click.echo("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    for line in table:
        cells = [c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths, strict=True))]
        click.echo("  ".join(cells))
