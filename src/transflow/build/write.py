"""``transflow build``: every article in every language, as Markdown and HTML.

One unit of work is an article in all requested languages (the source is parsed once); units run
in parallel (``build.compose``) and are skipped when the article, its catalogs and the settings
are unchanged. Files are written once every unit has succeeded.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Generator
from contextlib import closing
from dataclasses import astuple, dataclass, field, replace
from pathlib import Path

from transflow import __version__
from transflow.errors import BuildError
from transflow.fsutil import staged_writes
from transflow.gone import Gone, gone_keys, keys_of, recorded_states, remove_unchanged, retire
from transflow.models import FileResult, Output, Skipped
from transflow.parallel import iter_items
from transflow.project import Project
from transflow.qa.findings import Finding
from transflow.report import counted
from transflow.stamps import (
    Known,
    Stamps,
    StrPath,
    known_file,
    known_file_data,
    settings_digest,
)

FORMATS = ("md", "html")


@dataclass(frozen=True)
class BuildReport:
    files: list[FileResult] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    blocked: list[Finding] = field(default_factory=list)  # entries published in the source
    gone: Gone = field(default_factory=Gone)  # pages of articles that are gone
    unbuilt: Gone = field(default_factory=Gone)  # pages of languages skipped this time
    up_to_date: bool = False  # whether pages were left as they were, their inputs unchanged


@dataclass(frozen=True)
class BuildDone:
    outputs: list[Output] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    blocked: list[Finding] = field(default_factory=list)
    known: dict[str, Known | None] = field(default_factory=dict)  # the inputs, before reading
    # Each catalog counted: its path, the digest of its bytes and its article's
    # (counted.inputs_digest), the counts (for `status`).
    counted: list[tuple[str, str, list[int]]] = field(default_factory=list)


@dataclass(frozen=True)
class BuildWork:
    root: Path
    slug: str
    languages: tuple[str, ...]
    formats: tuple[str, ...]


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
    stamps = Stamps(project.settings.cache_dir, "build")
    key = _settings_key(project, formats)
    report = BuildReport()
    todo = []
    up_to_date = False
    alive = project.slugs(slugs)
    for slug in alive:
        work = BuildWork(project.root, slug, tuple(langs), formats)
        inputs, outputs = _io(project, work)
        if stamps.fresh(_stamp_key(work), inputs, _linked_key(project, work, key), outputs):
            # (Whether any page is there: the outputs of skipped languages are not.)
            up_to_date = up_to_date or any(os.path.exists(p) for p in outputs)  # noqa: PTH110
            remembered = stamps.data(_stamp_key(work)) or {}
            report.skipped.extend(Skipped(*row) for row in remembered.get("skipped", []))
            report.blocked.extend(Finding(*row) for row in remembered.get("blocked", []))
        else:
            todo.append(work)
    done_all: list[BuildDone] = []
    report.files.extend(_write_pages(todo, jobs, done_all))
    # Before the stamps forget them: the pages earlier builds wrote for what is skipped now.
    report = replace(
        report, unbuilt=_unbuilt(project, stamps, todo, done_all), up_to_date=up_to_date
    )
    report.files.extend(_relink(project, todo, report.unbuilt, jobs))
    for work, done in zip(todo, done_all, strict=True):
        report.skipped.extend(done.skipped)
        report.blocked.extend(done.blocked)
        inputs, outputs = _io(project, work)
        # Skipped languages and blocked entries are remembered, so an up-to-date build still
        # lists them every time until the translations are fixed.
        remembered = {
            "skipped": [list(astuple(s)) for s in done.skipped],
            "blocked": [list(astuple(f)) for f in done.blocked],
        }
        linked = _linked_key(project, work, key)
        stamps.record(_stamp_key(work), inputs, linked, outputs, remembered, known=done.known)
    # A build of the whole project: pages of articles that are gone go too. (With no article
    # at all, a folder emptied by mistake, say, they are left: nothing is there to replace them.)
    if not slugs and alive:
        report = replace(report, gone=_retire(project, stamps, set(alive)))
    _prune(project, [*report.unbuilt.removed, *report.gone.removed])
    stamps.save()
    counted.remember_all(project.settings.cache_dir, [c for d in done_all for c in d.counted])
    return report


def _linked_key(project: Project, work: BuildWork, key: str) -> str:
    """``key``, with the languages whose HTML page of the article is there without this work
    building it (``-l``, ``--format md``): its HTML pages link to those, so a page that an
    earlier or later build left or removed makes them stale."""
    if "html" not in work.formats:
        return key
    s = project.settings
    there = [
        lang
        for lang in (s.source_language, *s.target_languages)
        if lang not in work.languages
        and os.path.isfile(project.paths.output(lang, work.slug, "html"))  # noqa: PTH113
    ]
    return f"{key}:{','.join(there)}" if there else key


def _unbuilt(
    project: Project, stamps: Stamps, todo: list[BuildWork], done_all: list[BuildDone]
) -> Gone:
    """Remove the pages that earlier builds wrote for languages skipped now (below
    min_coverage, no catalog) or no longer built at all (not in ``target_languages`` any
    more): an outdated translation is not left published."""
    # Every format: `build --format md` leaves no outdated HTML page of a skipped language.
    pages = [
        project.paths.output(skipped.language, work.slug, fmt)
        for work, done in zip(todo, done_all, strict=True)
        for skipped in done.skipped
        for fmt in FORMATS
    ]
    slugs = {work.slug for work in todo}
    s = project.settings
    built = {s.source_language, *s.target_languages}
    earlier = {
        key: _work_of(project, key, slug)
        for key, slug in keys_of(stamps, "build", slugs.__contains__)
    }
    for work in earlier.values():
        pages += [
            project.paths.output(lang, work.slug, fmt)
            for lang in work.languages
            if lang not in built
            for fmt in work.formats
        ]
    if not pages:
        return Gone()
    outputs_of = {key: _io(project, work)[1] for key, work in earlier.items()}
    return remove_unchanged(list(dict.fromkeys(pages)), recorded_states(stamps, outputs_of))


def _relink(
    project: Project, todo: list[BuildWork], unbuilt: Gone, jobs: int | None
) -> list[FileResult]:
    """Build again the HTML pages that earlier builds left, in languages or a format this one
    does not build (``-l``, ``--format md``), of the articles whose pages it removed: they link
    to the removed pages, and a reader would follow a dead link. Their own stamps see the
    change, so the next build of their language rebuilds them as ever."""
    removed = {os.fspath(path) for path in unbuilt.removed}
    if not removed:
        return []
    s = project.settings
    again = []
    for work in todo:
        if not any(
            os.fspath(project.paths.output(lang, work.slug, "html")) in removed
            for lang in work.languages
        ):
            continue
        others = tuple(
            lang
            for lang in (s.source_language, *s.target_languages)
            if (lang not in work.languages or "html" not in work.formats)
            and os.path.isfile(project.paths.output(lang, work.slug, "html"))  # noqa: PTH113
        )
        if others:
            again.append(BuildWork(project.root, work.slug, others, ("html",)))
    return _write_pages(again, jobs, [])


def _write_pages(
    todo: list[BuildWork], jobs: int | None, done_all: list[BuildDone]
) -> list[FileResult]:
    """Build ``todo`` and write its pages; each work's BuildDone goes to ``done_all``.

    Pages are made from the articles and catalogs again at will: no flush to disk for them.
    Each article's pages are written as it comes back; they replace the old ones at the end.
    The page texts are dropped once staged, so memory does not grow with the archive."""
    pages: list[Path] = []
    with staged_writes(durable=False) as staged, closing(_run(todo, jobs)) as results:
        for done in results:
            for page in done.outputs:
                assert page.data is not None
                pages.append(page.path)
                staged.add(page.path, page.data)
            done.outputs.clear()
            done_all.append(done)
    return [FileResult(path, w) for path, w in zip(pages, staged.written, strict=True)]


def _prune(project: Project, removed: list[Path]) -> None:
    """Remove the language folders of ``build`` that the removed pages left empty (a language
    taken out of ``target_languages``): the folder is as a fresh build leaves it."""
    for folder in {Path(page).parent for page in removed}:
        if folder.parent == project.settings.build_dir:
            with contextlib.suppress(OSError):  # not empty: someone's files, or pages left
                folder.rmdir()


def _work_of(project: Project, key: str, slug: str) -> BuildWork:
    """The work that the stamps' key ``build:slug:languages:formats`` stands for."""
    languages, formats = key.rsplit(":", 2)[1:]
    return BuildWork(project.root, slug, tuple(languages.split(",")), tuple(formats.split(",")))


