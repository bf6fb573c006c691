"""Project-wide ``extract`` and ``update``: articles → templates → language catalogs.

Each article is one unit of work (its template, then its catalog in each language). Units run in
parallel and only compute; the files are written once every unit has succeeded, so bad input in
any article leaves every file as it was. Units whose inputs are unchanged since the last run
(see ``stamps``) are skipped.
"""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from transflow import __version__
from transflow.catalog.model import Catalog
from transflow.fsutil import FileState, Seen, file_state, staged_writes
from transflow.gone import Gone, gone_keys, orphan_catalogs, retire, unrecorded_templates
from transflow.models import FileResult, MergeStats, Output
from transflow.parallel import iter_items
from transflow.project import Project
from transflow.stamps import (
    Known,
    Stamps,
    StrPath,
    data_digest,
    in_project,
    known_file_data,
    project_prefix,
    settings_digest,
)

# The article parser, Babel and rapidfuzz are imported inside the functions that use them, so a
# run with nothing to do (every stamp fresh) never loads them.


@dataclass(frozen=True)
class ArticleWork:
    root: Path
    slug: str
    languages: tuple[str, ...]  # catalogs to merge; empty: extract only
    template_fresh: bool  # the template on disk is up to date with the article: read it


@dataclass(frozen=True)
class ArticleDone:
    slug: str
    template: Output
    catalogs: tuple[tuple[str, Output, MergeStats], ...]
    # The article and the catalogs left unchanged, as they were read, for their stamps.
    known: dict[str, Known | None] = field(default_factory=dict)


@dataclass(frozen=True)
class ArticleSynced:
    """What ``sync`` did with one article's files, once they are in place."""

    slug: str
    template: FileResult
    catalogs: tuple[tuple[str, FileResult, MergeStats], ...]


@dataclass(frozen=True)
class Leftovers:
    """Files of articles that are gone, as a run over the whole project found them."""

    templates: Gone = field(default_factory=Gone)  # removed, or left as changed since written
    catalogs: list[Path] = field(default_factory=list)  # kept: they hold translators' work


@lru_cache(maxsize=4)
def _project(root: Path) -> Project:
    return Project.open(root)


def _read(path: Path, cache_dir: Path) -> tuple[bytes | None, Catalog | None, Seen]:
    """The file's bytes and catalog (None, None when there is none), and how it was before it
    was read: a change after that point shows at the end, and is not overwritten."""
    data, catalog, seen, _ = _read_known(path, cache_dir)
    return data, catalog, seen


def _read_known(
    path: Path, cache_dir: Path
) -> tuple[bytes | None, Catalog | None, Seen, Known | None]:
    """``_read``, and the file as the stamps know it (size, times, digest of the bytes read),
    which is what a merge that leaves it as it is was made from."""
    from transflow.catalog.store import catalog_of_data

    seen = Seen(file_state(path))
    if seen.state is None:
        return None, None, seen, None
    found, data = known_file_data(str(path))
    if found is None or data is None:  # gone meanwhile
        return None, None, Seen(None), None
    # The file is read to be merged and rewritten: a miss is not worth storing.
    catalog = catalog_of_data(path, data, str(found[-1]), cache_dir, remember=False)
    return data, catalog, seen, found


def _output(
    path: Path,
    old_data: bytes | None,
    catalog: Catalog,
    old: Catalog | None,
    cache_dir: Path,
    seen: Seen | None = None,
) -> Output:
    """What to write; a new catalog without a single entry is not written (gettext tools read
    such a file as empty), and an old template that is now empty is removed. An old catalog
    whose article has nothing left to translate keeps only its header: its entries are gone
    from the article, and those with no translation are not kept as obsolete. A catalog equal
    to the one on disk is left as it is, whichever editor last wrote it."""
    if not catalog.entries and (old_data is None or path.suffix == ".pot"):
        return Output(path, None, remove=old_data is not None and path.suffix == ".pot")
    if old is not None and catalog == old:
        return Output(path, None)
    from transflow.catalog.store import catalog_data

    data = catalog_data(path, catalog, cache_dir)
    return Output(path, None if data == old_data else data, seen=seen)


def plan_template(project: Project, slug: str) -> tuple[Output, Catalog]:
    output, template, _ = _plan_template(project, slug)
    return output, template


