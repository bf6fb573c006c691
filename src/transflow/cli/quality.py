"""Commands that report on the translations: status (coverage) and check (quality).

Library modules are imported inside each command, as in ``cli.app``, to keep start-up quick.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import click

from transflow.cli.app import cli
from transflow.cli.options import (
    article_option,
    flatten,
    jobs_option,
    lang_option,
    open_project,
    reports_errors,
    warn_nested,
)
from transflow.cli.output import emit
from transflow.qa import formats as check_formats
from transflow.report import formats as status_formats


@cli.command("status")
@lang_option
@article_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(status_formats.FORMATS),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to FILE instead of standard output (- is standard output).",
)
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    metavar="PCT",
    help="Exit with code 1 when a language has less than PCT% of segments translated.",
)
@click.option(
    "--summary",
    is_flag=True,
    help="Only the totals per language (table, markdown, html; JSON is always whole).",
)
@jobs_option
@click.pass_context
@reports_errors
def status_command(
    ctx: click.Context,
    langs: tuple[tuple[str, ...], ...],
    articles: tuple[str, ...],
    fmt: str,
    output: Path | None,
    fail_under: float | None,
    summary: bool,
    jobs: int | None,
) -> None:
    """Show translated, machine-drafted, fuzzy and untranslated segments and words.

    One row per article and language, then totals per language and overall. Fuzzy entries (machine
    drafts and stale translations) never count as translated; the counts agree with GNU
    `msgfmt --statistics`.

    \b
    Example:
      transflow status -l ru
      transflow status --format html -o coverage.html
      transflow status --format json --fail-under 80     # for CI
      transflow status --format markdown --summary       # a pull-request comment
    """
    from transflow.catalog.header import now
    from transflow.report.collect import collect_coverage
    from transflow.report.html import format_html

    project = open_project(ctx)
    if output == Path("-"):  # as for most tools: standard output
        output = None
    if output is not None:
        project.check_output(output, "report")
    warn_nested(project, articles)
    selected = flatten(langs)
    rows = collect_coverage(project, articles, selected, jobs)
    report = status_formats.coverage_report(
        project.settings.name, now().date(), rows, project.languages(selected)
    )
    if fmt == "html":
        text = format_html(report, project.settings.min_coverage, summary)
    elif fmt == "table":
        # In a terminal, as wide as it is; piped or written to a file, every name in full.
        width = shutil.get_terminal_size().columns if output is None and _is_tty() else None
        text = status_formats.format_table(report, width, summary)
    elif fmt == "markdown":
        text = status_formats.format_markdown(report, summary)
    else:
        text = status_formats.format_json(report)
    with _reader_may_leave():
        emit(text, output)
        for note in status_formats.outdated_notes(report):
            click.echo(note, err=True)
    if fail_under is not None:
        low = status_formats.below(report, fail_under)
        for total in low:
            click.echo(
                f"{total.language}: {total.percent:.1f}% translated, under {fail_under:g}%",
                err=True,
            )
        if low:
            ctx.exit(1)


@cli.command("check")
@lang_option
@article_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(check_formats.FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("--list", "list_checks", is_flag=True, help="List the checks and exit.")
@jobs_option
@click.pass_context
@reports_errors
def check_command(
    ctx: click.Context,
    langs: tuple[tuple[str, ...], ...],
    articles: tuple[str, ...],
    fmt: str,
    list_checks: bool,
    jobs: int | None,
) -> None:
    """Check every translated and fuzzy entry: links, markup, numbers, HTML, glossary, ...

    Each finding names the PO file and line, the check and its severity. Exits with code 1 when
    an error is found; warnings alone exit 0. `transflow build` leaves out entries with errors.

    \b
    Example:
      transflow check -l kk
      transflow check --article my-story --format json
      transflow check --list
    """
    from transflow.qa.checks import CHECKS
    from transflow.qa.collect import checked_catalogs
    from transflow.qa.header import HEADER_CHECKS

    if list_checks:
        rows = [(c.id, c.severity, c.title) for c in CHECKS] + HEADER_CHECKS
        with _reader_may_leave():  # check --list | head -1
            click.echo(_listing(rows, fmt), nl=False)
        return
    project = open_project(ctx)
    # Made as the catalogs come, so an archive's report never has to fit in memory at once, and
    # kept aside (on disk past a few MB) until it is whole: bad input in any catalog stops the
    # run with its error and no half a report on standard output.
    catalogs = checked_catalogs(project, articles, flatten(langs), jobs)
    tally = check_formats.Tally()
    pieces = check_formats.iter_json if fmt == "json" else check_formats.iter_text
    with tempfile.SpooledTemporaryFile(max_size=8 << 20, mode="w+", encoding="utf-8") as report:
        for piece in pieces(catalogs, tally):
            report.write(piece)
        report.seek(0)
        with _reader_may_leave():
            while chunk := report.read(1 << 16):
                click.echo(chunk, nl=False)
    if tally.errors:
        ctx.exit(1)


def _listing(rows: Sequence[tuple[str, str, str]], fmt: str) -> str:
    """``check --list``: a line per check in columns, or a JSON list of objects."""
    if fmt == "json":
        import json

        keys = ("name", "severity", "title")
        return json.dumps([dict(zip(keys, row, strict=True)) for row in rows], indent=2) + "\n"
    width = max(len(name) for name, _, _ in rows)
    return "".join(f"{name:<{width}}  {severity:<7}  {title}\n" for name, severity, title in rows)


@contextmanager
def _reader_may_leave() -> Iterator[None]:
    """``transflow check | head``: a reader that has read enough and closed the pipe ends the
    output, not the command, which exits as the whole report says (1 with an error in it)."""
    try:
        yield
    except BrokenPipeError:
        # Standard output is gone: what is still buffered for it goes nowhere, without a
        # second error when Python flushes it on the way out.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _is_tty() -> bool:
    try:
        return sys.stdout.isatty()
    except ValueError:  # closed
        return False
