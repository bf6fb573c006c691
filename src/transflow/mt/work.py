"""Which entries get a draft, and how drafts reach the catalogs.

An entry is drafted when it is live, singular and untranslated; a fuzzy entry only with
``--overwrite-fuzzy``; a reviewed (translated, not fuzzy) entry never. Drafts wait in memory and
are written every ``interval`` seconds and at the end (Ctrl-C included): each write reads the
catalog again, puts each draft into its entry only if that entry is still as it was when the run
began (a translator may have saved the file meanwhile), and replaces the file atomically, only
if nobody saved it since it was read (else it reads it again). So a kill loses at most the last
interval's drafts, and those are in the answer cache.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from pathlib import Path

from transflow.article.references import read_article_labels
from transflow.catalog.model import DRAFT_PREFIX, Catalog, Entry, draft_source
from transflow.catalog.store import catalog_data, read_catalog
from transflow.catalog.sync import CatalogStamps
from transflow.errors import CatalogError
from transflow.fsutil import Seen, check_no_file_in_the_way, file_state, staged_writes
from transflow.models import FileResult, Skipped
from transflow.mt.engine import Draft
from transflow.project import Project


@dataclass(frozen=True)
class Segment:
    """An entry to draft, as it was when the run began."""

    path: Path
    slug: str
    language: str
    key: tuple[str | None, str]
    msgid: str
    msgstr: str
    # The labels of the article's link reference definitions (``article.references``): what
    # makes a "[label]" of the msgid a link, which a draft must keep.
    references: frozenset[str] = frozenset()


def wants_draft(entry: Entry, overwrite_fuzzy: bool) -> bool:
    """An entry with no translation, or (``overwrite_fuzzy``) an earlier machine draft; never a
    reviewed one, nor a stale one a person translated (fuzzy since its source changed): that is
    a translator's work, which the translator updates."""
    if entry.obsolete or entry.msgid == "" or entry.msgid_plural is not None:
        return False
    if entry.translated:
        return False
    if not entry.has_translation:
        return True
    return entry.fuzzy and overwrite_fuzzy and draft_source(entry) is not None


def collect_segments(
    project: Project, slugs: tuple[str, ...], languages: list[str], overwrite_fuzzy: bool
) -> tuple[list[Segment], list[Skipped]]:
    segments: list[Segment] = []
    skipped: list[Skipped] = []
    for slug in project.slugs(slugs):
        references: frozenset[str] | None = None  # read once an entry of the article needs it
        for lang in languages:
            path = project.inside(project.settings.catalog_path(lang, slug))
            if not path.is_file():
                check_no_file_in_the_way(path, project.root)  # else `update` makes it
                skipped.append(Skipped(slug, lang, "no catalog yet: run `transflow update`"))
                continue
            for entry in read_catalog(path, project.settings.cache_dir).entries:
                if wants_draft(entry, overwrite_fuzzy):
                    if references is None:
                        references = _references(project, slug)
                    segments.append(
                        Segment(path, slug, lang, entry.key, entry.msgid, entry.msgstr, references)
                    )
    return segments, skipped


def _references(project: Project, slug: str) -> frozenset[str]:
    settings = project.settings
    return read_article_labels(
        project.inside(settings.article_path(slug)), settings.translate_fields
    )


def apply_draft(entry: Entry, draft: Draft) -> None:
    """Fill ``entry`` with a machine draft: fuzzy, with its provenance as a translator comment."""
    entry.msgstr = draft.text
    entry.set_fuzzy(True)
    # A stale entry's "#| msgid" belongs to the suggestion this draft replaces.
    entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
    entry.translator_comments = [
        c for c in entry.translator_comments if not c.startswith(DRAFT_PREFIX)
    ] + [DRAFT_PREFIX + draft.provenance]


@dataclass(frozen=True)
class Applied:
    """What became of a catalog's drafts: put in and changing the entry, put in as the entry
    already was (an earlier draft, again: --overwrite-fuzzy, --refresh), or left out because
    someone changed or removed the entry since the run began."""

    changed: int = 0
    same: int = 0
    passed_over: int = 0

    @property
    def applied(self) -> int:
        return self.changed + self.same


def _apply(
    catalog: Catalog, drafts: dict[tuple[str | None, str], tuple[Segment, Draft]]
) -> Applied:
    """Put each draft into its entry if the entry is still as it was when the run began."""
    changed = same = 0
    for entry in catalog.entries:
        found = drafts.get(entry.key)
        if found is None or entry.obsolete or entry.translated:
            continue
        segment, draft = found
        if entry.msgstr == segment.msgstr and entry.msgid_plural is None:
            before = _drafted_fields(entry)
            apply_draft(entry, draft)
            if _drafted_fields(entry) == before:
                same += 1
            else:
                changed += 1
    return Applied(changed, same, len(drafts) - changed - same)


def _drafted_fields(entry: Entry) -> tuple[object, ...]:
    """What ``apply_draft`` may change in an entry."""
    return (
        entry.msgstr,
        entry.fuzzy,
        entry.previous_msgctxt,
        entry.previous_msgid,
        entry.previous_msgid_plural,
        tuple(entry.translator_comments),
    )


