"""The command group and the core pipeline commands.

Library modules are imported inside each command, so that ``transflow --help`` or a run with
nothing to do does not pay for importing markdown-it, Babel or the translation providers.
"""

from __future__ import annotations

import gc
import importlib
import os
import signal
from pathlib import Path
from types import FrameType
from typing import ClassVar

import click

from transflow import __version__
from transflow.cli.options import (
    COMMA_LIST,
    article_option,
    flatten,
    jobs_option,
    lang_option,
    open_project,
    reports_errors,
    warn_nested,
)
from transflow.cli.output import (
    SHOWN,
    print_blocked,
    print_files,
    print_gone,
    print_skipped,
    shown,
)

# Why a run removed a file that it made from an article.
_GONE = "its article is gone"
# How many kept catalogs of articles that are gone `update` names, every run, before it counts.
_NAMED = 5


class LazyGroup(click.Group):
    """Commands defined in other modules are imported when one of them is used (or listed), so
    ``transflow build`` never pays for loading the translation providers."""

    lazy: ClassVar[dict[str, str]] = {
        "translate": "transflow.cli.mt",
        "tm": "transflow.cli.mt",
        "status": "transflow.cli.quality",
        "check": "transflow.cli.quality",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            importlib.import_module(self.lazy[cmd_name])
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-C",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    help="Run in this project folder instead of the current one.",
)
@click.version_option(__version__, prog_name="transflow")
@click.pass_context
def cli(ctx: click.Context, directory: Path) -> None:
    """Publish news articles in several languages through gettext catalogs.

    \b
    Typical run:
      transflow extract     # articles/*.md -> locales/templates/*.pot
      transflow update      # templates -> locales/<lang>/LC_MESSAGES/*.po
      transflow build       # reviewed translations -> build/<lang>/*.md, *.html
      transflow status      # what is left to translate
    """
    ctx.ensure_object(dict)
    ctx.obj["root"] = directory


@cli.command("init")
@click.argument("directory", type=click.Path(path_type=Path), default=".")
@click.option(
    "-l",
    "--lang",
    "langs",
    type=COMMA_LIST,
    multiple=True,
    help="Target languages (default: kk,ru).",
)
@click.pass_context
@reports_errors
def init_command(ctx: click.Context, directory: Path, langs: tuple[tuple[str, ...], ...]) -> None:
    """Create a new project: transflow.toml, articles/ and locales/.

    Example: transflow init newsroom -l kk,ru
    """
    from transflow.init import init_project

    directory = ctx.obj["root"] / directory  # `transflow -C DIR init` creates it in DIR
    created, ignored = init_project(directory, flatten(langs) or ("kk", "ru"))
    for path in created:
        click.echo(f"created {path}")
    if ignored:
        click.echo(f"added {', '.join(ignored)} to {directory / '.gitignore'}")
    # `init` alone: "the current folder", not "." (which would end the sentence twice)
    shown = os.path.normpath(directory)
    where = "the current folder" if shown == "." else shown
    articles = "articles" if shown == "." else os.path.join(shown, "articles")  # noqa: PTH118
    click.echo(f"Project ready in {where}. Put articles in {articles}/.")


@cli.command("extract")
@article_option
@jobs_option
@click.pass_context
@reports_errors
def extract_command(ctx: click.Context, articles: tuple[str, ...], jobs: int | None) -> None:
    """Write one template (.pot) per article into locales/templates/.

    Example: transflow extract --article my-story
    """
    from transflow.catalog.sync import extract

    project = open_project(ctx)
    warn_nested(project, articles)
    files, leftovers = extract(project, articles, jobs)
    print_files(files, project.root)
    print_gone(leftovers.templates, project.root, _GONE, "a template of an article that is gone")
    if not any(file.written for file in files) and not leftovers.templates.removed:
        click.echo("All templates are up to date.")