def _plan_template(project: Project, slug: str) -> tuple[Output, Catalog, Known | None]:
    """``plan_template``, and the article as it was read (see ``_read_known``): an author's
    save while the template is made shows next time as an article still to extract."""
    from transflow.catalog.extract import creation_date, template_for

    found, data = known_file_data(str(project.inside(project.settings.article_path(slug))))
    article = project.article(slug, data)
    path = project.inside(project.settings.template_path(slug))
    cache_dir = project.settings.cache_dir
    old_data, old, _ = _read(path, cache_dir)  # a template is transflow's own: no guard
    template = template_for(article, project.reference(slug), project.settings.name, "")
    assert template.header is not None
    created = creation_date(template, old)
    msgstr = template.header.msgstr.replace(
        "POT-Creation-Date: \n", f"POT-Creation-Date: {created}\n"
    )
    template.header = replace(template.header, msgstr=msgstr)
    return _output(path, old_data, template, old, cache_dir), template, found


def plan_catalog(
    project: Project, slug: str, language: str, template: Catalog
) -> tuple[Output, MergeStats]:
    output, stats, _ = _plan_catalog(project, slug, language, template)
    return output, stats


def _plan_catalog(
    project: Project, slug: str, language: str, template: Catalog
) -> tuple[Output, MergeStats, Known | None]:
    """``plan_catalog``, and the catalog as it was read (see ``_read_known``)."""
    from transflow.catalog.header import catalog_header
    from transflow.catalog.legacy import upgraded
    from transflow.catalog.merge import merge

    path = project.inside(project.settings.catalog_path(language, slug))
    cache_dir = project.settings.cache_dir
    old_data, old, seen, found = _read_known(path, cache_dir)
    header = catalog_header(template, language, old)
    merged, stats = merge(template, upgraded(template, old), header)
    return _output(path, old_data, merged, old, cache_dir, seen), stats, found


def _work(item: ArticleWork) -> ArticleDone:
    from transflow.catalog import parsed

    with parsed.together():  # the article's catalogs to the cache in one transaction
        return _work_article(item)


def _work_article(item: ArticleWork) -> ArticleDone:
    project = _project(item.root)
    path = project.settings.template_path(item.slug)
    fresh = _read(path, project.settings.cache_dir)[1] if item.template_fresh else None
    known: dict[str, Known | None] = {}  # inputs as they were read
    if fresh is not None:
        template_out, template = Output(path, None), fresh
    else:  # stale, or an article with nothing to translate, which has no template: made again
        template_out, template, found = _plan_template(project, item.slug)
        if found is not None:
            known[project.paths.article(item.slug)] = found
    catalogs = []
    for language in item.languages:
        output, stats, found = _plan_catalog(project, item.slug, language, template)
        catalogs.append((language, output, stats))
        if found is not None and output.data is None and not output.remove:
            # Left as it was read: stamped as that, not as whatever the file holds at the end
            # of the run (a translator's save meanwhile, which is then still to be merged).
            known[project.paths.catalog(language, item.slug)] = found
    return ArticleDone(item.slug, template_out, tuple(catalogs), known)


