"""``transflow build``: every article in every language, as Markdown and HTML."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from transflow.article.parse import Article
from transflow.build.html import PageLink, render_page
from transflow.build.render import render_markdown, reviewed_translations
from transflow.catalog.store import read_catalog_if_exists
from transflow.errors import BuildError
from transflow.fsutil import write_text_atomic
from transflow.models import FileResult, Skipped
from transflow.project import Project
from transflow.report.coverage import coverage_of

FORMATS = ("md", "html")


@dataclass(frozen=True)
class BuildReport:
    files: list[FileResult] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def build(
    project: Project,
    slugs: tuple[str, ...] = (),
    languages: tuple[str, ...] = (),
    formats: tuple[str, ...] = FORMATS,
) -> BuildReport:
    for fmt in formats:
        if fmt not in FORMATS:
            raise BuildError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    report = BuildReport()
    langs = project.languages(languages)
    source = project.settings.source_language
    if not languages:
        langs = [source, *langs]
    for slug in project.slugs(slugs):
        article = project.article(slug)
        for language in langs:
            _build_one(project, article, language, formats, report)
    return report


def _build_one(
    project: Project, article: Article, language: str, formats: tuple[str, ...], report: BuildReport
) -> None:
    settings = project.settings
    if language == settings.source_language:
        text = article.text
    else:
        path = project.inside(settings.catalog_path(language, article.slug))
        catalog = read_catalog_if_exists(path)
        if catalog is None:
            report.skipped.append(Skipped(article.slug, language, "no catalog; run `transflow update`"))
            return
        coverage = coverage_of(catalog, article.slug, language, settings.relative(path))
        if coverage.percent < settings.min_coverage:
            reason = (
                f"{coverage.percent:g}% translated, below min_coverage {settings.min_coverage:g}%"
            )
            report.skipped.append(Skipped(article.slug, language, reason))
            return
        text = render_markdown(article, reviewed_translations(catalog)).text
    out_dir = project.inside(settings.build_dir / language)
    if "md" in formats:
        target = out_dir / f"{article.slug}.md"
        report.files.append(FileResult(target, write_text_atomic(target, text)))
    if "html" in formats:
        target = out_dir / f"{article.slug}.html"
        page = render_page(text, language, _links(project, article.slug), _has_html(article))
        report.files.append(FileResult(target, write_text_atomic(target, page)))


def _links(project: Project, slug: str) -> list[PageLink]:
    settings = project.settings
    languages = [settings.source_language, *settings.target_languages]
    return [PageLink(lang, f"../{lang}/{slug}.html") for lang in languages]


def _has_html(article: Article) -> bool:
    from transflow.article.blocks import markdown_parser

    body = article.text[article.front_matter.body_start :]
    for token in markdown_parser().parse(body):
        if token.type == "html_block":
            return True
        if token.type == "inline" and any(c.type == "html_inline" for c in token.children or []):
            return True
    return False


def output_path(project: Project, language: str, slug: str, fmt: str) -> Path:
    return project.settings.build_dir / language / f"{slug}.{fmt}"