# How many times a catalog saved by someone during a write is read again before its drafts wait.
_ATTEMPTS = 3
# Catalogs written together, their data flushed to disk together (fsutil._FLUSH_THREADS): a few
# seconds of drafts, without holding a whole archive's catalogs in memory at the last write.
_BATCH = 256


class DraftWriter:
    def __init__(
        self,
        *,
        dry_run: bool = False,
        interval: float = 2.0,
        stamps: CatalogStamps | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self.dry_run = dry_run
        self.cache_dir = cache_dir
        self.stamps = stamps
        self.interval = interval
        self._pending: dict[Path, dict[tuple[str | None, str], tuple[Segment, Draft]]] = {}
        self._last = time.monotonic()
        self._written: dict[Path, bool] = {}
        self.drafts: dict[Path, int] = {}  # drafts that changed each catalog (or would)
        self.same = 0  # drafts that were in their entries already
        self.passed_over = 0  # drafts left out: their entries were changed meanwhile
        self.changed: set[Path] = set()  # catalogs left out: saved by someone at every attempt
        # Catalogs left out: made unreadable meanwhile (saved half-done, deleted, a folder), why.
        self.unreadable: dict[Path, str] = {}

    def add(self, segment: Segment, draft: Draft) -> None:
        self._pending.setdefault(segment.path, {})[segment.key] = (segment, draft)

    def flush(self, *, force: bool = False) -> None:
        if not force and time.monotonic() - self._last < self.interval:
            return
        while self._pending:
            batch = dict(itertools.islice(self._pending.items(), _BATCH))
            self._write(batch)
            for path in batch:
                del self._pending[path]
        if self.stamps is not None:
            self.stamps.save()
        self._last = time.monotonic()

    def _write(
        self, batch: dict[Path, dict[tuple[str | None, str], tuple[Segment, Draft]]]
    ) -> None:
        """Put the drafts of ``batch`` into their catalogs, all flushed to disk together."""
        if self.dry_run:
            for path, drafts in batch.items():
                catalog = self._read(path)
                if catalog is not None:
                    self._count(path, _apply(catalog, drafts))
            return
        # A save between reading a catalog and replacing it would be lost: each file goes in
        # place only if it is still the one read, else it is read again (someone saving the
        # file over and over leaves these drafts out; they are in the answer cache).
        todo = batch
        for _ in range(_ATTEMPTS):
            if not todo:
                return
            staged_drafts: list[tuple[Path, Applied, bytes | None]] = []
            with staged_writes() as staged:
                for path, drafts in todo.items():
                    seen = Seen(file_state(path))
                    catalog = self._read(path)
                    if catalog is None:
                        continue
                    applied = _apply(catalog, drafts)
                    if not applied.applied:
                        self.passed_over += applied.passed_over
                        continue
                    in_step = self.stamps is not None and self.stamps.in_step(path)
                    data = catalog_data(path, catalog, self.cache_dir)
                    staged.add(path, data, seen)
                    staged_drafts.append((path, applied, data if in_step else None))
            changed = set(staged.changed)
            for (path, applied, stamp_data), written in zip(
                staged_drafts, staged.written, strict=True
            ):
                if path in changed:
                    self.changed.add(path)
                    continue
                self.changed.discard(path)
                if stamp_data is not None and self.stamps is not None:
                    self.stamps.restamp(path, staged.placed.get(path), stamp_data)
                self._written[path] = self._written.get(path, False) or written
                self._count(path, applied)
            todo = {path: todo[path] for path in todo if path in changed}

    def _read(self, path: Path) -> Catalog | None:
        """The catalog as it is now; None, with the reason kept, when someone has made it
        unreadable since the run began: the other catalogs still get their drafts."""
        try:
            catalog = read_catalog(path, self.cache_dir)
        except CatalogError as exc:
            if exc.line is not None:
                why = f"saved meanwhile with an error at line {exc.line} ({exc.message})"
            else:  # deleted, or a folder in its place
                why = f"made unreadable meanwhile ({exc.message})"
            self.unreadable[path] = why
            return None
        except OSError as exc:
            self.unreadable[path] = f"cannot be read now ({exc.strerror or exc})"
            return None
        self.unreadable.pop(path, None)
        return catalog

    def _count(self, path: Path, applied: Applied) -> None:
        if applied.applied:
            self.drafts[path] = self.drafts.get(path, 0) + applied.changed
        self.same += applied.same
        self.passed_over += applied.passed_over

    def results(self) -> list[FileResult]:
        note = "saved by someone again and again while translate ran: left as saved"
        return sorted(
            [
                # A dry run "writes" the catalogs its drafts would change.
                FileResult(
                    path,
                    count > 0 if self.dry_run else self._written.get(path, False),
                    f"{count} drafts",
                )
                for path, count in self.drafts.items()
                if path not in self.changed
            ]
            + [FileResult(path, False, note, changed_meanwhile=True) for path in self.changed]
            + [
                FileResult(path, False, why, changed_meanwhile=True)
                for path, why in self.unreadable.items()
                if path not in self.drafts and path not in self.changed
            ],
            key=lambda file: file.path,
        )