def sync(
    project: Project,
    slugs: tuple[str, ...] = (),
    languages: tuple[str, ...] | None = (),
    jobs: int | None = None,
) -> tuple[list[ArticleSynced], Leftovers]:
    """Extract every article (and, unless ``languages`` is None, update its catalogs); over the
    whole project, also see to the files of articles that are gone (see ``gone``)."""
    langs = tuple(project.languages(languages)) if languages is not None else ()
    stamps = Stamps(project.settings.cache_dir, "sync")
    key = _settings_key(project)
    todo = []
    alive = project.slugs(slugs)
    for slug in alive:
        template_fresh = stamps.fresh(*_template_io(project, slug, key))
        # A template about to change makes every catalog of the article stale.
        stale = tuple(
            lang
            for lang in langs
            if not template_fresh or not stamps.fresh(*_catalog_io(project, slug, lang, key))
        )
        if not template_fresh or stale:
            todo.append(ArticleWork(project.root, slug, stale, template_fresh))
    done: list[ArticleSynced] = []
    removals: list[Path] = []
    digests: dict[Path, str] = {}  # of the files staged, for the stamps
    # Each article's files are written beside their targets as it comes back from the workers;
    # they replace the targets only once every article has succeeded. Only the names and counts
    # are kept meanwhile: the texts are on disk, so memory does not grow with the archive.
    known: dict[str, dict[str, Known | None]] = {}  # per article: inputs as read (see _work)
    with staged_writes() as staged, closing(iter_items(_work, todo, jobs)) as results:
        for result in results:
            known[result.slug] = result.known
            for output in (result.template, *(out for _, out, _ in result.catalogs)):
                if output.data is not None:
                    # A template is made again from its article: only catalogs, which hold
                    # translators' work, wait for the disk before they replace the old ones.
                    durable = output is not result.template
                    staged.add(output.path, output.data, output.seen, durable=durable)
                    digests[output.path] = data_digest(output.data)
                elif output.remove:
                    removals.append(output.path)
            done.append(
                ArticleSynced(
                    result.slug,
                    _result(result.template),
                    tuple((lang, _result(out), stats) for lang, out, stats in result.catalogs),
                )
            )
    for path in removals:
        path.unlink(missing_ok=True)
    for path, (_, size, mtime_ns) in staged.placed.items():
        stamps.learn(path, size, mtime_ns, digests[path])  # what was written: no need to read it
    again = _merge_again(project, set(staged.changed), done)
    for item in todo:
        stamps.record(*_template_io(project, item.slug, key), known=known[item.slug])
        for lang in item.languages:
            if (item.slug, lang) not in again.unmerged:  # their save is still to be merged
                stamps.record(*_catalog_io(project, item.slug, lang, key), known=known[item.slug])
    # With no article at all (a folder emptied by mistake?), nothing is treated as gone.
    whole = not slugs and alive
    leftovers = _leftovers(project, stamps, set(alive), languages) if whole else Leftovers()
    stamps.save()
    return again.done, leftovers


def _leftovers(
    project: Project, stamps: Stamps, alive: set[str], languages: tuple[str, ...] | None
) -> Leftovers:
    """Templates of articles that are gone removed (they are made from the article); their
    catalogs' stamps forgotten, and the catalogs themselves listed when updating."""
    paths = project.paths
    templates: dict[str, list[StrPath]] = {
        key: [paths.template(slug)] for key, slug in gone_keys(stamps, "template", alive)
    }
    recorded = {slug for _, slug in gone_keys(stamps, "template", alive)}
    gone = set(recorded)
    for key, slug in gone_keys(stamps, "catalog", alive):
        stamps.forget(key)
        gone.add(slug)
    forget_cached(project, sorted(gone))
    retired = retire(stamps, templates)
    folder = project.settings.template_path("-").parent
    retired.removed.extend(unrecorded_templates(folder, alive | recorded))
    if languages is None:
        return Leftovers(retired)
    locales = project.settings.locales_dir
    catalogs = orphan_catalogs(locales, project.languages(languages), alive)
    return Leftovers(retired, catalogs)


def forget_cached(project: Project, slugs: list[str]) -> None:
    """Drop what the caches keep of the articles ``slugs``, which are gone: their segments, and
    their template and catalogs as parsed, counted and checked."""
    if not slugs:
        return
    from transflow import cachedb
    from transflow.article import cache as segments
    from transflow.catalog import parsed
    from transflow.qa import collect as checked
    from transflow.report import counted

    cache_dir, paths = project.settings.cache_dir, project.paths
    prefix = project_prefix(cache_dir)
    catalogs = [paths.catalog(lang, slug) for slug in slugs for lang in project.languages()]
    files = [in_project(prefix, name) for name in [*map(paths.template, slugs), *catalogs]]
    cachedb.forget(cache_dir / segments.NAME, slugs)
    cachedb.forget(cache_dir / parsed.NAME, files)
    cachedb.forget(cache_dir / counted.NAME, files)
    cachedb.forget(cache_dir / checked.NAME, files)


@dataclass
class _Again:
    done: list[ArticleSynced]
    unmerged: set[tuple[str, str]]  # (slug, language) of catalogs left unmerged


# How many times a catalog that someone keeps saving is merged again before it is left as saved.
_ATTEMPTS = 3


