"""``transflow check`` over a whole archive: catalogs checked in parallel, and only when changed.

Checking is the costliest thing ``check`` does (about 60 µs an entry), so each catalog's findings
are remembered in the stamps (``.transflow-cache/stamps-check.marshal``) with a digest of the
catalog and of the glossary; a catalog whose inputs are unchanged is not read again. The others
are checked by worker processes, one catalog at a time; the findings come back in article, then
language order, so the report is the same for any number of workers.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass, field
from functools import lru_cache
from pathlib import Path

from transflow import __version__
from transflow.catalog.store import read_catalog_if_exists
from transflow.fsutil import FileState, file_state
from transflow.parallel import map_items
from transflow.project import Project
from transflow.qa.checks import CHECKS
from transflow.qa.findings import Finding
from transflow.qa.glossary import Glossary, glossary_path, load_glossary
from transflow.qa.run import CheckReport, Where, check_catalog, checked_entries
from transflow.stamps import Known, Stamps, StrPath, known_file, settings_digest


@dataclass(frozen=True)
class _Item:
    root: Path
    slug: str
    language: str


@dataclass(frozen=True)
class _Checked:
    found: bool  # whether the catalog exists
    entries: int  # translated and fuzzy entries checked
    findings: list[Finding]
    # The inputs as found before they were read: a catalog saved while it was being checked
    # is checked again next time, never taken as checked (see Stamps.record).
    known: dict[str, Known | None] = field(default_factory=dict)


@lru_cache(maxsize=4)
def _project(root: Path) -> Project:
    return Project.open(root)


def _check(item: _Item) -> _Checked:
    project = _project(item.root)
    settings = project.settings
    known = {str(name): known_file(name) for name in _stamp(project, item)[1]}
    path = project.inside(settings.catalog_path(item.language, item.slug))
    catalog = read_catalog_if_exists(path, settings.cache_dir)
    if catalog is None:
        return _Checked(False, 0, [], known)
    where = Where(item.slug, item.language, settings.relative(path), settings.source_language)
    glossary = _glossary(item.root, file_state(glossary_path(settings)))
    findings = check_catalog(catalog, where, glossary)
    return _Checked(True, len(checked_entries(catalog)), findings, known)


@lru_cache(maxsize=4)
def _glossary(root: Path, state: FileState | None) -> Glossary:
    """The project's glossary, read once per process while the file stays as ``state``."""
    return load_glossary(_project(root).settings)


def check_archive(
    project: Project,
    slugs: tuple[str, ...] = (),
    languages: tuple[str, ...] = (),
    jobs: int | None = None,
) -> CheckReport:
    """``qa.run.check_project``, in parallel over the catalogs, redoing only what changed."""
    settings = project.settings
    load_glossary(settings)  # a bad glossary stops the run here, before any work
    stamps = Stamps(settings.cache_dir, "check")
    key = settings_digest(
        "check/1",  # bump when what is remembered changes
        __version__,
        settings.source_language,
        [c.id for c in CHECKS],
        settings.extra.get("qa"),
        settings.extra.get("glossary"),
    )
    items = [
        _Item(project.root, slug, language)
        for slug in project.slugs(slugs)
        for language in project.languages(languages)
    ]
    results: dict[int, _Checked] = {}
    todo = []
    for index, item in enumerate(items):
        stamp, inputs = _stamp(project, item)
        data = stamps.data(stamp)
        if data is not None and stamps.fresh(stamp, inputs, key, []):
            found, entries, rows = data
            results[index] = _Checked(found, entries, [Finding(*row) for row in rows])
        else:
            todo.append(index)
    for index, checked in zip(todo, map_items(_check, [items[i] for i in todo], jobs), strict=True):
        results[index] = checked
        stamp, inputs = _stamp(project, items[index])
        rows = [list(astuple(finding)) for finding in checked.findings]
        data = [checked.found, checked.entries, rows]
        stamps.record(stamp, inputs, key, [], data, known=checked.known)
    stamps.save()
    done = [results[index] for index in range(len(items))]
    return CheckReport(
        [finding for checked in done for finding in checked.findings],
        sum(checked.entries for checked in done),
        sum(1 for checked in done if checked.found),
    )


def _stamp(project: Project, item: _Item) -> tuple[str, list[StrPath]]:
    catalog = project.paths.catalog(item.language, item.slug)
    inputs: list[StrPath] = [catalog, glossary_path(project.settings)]
    return f"check:{item.slug}:{item.language}", inputs
