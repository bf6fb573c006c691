"""Machine-translation commands: translate, tm export, tm import.

As in app.py, library modules are imported inside the commands: deep-translator and its HTML
parser are not loaded for other commands.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from transflow.cli.app import cli
from transflow.cli.options import (
    CommaList,
    article_option,
    flatten,
    jobs_option,
    lang_option,
    open_project,
    reports_errors,
)
from transflow.cli.output import shown
from transflow.mt.settings import ENGINES

if TYPE_CHECKING:
    from transflow.mt.draft import EngineStats, Progress, TranslateReport
    from transflow.mt.tm import TmReport


class ProgressLine:
    """One self-rewriting line on a terminal: engine, counts, rate, ETA, errors."""

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self._shown = 0.0
        self._width = 0

    def update(self, progress: Progress) -> None:
        now = time.monotonic()
        if not self.enabled or (now - self._shown < 0.1 and progress.done < progress.total):
            return
        self._shown = now
        rate = progress.done / progress.elapsed if progress.elapsed > 0 else 0.0
        left = progress.total - progress.done
        eta = f"{int(left / rate) // 60}:{int(left / rate) % 60:02d}" if rate else "-:--"
        percent = 100 * progress.done // progress.total if progress.total else 100
        filled = percent // 5
        line = (
            f"{progress.engine:<9} [{'#' * filled}{'.' * (20 - filled)}] "
            f"{progress.done}/{progress.total} {percent:3d}%  {rate:6.1f}/s  ETA {eta}"
            + (f"  {progress.errors} errors" if progress.errors else "")
        )
        self.stream.write("\r" + line.ljust(self._width))
        self.stream.flush()
        self._width = len(line)

    def close(self) -> None:
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()


@cli.command("translate")
@lang_option
@click.option(
    "--engine",
    "engines",
    type=CommaList(ENGINES),
    multiple=True,
    metavar="NAME",
    help=f"Engine, or chain like memory,google, instead of [mt] engines: {', '.join(ENGINES)}.",
)
@article_option
@click.option(
    "--overwrite-fuzzy",
    is_flag=True,
    help="Replace earlier machine drafts too (a stale translation a person made is kept).",
)
@click.option("--dry-run", is_flag=True, help="Show what would be sent; send and write nothing.")
@click.option(
    "--refresh",
    is_flag=True,
    help="Ask the providers again for texts the answer cache holds (the new answers replace "
    "the cached ones).",
)
@jobs_option
@click.pass_context
@reports_errors
def translate_command(
    ctx: click.Context,
    langs: tuple[tuple[str, ...], ...],
    engines: tuple[tuple[str, ...], ...],
    articles: tuple[str, ...],
    overwrite_fuzzy: bool,
    dry_run: bool,
    refresh: bool,
    jobs: int | None,
) -> None:
    """Fill untranslated entries with machine drafts, marked fuzzy, for translators to review.

    Reviewed entries are never changed. Answers are cached in .transflow-cache/, so a rerun
    sends only what is missing.

    Example: transflow translate -l kk,ru --engine memory,google
    """
    from transflow.mt.draft import translate

    project = open_project(ctx)
    stderr = sys.stderr
    bar = ProgressLine(stderr, enabled=stderr.isatty() and not dry_run)
    try:
        report = translate(
            project,
            flatten(langs),
            articles,
            flatten(engines),
            overwrite_fuzzy=overwrite_fuzzy,
            dry_run=dry_run,
            refresh=refresh,
            progress=bar.update,
            jobs=jobs,
        )
    finally:
        bar.close()
    _print_report(report, project.root)
    left = [file for file in report.files if file.changed_meanwhile]
    if left:  # as update does: a run that could not write all its drafts did not succeed
        raise click.ClickException(
            f"{len(left)} catalog(s) left as saved meanwhile, without their drafts; "
            "run `transflow translate` again when nobody is saving them"
        )
    if report.left_failed:
        draft = "new draft" if report.left_fuzzy else "draft"
        raise click.ClickException(
            f"{_entries(report.left)} got no {draft} ({report.left_failed} because requests "
            "failed); rerun to retry them"
        )


def _print_report(report: TranslateReport, root: Path) -> None:
    if report.cache_problem and report.cache_path is not None:
        click.echo(
            f"{shown(report.cache_path, root)}: {report.cache_problem}; drafted without it: its "
            "answers are not kept for a rerun",
            err=True,
        )
    for skipped in report.skipped:
        click.echo(f"skipped {skipped.slug} [{skipped.language}]: {skipped.reason}", err=True)
    if report.dry_run:
        click.echo("Dry run: nothing is sent or written.")
    if not report.segments:
        # Catalogs skipped (none yet) were not looked at: their entries want drafts too.
        which = "of the catalogs not skipped " if report.skipped else ""
        click.echo(f"Nothing to draft: every entry {which}is translated or already has a draft.")
        return
    for stats in report.engines:
        click.echo(_engine_line(stats, report.dry_run))
        for message, count in stats.errors.most_common():
            click.echo(f"  {count} × {message}")
        if stats.stopped:
            click.echo(f"  {stats.name} {stats.stopped}")
        if stats.discarded_cached:
            n = stats.discarded_cached
            came = "answer came" if n == 1 else "answers came"
            click.echo(f"  {n} discarded {came} from the cache: --refresh asks {stats.name} again")
    by_engine: dict[str, list[str]] = {}
    for planned in report.planned:
        by_engine.setdefault(planned.engine, []).append(f"  [{planned.language}] {planned.text}")
    for engine, lines in by_engine.items():
        click.echo(f"{engine} would send {len(lines)} texts:")
        for line in lines:
            click.echo(line)
    for file in report.files:
        verb = "would add" if report.dry_run else "wrote"
        if file.written:  # in a dry run: would change the file
            click.echo(f"{verb} {file.note} to {shown(file.path, root)}")
    for file in report.files:
        if file.changed_meanwhile:
            message = "none of its drafts written (answers received are in the answer cache)"
            click.echo(f"{shown(file.path, root)}: {file.note}; {message}", err=True)
    unchanged = sum(1 for f in report.files if not f.written and not f.changed_meanwhile)
    if unchanged:
        held = "already hold" if report.dry_run else "already held"
        click.echo(f"{unchanged} catalog(s) {held} these drafts")
    if report.same:
        were = "are" if report.dry_run else "were"
        click.echo(f"{report.same} of these drafts {were} in their entries already")
    if report.passed_over:
        click.echo(
            f"{_entries(report.passed_over)} filled or changed by someone while translate ran: "
            "left as they are"
        )
    if report.left and report.left_fuzzy:
        # --overwrite-fuzzy: an entry left had a draft (or a stale translation), and keeps it.
        click.echo(
            f"{report.left} of {_entries(report.segments)} got no new draft "
            f"({report.left_fuzzy} keep the fuzzy text they had)"
        )
    elif report.left:
        click.echo(f"{report.left} of {_entries(report.segments)} still without a draft")


def _entries(count: int) -> str:
    return f"{count} {'entry' if count == 1 else 'entries'}"


def _engine_line(stats: EngineStats, dry_run: bool) -> str:
    parts = [f"{'would draft' if dry_run else 'drafted'} {stats.drafted}"]
    if stats.texts and dry_run:
        to_send = stats.texts - stats.cached
        parts.insert(0, f"{stats.texts} texts: {stats.cached} from cache, {to_send} to send")
    elif stats.texts:
        parts.insert(
            0,
            f"{stats.texts} texts: {stats.sent} sent ({stats.requests} requests), "
            f"{stats.cached} from cache",
        )
    for label, count in (
        ("failed", stats.failed),
        (
            "discarded (markup lost, a control character added, or not a translation)",
            stats.discarded,
        ),
        ("too long", stats.too_long),
    ):
        if count:
            parts.append(f"{count} {label}")
    return f"{stats.name}: " + ", ".join(parts) + f" ({stats.seconds:.1f} s)"


@cli.group("tm")
def tm_group() -> None:
    """Translation memory as TMX 1.4: export reviewed pairs, import others' files.

    \b
    Example:
      transflow tm export newsroom.tmx -l kk
      transflow tm import agency.tmx     # kept in locales/tm/, used by the memory engine
    """


@tm_group.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@lang_option
@article_option
@click.pass_context
@reports_errors
def tm_export_command(
    ctx: click.Context, file: Path, langs: tuple[tuple[str, ...], ...], articles: tuple[str, ...]
) -> None:
    """Write every reviewed segment pair (translated, not fuzzy) to FILE.tmx.

    Example: transflow tm export newsroom.tmx -l kk,ru
    """
    from transflow.mt.tm import export_tm

    project = open_project(ctx)
    project.check_output(file, "export")
    _print_tm(export_tm(project, file, articles, flatten(langs)), "exported")


@tm_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--replace", is_flag=True, help="Replace another memory imported before under that file name."
)
@click.pass_context
@reports_errors
def tm_import_command(ctx: click.Context, file: Path, replace: bool) -> None:
    """Check FILE.tmx and keep a copy in locales/tm/ for the memory engine.

    Another memory imported under the same file name is kept, and FILE refused, unless
    --replace is given.

    Example: transflow tm import agency.tmx
    """
    from transflow.mt.tm import import_tm

    project = open_project(ctx)
    _print_tm(import_tm(project, file, replace), "imported")


def _print_tm(report: TmReport, verb: str) -> None:
    counts = ", ".join(f"{lang}: {n}" for lang, n in sorted(report.units.items())) or "none"
    state = "" if report.written else " (unchanged)"
    if report.replaced:
        state = " (replacing the memory imported before under that name)"
    click.echo(f"{verb} {sum(report.units.values())} segment pairs ({counts}) "
               f"to {report.path}{state}")  # fmt: skip
    if report.skipped:
        click.echo(f"skipped {report.skipped} units with inline codes or a missing side")
    if report.left_out:
        click.echo(
            f"left out {report.left_out} segment pairs holding control characters, which TMX "
            "(XML) cannot hold",
            err=True,
        )
