"""Commands that report on the translations: status (coverage) and check (quality)."""

from __future__ import annotations

import click

from transflow.cli.app import cli
from transflow.cli.options import article_option, flatten, lang_option, open_project, reports_errors
from transflow.cli.output import print_status_table
from transflow.report.collect import collect_coverage


@cli.command("status")
@lang_option
@article_option
@click.pass_context
@reports_errors
def status_command(
    ctx: click.Context, langs: tuple[tuple[str, ...], ...], articles: tuple[str, ...]
) -> None:
    """Show translated / fuzzy / untranslated segments and words per article and language.

    Example: transflow status -l ru
    """
    project = open_project(ctx)
    print_status_table(collect_coverage(project, articles, flatten(langs)))
