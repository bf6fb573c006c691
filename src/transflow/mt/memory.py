"""The ``memory`` engine: drafts from the project's own reviewed translations and imported TMX.

For each language it indexes every reviewed entry (translated, not fuzzy) of every catalog, then
the pairs in ``locales/tm/*.tmx``. An identical source text is an exact match (100%); otherwise
the closest source by rapidfuzz's ``ratio`` (normalised Indel similarity, 0-100) is used when it
scores at least ``[mt.memory] threshold`` (default 75). The score goes into the provenance:
``# machine draft: memory 87%``.

A memory of up to ``FULL_SCAN`` sources is searched whole. A larger one (an archive's worth of
reviewed sentences) is searched the way translation-memory tools search theirs: an index of the
words of each source picks the ``CANDIDATES`` sources that share the most words with the segment
(all of them on a tie; words found in more than 1 source in 50 do not count), and the closest
of those by ``ratio`` is the match. On the benchmark corpus at 1,000 articles (bench/tm_bench.py)
that is 13-18 times faster, and the drafts are those of the whole search for all but 35 of
41,462 entries (matches of 75-79%). Ties go to the source read first, and each distinct text is
looked up once per run. A run with many texts to look up spreads them over the cores (worker
processes forked with the indexes built); the outcomes are the same for any number of workers.

A fuzzy match is adapted where it can be done safely: when the matched source and the segment
have the same protected parts (link targets, code, URLs) and glossary terms in the same order,
each part of the match that differs is swapped for the segment's own in the translation, so a
match with another link target or another name still gets the segment's link and the glossary's
rendering. A draft whose markup does not then equal the segment's is dropped, never written.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from itertools import compress

from rapidfuzz import fuzz, process

from transflow.catalog.store import read_catalog
from transflow.mt.engine import Draft, Outcome
from transflow.mt.protect import markup_intact, protect, terms_for
from transflow.mt.tm import stored_units
from transflow.mt.tmx import Unit, languages_of
from transflow.parallel import iter_items
from transflow.project import Project
from transflow.qa.glossary import Glossary

# Memories of up to this many sources are searched whole; larger ones through the word index.
FULL_SCAN = 5_000
# How many of the sources sharing the most words with a segment are compared with it.
CANDIDATES = 200
# A word found in more than one source in this many says little about which source is closest.
COMMON_WORD = 50
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Match:
    source: str
    target: str
    score: int


class MemoryIndex:
    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._exact: dict[str, str] = {}
        for source, target in pairs:
            self._exact.setdefault(source, target)
        self._sources = list(self._exact)
        self._postings: dict[str, list[int]] | None = None

    def __len__(self) -> int:
        return len(self._sources)

    def best(self, text: str, threshold: float) -> Match | None:
        exact = self._exact.get(text)
        if exact is not None:
            return Match(text, exact, 100)
        found = process.extractOne(
            text, self._candidates(text), scorer=fuzz.ratio, score_cutoff=threshold
        )
        if found is None:
            return None
        source = found[0]
        return Match(source, self._exact[source], min(99, math.floor(found[1])))

    def _candidates(self, text: str) -> list[str]:
        """The sources worth comparing with ``text``, in the order they were read."""
        if len(self._sources) <= FULL_SCAN:
            return self._sources
        postings = self._index()
        common = int(len(self._sources) / COMMON_WORD)
        shared: Counter[int] = Counter()
        # Each word once: a word said twice in the text is no more a sign of the closest source.
        for word in dict.fromkeys(_WORD.findall(text.lower())):
            ids = postings.get(word)
            if ids is not None and len(ids) <= common:
                shared.update(ids)
        if not shared:
            return self._sources
        if len(shared) > CANDIDATES:
            # Every source that shares as many words as the CANDIDATES-th does: ties all count.
            least = sorted(shared.values(), reverse=True)[CANDIDATES - 1]
            kept = compress(shared, map(least.__le__, shared.values()))  # no Python-level loop
            return [self._sources[i] for i in sorted(kept)]
        return [self._sources[i] for i in sorted(shared)]

    def prepare(self) -> None:
        """Build the word index now (before worker processes fork, so that they share it)."""
        if len(self._sources) > FULL_SCAN:
            self._index()

    def _index(self) -> dict[str, list[int]]:
        if self._postings is None:
            postings: dict[str, list[int]] = {}
            for i, source in enumerate(self._sources):
                for word in set(_WORD.findall(source.lower())):
                    postings.setdefault(word, []).append(i)
            self._postings = postings
        return self._postings


class MemoryEngine:
    name = "memory"

    def __init__(
        self, project: Project, threshold: float, glossary: Glossary, *, jobs: int | None = None
    ) -> None:
        self.project = project
        self.threshold = threshold
        self.glossary = glossary
        self.jobs = jobs  # worker processes for draft_all (None: one per core)
        self._indexes: dict[str, MemoryIndex] = {}
        # A sentence found in many articles is looked up once (the outcome depends on nothing else).
        self._outcomes: dict[tuple[str, str], Outcome] = {}
        self._imported: list[Unit] | None = None  # the pairs of locales/tm/*.tmx

    def index(self, language: str) -> MemoryIndex:
        if language not in self._indexes:
            self._indexes[language] = MemoryIndex(self._pairs(language))
        return self._indexes[language]

    def _pairs(self, language: str) -> list[tuple[str, str]]:
        settings = self.project.settings
        pairs: list[tuple[str, str]] = []
        folder = settings.locales_dir / language / "LC_MESSAGES"
        for path in sorted(folder.glob("*.po")) if folder.is_dir() else []:
            for entry in read_catalog(self.project.inside(path), settings.cache_dir).entries:
                if entry.translated and entry.msgid_plural is None:
                    pairs.append((entry.msgid, entry.msgstr))
        if self._imported is None:  # read once for every language
            self._imported = stored_units(settings)
        targets = dict.fromkeys((*settings.target_languages, language))
        # A file's language tags are few: each is mapped to the project's languages once.
        serves = {
            tag: language in languages_of(tag, targets)
            for tag in {u.language for u in self._imported}
        }
        pairs.extend((u.source, u.target) for u in self._imported if serves[u.language])
        return pairs

    def draft(self, source: str, language: str) -> Outcome:
        key = (language, source)
        outcome = self._outcomes.get(key)
        if outcome is None:
            outcome = self._outcomes[key] = self._draft(source, language)
        return outcome

    def draft_all(self, texts: Sequence[tuple[str, str]]) -> Generator[Outcome, None, None]:
        """The outcome of each ``(source, language)`` in order, the texts not looked up yet
        shared out among worker processes."""
        global _WORKING
        todo = list(
            dict.fromkeys((lang, src) for src, lang in texts if (lang, src) not in self._outcomes)
        )
        for language in dict.fromkeys(lang for lang, _ in todo):
            self.index(language).prepare()
        # Forking beside other threads (a remote engine's, earlier in the chain) could copy a
        # lock one of them holds: then the lookups stay in this process.
        jobs = 1 if threading.active_count() > 1 else self.jobs
        _WORKING = self
        fresh = iter_items(_looked_up, todo, jobs)
        done = 0
        try:
            for source, language in texts:
                key = (language, source)
                # ``todo`` is in the order of first appearance: a text not known yet is the next.
                while key not in self._outcomes:
                    self._outcomes[todo[done]] = next(fresh)
                    done += 1
                yield self._outcomes[key]
        finally:
            fresh.close()
            _WORKING = None

    def _draft(self, source: str, language: str) -> Outcome:
        match = self.index(language).best(source, self.threshold)
        if match is None:
            return Outcome()
        text = match.target if match.score == 100 else self._adapt(match, source, language)
        if text is None or not markup_intact(source, text):
            return Outcome(discarded=True)
        return Outcome(Draft(text, f"memory {match.score}%"))

    def _adapt(self, match: Match, source: str, language: str) -> str | None:
        mine = protect(source, terms_for(self.glossary, source, language)).parts
        theirs = protect(match.source, terms_for(self.glossary, match.source, language)).parts
        if len(mine) != len(theirs):
            return match.target
        work = match.target
        swaps: dict[str, str] = {}
        for i, (old, new) in enumerate(zip(theirs, mine, strict=True)):
            if old == new:
                continue
            at = work.find(old)
            if at < 0:
                return None
            token = f"\x00{i}\x00"
            work = work[:at] + token + work[at + len(old) :]
            swaps[token] = new
        for token, new in swaps.items():
            work = work.replace(token, new)
        return work


# The engine whose lookups worker processes run: set by draft_all, inherited through fork.
_WORKING: MemoryEngine | None = None


def _looked_up(key: tuple[str, str]) -> Outcome:
    assert _WORKING is not None
    language, source = key
    return _WORKING._draft(source, language)
