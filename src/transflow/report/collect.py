"""Coverage of every catalog of a project.

Counting needs each catalog parsed; with thousands of catalogs the counts are remembered per
catalog content in the stamps cache, those ``build`` left (``counted``) are taken as they are, and
the other catalogs that changed are counted in parallel.
"""

from __future__ import annotations

import os
from dataclasses import astuple, dataclass
from functools import lru_cache
from pathlib import Path

from transflow.catalog.model import Catalog, Entry
from transflow.catalog.store import read_catalog_if_exists
from transflow.config import Settings
from transflow.parallel import map_items
from transflow.project import FastPaths, Project
from transflow.report import counted
from transflow.report.coverage import Coverage, coverage_of
from transflow.stamps import Stamps, StrPath, settings_digest

_VERSION = "coverage/3"


@dataclass(frozen=True)
class _Count:
    root: Path
    slug: str
    language: str


@lru_cache(maxsize=4)
def _project(root: Path) -> Project:
    return Project.open(root)


def _count(item: _Count) -> Coverage:
    """A missing catalog counts as all untranslated: its template's entries, or, for an article
    not extracted yet, its segments (so that ``--fail-under`` catches a new article)."""
    project = _project(item.root)
    settings = project.settings
    path = project.inside(settings.catalog_path(item.language, item.slug))
    relative = settings.relative(path)
    catalog = read_catalog_if_exists(path, settings.cache_dir)
    if catalog is None:
        catalog = read_catalog_if_exists(settings.template_path(item.slug), settings.cache_dir)
    if catalog is None:
        segments = project.article(item.slug).segments
        catalog = Catalog(
            entries=[Entry(msgid=m) for m in dict.fromkeys(s.msgid for s in segments)]
        )
    return coverage_of(catalog, item.slug, item.language, relative)


def collect_coverage(
    project: Project,
    slugs: tuple[str, ...] = (),
    languages: tuple[str, ...] = (),
    jobs: int | None = None,
) -> list[Coverage]:
    """One Coverage per article and language, in article then language order."""
    stamps = Stamps(project.settings.cache_dir, "status")
    paths = project.paths
    version = _settings_key(project.settings)
    items = [
        _Count(project.root, slug, language)
        for slug in project.slugs(slugs)
        for language in project.languages(languages)
    ]
    known: dict[int, Coverage] = {}
    todo = []
    for index, item in enumerate(items):
        key, inputs = _stamp(paths, item)
        data = stamps.data(key)
        if data is not None and stamps.fresh(key, inputs, version, []):
            known[index] = Coverage(*data)
        elif (row := _counted(stamps, project.settings, paths, item)) is not None:
            known[index] = row  # counted by `build` from the catalog as it is now
            stamps.record(key, inputs, version, [], list(astuple(row)))
        else:
            todo.append(index)
    for index, row in zip(todo, map_items(_count, [items[i] for i in todo], jobs), strict=True):
        known[index] = row
        key, inputs = _stamp(paths, items[index])
        stamps.record(key, inputs, version, [], list(astuple(row)))
    stamps.save()
    return [known[index] for index in range(len(items))]


def _settings_key(settings: Settings) -> str:
    """What a remembered count also depends on: the catalog's path that it names (``locales``),
    and how an article not extracted yet is segmented."""
    return settings_digest(
        _VERSION, settings.locales, settings.segmentation, settings.translate_fields
    )


def _counted(stamps: Stamps, settings: Settings, paths: FastPaths, item: _Count) -> Coverage | None:
    """The counts another command (``build``) left for the catalog's current bytes, if any."""
    name = paths.catalog(item.language, item.slug)
    digest = stamps.digest(name)
    if digest is None:
        return None  # no catalog: counted from its template
    path = Path(name)
    relative = settings.relative(path)
    return counted.recall(settings.cache_dir, path, digest, item.slug, item.language, relative)


def _stamp(paths: FastPaths, item: _Count) -> tuple[str, list[StrPath]]:
    catalog = paths.catalog(item.language, item.slug)
    # A catalog is counted alone; only a missing one is counted from its template, or from its
    # article. (A str path, as in the stamps: thousands of them.)
    inputs: list[StrPath] = [catalog]
    if not os.path.isfile(catalog):  # noqa: PTH113
        inputs += [paths.template(item.slug), paths.article(item.slug)]
    return f"coverage:{item.slug}:{item.language}", inputs