def _merge_again(project: Project, changed: set[Path], done: list[ArticleSynced]) -> _Again:
    """Merge again each catalog saved by someone (a translator) after it was read: their save
    was left in place, and is now merged with the new template like any catalog."""
    if not changed:
        return _Again(done, set())
    where = {
        result.path: (synced.slug, lang) for synced in done for lang, result, _ in synced.catalogs
    }
    redone: dict[tuple[str, str], tuple[FileResult, MergeStats]] = {}
    pending = {where[path] for path in changed if path in where}
    for _ in range(_ATTEMPTS):
        if not pending:
            break
        with staged_writes() as staged:
            for slug, lang in sorted(pending):
                work = ArticleWork(project.root, slug, (lang,), template_fresh=True)
                [(_, output, stats)] = _work(work).catalogs
                if output.data is not None:
                    staged.add(output.path, output.data, output.seen)
                note = "saved by someone while update ran: their save, merged again"
                redone[slug, lang] = (replace(_result(output), note=note), stats)
        pending = {where[path] for path in staged.changed if path in where}
    for key in pending:
        result, stats = redone[key]
        note = "saved by someone again and again while update ran: left as they saved it"
        redone[key] = (replace(result, written=False, note=note, changed_meanwhile=True), stats)
    return _Again(
        [
            replace(
                synced,
                catalogs=tuple(
                    (lang, *redone.get((synced.slug, lang), (result, stats)))
                    for lang, result, stats in synced.catalogs
                ),
            )
            for synced in done
        ],
        pending,
    )


# Bump when what extract or merge write changes, so that stamps of earlier runs go stale.
_OUTPUT_FORMAT = 8


def _settings_key(project: Project) -> str:
    s = project.settings
    return settings_digest(
        __version__, _OUTPUT_FORMAT, s.segmentation, s.translate_fields, s.name, s.articles
    )


def _template_io(
    project: Project, slug: str, key: str
) -> tuple[str, list[StrPath], str, list[StrPath]]:
    paths = project.paths
    return f"template:{slug}", [paths.article(slug)], key, [paths.template(slug)]


def _catalog_io(
    project: Project, slug: str, lang: str, key: str
) -> tuple[str, list[StrPath], str, list[StrPath]]:
    paths = project.paths
    catalog = paths.catalog(lang, slug)
    return f"catalog:{slug}:{lang}", [paths.template(slug), catalog], key, [catalog]


def _result(output: Output) -> FileResult:
    return FileResult(output.path, output.data is not None or output.remove)


def extract(
    project: Project, slugs: tuple[str, ...] = (), jobs: int | None = None
) -> tuple[list[FileResult], Leftovers]:
    done, leftovers = sync(project, slugs, None, jobs)
    return [synced.template for synced in done], leftovers


def update(
    project: Project,
    slugs: tuple[str, ...] = (),
    languages: tuple[str, ...] = (),
    jobs: int | None = None,
) -> tuple[list[tuple[FileResult, MergeStats]], Leftovers]:
    """Extract, then merge every article's template into each language's catalog."""
    done, leftovers = sync(project, slugs, languages, jobs)
    return [(result, stats) for synced in done for _, result, stats in synced.catalogs], leftovers


class CatalogStamps:
    """Lets another command that rewrites catalogs (``translate``) keep their update stamps.

    Filling in msgstr does not change which messages a catalog has, so a catalog that was in step
    with its template before such a write still is after it; re-stamping it spares the next
    ``update`` from merging every drafted catalog again.
    """

    def __init__(self, project: Project) -> None:
        self.project = project
        self.stamps = Stamps(project.settings.cache_dir, "sync")
        self.key = _settings_key(project)

    def _io(self, path: Path) -> tuple[str, list[StrPath], str, list[StrPath]] | None:
        lang, slug = path.parent.parent.name, path.stem
        if path != self.project.settings.catalog_path(lang, slug):
            return None
        return _catalog_io(self.project, slug, lang, self.key)

    def in_step(self, path: Path) -> bool:
        io = self._io(path)
        return io is not None and self.stamps.fresh(*io)

    def restamp(self, path: Path, placed: FileState | None = None, data: bytes = b"") -> None:
        """Stamp ``path`` as in step again; ``placed``: the state it was just written with, as
        ``data`` (so it is not read back)."""
        io = self._io(path)
        if io is None:
            return
        if placed is not None:
            self.stamps.learn(path, placed[1], placed[2], data_digest(data))
        self.stamps.record(*io)

    def save(self) -> None:
        self.stamps.save()
