"""A catalog's counts, remembered by the catalog's exact bytes for the next ``status``.

``build`` counts every catalog to see whether it reaches ``min_coverage``; it leaves the counts
in ``.transflow-cache/counted.sqlite`` (see ``cachedb``), keyed by a digest of the file's bytes
and of its article's (whose segments the catalog may lack: ``Coverage.outdated``), so that a
``status`` run after it finds them instead of loading and counting each catalog again. A
catalog changed in any editor, or an article rewritten, has another digest and is counted
afresh. Only a cache:
deleting it costs the counting again and nothing else.
"""

from __future__ import annotations

from pathlib import Path

from transflow import __version__, cachedb
from transflow.config import Settings
from transflow.report.coverage import Coverage, count_fields
from transflow.stamps import in_project, project_prefix, settings_digest

NAME = "counted.sqlite"
_FORMAT = f"3/{__version__}"  # bump the 3 when the counting changes


def inputs_digest(catalog: str, article: str | None, settings: Settings) -> str:
    """What a catalog's counts are kept under: the digests of its bytes and of its article's,
    and the settings that segment the article."""
    how = settings_digest(settings.segmentation, settings.translate_fields)
    return f"{catalog}:{article}:{how}"


def remember_all(cache_dir: Path, rows: list[tuple[str, str, list[int]]]) -> None:
    """Keep, for each (path, digest, counts), the counts (``counts_of``) of the catalog ``path``
    while its inputs are those of ``digest`` (``inputs_digest``); in one transaction."""
    if rows:
        prefix = project_prefix(cache_dir)
        kept = [(in_project(prefix, path), _key(digest), counts) for path, digest, counts in rows]
        cachedb.put_many(cache_dir / NAME, kept)


def recall(
    cache_dir: Path, path: Path, digest: str, article: str, language: str, relative: str
) -> Coverage | None:
    """The Coverage of ``path`` if its counts were kept for the inputs of ``digest``; else None."""
    name = in_project(project_prefix(cache_dir), str(path))
    counts = cachedb.get(cache_dir / NAME, name, _key(digest))
    try:
        return None if counts is None else with_counts(counts, article, language, relative)
    except (TypeError, ValueError):
        return None  # not what this version keeps


def counts_of(row: Coverage) -> list[int]:
    """The counts of ``row`` (``count_fields``' order), without its article, language and path."""
    return [getattr(row, name) for name in count_fields()]


def with_counts(counts: list[int], article: str, language: str, path: str) -> Coverage:
    """The Coverage of ``article`` in ``language`` whose counts ``counts_of`` gave."""
    return Coverage(article, language, path, **dict(zip(count_fields(), counts, strict=True)))


def _key(digest: str) -> bytes:
    return f"{_FORMAT}:{digest}".encode()
