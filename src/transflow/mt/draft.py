"""``transflow translate``: machine drafts for untranslated entries, from a chain of engines.

Each engine of the chain gets the entries the previous ones left: no match, a failed request, or
an answer whose markup did not come back. A remote engine sees every distinct text once per target
language — the same sentence in ten articles is one request — and the answer cache first: only
what it has never answered is sent. Answers are cached as they arrive and drafts are written to
the catalogs every few seconds, so an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import contextlib
import time
from collections import Counter
from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeGuard, cast

from transflow.catalog.sync import CatalogStamps
from transflow.errors import EngineError
from transflow.models import FileResult, Skipped
from transflow.mt.cache import CACHE_NAME, AnswerCache, CacheWriter
from transflow.mt.dispatch import Dispatcher, Reply, Request
from transflow.mt.engine import (
    Draft,
    DraftsInArticle,
    DraftsMany,
    LocalEngine,
    Outcome,
    RemoteEngine,
)
from transflow.mt.memory import MemoryEngine
from transflow.mt.protect import SCHEME, Protected, markup_intact, protect, restore, terms_for
from transflow.mt.providers import ProviderEngine, check_languages, provider_engine
from transflow.mt.pseudo import PseudoEngine
from transflow.mt.settings import MtSettings, check_chain, load_mt_settings
from transflow.mt.work import DraftWriter, Segment, collect_segments
from transflow.project import Project
from transflow.qa.glossary import Glossary, load_glossary


@dataclass
class EngineStats:
    """What one engine did. Texts are distinct strings sent (or not); drafts are catalog entries."""

    name: str
    texts: int = 0  # distinct texts this engine was asked for
    sent: int = 0  # texts sent (answered or not)
    cached: int = 0  # texts answered from the cache
    requests: int = 0  # HTTP requests, retries included
    drafted: int = 0
    failed: int = 0  # entries left without a draft because the request failed
    discarded: int = 0  # entries whose answer lost markup or placeholders
    discarded_cached: int = 0  # of those, answers from the cache (--refresh asks again)
    too_long: int = 0  # entries longer than the engine accepts, passed on
    errors: Counter[str] = field(default_factory=Counter)
    stopped: str | None = None
    seconds: float = 0.0


@dataclass(frozen=True)
class Progress:
    engine: str
    done: int
    total: int
    errors: int
    elapsed: float


@dataclass(frozen=True)
class Planned:
    """A text a dry run would send."""

    engine: str
    language: str
    text: str


@dataclass(frozen=True)
class TranslateReport:
    engines: tuple[EngineStats, ...]
    files: tuple[FileResult, ...]
    skipped: tuple[Skipped, ...]
    segments: int  # entries that wanted a draft
    left: int  # entries no engine drafted
    planned: tuple[Planned, ...] = ()
    dry_run: bool = False
    left_failed: int = 0  # of those, entries a request failed for (a rerun may draft them)
    same: int = 0  # drafts that were in their entries already
    passed_over: int = 0  # drafts left out: a translator changed their entries meanwhile
    left_fuzzy: int = 0  # of the entries left, those that keep the fuzzy text they had
    cache_problem: str = ""  # why answers could not be looked up or kept (the run went on)
    cache_path: Path | None = None


ProgressCallback = Callable[[Progress], None]
ChainEngine = LocalEngine | RemoteEngine


def translate(
    project: Project,
    languages: tuple[str, ...] = (),
    slugs: tuple[str, ...] = (),
    engines: tuple[str, ...] = (),
    *,
    overwrite_fuzzy: bool = False,
    dry_run: bool = False,
    refresh: bool = False,
    progress: ProgressCallback | None = None,
    env: Mapping[str, str] | None = None,
    jobs: int | None = None,
) -> TranslateReport:
    """Draft the untranslated entries of the chosen catalogs; see the module docstring.
    ``refresh``: ask the providers again for texts the answer cache holds (the new answers
    replace the cached ones)."""
    settings = project.settings
    mt = load_mt_settings(settings)
    chain = check_chain(list(engines)) if engines else mt.engines
    langs = project.languages(languages)
    glossary = load_glossary(settings)
    built: list[ChainEngine] = []
    for name in chain:
        if name == "memory":
            threshold = mt.options_for(name).threshold
            built.append(MemoryEngine(project, threshold, glossary, jobs=jobs))
        elif name == "pseudo":
            built.append(PseudoEngine(glossary))
        else:
            engine = _provider(mt, name, env)
            check_languages(engine, settings.source_language, langs)
            built.append(engine)
    segments, skipped = collect_segments(project, slugs, langs, overwrite_fuzzy)
    run = ChainRun(project, glossary, dry_run=dry_run, refresh=refresh, progress=progress)
    return run.run(built, segments, skipped)


def _provider(mt: MtSettings, name: str, env: Mapping[str, str] | None) -> ProviderEngine:
    """The provider's engine; a missing key names the line of transflow.toml that asks for it
    (its ``api_key_env``, its table, or the chain), where the file has one."""
    try:
        return provider_engine(name, mt.options_for(name), env)
    except EngineError as exc:
        line = mt.line_of("mt", name, "api_key_env", exact=True) or mt.line_of(
            "mt", name, exact=True
        )
        if line is None and name in mt.engines:
            line = mt.line_of("mt", "engines", exact=True)
        if exc.path is not None or line is None:
            raise
        raise EngineError(exc.message, mt.path, line) from None


class ChainRun:
    """One run of a chain of engines over a list of segments."""

    def __init__(
        self,
        project: Project,
        glossary: Glossary,
        *,
        dry_run: bool = False,
        refresh: bool = False,
        progress: ProgressCallback | None = None,
        flush_interval: float = 2.0,
    ) -> None:
        self.source = project.settings.source_language
        self.glossary = glossary
        self.dry_run = dry_run
        self.refresh = refresh
        self.progress = progress or (lambda _: None)
        self.writer = DraftWriter(
            dry_run=dry_run,
            interval=flush_interval,
            stamps=CatalogStamps(project),
            cache_dir=project.settings.cache_dir,
        )
        self.cache = AnswerCache(project.settings.cache_dir / CACHE_NAME, readonly=dry_run)
        self.cache_problem = ""
        self.planned: list[Planned] = []
        # Entries a request failed for, at any engine: counted once however many engines failed.
        self.failed: set[tuple[Path, tuple[str | None, str]]] = set()

    def run(
        self, engines: Sequence[ChainEngine], segments: list[Segment], skipped: list[Skipped]
    ) -> TranslateReport:
        stats: list[EngineStats] = []
        pending = segments
        try:
            for engine in engines:
                if not pending:
                    break
                started = time.monotonic()
                one = EngineStats(engine.name)
                if _is_remote(engine):
                    pending = self._remote(engine, pending, one)
                else:
                    pending = self._local(cast(LocalEngine, engine), pending, one)
                one.seconds = time.monotonic() - started
                stats.append(one)
        finally:
            self.writer.flush(force=True)
            self.cache_problem = self.cache.problem or self.cache_problem
            self.cache.close()
        return TranslateReport(
            tuple(stats),
            tuple(self.writer.results()),
            tuple(skipped),
            len(segments),
            len(pending),
            tuple(self.planned),
            self.dry_run,
            left_failed=sum(1 for s in pending if (s.path, s.key) in self.failed),
            same=self.writer.same,
            passed_over=self.writer.passed_over,
            left_fuzzy=sum(1 for s in pending if s.msgstr),
            cache_problem=self.cache_problem,
            cache_path=self.cache.path,
        )

    def _local(
        self, engine: LocalEngine, pending: list[Segment], stats: EngineStats
    ) -> list[Segment]:
        left: list[Segment] = []
        started = time.monotonic()
        outcomes: Generator[Outcome, None, None]
        if isinstance(engine, DraftsMany):
            outcomes = engine.draft_all([(s.msgid, s.language) for s in pending])
        elif isinstance(engine, DraftsInArticle):
            outcomes = (engine.draft_in_article(s.msgid, s.language, s.references) for s in pending)
        else:
            outcomes = (engine.draft(s.msgid, s.language) for s in pending)
        # closing: leaving early (Ctrl-C, an error) stops the engine's workers at once.
        with contextlib.closing(outcomes):
            for done, (segment, found) in enumerate(zip(pending, outcomes, strict=True), 1):
                outcome = _keeping_links(segment, found)
                if outcome.draft is not None:
                    self.writer.add(segment, outcome.draft)
                    stats.drafted += 1
                else:
                    stats.discarded += outcome.discarded
                    left.append(segment)
                if done % 50 == 0 or done == len(pending):
                    self.progress(
                        Progress(engine.name, done, len(pending), 0, time.monotonic() - started)
                    )
                    self.writer.flush()
        return left

    def _remote(
        self, engine: RemoteEngine, pending: list[Segment], stats: EngineStats
    ) -> list[Segment]:
        groups: dict[Request, list[tuple[Segment, Protected]]] = {}
        left: list[Segment] = []
        for segment in pending:
            terms = terms_for(self.glossary, segment.msgid, segment.language)
            protected = protect(segment.msgid, terms, segment.references)
            if not protected.needs_engine:
                # Nothing to send: the draft is the glossary's renderings (or the source's own
                # markup and numbers), and says so rather than crediting the engine.
                by = "glossary" if terms else "source"
                left += self._use(by, [(segment, protected)], protected.text, stats)
            elif not engine.fits(protected.text):
                stats.too_long += 1
                left.append(segment)
            else:
                groups.setdefault(Request(segment.language, protected.text), []).append(
                    (segment, protected)
                )
        stats.texts = len(groups)
        variant = f"{SCHEME}|{engine.variant}"
        todo: list[Request] = []
        for target in sorted({r.target for r in groups}):
            asked = [r for r in groups if r.target == target]
            found: dict[str, str] = {}
            if not self.refresh:  # --refresh: every text is asked again
                texts = [r.text for r in asked]
                found = self.cache.get_many(engine.name, variant, self.source, target, texts)
            for request in asked:
                if request.text in found:
                    stats.cached += 1
                    discarded = stats.discarded
                    left += self._use(engine.name, groups[request], found[request.text], stats)
                    stats.discarded_cached += stats.discarded - discarded
                else:
                    todo.append(request)
        if self.dry_run:
            self.planned += [Planned(engine.name, r.target, r.text) for r in todo]
            return left
        return left + self._send(engine, variant, todo, groups, stats)

    def _send(
        self,
        engine: RemoteEngine,
        variant: str,
        todo: list[Request],
        groups: dict[Request, list[tuple[Segment, Protected]]],
        stats: EngineStats,
    ) -> list[Segment]:
        left: list[Segment] = []
        cache = CacheWriter(self.cache.path)

        def keep(reply: Reply) -> None:
            request = reply.request
            answer = cast(str, reply.answer)
            cache.put(engine.name, variant, self.source, request.target, request.text, answer)

        dispatcher = Dispatcher(engine, self.source, todo, on_answer=keep)
        started = time.monotonic()
        done = 0
        try:
            for reply in dispatcher.replies():
                if cache.error is not None:
                    raise cache.error
                if reply is not None:
                    done += 1
                    left += self._received(engine, variant, reply, groups[reply.request], stats)
                self.progress(
                    Progress(
                        engine.name,
                        done,
                        len(todo),
                        sum(stats.errors.values()),
                        time.monotonic() - started,
                    )
                )
                self.writer.flush()
        finally:
            dispatcher.close()
            cache.close()  # what the workers received is in the cache, even on Ctrl-C
            self.cache_problem = self.cache_problem or cache.problem
            stats.stopped = dispatcher.stopped_because
        if cache.error is not None:
            raise cache.error
        return left

    def _received(
        self,
        engine: RemoteEngine,
        variant: str,
        reply: Reply,
        items: list[tuple[Segment, Protected]],
        stats: EngineStats,
    ) -> list[Segment]:
        stats.requests += reply.attempts
        stats.sent += reply.attempts > 0
        if reply.answer is None:
            stats.errors[reply.error or "failed"] += 1
            stats.failed += len(items)
            self.failed.update((segment.path, segment.key) for segment, _ in items)
            return [segment for segment, _ in items]
        # The answer is in the cache already: the worker that received it put it there.
        return self._use(engine.name, items, reply.answer, stats)

    def _use(
        self, name: str, items: list[tuple[Segment, Protected]], answer: str, stats: EngineStats
    ) -> list[Segment]:
        """Restore the answer into each segment that asked for it; return those it failed."""
        left: list[Segment] = []
        for segment, protected in items:
            text = restore(answer, protected)
            if text is None:
                stats.discarded += 1
                left.append(segment)
            else:
                self.writer.add(segment, Draft(text, name))
                stats.drafted += 1
        return left


def _keeping_links(segment: Segment, outcome: Outcome) -> Outcome:
    """A local engine's outcome, discarded if its draft lost a link that the article's
    reference definitions make of a "[label]" of the segment (an engine that is not told them,
    ``DraftsInArticle``, checks the rest of the markup, knowing none)."""
    draft = outcome.draft
    if draft is None or not segment.references:
        return outcome
    if markup_intact(segment.msgid, draft.text, segment.references):
        return outcome
    return Outcome(discarded=True)


def _is_remote(engine: ChainEngine) -> TypeGuard[RemoteEngine]:
    return callable(getattr(engine, "translator", None))
