"""``transflow check`` over a whole archive: catalogs checked in parallel, and only when changed.

Checking is the costliest thing ``check`` does (about 60 µs an entry), so each catalog's findings
are remembered in ``.transflow-cache/checked.sqlite`` (see ``cachedb``), keyed by a digest of the
catalog's bytes, of its article's (whose link reference definitions make "[label]" a link) and
of the glossary; a catalog whose digests are unchanged is not read again.
The others are checked by worker processes, one catalog at a time. Catalogs come back one by
one in the order of their paths, so a report of any size is written as it goes, in the same
order and bytes for any number of workers, and memory holds one catalog's findings at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from dataclasses import astuple, dataclass
from functools import lru_cache
from pathlib import Path

from transflow import __version__, cachedb
from transflow.article.references import NONE, article_labels
from transflow.catalog.store import read_catalog_digest
from transflow.fsutil import FileState, file_state
from transflow.parallel import iter_items
from transflow.project import Project
from transflow.qa.checks import CHECKS
from transflow.qa.findings import Finding
from transflow.qa.formats import ordered
from transflow.qa.glossary import Glossary, glossary_path, load_glossary
from transflow.qa.run import Where, check_catalog, checked_entries
from transflow.stamps import Stamps, data_digest, settings_digest

NAME = "checked.sqlite"


@dataclass(frozen=True)
class CatalogChecked:
    """One catalog's part of the report."""

    path: str  # relative to the project
    found: bool  # whether the catalog exists
    entries: int  # translated and fuzzy entries checked
    findings: list[Finding]  # in the report's order


@dataclass(frozen=True)
class _Item:
    root: Path
    slug: str
    language: str
    key: str  # what the findings are remembered under, but for the catalog's own digest
    relative: str


@lru_cache(maxsize=4)
def _project(root: Path) -> Project:
    return Project.open(root)


@lru_cache(maxsize=4)
def _glossary(root: Path, state: FileState | None) -> Glossary:
    """The project's glossary, read once per process while the file stays as ``state``."""
    return load_glossary(_project(root).settings)


def _check(item: _Item) -> CatalogChecked:
    """Check one catalog and remember its findings under the digest of the bytes checked."""
    project = _project(item.root)
    settings = project.settings
    path = project.inside(settings.catalog_path(item.language, item.slug))
    if not path.is_file():
        return CatalogChecked(item.relative, False, 0, [])
    digest, catalog = read_catalog_digest(path, settings.cache_dir)
    article_digest, references = _article(project, item.slug)
    where = Where(item.slug, item.language, item.relative, settings.source_language)
    glossary = _glossary(item.root, file_state(glossary_path(settings)))
    findings = ordered(check_catalog(catalog, where, glossary, references=references))
    checked = CatalogChecked(item.relative, True, len(checked_entries(catalog)), findings)
    rows = [list(astuple(finding)) for finding in findings]
    stored = [checked.entries, rows]
    key = _key(item.key, digest, article_digest)
    cachedb.put(settings.cache_dir / NAME, item.relative, key, stored)
    return checked


def _article(project: Project, slug: str) -> tuple[str | None, frozenset[str]]:
    """The digest of the article's bytes (None without the file) and the labels of its link
    reference definitions, read from those very bytes."""
    path = project.inside(project.settings.article_path(slug))
    try:
        data = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None, NONE
    return data_digest(data), article_labels(data, path, project.settings.translate_fields)


def checked_catalogs(
    project: Project,
    slugs: tuple[str, ...] = (),
    languages: tuple[str, ...] = (),
    jobs: int | None = None,
) -> Iterator[CatalogChecked]:
    """Every selected catalog's findings (``qa.run.check_project``'s), catalog by catalog in
    the order of their paths: remembered where the catalog and glossary are unchanged, else
    checked in parallel."""
    settings = project.settings
    glossary = glossary_path(settings)
    load_glossary(settings)  # a bad glossary stops the run here, before any work
    stamps = Stamps(settings.cache_dir, "check")  # file digests, known by size and mtime
    key = settings_digest(
        "check/14",  # bump when what is remembered, or what a check finds, changes
        __version__,
        settings.source_language,
        [c.id for c in CHECKS],
        settings.extra.get("qa"),
        settings.extra.get("glossary"),
        stamps.digest(glossary),
    )
    items = sorted(
        (
            _Item(project.root, slug, language, key, settings.relative(path))
            for slug in project.slugs(slugs)
            for language in project.languages(languages)
            for path in [project.inside(settings.catalog_path(language, slug))]
        ),
        key=lambda item: item.relative,
    )
    known: dict[int, CatalogChecked] = {}
    todo = []
    for index, item in enumerate(items):
        found = _remembered(stamps, project, item)
        if found is None:
            todo.append(item)
        else:
            known[index] = found
    stamps.save()
    with closing(iter_items(_check, todo, jobs)) as results:
        for index in range(len(items)):
            yield known.pop(index) if index in known else next(results)


def _remembered(stamps: Stamps, project: Project, item: _Item) -> CatalogChecked | None:
    path = project.paths.catalog(item.language, item.slug)
    digest = stamps.digest(path)
    if digest is None:
        return CatalogChecked(item.relative, False, 0, [])
    key = _key(item.key, digest, stamps.digest(project.paths.article(item.slug)))
    stored = cachedb.get(project.settings.cache_dir / NAME, item.relative, key)
    try:
        entries, rows = stored
        return CatalogChecked(item.relative, True, entries, [Finding(*row) for row in rows])
    except (TypeError, ValueError):
        return None  # not remembered (or by another version): check it


def _key(key: str, digest: str, article_digest: str | None) -> bytes:
    return f"{key}:{digest}:{article_digest}".encode()
