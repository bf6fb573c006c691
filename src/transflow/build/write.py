"""``transflow build``: every article in every language, as Markdown and HTML.

One unit of work is an article in all requested languages (the source is parsed once); units run
in parallel and are skipped when the article, its catalogs and the settings are unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from transflow import __version__
from transflow.article.parse import Article
from transflow.build.html import PageLink, render_page
from transflow.build.render import render_markdown, reviewed_translations
from transflow.catalog.store import read_catalog_if_exists
from transflow.errors import BuildError
from transflow.fsutil import write_text_atomic
from transflow.models import FileResult, Output, Skipped
from transflow.parallel import map_items
from transflow.project import Project
from transflow.qa.findings import Finding
from transflow.qa.run import Where, publishable
from transflow.report.coverage import coverage_of
from transflow.stamps import Stamps, settings_digest

FORMATS = ("md", "html")


@dataclass(frozen=True)
class BuildReport:
    files: list[FileResult] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    blocked: list[Finding] = field(default_factory=list)  # entries published in the source


@dataclass(frozen=True)
class BuildDone:
    outputs: list[Output] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    blocked: list[Finding] = field(default_factory=list)


@dataclass(frozen=True)
class BuildWork:
    root: Path
    slug: str
    languages: tuple[str, ...]
    formats: tuple[str, ...]


@lru_cache(maxsize=4)
def _project(root: Path) -> Project:
    return Project.open(root)


def build(
    project: Project,
    slugs: tuple[str, ...] = (),
    languages: tuple[str, ...] = (),
    formats: tuple[str, ...] = FORMATS,
    jobs: int | None = None,
) -> BuildReport:
    for fmt in formats:
        if fmt not in FORMATS:
            raise BuildError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    langs = project.languages(languages)
    if not languages:
        langs = [project.settings.source_language, *langs]
    stamps = Stamps(project.settings.cache_dir)
    key = _settings_key(project, formats)
    report = BuildReport()
    todo = []
    for slug in project.slugs(slugs):
        work = BuildWork(project.root, slug, tuple(langs), formats)
        inputs, outputs = _io(project, work)
        if stamps.fresh(_stamp_key(work), inputs, key, outputs):
            report.skipped.extend(Skipped(*row) for row in stamps.data(_stamp_key(work)) or [])
        else:
            todo.append(work)
    for work, done in zip(todo, map_items(_build_article, todo, jobs), strict=True):
        for output in done.outputs:
            assert output.text is not None
            report.files.append(FileResult(output.path, write_text_atomic(output.path, output.text)))
        report.skipped.extend(done.skipped)
        report.blocked.extend(done.blocked)
        if done.blocked:  # no stamp: rebuilt, and listed again, until the translations are fixed
            stamps.forget(_stamp_key(work))
            continue
        inputs, outputs = _io(project, work)
        rows = [[s.slug, s.language, s.reason] for s in done.skipped]
        stamps.record(_stamp_key(work), inputs, key, outputs, rows)
    stamps.save()
    return report


def _stamp_key(work: BuildWork) -> str:
    return f"build:{work.slug}:{','.join(work.languages)}:{','.join(work.formats)}"


def _settings_key(project: Project, formats: tuple[str, ...]) -> str:
    s = project.settings
    return settings_digest(
        __version__, formats, s.min_coverage, s.translate_fields, s.segmentation,
        s.source_language, s.target_languages, s.build,
    )


def _io(project: Project, work: BuildWork) -> tuple[list[Path], list[Path]]:
    settings = project.settings
    inputs = [settings.article_path(work.slug)]
    inputs += [
        settings.catalog_path(lang, work.slug)
        for lang in work.languages
        if lang != settings.source_language
    ]
    outputs = [
        output_path(project, lang, work.slug, fmt) for lang in work.languages for fmt in work.formats
    ]
    return inputs, outputs


def _build_article(work: BuildWork) -> BuildDone:
    project = _project(work.root)
    article = project.article(work.slug)
    done = BuildDone()
    for language in work.languages:
        _build_one(project, article, language, work.formats, done)
    return done


def _build_one(
    project: Project, article: Article, language: str, formats: tuple[str, ...], report: BuildDone
) -> None:
    settings = project.settings
    if language == settings.source_language or not article.segments:
        text = article.text  # nothing to translate: the page is the source
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
        where = Where(article.slug, language, settings.relative(path), settings.source_language)
        catalog, blocked = publishable(catalog, where)  # entries with errors fall back to source
        report.blocked.extend(blocked)
        text = render_markdown(article, reviewed_translations(catalog)).text
    if "md" in formats:
        target = project.inside(output_path(project, language, article.slug, "md"))
        report.outputs.append(Output(target, text))
    if "html" in formats:
        target = project.inside(output_path(project, language, article.slug, "html"))
        page = render_page(text, language, _links(project, article.slug), _has_html(article))
        report.outputs.append(Output(target, page))


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