@cli.command("update")
@lang_option
@article_option
@jobs_option
@click.pass_context
@reports_errors
def update_command(
    ctx: click.Context,
    langs: tuple[tuple[str, ...], ...],
    articles: tuple[str, ...],
    jobs: int | None,
) -> None:
    """Extract, then create or merge each language's catalog (.po) like msgmerge --previous.

    Example: transflow update -l kk
    """
    from transflow.catalog.sync import update

    project = open_project(ctx)
    warn_nested(project, articles)
    results, leftovers = update(project, articles, flatten(langs), jobs)
    print_gone(leftovers.templates, project.root, _GONE, "a template of an article that is gone")
    for path in leftovers.catalogs[:_NAMED]:
        click.echo(
            f"{shown(path, project.root)}: its article is gone; kept, as it holds translators' "
            "work (article renamed? rename the catalog to match and run update again; "
            "else delete it when its translation is no longer wanted)",
            err=True,
        )
    if len(leftovers.catalogs) > _NAMED:
        more = len(leftovers.catalogs) - _NAMED
        click.echo(f"... and {more} more catalog(s) whose article is gone, kept", err=True)
    for file, stats in results:
        note = f"{stats.kept} kept, {stats.fuzzy} fuzzy, {stats.new} new, {stats.obsolete} obsolete"
        print_files([file], project.root, note)
        if file.note:
            click.echo(f"{shown(file.path, project.root)}: {file.note}", err=True)
    left = [file for file, _ in results if file.changed_meanwhile]
    if left:
        raise click.ClickException(
            f"{len(left)} catalog(s) left unmerged as saved meanwhile; "
            "run `transflow update` again when nobody is saving them"
        )
    if not any(file.written for file, _ in results) and not leftovers.templates.removed:
        click.echo("All catalogs are up to date.")


@cli.command("build")
@lang_option
@article_option
@jobs_option
@click.option(
    "--format",
    "formats",
    type=COMMA_LIST,
    multiple=True,
    help="Output formats: md, html (default: both).",
)
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help=f"List every page skipped and entry kept in the source (else the first {SHOWN}).",
)
@click.pass_context
@reports_errors
def build_command(
    ctx: click.Context,
    langs: tuple[tuple[str, ...], ...],
    articles: tuple[str, ...],
    jobs: int | None,
    formats: tuple[tuple[str, ...], ...],
    verbose: bool,
) -> None:
    """Rebuild every article in every language into build/<lang>/.

    Only reviewed (translated, not fuzzy) entries are used; the rest falls back to the source.
    Articles below min_coverage are skipped with the reason.

    Example: transflow build -l kk,ru --format md,html
    """
    from transflow.build.write import FORMATS, build
    from transflow.gone import Gone

    for fmt in flatten(formats):
        if fmt not in FORMATS:
            choices = ", ".join(FORMATS)
            raise click.BadParameter(f"{fmt!r} is not one of {choices}", param_hint="'--format'")
    project = open_project(ctx)
    warn_nested(project, articles)
    report = build(project, articles, flatten(langs), flatten(formats) or FORMATS, jobs)
    print_files(report.files, project.root)
    print_gone(report.gone, project.root, _GONE, "a page of an article that is gone")
    removed = report.gone.removed or report.unbuilt.removed
    if not any(file.written for file in report.files) and not removed:
        if report.files or report.up_to_date or not report.skipped:
            click.echo("All pages are up to date.")
        else:
            click.echo("No page to build: every one asked for is skipped (see why below).")
    print_skipped(report.skipped, verbose)
    # A page of a language taken out of target_languages is not among the skipped ones.
    targets = {project.settings.source_language, *project.settings.target_languages}
    not_built, dropped = Gone(), Gone()
    for path in report.unbuilt.removed:
        (not_built if path.parent.name in targets else dropped).removed.append(path)
    for path in report.unbuilt.changed:
        (not_built if path.parent.name in targets else dropped).changed.append(path)
    print_gone(not_built, project.root, "not built now: see skipped", "a page not built now")
    print_gone(
        dropped,
        project.root,
        "its language is no longer one of the project's",
        "a page of a language no longer one of the project's",
    )
    print_blocked(report.blocked, verbose)


def main() -> None:
    # A run makes millions of small objects (entries, segments, findings) that form no reference
    # cycles, and the cyclic collector's default pace (a pass every 700 allocations, over an
    # ever larger heap) took a sixth of the time of update and build. Refcounting still frees
    # everything at once; cycles, which transflow rarely makes, wait a little longer.
    gc.set_threshold(100_000, 50, 100)
    # A kill (SIGTERM) before a command starts or after it is done exits as one during it does
    # (130, see options._termination_as_interrupt), not with the signal's own 143, which a
    # supervisor reads as "killed in the middle".
    signal.signal(signal.SIGTERM, _exit_as_interrupted)
    cli(prog_name="transflow")


def _exit_as_interrupted(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(130)