def _retire(project: Project, stamps: Stamps, alive: set[str]) -> Gone:
    outputs_of: dict[str, list[StrPath]] = {}
    for key, slug in gone_keys(stamps, "build", alive):
        outputs_of[key] = _io(project, _work_of(project, key, slug))[1]
    return retire(stamps, outputs_of)


def _run(todo: list[BuildWork], jobs: int | None) -> Generator[BuildDone, None, None]:
    if not todo:
        return
    from transflow.build.compose import build_article  # markdown-it, Babel: only with work to do

    yield from iter_items(build_article, todo, jobs)


def _stamp_key(work: BuildWork) -> str:
    return f"build:{work.slug}:{','.join(work.languages)}:{','.join(work.formats)}"


def _settings_key(project: Project, formats: tuple[str, ...]) -> str:
    s = project.settings
    return settings_digest(
        "build/14",  # bump when what a build writes or remembers changes
        __version__,
        formats,
        s.min_coverage,
        s.translate_fields,
        s.segmentation,
        s.source_language,
        s.target_languages,
        s.build,
        s.locales,  # in the paths of the blocked entries remembered
    )


def read_inputs(
    project: Project, work: BuildWork
) -> tuple[dict[str, Known | None], dict[str, tuple[bytes, str]]]:
    """The work's inputs as the worker finds them before reading them (see Stamps.record), and
    the bytes and digest of the catalogs among them (by path, as in ``project.paths``): the
    worker reads and hashes each catalog once."""
    [article, *catalogs] = _io(project, work)[0]
    known: dict[str, Known | None] = {str(article): known_file(article)}
    data: dict[str, tuple[bytes, str]] = {}
    for path in catalogs:
        found, content = known_file_data(path)
        known[str(path)] = found
        if found is not None and content is not None:
            data[str(path)] = content, found[-1]
    return known, data


def _io(project: Project, work: BuildWork) -> tuple[list[StrPath], list[StrPath]]:
    # Every target catalog counts, even with -l: a page links to the languages that are built.
    paths, targets = project.paths, project.settings.target_languages
    inputs: list[StrPath] = [paths.article(work.slug)]
    inputs += [paths.catalog(lang, work.slug) for lang in targets]
    outputs: list[StrPath] = [
        paths.output(lang, work.slug, fmt) for lang in work.languages for fmt in work.formats
    ]
    return inputs, outputs


def output_path(project: Project, language: str, slug: str, fmt: str) -> Path:
    return project.settings.build_dir / language / f"{slug}.{fmt}"
