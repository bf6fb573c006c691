"""Project-wide ``extract`` and ``update``: articles → templates → language catalogs."""

from __future__ import annotations

from dataclasses import replace

from transflow.catalog.extract import creation_date, template_for
from transflow.catalog.header import catalog_header
from transflow.catalog.merge import MergeStats, merge
from transflow.catalog.store import read_catalog, read_catalog_if_exists, write_catalog
from transflow.models import FileResult
from transflow.project import Project


def extract_article(project: Project, slug: str) -> FileResult:
    article = project.article(slug)
    path = project.inside(project.settings.template_path(slug))
    old = read_catalog_if_exists(path)
    template = template_for(article, project.reference(slug), project.settings.name, "")
    assert template.header is not None
    created = creation_date(template, old)
    stamped = replace(template.header, msgstr=template.header.msgstr.replace(
        "POT-Creation-Date: \n", f"POT-Creation-Date: {created}\n"))
    template.header = stamped
    return FileResult(path, write_catalog(path, template))


def extract(project: Project, slugs: tuple[str, ...] = ()) -> list[FileResult]:
    return [extract_article(project, slug) for slug in project.slugs(slugs)]


def update_article(project: Project, slug: str, language: str) -> tuple[FileResult, MergeStats]:
    template = read_catalog(project.inside(project.settings.template_path(slug)))
    path = project.inside(project.settings.catalog_path(language, slug))
    old = read_catalog_if_exists(path)
    header = catalog_header(template, language, old)
    merged, stats = merge(template, old, header)
    return FileResult(path, write_catalog(path, merged)), stats


def update(
    project: Project, slugs: tuple[str, ...] = (), languages: tuple[str, ...] = ()
) -> list[tuple[FileResult, MergeStats]]:
    """Merge every article's template into each language's catalog (extracting first when a
    template is missing or older than its article)."""
    results = []
    langs = project.languages(languages)
    for slug in project.slugs(slugs):
        extract_article(project, slug)
        for language in langs:
            results.append(update_article(project, slug, language))
    return results
