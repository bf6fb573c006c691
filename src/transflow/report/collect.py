"""Coverage of every catalog of a project."""

from __future__ import annotations

from transflow.catalog.store import read_catalog_if_exists
from transflow.project import Project
from transflow.report.coverage import Coverage, coverage_of


def collect_coverage(
    project: Project, slugs: tuple[str, ...] = (), languages: tuple[str, ...] = ()
) -> list[Coverage]:
    """One Coverage per article and language; a missing catalog counts as all untranslated."""
    rows = []
    settings = project.settings
    for slug in project.slugs(slugs):
        for language in project.languages(languages):
            path = project.inside(settings.catalog_path(language, slug))
            catalog = read_catalog_if_exists(path)
            if catalog is None:
                template = read_catalog_if_exists(settings.template_path(slug))
                if template is None:
                    rows.append(Coverage(slug, language, settings.relative(path)))
                    continue
                catalog = template
            rows.append(coverage_of(catalog, slug, language, settings.relative(path)))
    return rows
