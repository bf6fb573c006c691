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
from transflow.catalog.store import catalog_of_data
from transflow.config import Settings
from transflow.errors import ArticleError
from transflow.parallel import map_items
from transflow.project import FastPaths, Project
from transflow.report import counted
from transflow.report.coverage import Coverage, coverage_of
from transflow.stamps import (
    Known,
    Stamps,
    StrPath,
    known_file,
    known_file_data,
    settings_digest,
    state_of,
)

_VERSION = "coverage/6"


@dataclass(frozen=True)
class _Count:
    root: Path
    slug: str
    language: str


@lru_cache(maxsize=4)
def _project(root: Path) -> Project:
    return Project.open(root)


def _count(item: _Count) -> tuple[Coverage, dict[str, Known | None]]:
    """A missing (or empty) catalog counts as all untranslated: its template's entries, or, for
    an article not extracted yet, its segments (so that ``--fail-under`` catches a new article).

    With the count, the files it was made from as found before reading them (see
    ``Stamps.record``): a catalog a translator saves while ``status`` counts it is counted
    again next time, never remembered with the counts of the bytes it held before."""
    project = _project(item.root)
    settings, paths = project.settings, project.paths
    path = project.inside(settings.catalog_path(item.language, item.slug))
    relative = settings.relative(path)
    known: dict[str, Known | None] = {}
    catalog = _read(path, paths.catalog(item.language, item.slug), settings, known)
    if catalog is not None and not _live(catalog):
        # An empty catalog (made by hand, or emptied) is counted as a missing one, against what
        # there is to translate, not as 0 of 0 entries done; its obsolete entries still count.
        missing = _missing(project, item, known)
        if _live(missing):
            catalog = Catalog(entries=missing.entries + catalog.entries)
    elif catalog is not None:
        texts = _texts(project, item, known)
        return coverage_of(catalog, item.slug, item.language, relative, texts), known
    if catalog is None:
        catalog = _missing(project, item, known)
    return coverage_of(catalog, item.slug, item.language, relative), known


def _texts(project: Project, item: _Count, known: dict[str, Known | None]) -> set[str]:
    """The article's segments, each text once: none when the article is gone, or cannot be read
    (``build`` and ``update`` say why; the report counts the catalog as it is)."""
    name = project.paths.article(item.slug)
    found, data = known_file_data(name)
    known[name] = found
    if found is None or data is None:
        return set()
    try:
        article = project.article(item.slug, data)
    except ArticleError:
        return set()
    return {segment.msgid for segment in article.segments}


def _live(catalog: Catalog) -> bool:
    return any(not entry.obsolete for entry in catalog.entries)


def _missing(project: Project, item: _Count, known: dict[str, Known | None]) -> Catalog:
    """What a missing catalog counts: its template's entries, or the article's segments."""
    settings, paths = project.settings, project.paths
    template = project.inside(settings.template_path(item.slug))
    catalog = _read(template, paths.template(item.slug), settings, known)
    if catalog is None:
        article = paths.article(item.slug)
        known[article] = known_file(article)
        segments = project.article(item.slug).segments
        catalog = Catalog(
            entries=[Entry(msgid=m) for m in dict.fromkeys(s.msgid for s in segments)]
        )
    return catalog


def _read(
    path: Path, name: str, settings: Settings, known: dict[str, Known | None]
) -> Catalog | None:
    """The catalog at ``path`` (``name`` in the stamps), parsed from the very bytes whose digest
    goes into ``known``; None when there is no such file."""
    found, data = known_file_data(name)
    known[name] = found
    if found is None or data is None:
        return None
    return catalog_of_data(path, data, str(found[-1]), settings.cache_dir)


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
    rows: dict[int, Coverage] = {}
    todo = []
    for index, item in enumerate(items):
        key, inputs = _stamp(paths, item)
        data = stamps.data(key)
        if data is not None and stamps.fresh(key, inputs, version, []):
            rows[index] = Coverage(*data)
        elif (found := _counted(stamps, project.settings, paths, item)) is not None:
            row, seen = found  # counted by `build` from the catalog as it is now
            rows[index] = row
            stamps.record(key, inputs, version, [], list(astuple(row)), known=seen)
        else:
            todo.append(index)
    counts = map_items(_count, [items[i] for i in todo], jobs)
    for index, (row, seen) in zip(todo, counts, strict=True):
        rows[index] = row
        key, inputs = _stamp(paths, items[index])
        stamps.record(key, inputs, version, [], list(astuple(row)), known=seen)
    stamps.save()
    return [rows[index] for index in range(len(items))]


def _settings_key(settings: Settings) -> str:
    """What a remembered count also depends on: the catalog's path that it names (``locales``),
    and how an article not extracted yet is segmented."""
    return settings_digest(
        _VERSION, settings.locales, settings.segmentation, settings.translate_fields
    )


def _counted(
    stamps: Stamps, settings: Settings, paths: FastPaths, item: _Count
) -> tuple[Coverage, dict[str, Known | None]] | None:
    """The counts another command (``build``) left for the catalog's current bytes, if any, and
    the catalog as found before its digest was taken (a save meanwhile is counted next time)."""
    name = paths.catalog(item.language, item.slug)
    try:
        state = state_of(os.stat(name))  # noqa: PTH116  (str paths: see stamps)
    except FileNotFoundError:
        return None  # no catalog: counted from its template
    digest = stamps.digest(name)
    if digest is None:
        return None
    article = paths.article(item.slug)
    try:
        article_state = state_of(os.stat(article))  # noqa: PTH116
    except FileNotFoundError:
        return None
    article_digest = stamps.digest(article)
    if article_digest is None:
        return None
    path = Path(name)
    relative = settings.relative(path)
    key = counted.inputs_digest(digest, article_digest, settings)
    row = counted.recall(settings.cache_dir, path, key, item.slug, item.language, relative)
    if row is None:
        return None
    return row, {name: [*state, digest], article: [*article_state, article_digest]}


def _stamp(paths: FastPaths, item: _Count) -> tuple[str, list[StrPath]]:
    catalog = paths.catalog(item.language, item.slug)
    # A catalog is counted alone; only a missing or empty one is counted from its template, or
    # from its article. (A str path, as in the stamps: thousands of them.)
    inputs: list[StrPath] = [catalog, paths.template(item.slug), paths.article(item.slug)]
    return f"coverage:{item.slug}:{item.language}", inputs
